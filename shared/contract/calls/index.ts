// Follow-up calls 回访 and the customer's page (issue 16 §4–5), composed here;
// requests.ts spreads `callsRequests` into the one map.
import { customerRequests } from './customer';
import { callPlanRequests } from './plans';

export * from './words';
export * from './plans';
export * from './customer';

export const callsRequests = {
  ...callPlanRequests,
  ...customerRequests,
} as const;
export type CallsRequestName = keyof typeof callsRequests;
