// The title block's meta of the stock reports as printed (the weekly stock
// report and the stock analysis): the warehouse (or all), the report's own
// lines (period, as-of day …), then the warehouse time zone and when the
// figures were generated, each in the report's own words.
import type { TFunction } from 'i18next';
import type { Formatters } from '../i18n/format';
/** One line of a print's title block. */
export type PrintMeta = { label: string; value: string };

const labels = {
  weekly: {
    warehouse: 'reports:weekly.warehouse',
    allWarehouses: 'reports:weekly.allWarehouses',
    timeZone: 'reports:weekly.timeZone',
    generatedAt: 'reports:weekly.generatedAt',
  },
  stockAnalysis: {
    warehouse: 'stockAnalysis:warehouse',
    allWarehouses: 'stockAnalysis:allWarehouses',
    timeZone: 'stockAnalysis:timeZone',
    generatedAt: 'stockAnalysis:generatedAt',
  },
} as const;

export function stockReportMeta(
  t: TFunction,
  f: Formatters,
  which: keyof typeof labels,
  report: { warehouse: { name: string } | null; timeZone: string; generatedAt: string },
  lines: PrintMeta[],
): PrintMeta[] {
  const k = labels[which];
  return [
    { label: t(k.warehouse), value: report.warehouse?.name ?? t(k.allWarehouses) },
    ...lines,
    { label: t(k.timeZone), value: report.timeZone },
    { label: t(k.generatedAt), value: f.dateTime(report.generatedAt) },
  ];
}
