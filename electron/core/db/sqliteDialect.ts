// Kysely's SQLite dialect over better-sqlite3, with two changes:
// 1. Prepared statements are cached by SQL text. Kysely prepares each query
//    afresh; hot paths (a scan, a posting) then pay the parse every time.
// 2. `begin` becomes `begin immediate`: a write transaction takes the write
//    lock up front, so a second process (the CLI, a backup, a second station
//    on the same file) waits on busy_timeout instead of failing mid-transaction
//    with SQLITE_BUSY_SNAPSHOT when it upgrades from reading to writing.
// 3. `rollback` is skipped when SQLite has already rolled the transaction back
//    itself, as it does on SQLITE_FULL, SQLITE_IOERR and some SQLITE_BUSY
//    errors. Kysely's ROLLBACK then threw "cannot rollback - no transaction is
//    active", and that error replaced the real cause (a full disk reached the
//    log and the user as an internal error).
// 4. `afterCommit` runs after each COMMIT on this connection (the WAL guard:
//    checkpointer.ts).
// A PostgreSQL deployment swaps this file for Kysely's PostgresDialect.
import type Database from 'better-sqlite3';
import { SqliteDialect } from 'kysely';

const maxCachedStatements = 1000;

/** Stands in for ROLLBACK when there is nothing left to roll back. */
const noRollback = { reader: false, run: () => ({ changes: 0, lastInsertRowid: 0 }) };

export function cachedSqliteDialect(db: Database.Database, afterCommit?: () => void): SqliteDialect {
  const cache = new Map<string, Database.Statement>();
  const facade = {
    close: () => db.close(),
    prepare(sql: string): Database.Statement {
      if (sql === 'rollback' && !db.inTransaction) return noRollback as unknown as Database.Statement;
      const text = sql === 'begin' ? 'begin immediate' : sql;
      let stmt = cache.get(text);
      if (stmt) return stmt;
      stmt = db.prepare(text);
      if (cache.size >= maxCachedStatements) {
        const oldest = cache.keys().next().value;
        if (oldest !== undefined) cache.delete(oldest);
      }
      if (text === 'commit' && afterCommit) {
        const commit = stmt;
        stmt = {
          reader: false,
          run: (...args: unknown[]) => {
            const r = commit.run(...args);
            afterCommit();
            return r;
          },
        } as unknown as Database.Statement;
      }
      cache.set(text, stmt);
      return stmt;
    },
  };
  return new SqliteDialect({ database: facade as unknown as Database.Database });
}
