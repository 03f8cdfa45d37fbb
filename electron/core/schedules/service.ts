// Scheduled output: each configured job writes its report as a PDF into its
// folder at its weekly time (croner, in the warehouse's time zone); a run
// missed while no host was running is written at the next start; every run,
// written or failed, goes to the log (schedules/log.json in the data folder)
// and to the windows that show it — a failure is never a silent skip. The
// pattern is the daily backup's (backups/service.ts); the settings and the log
// are files, not rows, for the same reason: a restore must not roll them back.
//
// The core cannot draw a page itself: the host that runs it hands it a
// printer (the desktop's hidden window, the station host's headless Chromium).
import type { Cron } from 'croner';
import fs from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema';
import {
  scheduledJobKinds,
  type ScheduledJob,
  type ScheduledJobKind,
  type ScheduleJobInput,
  type ScheduleRun,
  type ScheduleStatus,
} from '../../../shared/contract/schedules';
import { AppError } from '../../../shared/errors';
import type { EventBus } from '../events';
import { requireWritableFolder } from '../writableFolder';
import { jobDefinitions } from './jobs';
import {
  cronAt,
  lastDueAt,
  readJsonFile as readJson,
  retryAfterFailureMs,
  writeJsonFile as writeJson,
} from './scheduledJob';

/** Draws a print route as a PDF, logged in as the given user. */
export type Printer = (job: { route: string; userId: number }) => Promise<Buffer>;

export type ScheduleService = {
  status(): ScheduleStatus;
  configure(input: ScheduleJobInput, by: { userId: number; displayName: string }): ScheduleStatus;
  runNow(kind: ScheduledJobKind): Promise<ScheduleRun>;
  failures(since?: string): ScheduleRun[];
  /** Runs every job whose time has come and that has not run for it yet (a missed run at start-up too). */
  runDue(): Promise<ScheduleRun[]>;
  /** The host's printer; the timer starts once there is one (start()). */
  setPrinter(printer: Printer | null): void;
  start(): void;
  stop(): Promise<void>;
};

export type ScheduleServiceOptions = {
  db: Kysely<DB>;
  dataDir: string;
  timeZone: string;
  bus: EventBus;
  now?: () => Date;
  log?: (message: string, error: unknown) => void;
};

const logLimit = 100;

const folderOf = (dataDir: string) => path.join(dataDir, 'schedules');
const settingsFile = (dataDir: string) => path.join(folderOf(dataDir), 'settings.json');
const logFile = (dataDir: string) => path.join(folderOf(dataDir), 'log.json');

const defaultJob = (kind: ScheduledJobKind): ScheduledJob => ({
  kind,
  enabled: false,
  // The weekly report on Saturday evening; the KPI tracker on Monday morning.
  weekday: kind === 'kpiTracker' ? 1 : 6,
  at: kind === 'kpiTracker' ? '08:00' : '18:00',
  folder: '',
  configuredBy: null,
  configuredAt: null,
});

/** The folder must be absolute, exist, and take a file: checked when saved, and again at each run. */
export function checkWritableFolder(folder: string): void {
  requireWritableFolder(folder, {
    notAbsolute: 'schedules.folderNotAbsolute',
    missing: 'schedules.folderMissing',
    notWritable: 'schedules.folderNotWritable',
  });
}

