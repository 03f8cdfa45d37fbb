// Returns 退货 (issue 13): one handler map per slice, composed here.
import type { ReturnsRequestName } from '../../../shared/contract';
import type { Handler } from '../contract/handlers';

export const returnsHandlers: { [N in ReturnsRequestName]: Handler<N> } = {};
