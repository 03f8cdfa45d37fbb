// The KPI tracker 客户服务部重要衡量指标跟踪表 and the dashboard 看板 (issue 14
// items 3 and 7, R14). requests.ts spreads `kpiRequests` into the one map.
//
// A month's columns are its weeks 第一周 … 第四周 (第五周 where it has one) and
// the month. A week is Monday–Sunday in the warehouse's time zone, the same
// weeks as the weekly stock report (ISO weeks, '2026-W48'); a week belongs to
// the month that holds its Thursday, so every week is in exactly one month and
// a month has four or five. The month column is the calendar month. Ranges
// are clipped to today: a figure is never computed over days still to come.
import { z } from 'zod';
import { spec, type RequestSpec } from '../spec';
import { reviewRequests } from './review';
import { scorecardRequests } from './scorecard';

export * from './review';
export * from './scorecard';

// ---- words ---------------------------------------------------------------

/** The rows of the tracker, in DOMAIN.md's order (R14, R7, R9). */
export const kpiIds = [
  'inventoryAccuracy',
  'serviceLevel',
  'daysOfInventory',
  'manualAdjustmentRate',
  'qualifiedOrderRate',
  'returns',
  'refusals',
  'lateReceipts',
  'lateDispatchReports',
  'complaintsReceived',
  'complaintsValid',
  'complaintsResolvedOnTime',
  'complaintResolutionDays',
  'customerSatisfaction',
] as const;
export type KpiId = (typeof kpiIds)[number];

/** pct: a percentage 0–100; days: days of stock; count: a number of records. */
export type KpiUnit = 'pct' | 'days' | 'count';
export const kpiUnits: Record<KpiId, KpiUnit> = {
  inventoryAccuracy: 'pct',
  serviceLevel: 'pct',
  daysOfInventory: 'days',
  manualAdjustmentRate: 'pct',
  qualifiedOrderRate: 'pct',
  returns: 'count',
  refusals: 'count',
  lateReceipts: 'count',
  lateDispatchReports: 'count',
  complaintsReceived: 'count',
  complaintsValid: 'count',
  complaintsResolvedOnTime: 'pct',
  complaintResolutionDays: 'days',
  customerSatisfaction: 'pct',
};
/** Which way is better: a target of 98 % accuracy is met at 98 or above, a target of 3 late receipts at 3 or below. */
export const kpiBetter: Record<KpiId, 'higher' | 'lower'> = {
  inventoryAccuracy: 'higher',
  serviceLevel: 'higher',
  daysOfInventory: 'lower',
  manualAdjustmentRate: 'lower',
  qualifiedOrderRate: 'higher',
  returns: 'lower',
  refusals: 'lower',
  lateReceipts: 'lower',
  lateDispatchReports: 'lower',
  complaintsReceived: 'lower',
  complaintsValid: 'lower',
  complaintsResolvedOnTime: 'higher',
  complaintResolutionDays: 'lower',
  customerSatisfaction: 'higher',
};
/** Against its target a figure is met, near (missed by at most the KPI's margin) or missed. */
export const kpiGrades = ['met', 'near', 'missed'] as const;
export type KpiGrade = (typeof kpiGrades)[number];

export const kpiMonthPattern = /^\d{4}-(0[1-9]|1[0-2])$/;
const kpiMonth = z.string().regex(kpiMonthPattern, 'month');
const kpiDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date');

// ---- replies -------------------------------------------------------------

/**
 * A figure: `value` in the KPI's unit (null: nothing to measure, e.g. no order
 * due); the rates carry their numerator and denominator so a reader can check
 * them; returns and refusals carry their quantity and credit amount too.
 */
export type KpiFigure = {
  value: number | null;
  num: number | null;
  den: number | null;
  qty?: number;
  amountFen?: number;
};

export type KpiPeriod = {
  /** 'w1' … 'w5', or 'month'. */
  key: string;
  /** The ISO week ('2026-W48') of a week column. */
  isoWeek: string | null;
  from: string;
  /** Clipped to today (a future period keeps its last day). */
  to: string;
  /** Starts after today: no figures. */
  future: boolean;
};

