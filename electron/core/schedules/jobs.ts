// What each scheduled job writes: the period a run due at a given time covers,
// the print route that draws it (renderer/print/PrintRoute.tsx) and the file
// name. A new scheduled report adds its kind to
// shared/contract/schedules.ts and its definition here.
import type { ScheduledJobKind } from '../../../shared/contract/schedules';
import type { Role } from '../../../shared/domain';
import { businessDay } from '../clock';
import { addDays, isoWeek, isoWeekday } from '../orders/dates';

export type JobRun = {
  /** The route after #/print/. */
  route: string;
  /** The file name inside the job's folder. */
  fileName: string;
  /** The period covered, as the log shows it. */
  period: string;
};

export type JobDefinition = {
  /** Roles that may read the report: the run prints as its configurer when they hold one, else as the first supervisor. */
  readers: readonly Role[];
  run(dueAt: Date, timeZone: string): JobRun;
};

const dayOf = (at: Date, timeZone: string) => {
  const d = businessDay(at, timeZone);
  return `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
};

/**
 * The weekly stock report of a run due on a day: that day's ISO week, Monday
 * up to the due day (a run on Saturday 18:00 covers Monday–Saturday, on Sunday
 * the whole week); a run due on a Monday covers the whole previous week.
 */
export function weeklyReportPeriod(dueAt: Date, timeZone: string): { from: string; to: string; week: string } {
  const day = dayOf(dueAt, timeZone);
  const weekday = isoWeekday(day);
  if (weekday === 1) {
    const to = addDays(day, -1);
    return { from: addDays(day, -7), to, week: isoWeek(to) };
  }
  return { from: addDays(day, 1 - weekday), to: day, week: isoWeek(day) };
}

/**
 * The KPI tracker of a run due on a day: the month holding the day before (a
 * run on Monday 08:00 covers the month up to Sunday; a run on the 1st writes
 * the whole month just ended).
 */
export function kpiTrackerMonth(dueAt: Date, timeZone: string): string {
  return addDays(dayOf(dueAt, timeZone), -1).slice(0, 7);
}

export const jobDefinitions: Record<ScheduledJobKind, JobDefinition> = {
  weeklyReport: {
    readers: ['supervisor', 'operator', 'csManager'],
    run(dueAt, timeZone) {
      const { from, to, week } = weeklyReportPeriod(dueAt, timeZone);
      return {
        route: `weeklyReport?from=${from}&to=${to}`,
        fileName: `周库存报表-weekly-stock-${week}-${from}-${to}.pdf`,
        period: `${from} – ${to}`,
      };
    },
  },
  kpiTracker: {
    readers: ['supervisor', 'operator', 'csManager'],
    run(dueAt, timeZone) {
      const month = kpiTrackerMonth(dueAt, timeZone);
      return {
        route: `kpiTracker?month=${month}`,
        fileName: `客户服务部重要衡量指标跟踪表-kpi-tracker-${month}.pdf`,
        period: month,
      };
    },
  },
};
