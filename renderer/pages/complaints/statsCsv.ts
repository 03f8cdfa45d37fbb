// 顾客投诉分类统计表 as CSV: UTF-8 with a BOM so Excel and WPS read the
// Chinese, every text cell formula-safe; rates as percentages.
import type { TFunction } from 'i18next';
import type { ComplaintCategory, ComplaintStats } from '../../../shared/contract';
import { csvRow } from '../../../shared/text/csvFormula';
import { breakdowns, lineLabel } from './StatsView';
import { pct } from './words';

const row = csvRow;

export function statsCsv(t: TFunction, s: ComplaintStats, categories: ComplaintCategory[], zh: boolean): string {
  const n = (k: string) => t(`complaints:stats.${k}`);
  const head = row([
    n('key'),
    n('received'),
    n('valid'),
    n('invalid'),
    n('validRate'),
    n('resolved'),
    n('resolvedOnTime'),
    n('onTimeRate'),
    n('respondedOnTime'),
  ]);
  const cells = (name: string, l: ComplaintStats['total']) =>
    row([
      name,
      l.received,
      l.valid,
      l.invalid,
      pct(l.valid, l.valid + l.invalid),
      l.resolved,
      l.resolvedOnTime,
      pct(l.resolvedOnTime, l.resolved),
      l.respondedOnTime,
    ]);
  const lines = [row([n('title'), s.month, `${s.from} – ${s.to}`])];
  for (const b of breakdowns) {
    lines.push('', row([n(b)]), head);
    for (const l of s[b]) lines.push(cells(lineLabel(t, b, l, categories, zh), l));
    lines.push(cells(n('total'), s.total));
  }
  lines.push('', row([n('trend')]), row([n('month'), n('received'), n('valid'), n('resolved'), n('resolvedOnTime')]));
  for (const p of s.trend) lines.push(row([p.month, p.received, p.valid, p.resolved, p.resolvedOnTime]));
  lines.push('', row([n('note')]), row([s.note]));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
