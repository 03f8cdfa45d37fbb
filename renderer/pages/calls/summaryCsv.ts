// The follow-up summary 回访总结报告 as CSV: UTF-8 with a BOM so Excel and WPS
// read the Chinese, every text cell formula-safe; rates as percentages. The
// figures, then the counts by reason, by CS staff and by area, then the
// supervisor's conclusions.
import type { TFunction } from 'i18next';
import type { CallSummary, SummaryCount } from '../../../shared/contract';
import { csvRow } from '../../../shared/text/csvFormula';

const row = csvRow;
const pct = (pm: number | null) => (pm === null ? '' : `${(pm / 10).toFixed(1)}%`);

export function summaryCsv(t: TFunction, s: CallSummary): string {
  const n = (k: string) => t(`calls:sum.${k}`);
  const lines = [
    row([n('title'), `${s.from} – ${s.to}`]),
    '',
    row([n('planned'), s.planned]),
    row([n('done'), s.done]),
    row([n('satisfied'), s.satisfied]),
    row([n('issueRaised'), s.issueRaised]),
    row([n('noAnswer'), s.noAnswerAttempts]),
    row([n('open'), s.open]),
    row([n('satisfaction'), pct(s.satisfactionPermille)]),
    row([n('onTime'), pct(s.onTimePermille)]),
  ];
  const group = (title: string, counts: SummaryCount[], label: (key: string) => string) => {
    lines.push('', row([title]), row([title, n('planned'), n('done'), n('satisfied'), n('issueRaised')]));
    for (const g of counts) lines.push(row([label(g.key), g.calls, g.done, g.satisfied, g.issueRaised]));
  };
  group(t('calls:col.reason'), s.byReason, (k) => t(`calls:reason.${k}`));
  group(t('calls:col.assignee'), s.byStaff, (k) => k || n('unassigned'));
  group(n('area'), s.byArea, (k) => k);
  lines.push('', row([n('note')]), row([s.note]));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
