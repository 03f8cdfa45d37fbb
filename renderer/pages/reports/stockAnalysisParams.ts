// The stock analysis's day, parameters and warehouse in the address
// (#/stockAnalysis?date=2026-12-04&weeks=8&slowDays=90&top=20&warehouse=1), shared
// by the page and its print view. Left out: today, the defaults.
import type { RequestInput } from '../../../shared/contract';

export type StockAnalysisQuery = RequestInput<'reports.stockAnalysis'>;

const positive = (v: string | null, max: number): number | undefined => {
  const n = Number(v);
  return v !== null && Number.isSafeInteger(n) && n > 0 && n <= max ? n : undefined;
};

export function stockAnalysisQueryOf(params: URLSearchParams): StockAnalysisQuery {
  const date = params.get('date');
  const q: StockAnalysisQuery = {};
  if (date !== null && /^\d{4}-\d{2}-\d{2}$/.test(date)) q.date = date;
  const weeks = positive(params.get('weeks'), 104);
  const slowDays = positive(params.get('slowDays'), 3650);
  const top = positive(params.get('top'), 500);
  const warehouseId = positive(params.get('warehouse'), Number.MAX_SAFE_INTEGER);
  if (weeks !== undefined) q.weeks = weeks;
  if (slowDays !== undefined) q.slowDays = slowDays;
  if (top !== undefined) q.top = top;
  if (warehouseId !== undefined) q.warehouseId = warehouseId;
  return q;
}

/** The address parameters of a query (for navigate / openPrint). */
export function stockAnalysisParams(q: StockAnalysisQuery): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  if (q.date !== undefined) out.date = q.date;
  if (q.weeks !== undefined) out.weeks = q.weeks;
  if (q.slowDays !== undefined) out.slowDays = q.slowDays;
  if (q.top !== undefined) out.top = q.top;
  if (q.warehouseId !== undefined) out.warehouse = q.warehouseId;
  return out;
}
