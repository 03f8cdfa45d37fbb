// Online backup (SQLite's backup API: consistent while the console keeps
// posting) and restore. A restore first backs up what it replaces, so nothing
// is lost to a wrong file.
//
// A backup never destroys what it replaces until the new copy is proven: it is
// written to a temporary file beside the target, checked (integrity_check and
// the schema version), made durable (fsync) and only then renamed over the
// target. It used to delete the target first, so a full disk left neither the
// old backup nor a new one — and `--to <data folder>/cangwu.db` deleted the
// live database under a posting host. A target that is the live database or
// any of its files is refused.
import Database from 'better-sqlite3';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import { holderFileName, lockFileName } from '../dataDirLock';
import { latestVersion } from './migrations';
import { schemaVersion } from './migrate';
import { databasePath } from './open';
import { reasonOf, storageError, storageErrorCode } from './sqliteErrors';

export type BackupReport = { file: string; bytes: number; schemaVersion: number };

/** A path with its folder's links resolved, whether or not the file itself exists yet. */
function realPath(p: string): string {
  const abs = path.resolve(p);
  try {
    return fs.realpathSync(abs);
  } catch {
    const dir = path.dirname(abs);
    return dir === abs ? abs : path.join(realPath(dir), path.basename(abs));
  }
}

/** The live database's files and its folder: what a backup may never overwrite. */
export function liveFiles(dataDir: string): string[] {
  const db = databasePath(dataDir);
  return [
    dataDir,
    db,
    `${db}-wal`,
    `${db}-shm`,
    `${db}-journal`,
    path.join(dataDir, lockFileName),
    path.join(dataDir, `${lockFileName}-journal`),
    path.join(dataDir, holderFileName),
  ].map(realPath);
}

function fsyncPath(p: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(p, 'r');
    fs.fsyncSync(fd);
  } catch {
    // A folder cannot be fsynced on every platform (Windows): the rename is then as durable as the OS makes it.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function removeQuietly(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) fs.rmSync(f, { force: true });
}

/**
 * Writes a verified copy of the open database to `to`. On any failure the
 * previous file at `to` is untouched and the error says why.
 */
export async function backupDatabase(sqlite: Database.Database, to: string): Promise<BackupReport> {
  const target = realPath(to);
  const dataDir = path.dirname(realPath(sqlite.name));
  if (liveFiles(dataDir).includes(target)) throw new AppError('backup.targetIsLive', { target });
  if (fs.existsSync(target) && fs.statSync(target).isDirectory())
    throw new AppError('backup.failed', { target, reason: 'the target is a folder' });
  const folder = path.dirname(target);
  const temp = path.join(folder, `.${path.basename(target)}.${crypto.randomBytes(4).toString('hex')}.tmp`);
  try {
    fs.mkdirSync(folder, { recursive: true });
    await sqlite.backup(temp);
    const report = verifyBackup(temp, { selfContained: true });
    fsyncPath(temp);
    fs.renameSync(temp, target);
    fsyncPath(folder);
    return { file: target, ...report, bytes: fs.statSync(target).size };
  } catch (e) {
    removeQuietly(temp);
    throw backupFailure(e, target);
  }
}

function backupFailure(e: unknown, target: string): AppError {
  if (e instanceof AppError) {
    if (e.code === 'backup.failed' || e.code === 'backup.targetIsLive') return e;
    return new AppError('backup.failed', { target, cause: e.code, reason: String(e.details.finding ?? e.code) });
  }
  return new AppError('backup.failed', {
    target,
    cause: storageErrorCode(e) ?? (e as { code?: string }).code ?? 'unknown',
    reason: reasonOf(e),
  });
}

/**
 * A file is restorable when SQLite finds it sound (integrity_check) and it is
 * a Cangwu database this version can open. `selfContained`: a fresh backup is
 * switched out of WAL mode, so the one file is the whole copy (no -wal beside
 * it to lose when it is copied to a USB stick).
 */
export function verifyBackup(
  file: string,
  opts: { selfContained?: boolean } = {},
): { bytes: number; schemaVersion: number } {
  if (!fs.existsSync(file)) throw new AppError('backup.notFound', { file });
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: !opts.selfContained, fileMustExist: true });
    if (opts.selfContained) db.pragma('journal_mode = DELETE');
    const check = db.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new AppError('db.corrupt', { file, finding: String(check) });
    const version = schemaVersion(db);
    if (version === 0) throw new AppError('db.notADatabase', { file });
    if (version > latestVersion)
      throw new AppError('db.tooNew', { databaseVersion: version, supportedVersion: latestVersion });
    return { bytes: fs.statSync(file).size, schemaVersion: version };
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw storageError(e, { file }, true) ?? new AppError('db.corrupt', { file, finding: reasonOf(e) });
  } finally {
    db?.close();
  }
}

/**
 * Replaces the database of `dataDir` with the backup `from`. The caller holds
 * the data folder (dataDirLock.withDataDir), so no host is writing to it.
 */
export async function restoreDatabase(
  dataDir: string,
  from: string,
  now = new Date(),
): Promise<{ restored: BackupReport; previous: string | null }> {
  const source = realPath(from);
  if (liveFiles(dataDir).includes(source)) throw new AppError('backup.targetIsLive', { target: source });
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
    // The backup API writes through SQLite in one transaction: a failure
    // (a full disk) leaves the database as it was.
    await src.backup(target);
  } catch (e) {
    throw storageError(e, { file: target }) ?? e;
  } finally {
    src.close();
  }
  // The restored file keeps the live database's pragmas when the console opens it.
  const restored = new Database(target, { fileMustExist: true });
  try {
    restored.pragma('journal_mode = WAL');
  } finally {
    restored.close();
  }
  return { restored: { file: target, ...verifyBackup(target) }, previous };
}
