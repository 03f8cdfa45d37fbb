// The weekly stock report 周库存报表 (issue 14 item 1, R15): per product × status,
// opening, the movements of the period by column, closing — qty and amount —
// and days of inventory 库存天数, grouped by category with subtotals and grand
// totals. Every consumer (page, print, CSV, XLSX, CLI, KPI) shows this reply's
// figures as they are; none adds anything up again.
//
// Quantities in base units, amounts in fen (Σ qty × the unit cost the ledger
// recorded for each movement, so opening + Σ movements = closing holds for
// amounts too). Dates 'YYYY-MM-DD' are business days in the warehouse's zone.
import { z } from 'zod';
import type { StockStatus } from '../../domain';
import { businessDate } from '../orders';
import { id } from '../schemas';
import { spec, type RequestSpec } from '../spec';
import { isoWeekPattern, type WeeklyColumn } from './words';

export type QtyAmount = { qty: number; amountFen: number };
export type WeeklyFigures = Record<WeeklyColumn, QtyAmount>;

export type WeeklyReportRow = {
  productId: number;
  productCode: string;
  productName: string;
  productNameEn: string;
  spec: string;
  unit: string;
  casePack: number;
  category: string;
  status: StockStatus;
  /** R13: an old code 旧代码 is its own line, linked to its successor. */
  oldCode: boolean;
  successorId: number | null;
  successorCode: string | null;
  figures: WeeklyFigures;
  /** Issued (dispatch and gift issues, net of reversals) in the 28 days ending `to`. */
  issued28: QtyAmount;
  /** R14: closing amount ÷ (issued28 amount ÷ 28); null when nothing was issued. One decimal. */
  daysOfInventory: number | null;
};

export type WeeklySubtotal = {
  /** The product category; '' for products without one. */
  category: string;
  lines: number;
  figures: WeeklyFigures;
  issued28: QtyAmount;
  daysOfInventory: number | null;
};

export type WeeklyTotals = Omit<WeeklySubtotal, 'category'>;

export type WeeklyReport = {
  /** 'YYYY-Www' when asked by week, else null. */
  week: string | null;
  from: string;
  to: string;
  /** The window of days of inventory: the 28 days ending `to`. */
  issueWindowFrom: string;
  /** False while `to` is today or later: the closing is then the live balance. */
  complete: boolean;
  timeZone: string;
  warehouse: { id: number; code: string; name: string } | null;
  generatedAt: string;
  /** Sorted by category, product code, status (good, damaged, gift). Lines all zero are left out. */
  rows: WeeklyReportRow[];
  /** One per category, in the rows' order. */
  subtotals: WeeklySubtotal[];
  totals: WeeklyTotals;
};

export const isoWeek = z.string().regex(isoWeekPattern, 'week');

/** A week, or a from/to range (both days included); optionally one warehouse. */
export const reportPeriod = z
  .object({
    week: isoWeek.optional(),
    from: businessDate.optional(),
    to: businessDate.optional(),
    warehouseId: id.optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    const byWeek = v.week !== undefined;
    const byRange = v.from !== undefined || v.to !== undefined;
    if (byWeek === byRange || (byRange && (v.from === undefined || v.to === undefined)))
      ctx.addIssue({ code: 'custom', path: ['week'], message: 'week or from and to' });
  });

const readers = ['supervisor', 'operator', 'csManager'] as const;

export const weeklyRequests = {
  /** The weekly stock report of a week or range, from the period figures (never the ledger). */
  'reports.weekly': spec<WeeklyReport>()({ input: reportPeriod, access: readers, write: false }),
} as const satisfies Record<string, RequestSpec>;
