// The customer value analysis as CSV: UTF-8 with a BOM so Excel and WPS read
// the Chinese, every text cell formula-safe, money in yuan with two decimals,
// one row per customer as the grid shows them (lost customers last).
import type { TFunction } from 'i18next';
import type { CustomerValueAnalysis } from '../../../shared/contract';
import { csvSafeCell } from '../../../shared/text/csvFormula';

const field = (v: string | number | null): string => {
  const s = v === null ? '' : typeof v === 'number' ? String(v) : csvSafeCell(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};
const row = (cells: (string | number | null)[]) => cells.map(field).join(',');
const yuan = (fen: number) => (fen / 100).toFixed(2);

export function valueCsvName(a: CustomerValueAnalysis): string {
  return `customer-value-${a.from}-${a.to}.csv`;
}

export function valueCsv(t: TFunction, a: CustomerValueAnalysis): string {
  const c = (k: string) => t(`customerValue:col.${k}`);
  const lines = [
    row([
      t('customerValue:title'),
      `${a.from} – ${a.to}`,
      t('customerValue:compared', { from: a.compareFrom, to: a.compareTo }),
    ]),
    row([
      c('rank'),
      c('code'),
      c('name'),
      c('area'),
      c('salesperson'),
      c('recency'),
      c('lastDelivered'),
      c('frequency'),
      c('money'),
      c('delivered'),
      c('refused'),
      c('returned'),
      c('refusals'),
      c('cumulative'),
      c('class'),
      'R',
      'F',
      'M',
      c('segment'),
      c('previousClass'),
      c('movement'),
    ]),
  ];
  for (const r of a.rows)
    lines.push(
      row([
        r.rank,
        r.customerCode,
        r.customerName,
        r.area,
        r.salespersonName,
        r.recencyDays,
        r.lastDelivered,
        r.frequency,
        yuan(r.moneyFen),
        yuan(r.deliveredFen),
        yuan(r.refusedFen),
        yuan(r.returnedFen),
        r.refusals,
        r.valueClass === null ? '' : `${r.cumulativePct.toFixed(1)}%`,
        r.valueClass,
        r.r || '',
        r.f || '',
        r.m || '',
        r.segment === null ? '' : t(`customerValue:segment.${r.segment}`),
        r.previousClass,
        t(`customerValue:movement.${r.movement}`),
      ]),
    );
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
