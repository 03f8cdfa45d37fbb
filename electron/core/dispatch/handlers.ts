// The dispatch board's handlers (issue 12): one map per slice, composed here.
import type { DispatchRequestName } from '../../../shared/contract';
import type { Handler } from '../contract/handlers';
import { autoAssignHandlers } from './autoAssignHandlers';
import { boardHandlers } from './boardHandlers';
import { deliveryHandlers } from './deliveryHandlers';
import { loadingHandlers } from './loadingHandlers';

export const dispatchHandlers: { [N in DispatchRequestName]: Handler<N> } = {
  ...boardHandlers,
  ...autoAssignHandlers,
  ...loadingHandlers,
  ...deliveryHandlers,
};
