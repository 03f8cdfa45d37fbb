// The monthly damage analysis 残损分析报告 and return analysis 退货分析报告
// (issue 13 §Registers, printing and analyses). Filled by the ANALYSES engineer;
// requests.ts spreads `analysesRequests` into the one map.
import type { RequestSpec } from '../spec';

export const analysesRequests = {} as const satisfies Record<string, RequestSpec>;
export type AnalysesRequestName = keyof typeof analysesRequests;
