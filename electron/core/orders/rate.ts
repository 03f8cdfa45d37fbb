// 合格订单率 (R1, the KPI tracker): orders qualified the first time they were
// checked ÷ orders received, per order day and per ISO week.
import type { QualifiedRate, QualifiedRateRow } from '../../../shared/contract';
import type { Db } from '../db/schema';
import { isoWeek } from './dates';

export async function qualifiedRate(db: Db, from: string, to: string): Promise<QualifiedRate> {
  const rows = await db
    .selectFrom('orders')
    .select([
      'order_date',
      (eb) => eb.fn.countAll<number>().as('received'),
      (eb) => eb.fn.sum<number>('first_time_qualified').as('ftq'),
    ])
    .where('order_date', '>=', from)
    .where('order_date', '<=', to)
    .groupBy('order_date')
    .orderBy('order_date')
    .execute();
  const row = (period: string, received: number, ftq: number): QualifiedRateRow => ({
    period,
    received,
    firstTimeQualified: ftq,
    rate: received === 0 ? null : ftq / received,
  });
  const days = rows.map((r) => row(r.order_date, Number(r.received), Number(r.ftq)));
  const weeks = new Map<string, { received: number; ftq: number }>();
  for (const d of days) {
    const w = isoWeek(d.period);
    const acc = weeks.get(w) ?? { received: 0, ftq: 0 };
    acc.received += d.received;
    acc.ftq += d.firstTimeQualified;
    weeks.set(w, acc);
  }
  return { days, weeks: [...weeks].map(([w, a]) => row(w, a.received, a.ftq)) };
}
