// Dispatch slice "board" (issue 12): its requests, spread into dispatchRequests.
import type { RequestSpec } from '../spec';

export const boardRequests = {} as const satisfies Record<string, RequestSpec>;
export type BoardRequestName = keyof typeof boardRequests;
