// The stock analysis report 库存分析报表 (issue 14 item 2): slow movers, stock
// without movement for N weeks, damaged and gift stock by age, the top products
// by days of inventory and old-code stock still on hand — all as of one
// business day, from the period figures (never a scan of the ledger). Every
// consumer (page, print, CSV, XLSX, CLI) shows this reply's figures as they are.
//
// Quantities in base units, amounts in fen (the ledger's value of the stock:
// Σ qty × the unit cost recorded on each movement). Dates are business days in
// the warehouse's zone.
import { z } from 'zod';
import type { StockStatus } from '../../domain';
import { businessDate } from '../orders';
import { id } from '../schemas';
import { spec, type RequestSpec } from '../spec';
import type { QtyAmount } from './weekly';

/** The age buckets of damaged and gift stock, in days since it entered that status. */
export const ageBuckets = ['d0_30', 'd31_60', 'd61_90', 'over90'] as const;
export type AgeBucket = (typeof ageBuckets)[number];
/** The last day (inclusive) of each bucket but the last. */
export const ageBucketLimits = [30, 60, 90] as const;

export const stockAnalysisDefaults = { weeks: 8, slowDays: 90, top: 20 } as const;

export type StockAnalysisProduct = {
  productId: number;
  productCode: string;
  productName: string;
  productNameEn: string;
  spec: string;
  unit: string;
  casePack: number;
  category: string;
};

export type SlowMover = StockAnalysisProduct & {
  /** Good stock on hand at the end of the day. */
  onHand: QtyAmount;
  /** Issued (dispatch and gift issues, net of reversals) in the N weeks ending the day. */
  issuedWeeks: QtyAmount;
  /** Issued in the 28 days ending the day: R14's window. */
  issued28: QtyAmount;
  /** R14 (the one function the weekly report and the KPIs use); null when nothing was issued in 28 days. */
  daysOfInventory: number | null;
};

export type IdleStock = StockAnalysisProduct & {
  status: StockStatus;
  onHand: QtyAmount;
  /** The last business day any movement touched this product × status; null when before the figures begin. */
  lastMovement: string | null;
  /** Whole days from the last movement to the as-of day. */
  idleDays: number | null;
};

export type AgedStock = StockAnalysisProduct & {
  status: 'damaged' | 'gift';
  onHand: QtyAmount;
  buckets: Record<AgeBucket, QtyAmount>;
};

export type OldCodeStock = StockAnalysisProduct & {
  status: StockStatus;
  onHand: QtyAmount;
  successorId: number;
  successorCode: string;
  successorName: string;
  /** The successor's good stock, so the old code can be issued first. */
  successorOnHand: QtyAmount;
};

export type StockAnalysis = {
  date: string;
  weeks: number;
  slowDays: number;
  top: number;
  /** No movement since this day (exclusive) counts as idle: date − 7 × weeks. */
  idleSince: string;
  timeZone: string;
  warehouse: { id: number; code: string; name: string } | null;
  generatedAt: string;
  /** Good stock with days of inventory above slowDays or nothing issued in 28 days; by value, largest first. */
  slowMovers: SlowMover[];
  /** Stock of any status untouched for N weeks; by value, largest first. */
  idle: IdleStock[];
  /** Damaged and gift stock by age; by product code, then status. */
  aged: AgedStock[];
  /** Good stock by days of inventory, highest first, the first `top`. */
  topDays: SlowMover[];
  /** Old codes 旧代码 with stock; by product code, then status. */
  oldCodes: OldCodeStock[];
  totals: {
    slowMovers: QtyAmount;
    idle: QtyAmount;
    aged: Record<AgeBucket, QtyAmount> & { onHand: QtyAmount };
    oldCodes: QtyAmount;
  };
};

export const stockAnalysisInput = z
  .object({
    /** The as-of business day; today in the warehouse's zone when left out. */
    date: businessDate.optional(),
    warehouseId: id.optional(),
    weeks: z.number().int().min(1).max(104).optional(),
    slowDays: z.number().int().min(1).max(3650).optional(),
    top: z.number().int().min(1).max(500).optional(),
  })
  .strict();
export type StockAnalysisInput = z.infer<typeof stockAnalysisInput>;

const readers = ['operator', 'supervisor', 'csManager'] as const;

export const stockAnalysisRequests = {
  /** The stock analysis as of a day, from the period figures and the live balances (never the ledger). */
  'reports.stockAnalysis': spec<StockAnalysis>()({ input: stockAnalysisInput, access: readers, write: false }),
} as const satisfies Record<string, RequestSpec>;
