// The title block's meta of the stock reports as printed (the weekly stock
// report and the stock analysis): the warehouse (or all), the report's own
// lines (period, as-of day …), then the warehouse time zone and when the
// figures were generated. `prefix` is the report's locale keys
// ('reports:weekly.' or 'stockAnalysis:'): warehouse, allWarehouses, timeZone, generatedAt.
import type { TFunction } from 'i18next';
import type { Formatters } from '../i18n/format';
/** One line of a print's title block. */
export type PrintMeta = { label: string; value: string };

export function stockReportMeta(
  t: TFunction,
  f: Formatters,
  prefix: 'reports:weekly.' | 'stockAnalysis:',
  report: { warehouse: { name: string } | null; timeZone: string; generatedAt: string },
  lines: PrintMeta[],
): PrintMeta[] {
  return [
    { label: t(`${prefix}warehouse`), value: report.warehouse?.name ?? t(`${prefix}allWarehouses`) },
    ...lines,
    { label: t(`${prefix}timeZone`), value: report.timeZone },
    { label: t(`${prefix}generatedAt`), value: f.dateTime(report.generatedAt) },
  ];
}
