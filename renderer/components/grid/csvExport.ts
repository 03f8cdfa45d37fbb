// Every grid's CSV export goes through the shared formula rule
// (shared/text/csvFormula.ts), so a product or customer name such as
// =HYPERLINK(…) opens in Excel as text, not as a live formula.
import type { ProcessCellForExportParams } from 'ag-grid-community';
import { csvSafeCell } from '../../../shared/text/csvFormula';

/** AG Grid's processCellCallback: `format` (default: the column's formatted value), then the formula rule. */
export function safeCsvCells<T>(
  format?: (p: ProcessCellForExportParams<T>) => string,
): (p: ProcessCellForExportParams<T>) => string {
  return (p) => csvSafeCell(String((format ? format(p) : p.formatValue(p.value)) ?? ''));
}
