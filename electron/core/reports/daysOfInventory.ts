// R14 days of inventory 库存天数, written once (DOMAIN.md, KPI table): closing
// stock value ÷ average daily issue value over the last 28 days. "Issue" is what
// leaves to customers — dispatch and gift issues, net of their reversals
// (words.ts issueMovementTypes). The weekly report, the stock analysis and the
// KPI tracker all call this.
import { daysOfInventoryWindowDays } from '../../../shared/contract';

/** Days, one decimal; null when nothing was issued in the window (no rate to divide by). */
export function daysOfInventory(closingAmountFen: number, issuedAmountFen: number): number | null {
  if (issuedAmountFen <= 0) return null;
  const perDay = issuedAmountFen / daysOfInventoryWindowDays;
  return Math.round((Math.max(0, closingAmountFen) / perDay) * 10) / 10;
}
