// Dispatch slice "loading" (issue 12): request name → service, typed over every
// name of loadingRequests.
import type { LoadingRequestName } from '../../../shared/contract';
import type { Handler } from '../contract/handlers';

export const loadingHandlers: { [N in LoadingRequestName]: Handler<N> } = {};
