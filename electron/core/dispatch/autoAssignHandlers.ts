// Dispatch slice "autoAssign" (issue 12): request name → service, typed over every
// name of autoAssignRequests.
import type { AutoAssignRequestName } from '../../../shared/contract';
import type { Handler } from '../contract/handlers';

export const autoAssignHandlers: { [N in AutoAssignRequestName]: Handler<N> } = {};
