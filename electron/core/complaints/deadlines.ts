// Complaint deadlines (issue 16 §2): the first response within N hours of
// receipt (clock hours), the resolution within N working days — the end of
// the Nth working day after the day received, in the warehouse's time zone,
// over the working calendar: Monday to Friday, less the holidays, plus the
// make-up working days 调休 the CS manager keeps. Pure functions; the
// calendar's overrides are handed in.
import type { CalendarKind, ComplaintDeadline, ComplaintRules, DeadlineStatus } from '../../../shared/contract';
import { addDays, isoWeekday, today } from '../orders/dates';

export const defaultRules: ComplaintRules = { responseHours: 24, resolveWorkingDays: 3 };

/** Date → override kind (only the overridden days). */
export type CalendarOverrides = ReadonlyMap<string, CalendarKind>;

export function isWorkingDay(date: string, overrides: CalendarOverrides): boolean {
  const o = overrides.get(date);
  if (o === 'holiday') return false;
  if (o === 'workday') return true;
  return isoWeekday(date) <= 5;
}

/** Minutes the zone is ahead of UTC at `at`. */
function zoneOffsetMinutes(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(at));
  const n = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  const local = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return Math.round((local - Math.floor(at / 1000) * 1000) / 60_000);
}

/** The UTC instant of 00:00 on `date` in `timeZone`. */
export function zoneMidnight(date: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d);
  let at = wall - zoneOffsetMinutes(wall, timeZone) * 60_000;
  // Once more at the guess: right across a change of offset.
  at = wall - zoneOffsetMinutes(at, timeZone) * 60_000;
  return new Date(at);
}

export function responseDueAt(receivedAt: Date, rules: ComplaintRules): Date {
  return new Date(receivedAt.getTime() + rules.responseHours * 3_600_000);
}

/** The end (24:00) of the Nth working day after the business day received. */
export function resolveDueAt(
  receivedAt: Date,
  rules: ComplaintRules,
  timeZone: string,
  overrides: CalendarOverrides,
): Date {
  let day = today(receivedAt, timeZone);
  for (let counted = 0; counted < rules.resolveWorkingDays;) {
    day = addDays(day, 1);
    if (isWorkingDay(day, overrides)) counted++;
  }
  return zoneMidnight(addDays(day, 1), timeZone);
}

/**
 * The working days a resolution took, counted as resolveDueAt counts its
 * deadline: the working days after the business day received up to and
 * including the business day resolved (0 when resolved the day received).
 * A complaint resolved within N of them met an N-working-day deadline.
 */
export function workingDaysTaken(
  receivedAt: Date,
  resolvedAt: Date,
  timeZone: string,
  overrides: CalendarOverrides,
): number {
  const last = today(resolvedAt, timeZone);
  let counted = 0;
  for (let day = addDays(today(receivedAt, timeZone), 1); day <= last; day = addDays(day, 1))
    if (isWorkingDay(day, overrides)) counted++;
  return counted;
}

/** Less than this share of the allowed time left: at risk. */
const atRiskShare = 0.25;

function openStatus(receivedAt: string, dueAt: string, now: Date): DeadlineStatus {
  const start = Date.parse(receivedAt);
  const due = Date.parse(dueAt);
  const t = now.getTime();
  if (t > due) return 'overdue';
  return due - t < (due - start) * atRiskShare ? 'atRisk' : 'onTime';
}

/**
 * The deadline a complaint is shown against: the first response until it is
 * judged; then, for a valid one, the resolution until resolved; after that
 * the resolution met or missed (an invalid one: its response met or missed).
 */
export function deadlineOf(
  c: {
    receivedAt: string;
    responseDueAt: string;
    resolveDueAt: string;
    judgedAt: string | null;
    valid: boolean | null;
    resolvedAt: string | null;
  },
  now: Date,
): ComplaintDeadline {
  if (c.judgedAt === null)
    return { kind: 'response', dueAt: c.responseDueAt, status: openStatus(c.receivedAt, c.responseDueAt, now) };
  if (c.valid === false)
    return { kind: 'response', dueAt: c.responseDueAt, status: c.judgedAt <= c.responseDueAt ? 'met' : 'missed' };
  if (c.resolvedAt === null)
    return { kind: 'resolve', dueAt: c.resolveDueAt, status: openStatus(c.receivedAt, c.resolveDueAt, now) };
  return { kind: 'resolve', dueAt: c.resolveDueAt, status: c.resolvedAt <= c.resolveDueAt ? 'met' : 'missed' };
}
