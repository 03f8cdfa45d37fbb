// The reports `cangwu report <kind>` writes (names only: the grammar reads
// them before anything opens). A report added to the command line adds its
// name here and its definition in report.ts (the KPI tracker: 'kpi'). 'edr'
// writes the principal's weekly files into a folder (--out DIR), not one file.
export const reportKindNames = ['weekly', 'kpi', 'stock-analysis', 'edr', 'scorecard'] as const;
export type ReportKindName = (typeof reportKindNames)[number];
