// Scheduled output 定时输出 (issue 14 §6): reports written as PDF into a
// configured folder at a configured time (the warehouse's time zone), a log of
// what was written where and what failed. The job list is extensible: a new
// report adds its kind here and its definition in electron/core/schedules/jobs.ts.
import { z } from 'zod';
import { isoInstant } from './schemas';
import { none, spec } from './spec';

/** The reports that can be scheduled. */
export const scheduledJobKinds = ['weeklyReport', 'kpiTracker'] as const;
export type ScheduledJobKind = (typeof scheduledJobKinds)[number];

export type ScheduledJob = {
  kind: ScheduledJobKind;
  enabled: boolean;
  /** Day of the week as cron counts it: 0 = Sunday … 6 = Saturday. */
  weekday: number;
  /** `HH:MM` in the warehouse's time zone. */
  at: string;
  /** Absolute folder the PDFs are written into (checked writable when saved). */
  folder: string;
  /** Who configured it: the PDF is printed as this user (what they may see, their name as printer). */
  configuredBy: { userId: number; displayName: string } | null;
  configuredAt: string | null;
};

export type ScheduleRun = {
  kind: ScheduledJobKind;
  /** When the run was due (the scheduled time), and when it ran. */
  dueAt: string;
  ranAt: string;
  /** The period the report covers, e.g. `2026-11-23 – 2026-11-29`. */
  period: string;
  ok: boolean;
  /** The file written (absolute path). */
  file: string | null;
  bytes: number | null;
  /** Why it failed: a stable code and a reason. */
  error: { code: string; reason: string } | null;
};

/** A failed scheduled run on the dashboard: a report's, or the automatic backup's. */
export type FailedRun = Omit<ScheduleRun, 'kind'> & { kind: ScheduledJobKind | 'backup' };

export type ScheduleStatus = {
  timeZone: string;
  jobs: (ScheduledJob & { nextRunAt: string | null })[];
  /** Newest first, at most 100. */
  log: ScheduleRun[];
  /** False when this host cannot write PDFs on its own (the jobs then wait for the console or `cangwu serve`). */
  printerReady: boolean;
};

export const scheduleJobInput = z
  .object({
    kind: z.enum(scheduledJobKinds),
    enabled: z.boolean(),
    weekday: z.number().int().min(0).max(6),
    at: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
    folder: z.string().trim().min(1).max(1000),
  })
  .strict();
export type ScheduleJobInput = z.infer<typeof scheduleJobInput>;

const schedulers = ['admin', 'supervisor'] as const;

export const schedulesRequests = {
  'schedules.status': spec<ScheduleStatus>()({ input: none, access: schedulers, write: false }),
  // Settings live in a file in the data folder (like the backups'), not in a write transaction.
  'schedules.configure': spec<ScheduleStatus>()({ input: scheduleJobInput, access: schedulers, write: false }),
  'schedules.runNow': spec<ScheduleRun>()({
    input: z.object({ kind: z.enum(scheduledJobKinds) }).strict(),
    access: schedulers,
    write: false,
  }),
  /**
   * Failed runs since a time (the dashboard shows them: a failed run is never a
   * silent skip): the scheduled reports' and, when the last automatic backup
   * failed, that one too (kind 'backup').
   */
  'schedules.failures': spec<FailedRun[]>()({
    input: z.object({ since: isoInstant.optional() }).strict(),
    access: ['admin', 'supervisor', 'csManager', 'operator'],
    write: false,
  }),
};
