// Customer value analysis 客户价值分析 (issue 17 §4): per customer over a
// period, recency, frequency and money (RFM) from delivered orders, returns
// and refusals netted; customers ranked by money and classed A/B/C by the
// 80/20 rule, scored 1–5 per dimension into a named RFM segment; the share of
// value each class carries; movements between classes from the previous
// period of equal length. Money in integer fen, dates business days in the
// warehouse's time zone.
//
// The definitions (electron/core/analyses/customerValue.ts computes them in
// SQL, one grouped pass per period):
// - delivered order: an outcome 'signed' or 'partlyRefused' whose delivered
//   day is in the period; frequency = their count; recency = days from the
//   last one to `to` (null when none in the period).
// - money = the delivered orders' amount − what was refused at the door on
//   them (refused_lines) − the credit of return notes (return reports, kind
//   'report') issued in the period. Whole refusals deliver nothing: they add
//   no money. Money may be zero or negative (returns larger than deliveries).
// - A/B/C, the 80/20 rule: customers by money, largest first; the total is
//   the sum of the positive money. A customer is A while the cumulative share
//   BEFORE it is below aSharePct (80 %: the customers carrying the first 80 %,
//   the one crossing the line included), B while below bSharePct (95 %: the
//   next 15 %), else C. Customers of equal money take the class of the first
//   of them (ties never split). Zero or negative money is always C.
// - RFM scores 1–5 (quintiles by mid-rank) among the customers with a
//   delivery: score = 1 + floor(5 × (worse + (equal − 1) / 2) / n), worse =
//   customers with an older last delivery (R), fewer orders (F), less money
//   (M), equal = customers with the same value (itself included), n = the
//   customers scored; ties share a score (all equal: 3). Customers without a
//   delivery score 0 and are 'inactive'.
// - Segments: each dimension high when its score ≥ 3, then the usual eight:
//   R F M high → importantValue 重要价值; r F M → importantRetain 重要保持;
//   R f M → importantDevelop 重要发展; r f M → importantWinBack 重要挽留;
//   R F m → generalValue 一般价值; r F m → generalRetain 一般保持;
//   R f m → generalDevelop 一般发展; r f m → generalWinBack 一般挽留.
// - Movement: a customer is in a period when it had a delivered order, a
//   refusal or a return note in it. new: in this period only; lost: in the
//   previous one only; else up / down / same by class (A above B above C).
import { z } from 'zod';
import { businessDate } from '../orders';
import { spec, type RequestSpec } from '../spec';

export const valueClasses = ['A', 'B', 'C'] as const;
export type ValueClass = (typeof valueClasses)[number];
export const rfmSegments = [
  'importantValue',
  'importantRetain',
  'importantDevelop',
  'importantWinBack',
  'generalValue',
  'generalRetain',
  'generalDevelop',
  'generalWinBack',
  'inactive',
] as const;
export type RfmSegment = (typeof rfmSegments)[number];
export const classMovements = ['new', 'lost', 'up', 'down', 'same'] as const;
export type ClassMovement = (typeof classMovements)[number];

/** The longest period analysed: two years. */
export const customerValueMaxDays = 731;

export type CustomerValueRow = {
  /** 1 = the most money; lost customers (not in this period) have no rank. */
  rank: number | null;
  customerId: number;
  customerCode: string;
  customerName: string;
  area: string;
  salespersonId: number | null;
  salespersonName: string;
  /** Days from the last delivery to `to`; null when none in the period. */
  recencyDays: number | null;
  lastDelivered: string | null;
  /** Delivered orders. */
  frequency: number;
  /** Net money in fen: delivered − refused − returned. */
  moneyFen: number;
  deliveredFen: number;
  refusedFen: number;
  returnedFen: number;
  /** Orders refused at the door, whole or in part. */
  refusals: number;
  /** Cumulative share of the positive value up to and including this customer (0–100). */
  cumulativePct: number;
  /** null when not in this period (lost). */
  valueClass: ValueClass | null;
  r: number;
  f: number;
  m: number;
  segment: RfmSegment | null;
  previousClass: ValueClass | null;
  movement: ClassMovement;
};

export type ValueClassSummary = {
  valueClass: ValueClass;
  customers: number;
  moneyFen: number;
  /** Share of the positive value (0–100). */
  sharePct: number;
  previousCustomers: number;
};

export type CustomerValueAnalysis = {
  from: string;
  to: string;
  compareFrom: string;
  compareTo: string;
  aSharePct: number;
  bSharePct: number;
  timeZone: string;
  /** Customers in the period (a delivery, refusal or return). */
  customers: number;
  /** Sum of the positive money: what the shares are of. */
  totalFen: number;
  classes: ValueClassSummary[];
  segments: { segment: RfmSegment; customers: number; moneyFen: number }[];
  /** from → to class counts (null: not in that period). */
  movements: { from: ValueClass | null; to: ValueClass | null; customers: number }[];
  /** Ranked customers of the period first, then the lost ones. */
  rows: CustomerValueRow[];
};

const readers = ['operator', 'csManager', 'supervisor', 'admin'] as const;
const pct = z.number().int().min(1).max(99);

export const customerValueRequests = {
  /**
   * The customer value analysis of [from, to], compared with [compareFrom,
   * compareTo] (default: the period of equal length just before). Refused
   * when to is before from, the period is longer than two years or has not begun.
   */
  'analyses.customerValue': spec<CustomerValueAnalysis>()({
    input: z
      .object({
        from: businessDate,
        to: businessDate,
        compareFrom: businessDate.optional(),
        compareTo: businessDate.optional(),
        aSharePct: pct.default(80),
        bSharePct: pct.default(95),
      })
      .strict(),
    access: readers,
    write: false,
  }),
} as const satisfies Record<string, RequestSpec>;
