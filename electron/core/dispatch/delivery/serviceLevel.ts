// 客户服务水平, the customer service level (R14): orders delivered complete by
// the promised date ÷ orders due. One definition, here; the KPI tracker
// (issue 14) calls `serviceLevel` rather than counting again.
// - due: an order whose due date (promised_date, else delivery_date) falls in
//   the range, whatever its state, cancelled orders excepted;
// - delivered complete on time: signed whole (outcome 'signed', not refused in
//   part) on a business day on or before the due date.
import type { ServiceLevel, ServiceLevelRow } from '../../../../shared/contract';
import { AppError } from '../../../../shared/errors';
import { sql } from 'kysely';
import type { Db } from '../../db/schema';
import { isoWeek } from '../../orders/dates';

export async function serviceLevel(db: Db, from: string, to: string): Promise<ServiceLevel> {
  if (from > to) throw new AppError('delivery.badRange', { from, to });
  const due = sql<string>`coalesce(o.promised_date, o.delivery_date)`;
  const rows = await db
    .selectFrom('orders as o')
    .leftJoin('order_outcomes as oc', 'oc.order_id', 'o.id')
    .select([
      due.as('due'),
      (eb) => eb.fn.countAll<number>().as('n'),
      sql<number>`sum(CASE WHEN oc.outcome = 'signed' AND oc.delivered_date <= ${due} THEN 1 ELSE 0 END)`.as('onTime'),
    ])
    .where('o.state', '<>', 'cancelled')
    .where(due, '>=', from)
    .where(due, '<=', to)
    .groupBy(due)
    .orderBy(due)
    .execute();
  const row = (period: string, n: number, onTime: number): ServiceLevelRow => ({
    period,
    due: n,
    onTime,
    rate: n === 0 ? null : onTime / n,
  });
  const days = rows.map((r) => row(r.due, Number(r.n), Number(r.onTime)));
  const weeks = new Map<string, { due: number; onTime: number }>();
  for (const d of days) {
    const w = isoWeek(d.period);
    const acc = weeks.get(w) ?? { due: 0, onTime: 0 };
    acc.due += d.due;
    acc.onTime += d.onTime;
    weeks.set(w, acc);
  }
  const all = days.reduce((a, d) => ({ due: a.due + d.due, onTime: a.onTime + d.onTime }), { due: 0, onTime: 0 });
  return {
    from,
    to,
    due: all.due,
    onTime: all.onTime,
    rate: all.due === 0 ? null : all.onTime / all.due,
    days,
    weeks: [...weeks].map(([w, a]) => row(w, a.due, a.onTime)),
  };
}
