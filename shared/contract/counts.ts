// Stock count 盘点 (issue 5, R10): the count session, its lines and counts,
// the reconciliation, and the adjustment form 库存调整表 — three records, kept
// apart so the count stays evidence whatever the form becomes.
//
// Blindness: the fields marked "book" below (snapshot, movements since, book,
// variance) are left out of every reply to a counter while a blind session is
// being counted, not sent as null. A reply that lacks the key cannot leak it.
import type { StockStatus } from '../domain';

/** planned → counting → reconciling ⇄ recounting → confirmed → closed; cancelled from before confirmation. */
export const countSessionStates = [
  'planned',
  'counting',
  'recounting',
  'reconciling',
  'confirmed',
  'closed',
  'cancelled',
] as const;
export type CountSessionState = (typeof countSessionStates)[number];

/** Which locations a session covers: a whole warehouse, some zones, or some bins. */
export const countAreas = ['warehouse', 'zones', 'bins'] as const;
export type CountArea = (typeof countAreas)[number];

/** Why a variance happened, chosen during reconciliation (R10 "find why records were wrong"). */
export const countCauses = [
  'miscount',
  'unrecordedReceipt',
  'unrecordedDispatch',
  'unrecordedDamage',
  'wrongProduct',
  'oldNewCodeMixup', // R13
  'unitCaseMixup',
  'theftOrLoss',
] as const;
export type CountCause = (typeof countCauses)[number];

export const countLineStatuses = ['matched', 'withinTolerance', 'outOfTolerance', 'notCounted', 'recount'] as const;
export type CountLineStatus = (typeof countLineStatuses)[number];

export const adjustmentFormStates = ['draft', 'submitted', 'approved', 'rejected'] as const;
export type AdjustmentFormState = (typeof adjustmentFormStates)[number];
export const adjustmentFormKinds = ['count', 'manual'] as const;
export type AdjustmentFormKind = (typeof adjustmentFormKinds)[number];

/** The plan's scope. Filters combine: a line is in scope when it passes all that are given. */
export type CountScope = {
  area: CountArea;
  /** The warehouses, zones or bins chosen; for 'warehouse' an empty list means every warehouse. */
  locationIds: number[];
  categories?: string[];
  productIds?: number[];
  statuses?: StockStatus[];
  /** Cycle count: only products not counted in the last N days (or never). */
  notCountedForDays?: number;
  /** Cycle count by ABC class of the products' issue value, classified when the count starts (counts/abc.ts). */
  abcClasses?: AbcClass[];
  /** High value first: of the lines the other filters give, only the N of largest book amount (qty × unit cost). */
  topValueLines?: number;
};

/** ABC class 分类: A the few products that carry most of the value issued, C the many that carry little. */
export const abcClasses = ['A', 'B', 'C'] as const;
export type AbcClass = (typeof abcClasses)[number];

/**
 * How products are classed (electron/core/counts/abc.ts), here so the plan form states it.
 * 90 days: long enough that a weekly or monthly ordering rhythm and one odd
 * week do not move a product between classes, short enough that a product that
 * stopped selling a season ago falls to C. The cuts are the usual Pareto ones:
 * A the products making the first 80 % of the value issued, B the next 15 %,
 * C the last 5 % and every product that did not move.
 */
export const abcWindowDays = 90;
export const abcCutsPct = { A: 80, B: 95 } as const;

/** What a scope would give if the count started now (before a plan is saved, or for a planned session). */
export type CountScopePreview = { lines: number; bins: number; products: number };

/** What an ABC selection chose at the snapshot: the issue-value window read and the products per chosen class. */
export type CountSelection = { windowFrom: string; windowTo: string; products: Partial<Record<AbcClass, number>> };

/** A warehouse keeper a count may be given to. */
export type CountKeeper = { userId: number; username: string; displayName: string };

export type CountCounterView = { userId: number; userName: string; zoneId: number | null; zoneCode: string | null };

export type CountConfirmation = { userId: number; userName: string; at: string } | null;

export type CountSessionRow = {
  id: number;
  number: string;
  state: CountSessionState;
  blind: boolean;
  /** Postings touching a bin of this count are refused while it is counted (count/recount). */
  lockBins: boolean;
  scope: CountScope;
  createdAt: string;
  createdBy: string;
  startedAt: string | null;
  countingFinishedAt: string | null;
  closedAt: string | null;
  counters: CountCounterView[];
  lineCount: number;
  countedLineCount: number;
  /** The live form (draft, submitted or approved), if any. */
  formId: number | null;
  formNumber: string | null;
  formState: AdjustmentFormState | null;
};

export type CountHistoryEntry = { at: string; userName: string; action: string };

export type CountSessionView = CountSessionRow & {
  toleranceUnits: number | null;
  toleranceFen: number | null;
  note: string;
  startedBy: string | null;
  operatorConfirmation: CountConfirmation;
  keeperConfirmation: CountConfirmation;
  cancelledReason: string | null;
  /** False while this caller may not see book quantities (blind count in progress). */
  bookVisible: boolean;
  /** Every state change, from the audit log. */
  history: CountHistoryEntry[];
  /** Forms generated from this session (rejected ones too); empty while the book is hidden. */
  forms: AdjustmentFormRow[];
  /** Book figures, once counting has finished; absent before, and while the book is hidden. */
  totals?: ReconcileTotals;
  /** The ABC selection recorded at the snapshot; null before the start or without a class filter. */
  selection: CountSelection | null;
  /** The keepers given lines to recount (a recount is blind again, by another keeper), by name. */
  recountKeepers: string[];
};

