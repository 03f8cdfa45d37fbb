// The monthly damage analysis 残损分析报告 and return analysis 退货分析报告
// (issue 13 §Registers, printing and analyses, R11 R12 R13). requests.ts
// spreads `analysesRequests` into the one map.
//
// A month is 'YYYY-MM' of business days in the warehouse's time zone. Damage
// is analysed at cost (amount_fen of the report: qty × unit cost), returns at
// the credit to the customer (credit_fen of the return note's lines). Money in
// fen, quantities in base units, `at` fields UTC instants.
import { z } from 'zod';
import type { DisposalKind } from '../damage/words';
import type { ReturnKind, ReturnReason } from '../returns/words';
import { returnReasons } from '../returns/words';
import { id } from '../schemas';
import { spec, type RequestSpec } from '../spec';
import { customerValueRequests } from './customerValue';

export * from './customerValue';

// ---- words ---------------------------------------------------------------

/** draft: saved by its writers; submitted to the manager (then read-only). 'new' when never saved. */
export const analysisStates = ['draft', 'submitted'] as const;
export type AnalysisState = (typeof analysisStates)[number];
export const analysisKinds = ['damage', 'returns'] as const;
export type AnalysisKind = (typeof analysisKinds)[number];
/** An action plan is written per salesperson (key: the user id, or 'none') or per reason (key: the reason). */
export const planScopes = ['salesperson', 'reason'] as const;
export type PlanScope = (typeof planScopes)[number];

export const monthPattern = /^\d{4}-(0[1-9]|1[0-2])$/;
export const month = z.string().regex(monthPattern, 'month');

// ---- replies -------------------------------------------------------------

/** The warehouse an analysis is filtered to (null: the whole site). */
export type AnalysisWarehouse = { id: number; code: string; name: string };

/** Who prepared and submitted an analysis, and its note. */
export type AnalysisHeader = {
  month: string;
  /** The month's first and last business day. */
  from: string;
  to: string;
  state: AnalysisState | 'new';
  note: string;
  savedBy: string | null;
  savedAt: string | null;
  submittedBy: string | null;
  submittedAt: string | null;
};

export type DamageProductRow = {
  productId: number;
  productCode: string;
  productName: string;
  casePack: number;
  reports: number;
  qty: number;
  amountFen: number;
  /** Causes of its reports, the largest quantity first. */
  causes: string[];
  /** Disposal suggestions 处理建议: quantity per kind. */
  suggested: Partial<Record<DisposalKind, number>>;
  /** What was done: quantity disposed of (approved disposals of these reports, so far) per kind. */
  disposed: Partial<Record<DisposalKind, number>>;
  /** Not yet disposed of. */
  openQty: number;
};

export type DamageCauseRow = {
  cause: string;
  nameZh: string;
  nameEn: string;
  reports: number;
  qty: number;
  amountFen: number;
  /** Pareto: share of the month's amount, and cumulative share, largest cause first (0–100). */
  sharePct: number;
  cumulativePct: number;
};

export type TrendPoint = { month: string; count: number; qty: number; amountFen: number };

export type DisposalKindRow = { kind: DisposalKind; disposals: number; qty: number; amountFen: number };

/** Analysis figures against the ledger's movements of the same documents. */
export type Reconciliation = {
  label: 'intoDamaged' | 'disposedOut' | 'returnedIn';
  analysisQty: number;
  ledgerQty: number;
  analysisAmountFen: number;
  ledgerAmountFen: number;
  reconciled: boolean;
};

export type DamageAnalysis = AnalysisHeader & {
  timeZone: string;
  /** The warehouse filter: its bins' reports and disposal lines only. */
  warehouse: AnalysisWarehouse | null;
  total: { reports: number; qty: number; amountFen: number };
  products: DamageProductRow[];
  /** Pareto order: largest amount first. */
  causes: DamageCauseRow[];
  /** Disposals approved in the month, per kind. */
  disposals: DisposalKindRow[];
  /** The three previous months and this one, oldest first. */
  trend: TrendPoint[];
  reconciliation: Reconciliation[];
};

export type ReturnKindTotal = {
  kind: ReturnKind;
  returns: number;
  lines: number;
  qty: number;
  qtyGood: number;
  qtyDamaged: number;
  creditFen: number;
};

