// The dashboard 看板 (issue 14 item 7): the supervisor's and the CS manager's
// landing page. This week's KPIs beside the last eight weeks, the counts in
// progress, what awaits the manager's approval, today's orders and today's
// dispatch against the report's cut-off. Each figure comes from the same
// definitions as the tracker (definitions.ts).
import { sql } from 'kysely';
import { kpiBetter, kpiIds, kpiUnits, type Dashboard, type DashboardKpi } from '../../../shared/contract';
import type { CountAccuracy } from '../../../shared/contract/counts';
import type { ServiceContext } from '../context';
import { cutoffTime, zonedInstant } from '../dispatch/delivery/cutoff';
import { today as todayOf } from '../orders/dates';
import { kpiDefinitions } from './definitions';
import { lastWeeks } from './periods';
import { grade, readTargets } from './targets';

const trendWeeks = 8;

export async function dashboard(ctx: ServiceContext): Promise<Dashboard> {
  const db = ctx.db;
  const today = todayOf(ctx.now, ctx.timeZone);
  const weeks = lastWeeks(today, trendWeeks);
  const week = weeks[weeks.length - 1]!;
  const targets = new Map((await readTargets(db)).map((t) => [t.kpi, t.target]));

  const kpis: DashboardKpi[] = [];
  const sessionAccuracy = new Map<number, CountAccuracy>();
  for (const kpi of kpiIds) {
    const define = kpiDefinitions[kpi];
    const trend: DashboardKpi['trend'] = [];
    let figure = null;
    for (const w of weeks) {
      const f = await define(db, { from: w.from, to: w.to, timeZone: ctx.timeZone, sessionAccuracy });
      trend.push({ isoWeek: w.isoWeek!, from: w.from, value: f.value });
      figure = f;
    }
    const target = targets.get(kpi) ?? null;
    kpis.push({
      kpi,
      unit: kpiUnits[kpi],
      better: kpiBetter[kpi],
      target,
      figure: figure!,
      grade: grade(kpi, figure!.value, target),
      trend,
    });
  }

  const counts = await db
    .selectFrom('count_sessions')
    .select(['id as sessionId', 'number', 'state'])
    .where('state', 'not in', ['closed', 'cancelled'])
    .orderBy('id')
    .execute();

  const pending = await sql<{ damage: number; returns: number; adjustments: number; disposals: number }>`
    SELECT (SELECT COUNT(*) FROM damage_reports WHERE state = 'reported') AS damage,
           (SELECT COUNT(*) FROM returns WHERE state = 'reported') AS returns,
           (SELECT COUNT(*) FROM adjustment_forms WHERE state = 'submitted') AS adjustments,
           (SELECT COUNT(*) FROM disposals WHERE state = 'proposed') AS disposals`.execute(db);
  const p = pending.rows[0]!;

  const byState = await db
    .selectFrom('orders')
    .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
    .where('order_date', '=', today)
    .groupBy('state')
    .execute();

  const trips = await sql<{ n: number; departed: number | null }>`
    SELECT COUNT(*) AS n, SUM(CASE WHEN state IN ('departed', 'returned') THEN 1 ELSE 0 END) AS departed
    FROM trips WHERE dispatch_date = ${today}`.execute(db);
  const orders = await sql<{ n: number; loaded: number | null }>`
    SELECT COUNT(*) AS n,
           SUM(CASE WHEN state IN ('loaded', 'departed', 'delivered', 'refused') THEN 1 ELSE 0 END) AS loaded
    FROM orders WHERE dispatch_date = ${today} AND state <> 'cancelled'`.execute(db);
  const report = await db
    .selectFrom('dispatch_reports')
    .select(['state', 'late'])
    .where('dispatch_date', '=', today)
    .executeTakeFirst();

  return {
    today,
    timeZone: ctx.timeZone,
    week: { isoWeek: week.isoWeek!, from: week.from, to: week.to },
    kpis,
    counts,
    approvals: {
      damage: Number(p.damage),
      returns: Number(p.returns),
      adjustments: Number(p.adjustments),
      disposals: Number(p.disposals),
    },
    orders: {
      date: today,
      total: byState.reduce((n, r) => n + Number(r.n), 0),
      byState: Object.fromEntries(byState.map((r) => [r.state, Number(r.n)])),
    },
    dispatch: {
      date: today,
      cutoffAt: zonedInstant(today, await cutoffTime(db), ctx.timeZone).toISOString(),
      trips: Number(trips.rows[0]?.n ?? 0),
      tripsDeparted: Number(trips.rows[0]?.departed ?? 0),
      orders: Number(orders.rows[0]?.n ?? 0),
      ordersLoaded: Number(orders.rows[0]?.loaded ?? 0),
      reportState: report?.state ?? null,
      reportLate: report?.late === null || report?.late === undefined ? null : report.late === 1,
    },
  };
}
