// Automatic backups 自动备份 (issue 10 §3): the administrator's view of them.
import { z } from 'zod';
import { none, spec } from './spec';

export type BackupKind = 'daily' | 'manual' | 'preMigration' | 'beforeRestore';

export type BackupFile = { name: string; kind: BackupKind; at: string; bytes: number };

export type BackupSettings = {
  /** Local time of the daily backup, `HH:MM` in the warehouse's time zone. */
  dailyAt: string;
  keepDaily: number;
  keepWeekly: number;
};

export type BackupOutcome = {
  at: string;
  ok: boolean;
  kind: BackupKind;
  name: string | null;
  bytes: number | null;
  /** The error code when it failed (db.diskFull, backup.failed …) and its reason. */
  error: { code: string; reason: string } | null;
};

export type BackupStatus = {
  folder: string;
  settings: BackupSettings;
  timeZone: string;
  last: BackupOutcome | null;
  lastSuccess: BackupOutcome | null;
  nextDailyAt: string | null;
  backups: BackupFile[];
  /**
   * The PostgreSQL server this host runs on (no password), or null: a site on
   * a server is backed up there (`cangwu backup --database`, pg_dump), not by
   * this host's daily file copy.
   */
  server: string | null;
};

export const backupSettingsInput = z
  .object({
    dailyAt: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
    keepDaily: z.number().int().min(1).max(366),
    keepWeekly: z.number().int().min(0).max(260),
  })
  .strict();

export const backupsRequests = {
  'backups.status': spec<BackupStatus>()({ input: none, access: ['admin'], write: false }),
  // Not a write transaction: the backup reads the database online, like the CLI's.
  'backups.runNow': spec<BackupStatus>()({ input: none, access: ['admin'], write: false }),
  'backups.configure': spec<BackupStatus>()({ input: backupSettingsInput, access: ['admin'], write: false }),
};