/** One salesperson × product × reason × kind: the analysis grid. */
export type ReturnAnalysisRow = {
  kind: ReturnKind;
  salespersonId: number | null;
  salespersonName: string;
  productId: number;
  productCode: string;
  productName: string;
  casePack: number;
  reason: ReturnReason;
  lines: number;
  qty: number;
  qtyGood: number;
  qtyDamaged: number;
  creditFen: number;
};

export type ReturnSalespersonRow = {
  salespersonId: number | null;
  salespersonName: string;
  reportQty: number;
  reportCreditFen: number;
  refusalQty: number;
  refusalCreditFen: number;
  returns: number;
};

export type ReturnReasonRow = {
  reason: ReturnReason;
  reportQty: number;
  refusalQty: number;
  creditFen: number;
  sharePct: number;
};

export type ReturnTrendPoint = {
  month: string;
  reportQty: number;
  refusalQty: number;
  reportCreditFen: number;
  refusalCreditFen: number;
};

export type ActionPlan = {
  scope: PlanScope;
  key: string;
  text: string;
  updatedBy: string;
  updatedAt: string;
};

export type ReturnAnalysis = AnalysisHeader & {
  timeZone: string;
  /** The warehouse filter: the returns whose note put their goods into it. */
  warehouse: AnalysisWarehouse | null;
  kinds: ReturnKindTotal[];
  rows: ReturnAnalysisRow[];
  salespeople: ReturnSalespersonRow[];
  reasons: ReturnReasonRow[];
  trend: ReturnTrendPoint[];
  plans: ActionPlan[];
  reconciliation: Reconciliation[];
};

// ---- requests ------------------------------------------------------------

const damageReaders = ['operator', 'warehouseKeeper', 'csManager', 'supervisor', 'admin'] as const;
const returnReaders = ['operator', 'csManager', 'supervisor', 'admin'] as const;
/** The seed: 操作员和仓管员每月递交残损分析报告给经理. */
const damageWriters = ['operator', 'warehouseKeeper', 'admin'] as const;
/** The seed: 操作员需每月递交退货分析报告. */
const returnWriters = ['operator', 'admin'] as const;
const note = z.string().trim().max(2000).default('');
const plans = z
  .array(
    z
      .object({
        scope: z.enum(planScopes),
        key: z.union([z.enum(returnReasons), z.literal('none'), z.string().regex(/^[1-9]\d{0,15}$/)]),
        text: z.string().trim().max(2000),
      })
      .strict(),
  )
  .max(500)
  .default([]);
/** The warehouse filter (a location of kind warehouse); absent: the whole site. */
const warehouseId = id.optional();
const damageInput = z.object({ month, note, warehouseId }).strict();
const returnInput = z.object({ month, note, plans, warehouseId }).strict();

export const analysesRequests = {
  /** The damage analysis of a month: per product, per cause (Pareto), disposals, trend, reconciliation. */
  'analyses.damage': spec<DamageAnalysis>()({
    input: z.object({ month, warehouseId }).strict(),
    access: damageReaders,
    write: false,
  }),
  /** Saves the note (a draft); refused once submitted. */
  'analyses.saveDamage': spec<DamageAnalysis>()({ input: damageInput, access: damageWriters, write: true }),
  /** Submits it to the manager, once. */
  'analyses.submitDamage': spec<DamageAnalysis>()({ input: damageInput, access: damageWriters, write: true }),
  /** The return analysis of a month: per salesperson, product, reason; returns and refusals apart. */
  'analyses.returns': spec<ReturnAnalysis>()({
    input: z.object({ month, warehouseId }).strict(),
    access: returnReaders,
    write: false,
  }),
  /** Saves the note and the next-step action plans 下一步行动计划 (an empty text removes a plan); audited. */
  'analyses.saveReturns': spec<ReturnAnalysis>()({ input: returnInput, access: returnWriters, write: true }),
  /** Saves and submits it to the manager, once. */
  'analyses.submitReturns': spec<ReturnAnalysis>()({ input: returnInput, access: returnWriters, write: true }),
  ...customerValueRequests,
} as const satisfies Record<string, RequestSpec>;
export type AnalysesRequestName = keyof typeof analysesRequests;
