// The dispatch board 调度看板 (issue 12): one module per slice, composed here;
// requests.ts spreads `dispatchRequests` into the one map.
import { autoAssignRequests } from './autoAssign';
import { boardRequests } from './board';
import { deliveryRequests } from './delivery';
import { loadingRequests } from './loading';

export * from './words';
export * from './board';
export * from './autoAssign';
export * from './loading';
export * from './delivery';

export const dispatchRequests = {
  ...boardRequests,
  ...autoAssignRequests,
  ...loadingRequests,
  ...deliveryRequests,
} as const;
export type DispatchRequestName = keyof typeof dispatchRequests;