export function createScheduleService(opts: ScheduleServiceOptions): ScheduleService {
  const now = opts.now ?? (() => new Date());
  const log = opts.log ?? ((m, e) => console.error(m, e));
  let printer: Printer | null = null;
  let timer: NodeJS.Timeout | null = null;
  let started = false;
  let running: Promise<unknown> = Promise.resolve();

  function readJobs(): ScheduledJob[] {
    const stored = readJson(settingsFile(opts.dataDir));
    const list = Array.isArray(stored) ? (stored as ScheduledJob[]) : [];
    return scheduledJobKinds.map((kind) => ({ ...defaultJob(kind), ...list.find((j) => j?.kind === kind) }));
  }

  function readLog(): ScheduleRun[] {
    const stored = readJson(logFile(opts.dataDir));
    return Array.isArray(stored) ? (stored as ScheduleRun[]) : [];
  }

  function cronOf(job: ScheduledJob): Cron {
    return cronAt(job.at, job.weekday, opts.timeZone);
  }

  /** The last scheduled time at or before `at` (within a week and a day), after the job was configured. */
  function lastDue(job: ScheduledJob, at: Date): Date | null {
    const floor = Math.max(at.getTime() - 8 * 86_400_000, job.configuredAt ? Date.parse(job.configuredAt) : 0);
    return lastDueAt(cronOf(job), at, floor);
  }

  /** Who the PDF is printed as: its configurer when they may read it, else the first active supervisor. */
  async function printUser(job: ScheduledJob): Promise<number | null> {
    const readers = jobDefinitions[job.kind].readers;
    const { rows } = await sql<{ id: number }>`
      SELECT u.id FROM users u JOIN user_roles r ON r.user_id = u.id
       WHERE u.active = 1 AND r.role IN (${sql.join(readers)})
       ORDER BY (u.id = ${job.configuredBy?.userId ?? -1}) DESC, (r.role = 'supervisor') DESC, u.id LIMIT 1`.execute(
      opts.db,
    );
    return rows[0]?.id ?? null;
  }

  async function execute(job: ScheduledJob, dueAt: Date): Promise<ScheduleRun> {
    const what = jobDefinitions[job.kind].run(dueAt, opts.timeZone);
    const base = { kind: job.kind, dueAt: dueAt.toISOString(), period: what.period };
    let run: ScheduleRun;
    try {
      if (!printer) throw new AppError('schedules.noPrinter');
      checkWritableFolder(job.folder);
      const userId = await printUser(job);
      if (userId === null) throw new AppError('auth.forbidden', { reason: 'no user may read this report' });
      const pdf = await printer({ route: what.route, userId });
      const file = path.join(job.folder, what.fileName);
      fs.writeFileSync(`${file}.tmp`, pdf);
      fs.renameSync(`${file}.tmp`, file);
      run = { ...base, ranAt: now().toISOString(), ok: true, file, bytes: pdf.length, error: null };
    } catch (e) {
      const error =
        e instanceof AppError
          ? { code: e.code, reason: String(e.details.reason ?? e.details.folder ?? e.code) }
          : { code: 'print.failed', reason: (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '' };
      run = { ...base, ranAt: now().toISOString(), ok: false, file: null, bytes: null, error };
      log(`scheduled ${job.kind} failed: ${error.code}`, e);
    }
    try {
      writeJson(logFile(opts.dataDir), [run, ...readLog()].slice(0, logLimit));
    } catch (e) {
      log('could not write the schedule log', e);
    }
    opts.bus.emit('schedules.changed', run);
    return run;
  }

  /** One run at a time: a second waits for the first. */
  function serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = running.then(fn, fn);
    running = next.catch(() => undefined);
    return next;
  }

  function runDue(): Promise<ScheduleRun[]> {
    return serial(async () => {
      const runs: ScheduleRun[] = [];
      const entries = readLog();
      for (const job of readJobs()) {
        if (!job.enabled || !job.folder) continue;
        const due = lastDue(job, now());
        if (!due) continue;
        const forDue = entries.filter((r) => r.kind === job.kind && Date.parse(r.dueAt) >= due.getTime());
        if (forDue.some((r) => r.ok)) continue;
        const lastTry = forDue[0];
        if (lastTry && now().getTime() - Date.parse(lastTry.ranAt) < retryAfterFailureMs) continue;
        runs.push(await execute(job, due));
      }
      return runs;
    });
  }

  function nextRun(job: ScheduledJob): Date | null {
    return job.enabled && job.folder ? cronOf(job).nextRun(now()) : null;
  }

  function schedule(): void {
    if (!started) return;
    if (timer) clearTimeout(timer);
    const jobs = readJobs();
    const times = jobs.map(nextRun).filter((d): d is Date => d !== null);
    let delay = times.length > 0 ? Math.min(...times.map((d) => d.getTime())) - now().getTime() : 86_400_000;
    // A failed run waits an hour for its retry.
    if (readLog().some((r) => !r.ok && now().getTime() - Date.parse(r.ranAt) < retryAfterFailureMs))
      delay = Math.min(delay, retryAfterFailureMs);
    // setTimeout holds at most ~24.8 days; check at least daily.
    timer = setTimeout(
      () =>
        void runDue()
          .catch((e: unknown) => log('scheduled output check failed', e))
          .finally(schedule),
      Math.min(Math.max(1000, delay), 86_400_000),
    );
    timer.unref();
  }

  function status(): ScheduleStatus {
    return {
      timeZone: opts.timeZone,
      jobs: readJobs().map((job) => ({ ...job, nextRunAt: nextRun(job)?.toISOString() ?? null })),
      log: readLog(),
      printerReady: printer !== null,
    };
  }

  return {
    status,
    configure(input, by) {
      if (input.enabled || input.folder) checkWritableFolder(input.folder);
      const jobs = readJobs().map((j) =>
        j.kind === input.kind
          ? { ...input, folder: path.resolve(input.folder), configuredBy: by, configuredAt: now().toISOString() }
          : j,
      );
      writeJson(settingsFile(opts.dataDir), jobs);
      opts.bus.emit('schedules.changed', null);
      schedule();
      return status();
    },
    runNow(kind) {
      const job = readJobs().find((j) => j.kind === kind)!;
      return serial(() => execute(job, now()));
    },
    failures(since) {
      const from = since ? Date.parse(since) : 0;
      return readLog().filter((r) => !r.ok && Date.parse(r.ranAt) >= from);
    },
    runDue,
    setPrinter(p) {
      printer = p;
    },
    start() {
      started = true;
      // A run missed while no host was running is written now.
      void runDue()
        .catch((e: unknown) => log('scheduled output check failed', e))
        .finally(schedule);
    },
    async stop() {
      started = false;
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
    },
  };
}
