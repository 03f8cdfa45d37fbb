// The month's quality summary per zone as CSV (issue 17 §1): UTF-8 with a BOM
// so Excel and WPS read the Chinese, text cells formula-safe, the pass rate
// as a percentage; the totals last, as on the A4 print.
import type { TFunction } from 'i18next';
import type { QualitySummary, QualitySummaryLine } from '../../../shared/contract';
import { csvRow } from '../../../shared/text/csvFormula';

const row = csvRow;
const pct = (r: number | null) => (r === null ? '' : `${(r * 100).toFixed(1)}%`);

/** The zones added up: the pass rate over every item checked, not an average of rates. */
export function summaryTotals(lines: QualitySummaryLine[]) {
  const sum = (k: keyof QualitySummaryLine) => lines.reduce((n, l) => n + Number(l[k] ?? 0), 0);
  const itemsChecked = sum('itemsChecked');
  const itemsPassed = sum('itemsPassed');
  return {
    itemsChecked,
    itemsPassed,
    passRate: itemsChecked === 0 ? null : itemsPassed / itemsChecked,
    daysRecorded: sum('daysRecorded'),
    workingDays: sum('workingDays'),
    openActions: sum('openActions'),
    overdueActions: sum('overdueActions'),
  };
}

export function qualitySummaryCsv(t: TFunction, s: QualitySummary): string {
  const q = (k: string) => t(`quality:${k}`);
  const lines = [
    row([q('print.title'), s.month]),
    row([
      q('zone'),
      q('passRate'),
      q('csv.itemsPassed'),
      q('csv.itemsChecked'),
      q('csv.daysRecorded'),
      q('csv.workingDays'),
      q('openActions'),
      q('overdueActions'),
    ]),
  ];
  const out = (label: string, l: Omit<QualitySummaryLine, 'zoneId' | 'zoneCode' | 'zoneName'>) =>
    row([
      label,
      pct(l.passRate),
      l.itemsPassed,
      l.itemsChecked,
      l.daysRecorded,
      l.workingDays,
      l.openActions,
      l.overdueActions,
    ]);
  for (const l of s.lines) lines.push(out(`${l.zoneCode} ${l.zoneName}`, l));
  lines.push(out(q('print.total'), summaryTotals(s.lines)));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
