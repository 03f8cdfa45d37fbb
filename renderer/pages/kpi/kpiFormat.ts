// How a KPI figure reads on screen, in the CSV and in the print: a percentage
// with two decimals, days with one, counts whole; the rate's numerator and
// denominator, or the returns' quantity and credit, on a second line.
import type { TFunction } from 'i18next';
import type { KpiFigure, KpiGrade, KpiId, KpiUnit } from '../../../shared/contract';
import type { Formatters } from '../../i18n/format';

export function kpiValue(f: Formatters, unit: KpiUnit, value: number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const n = new Intl.NumberFormat(f.locale, {
    minimumFractionDigits: unit === 'pct' ? 2 : unit === 'days' ? 1 : 0,
    maximumFractionDigits: unit === 'pct' ? 2 : unit === 'days' ? 1 : 0,
  }).format(value);
  return unit === 'pct' ? `${n}%` : n;
}

export function kpiDetail(t: TFunction, f: Formatters, kpi: KpiId, figure: KpiFigure): string {
  if (figure.qty !== undefined)
    return t('kpi:returnsDetail', { qty: f.qty(figure.qty), amount: f.money(figure.amountFen ?? 0) });
  if (figure.num !== null && figure.den !== null && kpi !== 'daysOfInventory')
    return t('kpi:rate', { num: f.qty(figure.num), den: f.qty(figure.den) });
  return '';
}

/** The target as read beside its KPI: "≥ 98.00%" or "≤ 3". */
export function targetText(unit: KpiUnit, better: 'higher' | 'lower', target: number | null, f: Formatters): string {
  if (target === null) return '';
  return `${better === 'higher' ? '≥' : '≤'} ${kpiValue(f, unit, target)}`;
}

/** A grade is shown by colour and by a mark and a word, never by colour alone. */
export function gradeLabel(t: TFunction, grade: KpiGrade | null): string {
  return grade ? `${t(`kpi:gradeMark.${grade}`)} ${t(`kpi:grade.${grade}`)}` : '';
}

/** This month in the warehouse's time zone ('YYYY-MM'), whatever the browser's zone. */
export function warehouseMonth(timeZone: string | undefined): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' })
    .format(new Date())
    .slice(0, 7);
}
