// Backup settings and the last outcome, as small JSON files in the backups
// folder rather than in the database: a restore must not roll back the
// administrator's schedule, and a failed backup must be recorded even when
// the database cannot be written (a full disk).
import path from 'node:path';
import { backupSettingsInput, type BackupOutcome, type BackupSettings } from '../../../shared/contract/backups';
import { readJsonFile as readJson, writeJsonFile as writeJson } from '../schedules/scheduledJob';
import { backupsFolder } from './files';

export const defaultBackupSettings: BackupSettings = { dailyAt: '02:30', keepDaily: 7, keepWeekly: 4 };

const settingsFile = (dataDir: string) => path.join(backupsFolder(dataDir), 'settings.json');
const statusFile = (dataDir: string) => path.join(backupsFolder(dataDir), 'status.json');

export function readBackupSettings(dataDir: string): BackupSettings {
  const parsed = backupSettingsInput.safeParse(readJson(settingsFile(dataDir)));
  return parsed.success ? parsed.data : defaultBackupSettings;
}

export function writeBackupSettings(dataDir: string, settings: BackupSettings): void {
  writeJson(settingsFile(dataDir), settings);
}

export type BackupRecord = { last: BackupOutcome | null; lastSuccess: BackupOutcome | null };

export function readBackupRecord(dataDir: string): BackupRecord {
  const r = readJson(statusFile(dataDir)) as Partial<BackupRecord> | null;
  return { last: r?.last ?? null, lastSuccess: r?.lastSuccess ?? null };
}

export function recordBackupOutcome(dataDir: string, outcome: BackupOutcome): void {
  const record = readBackupRecord(dataDir);
  try {
    writeJson(statusFile(dataDir), { last: outcome, lastSuccess: outcome.ok ? outcome : record.lastSuccess });
  } catch {
    // A full disk: the outcome still reaches the admin by event and the log.
  }
}
