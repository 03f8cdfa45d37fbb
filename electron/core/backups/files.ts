// The backups folder: `backups/` in the data folder. A backup's kind and time
// are in its name, so the list survives without a database of its own (and a
// restored database cannot disagree with it).
import fs from 'node:fs';
import path from 'node:path';
import type { BackupFile, BackupKind } from '../../../shared/contract/backups';

export const backupsFolderName = 'backups';

export function backupsFolder(dataDir: string): string {
  return path.join(dataDir, backupsFolderName);
}

const prefixes: Record<BackupKind, string> = {
  daily: 'daily',
  manual: 'manual',
  preMigration: 'pre-migration',
  beforeRestore: 'before-restore',
};

/** `daily-2026-12-04T18-30-00-000Z.db`: UTC, sortable, safe on every file system. */
export function backupName(kind: BackupKind, at: Date, suffix = ''): string {
  return `${prefixes[kind]}${suffix ? `-${suffix}` : ''}-${at.toISOString().replace(/[:.]/g, '-')}.db`;
}

const pattern = /^(daily|manual|pre-migration|before-restore)(?:-.*)?-(\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z)\.db$/;

export function parseBackupName(name: string): { kind: BackupKind; at: Date } | null {
  const m = pattern.exec(name);
  if (!m) return null;
  const kind = (Object.keys(prefixes) as BackupKind[]).find((k) => prefixes[k] === m[1])!;
  const iso = m[2]!.replace(/T(\d\d)-(\d\d)-(\d\d)-(\d{3})Z$/, 'T$1:$2:$3.$4Z');
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? null : { kind, at };
}

/** Every backup in the folder, newest first. */
export function listBackups(dataDir: string): BackupFile[] {
  const folder = backupsFolder(dataDir);
  let names: string[];
  try {
    names = fs.readdirSync(folder);
  } catch {
    return [];
  }
  const files: BackupFile[] = [];
  for (const name of names) {
    const parsed = parseBackupName(name);
    if (!parsed) continue;
    try {
      files.push({
        name,
        kind: parsed.kind,
        at: parsed.at.toISOString(),
        bytes: fs.statSync(path.join(folder, name)).size,
      });
    } catch {
      // Removed meanwhile.
    }
  }
  return files.sort((a, b) => b.at.localeCompare(a.at));
}
