// Complaints 投诉 (issue 16 §1–3), composed here; requests.ts spreads
// `complaintsRequests` into the one map.
import { complaintRegisterRequests } from './register';
import { complaintStatsRequests } from './stats';

export * from './words';
export * from './register';
export * from './stats';

export const complaintsRequests = {
  ...complaintRegisterRequests,
  ...complaintStatsRequests,
} as const;
export type ComplaintsRequestName = keyof typeof complaintsRequests;
