// How a KPI figure reads on screen, in the CSV and in the print: a percentage
// with two decimals, days with one, counts whole; the rate's numerator and
// denominator, or the returns' quantity and credit, on a second line.
import type { TFunction } from 'i18next';
import type { KpiGrade } from '../../../shared/contract';

// One reading for the screen, the print and the exports (shared/reports/kpiTable.ts).
export { kpiDetail, kpiValue, targetText } from '../../../shared/reports/kpiTable';

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
