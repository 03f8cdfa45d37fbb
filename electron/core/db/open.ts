// The one place the database is opened. Pragmas are chosen here, with reasons.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { Kysely } from 'kysely';
import { AppError } from '../../../shared/errors';
import { walGuard } from './checkpointer';
import { verifyBackup } from './backup';
import { latestVersion } from './migrations';
import { migrate, schemaVersion } from './migrate';
import { reasonOf, storageError } from './sqliteErrors';
import type { DB } from './schema';
import { cachedSqliteDialect } from './sqliteDialect';

export const databaseFileName = 'cangwu.db';

export const journalSizeLimitBytes = 64 * 1024 * 1024;

export type OpenedDatabase = { sqlite: Database.Database; db: Kysely<DB>; file: string };

export function databasePath(dataDir: string): string {
  return path.join(dataDir, databaseFileName);
}

/** Pragmas every connection gets: the app, the CLI and the tests alike. */
export function applyPragmas(sqlite: Database.Database): void {
  // WAL: readers never block the writer, and an online backup can run while
  // the console posts.
  sqlite.pragma('journal_mode = WAL');
  // NORMAL in WAL mode: a commit is durable against an application crash and
  // the database is never corrupted by a power cut; the last transactions
  // before a power cut may roll back. FULL would fsync every scan and posting.
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  // A second process (CLI backup, a second station) waits rather than failing.
  sqlite.pragma('busy_timeout = 5000');
  // A WAL that has grown (a burst of postings, a long read holding it) is cut
  // back to this when it restarts, instead of keeping its largest size until
  // the host closes. The same size as the WAL guard's threshold
  // (checkpointer.ts), so a file past it has written that much since it last
  // restarted; the checkpointer empties it when no one writes.
  sqlite.pragma(`journal_size_limit = ${journalSizeLimitBytes}`);
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('temp_store = MEMORY');
  // Reads through the page cache of the OS instead of a read() per page.
  sqlite.pragma('mmap_size = 268435456');
}

/**
 * Opens (creating if needed) the database of a data folder, checks it and
 * brings its schema up to date. Refuses a corrupt database or one from a newer
 * version with a typed error the hosts print in the user's language.
 */
export function openDatabase(dataDir: string, opts: { migrate?: boolean } = {}): OpenedDatabase {
  const file = databasePath(dataDir);
  let sqlite: Database.Database | undefined;
  try {
    fs.mkdirSync(dataDir, { recursive: true });
    sqlite = new Database(file);
    applyPragmas(sqlite);
    const check = sqlite.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new AppError('db.corrupt', { file, finding: String(check) });
    if (opts.migrate !== false) {
      backupBeforeMigration(sqlite, dataDir);
      migrate(sqlite);
    }
  } catch (e) {
    sqlite?.close();
    throw openingError(e, dataDir, file);
  }
  const db = new Kysely<DB>({ dialect: cachedSqliteDialect(sqlite, walGuard(sqlite, file)) });
  return { sqlite, db, file };
}

/**
 * A migration that goes wrong halfway is rolled back, but one that is wrong
 * (moves data the wrong way) is not: an existing database about to be
 * migrated is copied first into backups/ (VACUUM INTO: synchronous, one
 * consistent self-contained file), verified like any backup.
 */
function backupBeforeMigration(sqlite: Database.Database, dataDir: string): void {
  const version = schemaVersion(sqlite);
  if (version === 0 || version >= latestVersion) return;
  const folder = path.join(dataDir, 'backups');
  fs.mkdirSync(folder, { recursive: true });
  const at = new Date().toISOString().replace(/[:.]/g, '-');
  const file = path.join(folder, `pre-migration-v${version}-${at}.db`);
  const temp = `${file}.tmp`;
  try {
    sqlite.prepare('VACUUM INTO ?').run(temp);
    verifyBackup(temp);
    fs.renameSync(temp, file);
  } catch (e) {
    fs.rmSync(temp, { force: true });
    // No migration without its safety copy: the database stays as it is.
    throw storageError(e, { file }, true) ?? e;
  }
}

/**
 * Why the database could not be opened, as the person at the console can act
 * on it: a full or read-only disk, another program holding it, a file that is
 * not a database, a damaged one. Until this, every failure read "damaged" and
 * sent the administrator to restore a backup over a sound database.
 */
function openingError(e: unknown, dataDir: string, file: string): AppError {
  if (e instanceof AppError) return e;
  const typed = storageError(e, { file }, true);
  // SQLite says only "unable to open database file"; the folder says why.
  if (typed?.code === 'db.cannotOpen' && folderIsReadOnly(dataDir))
    return new AppError('db.readOnly', { ...typed.details, reason: 'read-only file system' });
  // A file that starts as a SQLite database but whose header SQLite rejects is a damaged one.
  if (typed?.code === 'db.notADatabase' && hasSqliteHeader(file))
    return new AppError('db.corrupt', { ...typed.details, finding: typed.details.reason });
  return typed ?? new AppError('db.cannotOpen', { file, reason: reasonOf(e) });
}

function hasSqliteHeader(file: string): boolean {
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const head = Buffer.alloc(16);
      fs.readSync(fd, head, 0, 16, 0);
      return head.toString('latin1') === 'SQLite format 3\0';
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return false;
  }
}

function folderIsReadOnly(dir: string): boolean {
  try {
    fs.accessSync(dir, fs.constants.W_OK);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EROFS' || (e as NodeJS.ErrnoException).code === 'EACCES';
  }
}
