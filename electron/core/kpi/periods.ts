// The tracker's columns (issue 14 item 3): the weeks of a month and the month,
// as business dates in the warehouse's time zone. A week is Monday–Sunday (the
// weekly stock report's ISO week) and belongs to the month of its Thursday, so
// a month has four or five: 第一周 … 第四周, 第五周 where it has one.
import type { KpiPeriod } from '../../../shared/contract';
import { zonedInstant } from '../dispatch/delivery/cutoff';
import { addDays, isoWeek, isoWeekday } from '../orders/dates';

export function monthBounds(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

/** Monday of the week of `date`. */
export function mondayOf(date: string): string {
  return addDays(date, 1 - isoWeekday(date));
}

/** A range clipped to today; `future` (and left whole, for its heading) when it starts after today. */
function clipped(key: string, week: string | null, from: string, to: string, today: string): KpiPeriod {
  const future = from > today;
  return { key, isoWeek: week, from, to: !future && to > today ? today : to, future };
}

export function monthPeriods(month: string, today: string): KpiPeriod[] {
  const { from, to } = monthBounds(month);
  // The first Monday whose Thursday is in the month.
  let monday = mondayOf(from);
  if (addDays(monday, 3) < from) monday = addDays(monday, 7);
  const weeks: KpiPeriod[] = [];
  while (addDays(monday, 3) <= to) {
    weeks.push(clipped(`w${weeks.length + 1}`, isoWeek(monday), monday, addDays(monday, 6), today));
    monday = addDays(monday, 7);
  }
  return [...weeks, clipped('month', null, from, to, today)];
}

/** The last `n` weeks up to the week of `today`, oldest first; the current one clipped to today. */
export function lastWeeks(today: string, n: number): KpiPeriod[] {
  const thisMonday = mondayOf(today);
  return Array.from({ length: n }, (_, i) => {
    const monday = addDays(thisMonday, (i - n + 1) * 7);
    return clipped(isoWeek(monday), isoWeek(monday), monday, addDays(monday, 6), today);
  });
}

/** The UTC instants [start, end) of business dates from … to in `timeZone`. */
export function instants(from: string, to: string, timeZone: string): { start: string; end: string } {
  return {
    start: zonedInstant(from, '00:00', timeZone).toISOString(),
    end: zonedInstant(addDays(to, 1), '00:00', timeZone).toISOString(),
  };
}
