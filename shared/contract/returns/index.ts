// Returns 退货 (issue 13): one module per slice, composed here; requests.ts
// spreads `returnsRequests` into the one map.
import { chainRequests } from './chain';
import { reportRequests } from './report';

export * from './words';
export * from './chain';
export * from './report';

export const returnsRequests = {
  ...chainRequests,
  ...reportRequests,
} as const;
export type ReturnsRequestName = keyof typeof returnsRequests;
