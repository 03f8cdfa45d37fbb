// Dispatch slice "board" (issue 12): request name → service, typed over every
// name of boardRequests.
import type { BoardRequestName } from '../../../shared/contract';
import type { Handler } from '../contract/handlers';

export const boardHandlers: { [N in BoardRequestName]: Handler<N> } = {};
