// Business dates 'YYYY-MM-DD' in the warehouse's time zone (GUIDE: days in
// local time). Arithmetic on the date alone, never on local clock times.
import { isoWeekday } from '../../../shared/workingDays';
import { businessDay } from '../clock';

/** Today's business date in `timeZone`. */
export function today(now: Date, timeZone: string): string {
  const d = businessDay(now, timeZone);
  return `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
}

// A file of 20,000 rows asks about the same few dates again and again: remembered.
const added = new Map<string, string>();

export function addDays(date: string, days: number): string {
  const key = `${date}|${days}`;
  let out = added.get(key);
  if (out === undefined) {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    const t = Date.UTC(y, m - 1, d + days);
    out = Number.isNaN(t) ? '' : new Date(t).toISOString().slice(0, 10);
    if (added.size > 10_000) added.clear();
    added.set(key, out);
  }
  return out;
}

// The working week is the console's too (its default dispatch date).
export { isoWeekday, nextWorkingDay } from '../../../shared/workingDays';

/** A real calendar date (the schema's pattern lets 02-31 through). */
export function isRealDate(date: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) && addDays(date, 0) === date;
}

/** ISO week 'YYYY-Www' of a date. */
export function isoWeek(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  const day = isoWeekday(date);
  t.setUTCDate(t.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((t.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${t.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}
