// Business days are in the warehouse's time zone (GUIDE: times stored as UTC
// instants, days and the 16:30 cut-off in local time).
export const defaultTimeZone = 'Asia/Shanghai';

// Building an Intl.DateTimeFormat costs ~0.5 ms, more than a whole posting:
// one per time zone, reused.
const formatters = new Map<string, Intl.DateTimeFormat>();
function dayFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

// formatToParts still costs ~30 µs, paid by every posting for its number. Every
// UTC offset in use is a whole number of quarter hours, so local midnight
// always falls on a quarter-hour boundary in UTC: the day of the last quarter
// hour asked about is remembered per zone.
const quarterHourMs = 15 * 60_000;
const lastDay = new Map<string, { quarter: number; day: string }>();

/** `20261122` for the business day of `at` in `timeZone`. */
export function businessDay(at: Date, timeZone = defaultTimeZone): string {
  const quarter = Math.floor(at.getTime() / quarterHourMs);
  const last = lastDay.get(timeZone);
  if (last && last.quarter === quarter) return last.day;
  const parts = dayFormatter(timeZone)
    .formatToParts(at)
    .reduce<Record<string, string>>((acc, p) => ((acc[p.type] = p.value), acc), {});
  const day = `${parts.year}${parts.month}${parts.day}`;
  lastDay.set(timeZone, { quarter, day });
  return day;
}

export function minutesBetween(from: Date, to: Date): number {
  return Math.floor((to.getTime() - from.getTime()) / 60_000);
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

/** The UTC instant of local midnight starting business day 'YYYY-MM-DD' in `timeZone`. */
export function startOfDay(day: string, timeZone = defaultTimeZone): Date {
  let f = partsFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormatters.set(timeZone, f);
  }
  const offsetAt = (t: number) => {
    const p = Object.fromEntries(f.formatToParts(new Date(t)).map((x) => [x.type, x.value]));
    return Date.UTC(+p.year!, +p.month! - 1, +p.day!, +p.hour!, +p.minute!, +p.second!) - Math.floor(t / 1000) * 1000;
  };
  const guess = Date.parse(`${day}T00:00:00Z`);
  // Twice: the offset at the guess, then at the result (a DST change between them).
  const first = guess - offsetAt(guess);
  return new Date(guess - offsetAt(first));
}
