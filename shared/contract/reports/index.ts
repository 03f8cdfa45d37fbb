// Reports (issue 14): the weekly stock report and the stock analysis. requests.ts
// spreads `reportsRequests` into the one map.
import type { RequestSpec } from '../spec';
import { stockAnalysisRequests } from './stockAnalysis';
import { weeklyRequests } from './weekly';

export * from './words';
export * from './weekly';
export * from './stockAnalysis';

export const reportsRequests = {
  ...weeklyRequests,
  ...stockAnalysisRequests,
} as const satisfies Record<string, RequestSpec>;
export type ReportsRequestName = keyof typeof reportsRequests;
