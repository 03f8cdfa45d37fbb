// The one place the database is opened. Pragmas are chosen here, with reasons.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { Kysely } from 'kysely';
import { AppError } from '../../../shared/errors';
import { migrate } from './migrate';
import type { DB } from './schema';
import { cachedSqliteDialect } from './sqliteDialect';

export const databaseFileName = 'cangwu.db';

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
  fs.mkdirSync(dataDir, { recursive: true });
  const file = databasePath(dataDir);
  let sqlite: Database.Database;
  try {
    sqlite = new Database(file);
    applyPragmas(sqlite);
    const check = sqlite.pragma('quick_check', { simple: true });
    if (check !== 'ok') {
      sqlite.close();
      throw new AppError('db.corrupt', { file, finding: String(check) });
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('db.corrupt', { file, finding: e instanceof Error ? e.message : String(e) });
  }
  try {
    if (opts.migrate !== false) migrate(sqlite);
  } catch (e) {
    sqlite.close();
    throw e;
  }
  const db = new Kysely<DB>({ dialect: cachedSqliteDialect(sqlite) });
  return { sqlite, db, file };
}
