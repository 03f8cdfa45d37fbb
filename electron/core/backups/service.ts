// Automatic backups: a daily online backup into `backups/` at a configured
// local time (the warehouse's time zone), a missed one taken at start-up,
// daily and weekly copies kept as configured, each verified by
// integrity_check (db/backup.ts) — and every failure logged and sent to the
// admin's windows, never silent.
import type Database from 'better-sqlite3';
import type { Cron } from 'croner';
import fs from 'node:fs';
import path from 'node:path';
import type { BackupKind, BackupOutcome, BackupSettings, BackupStatus } from '../../../shared/contract/backups';
import { AppError, errorCodes, type ErrorCode } from '../../../shared/errors';
import { backupDatabase } from '../db/backup';
import type { EventBus } from '../events';
import { backupName, backupsFolder, listBackups } from './files';
import { cronAt, lastDueAt, retryAfterFailureMs } from '../schedules/scheduledJob';
import { backupsToPrune } from './retention';
import { readBackupRecord, readBackupSettings, recordBackupOutcome, writeBackupSettings } from './settings';

export type BackupService = {
  status(): BackupStatus;
  /** Takes a backup now; the outcome (never a throw) is recorded, logged and sent. */
  run(kind: 'daily' | 'manual'): Promise<BackupOutcome>;
  configure(settings: BackupSettings): BackupStatus;
  /** Takes the daily backup when one is due: missed at start-up, or its time has come. */
  runIfDue(): Promise<BackupOutcome | null>;
  /** Starts the timer (the hosts; the CLI and most tests do not). */
  start(): void;
  stop(): Promise<void>;
};

export type BackupServiceOptions = {
  /** The SQLite handle, asked for at each backup (a PostgreSQL core has none: db.sqliteOnly). */
  sqlite: () => Database.Database;
  /** The PostgreSQL server the core runs on (shown without password), or null on SQLite: no file backups then. */
  server?: string | null;
  dataDir: string;
  timeZone: string;
  bus: EventBus;
  now?: () => Date;
  log?: (message: string, error: unknown) => void;
};

const isErrorCode = (c: string): c is ErrorCode => (errorCodes as readonly string[]).includes(c);

function cronOf(settings: BackupSettings, timeZone: string): Cron {
  return cronAt(settings.dailyAt, 'daily', timeZone);
}

export function createBackupService(opts: BackupServiceOptions): BackupService {
  const now = opts.now ?? (() => new Date());
  const log = opts.log ?? ((m, e) => console.error(m, e));
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<BackupOutcome> | null = null;
  let started = false;
  // The last outcome is also kept here: on a full disk its file cannot be written.
  let lastOutcome: BackupOutcome | null = null;
  const record = () => {
    const stored = readBackupRecord(opts.dataDir);
    if (lastOutcome && (!stored.last || stored.last.at < lastOutcome.at)) {
      return {
        last: lastOutcome,
        lastSuccess: lastOutcome.ok ? lastOutcome : stored.lastSuccess,
      };
    }
    return stored;
  };

  /** The last scheduled time at or before `at` (within a day and two hours). */
  function lastScheduled(settings: BackupSettings, at: Date): Date | null {
    return lastDueAt(cronOf(settings, opts.timeZone), at, at.getTime() - 26 * 60 * 60 * 1000);
  }

  function nextDaily(): Date | null {
    return cronOf(readBackupSettings(opts.dataDir), opts.timeZone).nextRun(now());
  }

  function status(): BackupStatus {
    const { last, lastSuccess } = record();
    return {
      folder: backupsFolder(opts.dataDir),
      settings: readBackupSettings(opts.dataDir),
      timeZone: opts.timeZone,
      last,
      lastSuccess,
      nextDailyAt: opts.server ? null : (nextDaily()?.toISOString() ?? null),
      backups: listBackups(opts.dataDir),
      server: opts.server ?? null,
    };
  }

  async function take(kind: BackupKind): Promise<BackupOutcome> {
    const at = now();
    const name = backupName(kind, at);
    let outcome: BackupOutcome;
    try {
      const report = await backupDatabase(opts.sqlite(), path.join(backupsFolder(opts.dataDir), name));
      outcome = { at: at.toISOString(), ok: true, kind, name, bytes: report.bytes, error: null };
      if (kind === 'daily') prune();
    } catch (e) {
      // The code the admin's window translates: the storage cause when there
      // is one (db.diskFull …), else the backup's own.
      const cause = e instanceof AppError ? e.details.cause : undefined;
      const code =
        e instanceof AppError && e.code !== 'backup.failed'
          ? e.code
          : typeof cause === 'string' && isErrorCode(cause)
            ? cause
            : 'backup.failed';
      const reason =
        e instanceof AppError ? String(e.details.reason ?? e.code) : e instanceof Error ? e.message : String(e);
      const error = { code, reason };
      outcome = { at: at.toISOString(), ok: false, kind, name: null, bytes: null, error };
      log(`backup (${kind}) failed: ${error.code}`, e);
    }
    lastOutcome = outcome;
    recordBackupOutcome(opts.dataDir, outcome);
    opts.bus.emit('backups.changed', outcome);
    return outcome;
  }

  function prune(): void {
    const settings = readBackupSettings(opts.dataDir);
    for (const f of backupsToPrune(listBackups(opts.dataDir), settings, opts.timeZone)) {
      try {
        fs.rmSync(path.join(backupsFolder(opts.dataDir), f.name), { force: true });
      } catch (e) {
        log(`could not remove old backup ${f.name}`, e);
      }
    }
  }

  function run(kind: 'daily' | 'manual'): Promise<BackupOutcome> {
    // One backup at a time: a second request waits for the first and takes its own.
    const previous = running ?? Promise.resolve(null);
    const next = previous.then(() => take(kind));
    running = next.finally(() => {
      if (running === next) running = null;
    });
    return next;
  }

  async function runIfDue(): Promise<BackupOutcome | null> {
    const settings = readBackupSettings(opts.dataDir);
    const due = lastScheduled(settings, now());
    if (!due) return null;
    const newest = listBackups(opts.dataDir).find((f) => f.kind === 'daily');
    if (newest && new Date(newest.at).getTime() >= due.getTime()) return null;
    const { last } = record();
    // A daily that failed since it was due is tried again an hour later, not in a loop.
    if (
      last &&
      !last.ok &&
      last.kind === 'daily' &&
      new Date(last.at).getTime() >= due.getTime() &&
      now().getTime() - new Date(last.at).getTime() < retryAfterFailureMs
    )
      return null;
    return run('daily');
  }

  function schedule(): void {
    if (!started) return;
    if (timer) clearTimeout(timer);
    const next = nextDaily();
    const { last } = record();
    let delay = next ? next.getTime() - now().getTime() : 24 * 60 * 60 * 1000;
    if (last && !last.ok) delay = Math.min(delay, retryAfterFailureMs);
    // setTimeout holds at most ~24.8 days; a day is far below.
    timer = setTimeout(
      () =>
        void runIfDue()
          .catch((e: unknown) => log('backup check failed', e))
          .finally(schedule),
      Math.max(1000, delay),
    );
    timer.unref();
  }

  return {
    status,
    run,
    configure(settings) {
      writeBackupSettings(opts.dataDir, settings);
      schedule();
      return status();
    },
    runIfDue,
    start() {
      started = true;
      // A daily backup missed while the console was closed is taken now.
      void runIfDue()
        .catch((e: unknown) => log('backup check failed', e))
        .finally(schedule);
    },
    async stop() {
      started = false;
      if (timer) clearTimeout(timer);
      timer = null;
      await running?.catch(() => {});
    },
  };
}
