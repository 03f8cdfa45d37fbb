// The tracker as CSV: UTF-8 with a BOM so Excel and WPS read the Chinese, a row
// per KPI, per period its figure, its numerator/denominator (or quantity and
// credit) and its grade; formula-safe text cells.
import type { TFunction } from 'i18next';
import type { KpiTracker } from '../../../shared/contract';
import { csvSafeCell } from '../../../shared/text/csvFormula';
import type { Formatters } from '../../i18n/format';
import { kpiDetail, kpiValue, targetText } from './kpiFormat';

const field = (v: string | number): string => {
  const s = typeof v === 'number' ? String(v) : csvSafeCell(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};
const row = (cells: (string | number)[]) => cells.map(field).join(',');

export function trackerCsv(t: TFunction, f: Formatters, k: KpiTracker): string {
  const head = [t('kpi:kpi'), t('kpi:target')];
  for (const p of k.periods) {
    const name = `${t(`kpi:period.${p.key}`)} ${p.from}–${p.to}`;
    head.push(name, `${name} ${t('kpi:rate', { num: 'n', den: 'd' })}`, `${name} ${t('kpi:legend')}`);
  }
  const lines = [row([t('kpi:title'), k.month]), row([t('kpi:basis', { today: k.today })]), '', row(head)];
  for (const r of k.rows) {
    const cells: (string | number)[] = [t(`kpi:name.${r.kpi}`), targetText(r.unit, r.better, r.target, f)];
    r.cells.forEach((c, i) => {
      if (k.periods[i]!.future || !c.figure) cells.push(t('kpi:future'), '', '');
      else
        cells.push(
          c.figure.value === null ? '' : kpiValue(f, r.unit, c.figure.value),
          kpiDetail(t, f, r.kpi, c.figure),
          c.grade ? t(`kpi:grade.${c.grade}`) : '',
        );
    });
    lines.push(row(cells));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