/** A line of the counting sheet: what a counter sees. Never a book quantity when blind. */
export type CountSheetLine = {
  lineId: number;
  productId: number;
  productCode: string;
  productNameZh: string;
  productNameEn: string;
  unit: string;
  casePack: number;
  unitBarcode: string | null;
  caseBarcode: string | null;
  /** R13: an old code is counted as itself, never as its successor. */
  replacedByCode: string | null;
  locationId: number;
  locationCode: string;
  status: StockStatus;
  /** False for a product found where the book did not expect it (flagged for the reconciliation). */
  expected: boolean;
  round: number;
  /** The caller may count this line now (a recount line is open only to its recount keeper). */
  open: boolean;
  /** The caller's own count in the current round; null when the caller has not counted it. */
  myQty: number | null;
  /** Someone has counted this line in the current round ("not counted" is never zero). */
  counted: boolean;
  /** Book: the snapshot quantity, only when the book is visible to the caller. */
  snapshotQty?: number;
};

/**
 * fromPlan: the session is only planned, so there is no snapshot yet — the lines
 * are what its scope gives now (lineId −1, −2 …: no line exists until the start),
 * never with a book quantity when blind.
 */
export type CountSheet = { session: CountSessionView; lines: CountSheetLine[]; fromPlan: boolean };

export type CounterCount = { userId: number; userName: string; round: number; qty: number; at: string };

/** A product of the reconciliation, sent once however many of its bins the count covers. */
export type ReconcileProduct = {
  id: number;
  code: string;
  nameZh: string;
  nameEn: string;
  unit: string;
  category: string;
  unitCostFen: number;
  replacedByCode: string | null;
};

/**
 * A line of the reconciliation as sent: its product by id (in `products`), and
 * none of the figures the renderer derives — book = snapshotQty + movementsSince,
 * variance amount = varianceQty × the product's unit cost.
 */
export type ReconcileLine = {
  lineId: number;
  productId: number;
  locationId: number;
  locationCode: string;
  status: StockStatus;
  expected: boolean;
  round: number;
  recountBy: string | null;
  snapshotQty: number;
  /** Σ movements for this product, bin and status posted after the snapshot and before the line was counted. */
  movementsSince: number;
  /** Per counter, current round first; earlier rounds kept as evidence. Absent while nobody has counted the line. */
  counts?: CounterCount[];
  countedQty: number | null;
  varianceQty: number | null;
  lineStatus: CountLineStatus;
  cause: CountCause | null;
  causeNote: string;
};

/** Lines in walking order (bin, product code, status) with their products. */
export type ReconcileLines = { products: ReconcileProduct[]; lines: ReconcileLine[] };

export type ReconcileTotals = {
  lines: number;
  counted: number;
  matched: number;
  withinTolerance: number;
  outOfTolerance: number;
  notCounted: number;
  recount: number;
  /** Net variance over counted lines. */
  varianceQty: number;
  varianceAmountFen: number;
  /** Σ |variance amount|: what the adjustment moves either way. */
  absVarianceAmountFen: number;
  /** R14 record accuracy of the counted lines (the same figure counts.measures reports for the session). */
  accuracy: CountAccuracy;
};

export type ReconcileView = ReconcileLines & { session: CountSessionView; totals: ReconcileTotals };

/**
 * What an edit of the reconciliation changed (a cause, a recount request): only
 * those lines with their products, the new totals, and the session (its state
 * and confirmations). A 20,000-line count answers an edit in a few kilobytes;
 * the grid applies the lines by line id.
 */
export type ReconcileChange = ReconcileLines & { session: CountSessionView; totals: ReconcileTotals };

export type AdjustmentLineView = {
  lineNo: number;
  countLineId: number | null;
  productId: number;
  productCode: string;
  productNameZh: string;
  productNameEn: string;
  unit: string;
  status: StockStatus;
  locationId: number;
  locationCode: string;
  qty: number;
  unitCostFen: number;
  amountFen: number;
  cause: CountCause;
  note: string;
};

export type AdjustmentFormRow = {
  id: number;
  number: string;
  kind: AdjustmentFormKind;
  sessionId: number | null;
  sessionNumber: string | null;
  state: AdjustmentFormState;
  note: string;
  createdBy: string;
  createdAt: string;
  submittedBy: string | null;
  submittedAt: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  comment: string | null;
  documentId: number | null;
  documentNo: string | null;
  lineCount: number;
  totalQty: number;
  totalAmountFen: number;
};

export type AdjustmentFormView = AdjustmentFormRow & { lines: AdjustmentLineView[] };

export type ProductCountRow = {
  sessionId: number;
  sessionNumber: string;
  sessionState: CountSessionState;
  countedAt: string;
  locationId: number;
  locationCode: string;
  status: StockStatus;
  countedQty: number;
  /** Absent while the book of that session is hidden from the caller. */
  varianceQty?: number;
};

/** R14 measures, raw numerators and denominators so a report sums weeks exactly. */
export type CountAccuracy = {
  linesCounted: number;
  linesWithinTolerance: number;
  /** Book amount (fen) of the counted lines, and of those within tolerance. */
  amountCountedFen: number;
  amountWithinToleranceFen: number;
  /** Rounded to 0.01 %; null with nothing counted. */
  accuracyPct: number | null;
  accuracyByAmountPct: number | null;
};

export type CountMeasures = {
  sessions: ({ sessionId: number; number: string; countingFinishedAt: string } & CountAccuracy)[];
  weeks: {
    /** Monday of the week, YYYY-MM-DD, in the warehouse's time zone. */
    weekStart: string;
    accuracy: CountAccuracy;
    /** Approved adjustment forms posted that week, by kind. */
    adjustments: {
      kind: AdjustmentFormKind;
      forms: number;
      lines: number;
      absAmountFen: number;
      netAmountFen: number;
    }[];
  }[];
};
