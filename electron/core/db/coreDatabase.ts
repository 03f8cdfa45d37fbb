// The core's database, whichever it is (issue 15 §1): the SQLite file of the
// data folder (one machine, nothing to install) or a PostgreSQL server named
// by a URL (a site of several machines on one stock). Everything above this
// talks to `db` (Kysely, both dialects) and writes through `writes`; what only
// one dialect has — the SQLite handle for the checkpointer, backups and
// `cangwu check` — is asked for by name, so a PostgreSQL core says plainly
// that it has none instead of failing somewhere below.
import type Database from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import { AppError } from '../../../shared/errors';
import { postgresConnectError } from './copyToPostgres';
import { groupCommitWrites, type GroupCommitOptions, type WriteRunner } from './groupCommit';
import { openDatabase } from './open';
import { openPostgres } from './pgDialect';
import { migratePostgres } from './pgMigrate';
import { pgWrites } from './pgWrites';
import type { DB } from './schema';

export type Dialect = 'sqlite' | 'postgres';

export type CoreDatabase = {
  dialect: Dialect;
  db: Kysely<DB>;
  /** The SQLite file, or the server's URL without its password. */
  file: string;
  /** SQLite only (the checkpointer, file backups, `cangwu check`): throws db.sqliteOnly on PostgreSQL. */
  readonly sqlite: Database.Database;
  /** The write runner of this dialect: group commit on SQLite, a retried transaction per request on PostgreSQL. */
  writes: WriteRunner;
};

export type DatabaseOptions = {
  dataDir: string;
  /** A postgres:// URL; without it, the SQLite file in the data folder. */
  url?: string | undefined;
  groupCommit?: GroupCommitOptions | undefined;
};

/** The URL as it may be shown or logged: no password. */
export function redactedUrl(url: string): string {
  try {
    const u = new URL(url);
    u.password = '';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}

export async function openCoreDatabase(opts: DatabaseOptions): Promise<CoreDatabase> {
  if (!opts.url) {
    const opened = openDatabase(opts.dataDir);
    return {
      dialect: 'sqlite',
      db: opened.db,
      file: opened.file,
      sqlite: opened.sqlite,
      writes: groupCommitWrites(opened.db, opened.sqlite, opts.groupCommit),
    };
  }
  const url = opts.url;
  const { db } = openPostgres(url);
  try {
    // Reach the server once before anything else, so an unreachable server or a
    // wrong password is told as such rather than as a failed migration.
    await sql`SELECT 1`.execute(db);
  } catch (e) {
    await db.destroy().catch(() => undefined);
    throw postgresConnectError(e, url);
  }
  try {
    await migratePostgres(db);
  } catch (e) {
    await db.destroy().catch(() => undefined);
    throw e;
  }
  const file = redactedUrl(url);
  return {
    dialect: 'postgres',
    db,
    file,
    get sqlite(): Database.Database {
      throw new AppError('db.sqliteOnly', { database: file });
    },
    writes: pgWrites(db),
  };
}
