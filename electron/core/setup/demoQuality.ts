// The demo's quality checks 质量检查 (issue 17 §1): keeper 张仓管's checklist
// of every zone on each past working day (Mon–Sat) of the last four weeks,
// recorded at 08:30 of its day — temperatures and humidity in limits, every
// item passed — but for two failures with their corrective actions (one done,
// one still open and overdue) and two days missed (a zone each, last week),
// so the manager's summary, the actions list and the dashboard's missed-days
// tile all have something real to show. Through the slice's own services, as
// the people who would have done it; deterministic.
import type { Role } from '../../../shared/domain';
import { completeAction, listItems, saveRecord } from '../quality/checks';
import type { ServiceContext } from '../context';
import { zonedInstant } from '../dispatch/delivery/cutoff';
import { addDays, isoWeekday, today } from '../orders/dates';

type AsUser = (userId: number, username: string, roles: Role[], now: Date) => ServiceContext;

export async function loadDemoQuality(ctx: ServiceContext, asUser: AsUser, ids: Map<string, number>): Promise<void> {
  const keeperId = ids.get('keeper');
  if (keeperId === undefined) return;
  const day = today(ctx.now, ctx.timeZone);
  const days: string[] = [];
  for (let d = addDays(day, -28); d < day; d = addDays(d, 1)) if (isoWeekday(d) !== 7) days.push(d);
  const zones = await ctx.db
    .selectFrom('locations')
    .select(['id', 'code'])
    .where('kind', '=', 'zone')
    .orderBy('code')
    .execute();
  const items = (await listItems(ctx.db)).filter((i) => i.active);
  if (zones.length < 2 || days.length < 8 || items.length === 0) return;
  const lastWeek = days.slice(-6);
  // Missed: the last zone three working days ago, the second-last zone five days ago.
  const missed = new Set([`${zones.at(-1)!.id}|${lastWeek.at(-3)}`, `${zones.at(-2)!.id}|${lastWeek.at(-5)}`]);
  // Failed: fefo in the first zone ten working days ago (action done), stacking height yesterday-ish (open, overdue).
  const failures = new Map([
    [`${zones[0]!.id}|${days.at(-10)}`, { code: 'fefo', text: '按效期重新排列货位，先到期的放外侧。' }],
    [`${zones[1]!.id}|${days.at(-3)}`, { code: 'stackingHeight', text: '重货区第 3 排超高，降为四层。' }],
  ]);
  let seed = 31;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return Math.floor((seed / 2147483648) * n);
  };
  const done: { actionId: number; day: string }[] = [];
  for (const d of days) {
    const keeper = asUser(keeperId, 'keeper', ['warehouseKeeper'], zonedInstant(d, '08:30', ctx.timeZone));
    for (const z of zones) {
      const key = `${z.id}|${d}`;
      if (missed.has(key)) continue;
      const failure = failures.get(key);
      const failedItem = failure ? items.find((i) => i.code === failure.code) : undefined;
      const record = await saveRecord(keeper, {
        zoneId: z.id,
        date: d,
        shift: '',
        note: '',
        values: items.map((i) =>
          i.kind === 'passFail'
            ? { itemId: i.id, passed: i.id !== failedItem?.id }
            : { itemId: i.id, value: i.kind === 'temperature' ? 18 + rnd(8) : 45 + rnd(20) },
        ),
        actions: failedItem
          ? [{ itemId: failedItem.id, description: failure!.text, ownerId: keeperId, dueDate: addDays(d, 1) }]
          : [],
      });
      if (failedItem && d === days.at(-10)) done.push({ actionId: record.actions[0]!.id, day: addDays(d, 1) });
    }
  }
  for (const a of done)
    await completeAction(asUser(keeperId, 'keeper', ['warehouseKeeper'], zonedInstant(a.day, '10:00', ctx.timeZone)), {
      actionId: a.actionId,
      note: '已按效期重排。',
    });
}
