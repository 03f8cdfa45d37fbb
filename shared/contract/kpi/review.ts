// The monthly performance review 客户服务部每月业绩回顾表 (issue 14 item 4, R14
// R15): the CS manager's review of a month — its KPIs against their targets
// and the month before, the damage and return figures of the month, the
// counts and the adjustments — with the manager's commentary and actions.
// Signed off, it is kept as it was: the figures are frozen with it.
import { z } from 'zod';
import type { AdjustmentFormKind } from '../counts';
import { spec, type RequestSpec } from '../spec';
import type { KpiFigure, KpiGrade, KpiId, KpiUnit } from './index';

export const reviewStates = ['draft', 'signed'] as const;
export type ReviewState = (typeof reviewStates)[number];

export type ReviewKpiRow = {
  kpi: KpiId;
  unit: KpiUnit;
  better: 'higher' | 'lower';
  target: number | null;
  figure: KpiFigure;
  grade: KpiGrade | null;
  previous: KpiFigure;
};

/** What a review shows, frozen at sign-off. */
export type ReviewFigures = {
  from: string;
  /** The month's last day, or today while the month runs. */
  to: string;
  previousMonth: string;
  kpis: ReviewKpiRow[];
  /** The month's damage reports (the damage analysis's total). */
  damage: { reports: number; qty: number; amountFen: number };
  /** Count sessions whose counting finished in the month. */
  counts: { sessions: number; linesCounted: number; linesWithinTolerance: number; accuracyPct: number | null };
  /** Adjustment forms approved in the month, by kind. */
  adjustments: { kind: AdjustmentFormKind; forms: number; lines: number; absAmountFen: number; netAmountFen: number }[];
};

export type KpiReview = ReviewFigures & {
  month: string;
  state: ReviewState | 'new';
  commentary: string;
  actions: string;
  savedBy: string | null;
  savedAt: string | null;
  signedBy: string | null;
  signedAt: string | null;
};

const reviewMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month');
const text = z.string().trim().max(4000).default('');
const reviewInput = z.object({ month: reviewMonth, commentary: text, actions: text }).strict();

export const reviewRequests = {
  /** A month's review: as signed once signed, else computed now. */
  'kpi.review': spec<KpiReview>()({
    input: z.object({ month: reviewMonth }).strict(),
    access: ['csManager', 'supervisor'],
    write: false,
  }),
  /** The manager saves the commentary and actions (a draft); audited. */
  'kpi.saveReview': spec<KpiReview>()({ input: reviewInput, access: ['csManager'], write: true }),
  /** The manager signs it off once the month is over: the figures are frozen with it; audited. */
  'kpi.signReview': spec<KpiReview>()({ input: reviewInput, access: ['csManager'], write: true }),
} as const satisfies Record<string, RequestSpec>;
