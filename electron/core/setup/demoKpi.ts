// The demo's KPI history (issue 14 item 7): so the supervisor's first look at
// the dashboard and the KPI tracker shows measured figures, not "—". Through
// the slices' own services, back-dated like the rest of the demo's history:
// - a zone count of keeper 张仓管 finished (state reconciling, measured by the
//   inventory accuracy): the last working day before today in this week and
//   month, else earlier today; every line counted at its book quantity but
//   two, one a case short and one a unit over;
// - the daily dispatch reports 每日发货报告 of the past working days (Mon–Sat)
//   of this month and this week, submitted by the keeper before the 16:30
//   cut-off, one of them late, posted by the operator the next morning.
// Deterministic; a few hundred milliseconds.
import type { Role, StockStatus } from '../../../shared/domain';
import type { ServiceContext } from '../context';
import { finishCounting, planSession, startSession } from '../counts/sessions';
import { enterCount } from '../counts/sheet';
import { zonedInstant } from '../dispatch/delivery/cutoff';
import { postReport, submitReport } from '../dispatch/delivery/report';
import { addDays, isoWeekday, today } from '../orders/dates';

type AsUser = (userId: number, username: string, roles: Role[], now: Date) => ServiceContext;

/** The past working days (Mon–Sat) from the earlier of this month's first day and this week's Monday, oldest first. */
export function pastWorkingDays(day: string): string[] {
  const monday = addDays(day, 1 - isoWeekday(day));
  const first = `${day.slice(0, 8)}01`;
  const out: string[] = [];
  for (let d = monday < first ? monday : first; d < day; d = addDays(d, 1)) if (isoWeekday(d) !== 7) out.push(d);
  return out;
}

export async function loadDemoKpi(ctx: ServiceContext, asUser: AsUser, ids: Map<string, number>): Promise<void> {
  const keeperId = ids.get('keeper');
  const operatorId = ids.get('operator');
  if (keeperId === undefined || operatorId === undefined) return;
  const day = today(ctx.now, ctx.timeZone);
  const days = pastWorkingDays(day);
  const keeperAt = (at: Date) => asUser(keeperId, 'keeper', ['warehouseKeeper'], at);
  const operatorAt = (at: Date) => asUser(operatorId, 'operator', ['operator'], at);

  // The dispatch reports: on time at 15:40, the second-newest late at 17:05; posted at 09:00 the day after.
  const late = days.length >= 2 ? days[days.length - 2] : undefined;
  for (const d of days) {
    const submitted = zonedInstant(d, d === late ? '17:05' : '15:40', ctx.timeZone);
    await submitReport(keeperAt(submitted), { dispatchDate: d, note: '', remarks: [] });
    const posted = zonedInstant(addDays(d, 1), '09:00', ctx.timeZone);
    if (posted.getTime() < ctx.now.getTime()) await postReport(operatorAt(posted), d);
  }

  // The count: the twenty most valuable good-stock lines of the zone holding the most lines.
  const zone = await ctx.db
    .selectFrom('balances as b')
    .innerJoin('locations as bin', 'bin.id', 'b.location_id')
    .innerJoin('locations as z', 'z.id', 'bin.parent_id')
    .select(['z.id as id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('z.kind', '=', 'zone')
    .where('b.qty', '>', 0)
    .groupBy('z.id')
    .orderBy('n', 'desc')
    .orderBy('z.id')
    .executeTakeFirst();
  if (!zone) return;
  const sameWeekAndMonth = days.filter(
    (d) => d.slice(0, 7) === day.slice(0, 7) && d >= addDays(day, 1 - isoWeekday(day)),
  );
  const countDay = sameWeekAndMonth[sameWeekAndMonth.length - 1];
  const finished = countDay
    ? zonedInstant(countDay, '11:00', ctx.timeZone)
    : new Date(Math.max(zonedInstant(day, '00:10', ctx.timeZone).getTime(), ctx.now.getTime() - 20 * 60_000));
  const started = new Date(finished.getTime() - (countDay ? 2 * 3600_000 : 5 * 60_000));
  const planned = await planSession(operatorAt(new Date(started.getTime() - 60_000)), {
    scope: { area: 'zones', locationIds: [zone.id], statuses: ['good'], topValueLines: 20 },
    counters: [{ userId: keeperId }],
    blind: true,
    lockBins: false,
    toleranceUnits: 0,
    note: '周盘 Weekly zone count',
  });
  await startSession(operatorAt(started), planned.id);
  const lines = await ctx.db
    .selectFrom('count_lines')
    .select(['product_id', 'location_id', 'status', 'snapshot_qty'])
    .where('session_id', '=', planned.id)
    .orderBy('id')
    .execute();
  const casePacks = new Map(
    (await ctx.db.selectFrom('products').select(['id', 'case_pack']).execute()).map((p) => [p.id, p.case_pack]),
  );
  for (const [k, l] of lines.entries()) {
    const off = k === 3 ? -(casePacks.get(l.product_id) ?? 1) : k === 11 ? 1 : 0;
    await enterCount(keeperAt(new Date(started.getTime() + (k + 1) * 10_000)), {
      sessionId: planned.id,
      productId: l.product_id,
      locationId: l.location_id,
      status: l.status as StockStatus,
      mode: 'set',
      qty: Math.max(0, l.snapshot_qty + off),
    });
  }
  await finishCounting(keeperAt(finished), planned.id);
}
