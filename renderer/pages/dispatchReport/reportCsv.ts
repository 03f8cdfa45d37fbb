// The daily dispatch report as CSV (R9): UTF-8 with a BOM so Excel and WPS
// read the Chinese, every text cell formula-safe (shared/text/csvFormula.ts),
// numbers as plain numbers (weight in kg with one decimal, amounts in yuan).
import type { TFunction } from 'i18next';
import type { DispatchReport } from '../../../shared/contract/dispatch';
import { csvRow } from '../../../shared/text/csvFormula';

const row = csvRow;
export const kg = (g: number) => (g / 1000).toFixed(1);
export const yuan = (fen: number) => (fen / 100).toFixed(2);

export function reportCsv(t: TFunction, r: DispatchReport): string {
  const c = (k: string) => t(`delivery:report.col.${k}`);
  const x = (k: string) => t(`delivery:report.exCol.${k}`);
  const lines: string[] = [
    row([t('delivery:report.title'), r.dispatchDate, t(`delivery:report.state.${r.state}`)]),
    row([
      t('delivery:report.cutoff', { time: r.cutoffTime, zone: r.timeZone }),
      r.late === null ? '' : t(r.late ? 'delivery:report.late' : 'delivery:report.onTime'),
    ]),
    '',
    row([
      c('trip'),
      c('plate'),
      c('driver'),
      c('state'),
      c('customer'),
      c('orders'),
      c('cases'),
      c('units'),
      c('weight'),
      c('amount'),
    ]),
  ];
  for (const trip of r.trips) {
    const head = [trip.number, trip.plate, trip.driverName, t(`delivery:tripState.${trip.state}`)];
    for (const s of trip.stops)
      lines.push(
        row([
          ...head,
          `${s.customerCode} ${s.customerName}`,
          s.orders,
          s.cases,
          s.units,
          kg(s.weightG),
          yuan(s.amountFen),
        ]),
      );
    const l = trip.load;
    lines.push(
      row([...head, t('delivery:report.total'), l.orders, l.cases, l.units, kg(l.weightG), yuan(l.amountFen)]),
    );
  }
  const d = r.dispatched;
  lines.push(
    row([
      t('delivery:report.dispatched'),
      '',
      '',
      '',
      `${d.customers}`,
      d.orders,
      d.cases,
      d.units,
      kg(d.weightG),
      yuan(d.amountFen),
    ]),
  );
  lines.push(
    '',
    row([
      x('kind'),
      x('order'),
      x('customer'),
      x('state'),
      x('reason'),
      x('trip'),
      x('units'),
      x('amount'),
      x('remark'),
    ]),
  );
  for (const e of r.exceptions)
    lines.push(
      row([
        t(`delivery:report.kind.${e.kind}`),
        e.orderNumber,
        `${e.customerCode} ${e.customerName}`,
        t(`orders:state.${e.state}`),
        e.reason ? t(`delivery:reason.${e.reason}`) : (e.takeOffReason ?? ''),
        e.tripNumber ?? '',
        e.units,
        yuan(e.amountFen),
        e.remark,
      ]),
    );
  lines.push('', row([t('delivery:report.note'), r.note]));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
