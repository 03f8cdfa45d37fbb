// Dispatch slice "delivery" (issue 12): its requests, spread into dispatchRequests.
import type { RequestSpec } from '../spec';

export const deliveryRequests = {} as const satisfies Record<string, RequestSpec>;
export type DeliveryRequestName = keyof typeof deliveryRequests;
