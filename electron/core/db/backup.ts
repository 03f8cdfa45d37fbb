// Online backup (SQLite's backup API: consistent while the console keeps
// posting) and restore. A restore first backs up what it replaces, so nothing
// is lost to a wrong file.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import { latestVersion } from './migrations';
import { schemaVersion } from './migrate';
import { databasePath } from './open';

export type BackupReport = { file: string; bytes: number; schemaVersion: number };

export async function backupDatabase(sqlite: Database.Database, to: string): Promise<BackupReport> {
  const file = path.resolve(to);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (fs.existsSync(file)) fs.rmSync(file);
  await sqlite.backup(file);
  return { file, ...verifyBackup(file) };
}

/** A file is restorable when SQLite finds it sound and it is a Cangwu database this version can open. */
export function verifyBackup(file: string): { bytes: number; schemaVersion: number } {
  if (!fs.existsSync(file)) throw new AppError('db.corrupt', { file, finding: 'missing' });
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new AppError('db.corrupt', { file, finding: String(check) });
    const version = schemaVersion(db);
    if (version === 0) throw new AppError('db.corrupt', { file, finding: 'not a Cangwu database' });
    if (version > latestVersion)
      throw new AppError('db.tooNew', { databaseVersion: version, supportedVersion: latestVersion });
    return { bytes: fs.statSync(file).size, schemaVersion: version };
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('db.corrupt', { file, finding: e instanceof Error ? e.message : String(e) });
  } finally {
    db?.close();
  }
}

export async function restoreDatabase(
  dataDir: string,
  from: string,
  now = new Date(),
): Promise<{ restored: BackupReport; previous: string | null }> {
  const source = path.resolve(from);
  verifyBackup(source);
  const target = databasePath(dataDir);
  let previous: string | null = null;
  if (fs.existsSync(target)) {
    previous = path.join(dataDir, 'backups', `before-restore-${now.toISOString().replace(/[:.]/g, '-')}.db`);
    const current = new Database(target, { fileMustExist: true });
    try {
      await backupDatabase(current, previous);
    } finally {
      current.close();
    }
  }
  const src = new Database(source, { readonly: true, fileMustExist: true });
  try {
    // The backup API writes through SQLite, so the target's WAL stays consistent.
    await src.backup(target);
  } finally {
    src.close();
  }
  return { restored: { file: target, ...verifyBackup(target) }, previous };
}
