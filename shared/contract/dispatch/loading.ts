// Dispatch slice "loading" (issue 12): its requests, spread into dispatchRequests.
import type { RequestSpec } from '../spec';

export const loadingRequests = {} as const satisfies Record<string, RequestSpec>;
export type LoadingRequestName = keyof typeof loadingRequests;
