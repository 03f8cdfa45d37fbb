// Returns 退货 (issue 13): one module per slice, composed here; requests.ts
// spreads `returnsRequests` into the one map.
import { chainRequests } from './chain';

export * from './words';
export * from './chain';

export const returnsRequests = {
  ...chainRequests,
} as const;
export type ReturnsRequestName = keyof typeof returnsRequests;
