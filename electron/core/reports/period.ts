// The period a report covers: an ISO week (Monday–Sunday in the warehouse's
// zone) or a from/to range, checked against today (issue 14 "Bad input").
import { AppError } from '../../../shared/errors';
import type { ServiceContext } from '../context';
import { addDays, isoWeek, isoWeekday, today } from '../orders/dates';

export type ReportPeriod = { week: string | null; from: string; to: string; today: string };

/** Monday of ISO week 'YYYY-Www', or null when the year has no such week (W53). */
export function mondayOfWeek(week: string): string | null {
  const year = Number(week.slice(0, 4));
  const n = Number(week.slice(6));
  const jan4 = `${year}-01-04`;
  const monday = addDays(addDays(jan4, 1 - isoWeekday(jan4)), (n - 1) * 7);
  return isoWeek(monday) === week ? monday : null;
}

export function resolvePeriod(ctx: ServiceContext, input: { week?: string; from?: string; to?: string }): ReportPeriod {
  const now = today(ctx.now, ctx.timeZone);
  let from: string;
  let to: string;
  if (input.week !== undefined) {
    const monday = mondayOfWeek(input.week);
    if (!monday) throw new AppError('contract.invalidInput', { issues: [{ path: 'week', message: 'week' }] });
    from = monday;
    to = addDays(monday, 6);
  } else {
    from = input.from!;
    to = input.to!;
    if (addDays(from, 0) !== from || addDays(to, 0) !== to)
      throw new AppError('contract.invalidInput', { issues: [{ path: 'from', message: 'date' }] });
    if (from > to) throw new AppError('reports.reversedRange', { from, to });
  }
  // A period that has begun is a report (the current week's closing is the live
  // balance); one that has not is a mistake.
  if (from > now) throw new AppError('reports.futureRange', { from, to, today: now });
  return { week: input.week ?? null, from, to, today: now };
}

/** The locations of a warehouse (itself, its zones, their bins), or null for every location. */
export async function warehouseLocations(
  ctx: ServiceContext,
  warehouseId: number | undefined,
): Promise<{ warehouse: { id: number; code: string; name: string } | null; locationIds: number[] | null }> {
  if (warehouseId === undefined) return { warehouse: null, locationIds: null };
  const all = await ctx.db.selectFrom('locations').select(['id', 'code', 'name', 'kind', 'parent_id']).execute();
  const wh = all.find((l) => l.id === warehouseId && l.kind === 'warehouse');
  if (!wh) throw new AppError('reports.unknownWarehouse', { warehouseId });
  const parent = new Map(all.map((l) => [l.id, l.parent_id]));
  const rootOf = (id: number): number => {
    let at = id;
    for (let p = parent.get(at); p !== null && p !== undefined; p = parent.get(at)) at = p;
    return at;
  };
  const locationIds = all.filter((l) => rootOf(l.id) === warehouseId).map((l) => l.id);
  const warehouses = all.filter((l) => l.kind === 'warehouse').length;
  // The only warehouse: every location is its own, no filter needed.
  return { warehouse: { id: wh.id, code: wh.code, name: wh.name }, locationIds: warehouses === 1 ? null : locationIds };
}