export type KpiCell = { figure: KpiFigure | null; grade: KpiGrade | null };

export type KpiRow = {
  kpi: KpiId;
  unit: KpiUnit;
  better: 'higher' | 'lower';
  target: number | null;
  /** One per period, in the periods' order. */
  cells: KpiCell[];
};

export type KpiTracker = {
  month: string;
  timeZone: string;
  today: string;
  periods: KpiPeriod[];
  rows: KpiRow[];
};

export type KpiTarget = { kpi: KpiId; target: number | null; setBy: string | null; setAt: string | null };

export type KpiDrillCell = string | number | boolean | null;
/** How the renderer shows a drill column: its label is kpi:drill.col.<key>. */
export type KpiDrillKind = 'text' | 'number' | 'qty' | 'money' | 'date' | 'instant' | 'flag' | 'minutes';

/** The records behind one figure: the count lines, the orders, the late receipts … */
export type KpiDrill = {
  kpi: KpiId;
  from: string;
  to: string;
  figure: KpiFigure;
  columns: { key: string; kind: KpiDrillKind }[];
  rows: Record<string, KpiDrillCell>[];
  /** Records behind the figure; `rows` holds the first `drillRowLimit` (the ones that count against it first). */
  total: number;
  truncated: boolean;
};
export const drillRowLimit = 5000;

export type KpiTrendPoint = { isoWeek: string; from: string; value: number | null };

export type DashboardKpi = {
  kpi: KpiId;
  unit: KpiUnit;
  better: 'higher' | 'lower';
  target: number | null;
  figure: KpiFigure;
  grade: KpiGrade | null;
  /** The last eight weeks, this one last. */
  trend: KpiTrendPoint[];
};

export type Dashboard = {
  today: string;
  timeZone: string;
  week: { isoWeek: string; from: string; to: string };
  kpis: DashboardKpi[];
  /** Count sessions not yet closed or cancelled. */
  counts: { sessionId: number; number: string; state: string }[];
  approvals: { damage: number; returns: number; adjustments: number; disposals: number };
  /** Today's orders by state (order_date today). */
  orders: { date: string; total: number; byState: Record<string, number> };
  /** Today's dispatch against the cut-off (R9). */
  dispatch: {
    date: string;
    cutoffAt: string;
    trips: number;
    tripsDeparted: number;
    orders: number;
    ordersLoaded: number;
    reportState: string | null;
    reportLate: boolean | null;
  };
};

// ---- requests ------------------------------------------------------------

/** DOMAIN: the supervisor and the operator keep the KPIs, the CS manager reviews them. */
export const kpiReaders = ['supervisor', 'csManager', 'operator'] as const;
/** Targets are the CS manager's. */
export const kpiTargetWriters = ['csManager'] as const;

export const kpiRequests = {
  /** The tracker of a month: each KPI per week and for the month, against its target. */
  'kpi.tracker': spec<KpiTracker>()({
    input: z.object({ month: kpiMonth }).strict(),
    access: kpiReaders,
    write: false,
  }),
  /** The records behind one figure (a cell of the tracker). */
  'kpi.drill': spec<KpiDrill>()({
    input: z.object({ kpi: z.enum(kpiIds), from: kpiDate, to: kpiDate }).strict(),
    access: kpiReaders,
    write: false,
  }),
  'kpi.targets': spec<KpiTarget[]>()({ input: z.object({}).strict(), access: kpiReaders, write: false }),
  /** Sets (or with null clears) a KPI's target, kept to two decimals; audited. */
  'kpi.setTarget': spec<KpiTarget[]>()({
    input: z.object({ kpi: z.enum(kpiIds), target: z.number().min(0).max(1_000_000).nullable() }).strict(),
    access: kpiTargetWriters,
    write: true,
  }),
  /** The supervisor's and the manager's landing page. */
  'kpi.dashboard': spec<Dashboard>()({ input: z.object({}).strict(), access: kpiReaders, write: false }),
  ...reviewRequests,
  ...scorecardRequests,
} as const satisfies Record<string, RequestSpec>;
export type KpiRequestName = keyof typeof kpiRequests;
