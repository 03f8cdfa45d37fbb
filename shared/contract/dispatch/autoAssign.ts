// Dispatch slice "autoAssign" (issue 12): its requests, spread into dispatchRequests.
import type { RequestSpec } from '../spec';

export const autoAssignRequests = {} as const satisfies Record<string, RequestSpec>;
export type AutoAssignRequestName = keyof typeof autoAssignRequests;
