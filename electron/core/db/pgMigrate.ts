// The migrations on PostgreSQL (issue 15): the same numbered list as SQLite,
// each migration's `pg` text when it has one, else its SQLite SQL translated
// (pgTranslate.ts), in the transaction that records its version. A database
// written by a newer Cangwu is refused like on SQLite.
// The `data` steps that read the data folder (025: attachment files moved into
// the database) have nothing to move on a new PostgreSQL database and are not
// run there; moving an existing SQLite folder to PostgreSQL is a separate tool.
import { sql, type Kysely } from 'kysely';
import { AppError } from '../../../shared/errors';
import { latestVersion, migrations, type Migration } from './migrations';
import { pgPrelude, toPostgres } from './pgTranslate';
import type { DB } from './schema';

/** The SQL a migration runs on PostgreSQL. */
export function postgresSql(m: Migration): string {
  return m.pg ?? toPostgres(m.sql);
}

/** The database's schema version; 0 for an empty database. */
export async function pgSchemaVersion(db: Kysely<DB>): Promise<number> {
  const exists = await sql<{ t: string | null }>`SELECT to_regclass('schema_migrations')::text AS t`.execute(db);
  if (!exists.rows[0]?.t) return 0;
  const max = await sql<{ v: number | null }>`SELECT MAX(version) AS v FROM schema_migrations`.execute(db);
  return max.rows[0]?.v ?? 0;
}

export async function migratePostgres(
  db: Kysely<DB>,
  target = latestVersion,
  list: readonly Migration[] = migrations,
): Promise<number> {
  await sql
    .raw(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
    )
    .execute(db);
  const current = await pgSchemaVersion(db);
  if (current > latestVersion) {
    throw new AppError('db.tooNew', { databaseVersion: current, supportedVersion: latestVersion });
  }
  if (current === 0) await sql.raw(pgPrelude).execute(db);
  for (const m of list) {
    if (m.version <= current || m.version > target) continue;
    await db.transaction().execute(async (trx) => {
      // Two hosts starting at once: the second waits here and then finds the version applied.
      await sql`LOCK TABLE schema_migrations IN EXCLUSIVE MODE`.execute(trx);
      const applied = await sql<{
        n: number;
      }>`SELECT COUNT(*)::bigint AS n FROM schema_migrations WHERE version = ${m.version}`.execute(trx);
      if (Number(applied.rows[0]?.n) > 0) return;
      try {
        await sql.raw(postgresSql(m)).execute(trx);
      } catch (e) {
        throw new Error(`migration ${m.version} ${m.name} on PostgreSQL: ${(e as Error).message}`, { cause: e });
      }
      await sql`INSERT INTO schema_migrations (version, name, applied_at) VALUES (${m.version}, ${m.name}, ${new Date().toISOString()})`.execute(
        trx,
      );
    });
  }
  return pgSchemaVersion(db);
}
