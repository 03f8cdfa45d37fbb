// ISO weeks (Monday–Sunday) on business dates 'YYYY-MM-DD', for the report
// pickers and the command line. Arithmetic on the date alone (UTC days).
const dayMs = 86_400_000;
const toUtc = (date: string) => Date.parse(`${date}T00:00:00Z`);
const fromUtc = (t: number) => new Date(t).toISOString().slice(0, 10);

export const addDaysTo = (date: string, days: number): string => fromUtc(toUtc(date) + days * dayMs);

/** ISO weekday, 1 = Monday … 7 = Sunday. */
export const weekdayOf = (date: string): number => new Date(toUtc(date)).getUTCDay() || 7;

/** 'YYYY-Www' of a date (the Thursday of its week names the year). */
export function isoWeekOf(date: string): string {
  const thursday = new Date(toUtc(date) + (4 - weekdayOf(date)) * dayMs);
  const year = thursday.getUTCFullYear();
  const week = Math.ceil(((thursday.getTime() - Date.UTC(year, 0, 1)) / dayMs + 1) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Monday and Sunday of an ISO week 'YYYY-Www'. */
export function weekDays(week: string): { from: string; to: string } {
  const [y, w] = [Number(week.slice(0, 4)), Number(week.slice(6))];
  const jan4 = fromUtc(Date.UTC(y, 0, 4));
  const monday = addDaysTo(jan4, 1 - weekdayOf(jan4) + (w - 1) * 7);
  return { from: monday, to: addDaysTo(monday, 6) };
}

/** The last full week before `today`: the week that ended on the Sunday before today's week. */
export function lastFullWeek(today: string): string {
  return isoWeekOf(addDaysTo(today, -weekdayOf(today)));
}
