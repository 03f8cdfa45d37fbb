// Every migration on a fresh PostgreSQL database gives the schema SQLite has
// (issue 15): tables, columns, NOT NULL, uniques, checks, foreign keys and triggers.
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/core/db/migrate';
import { latestVersion } from '../../../electron/core/db/migrations';
import { openPostgres, type OpenedPostgres } from '../../../electron/core/db/pgDialect';
import { migratePostgres, pgSchemaVersion } from '../../../electron/core/db/pgMigrate';
import { nextDocumentNumber } from '../../../electron/core/stock/numbering';
import { startPostgres, type TestPostgres } from '../../helpers/postgres';

let server: TestPostgres;
let opened: OpenedPostgres[] = [];

beforeAll(async () => {
  server = await startPostgres();
});

afterAll(async () => {
  for (const o of opened) await o.db.destroy();
  opened = [];
  server?.stop();
});

async function freshDatabase(): Promise<OpenedPostgres> {
  const o = openPostgres(await server.createDatabase());
  opened.push(o);
  return o;
}

describe('migrations on PostgreSQL', () => {
  it('brings an empty database to the latest version, and a second run changes nothing', async () => {
    const { db } = await freshDatabase();
    expect(await migratePostgres(db)).toBe(latestVersion);
    expect(await migratePostgres(db)).toBe(latestVersion);
    expect(await pgSchemaVersion(db)).toBe(latestVersion);
  });

  it('gives the schema SQLite has: tables, columns, NOT NULL, uniques, checks, foreign keys, triggers', async () => {
    const { db } = await freshDatabase();
    await migratePostgres(db);
    const lite = new Database(':memory:');
    try {
      migrate(lite);
      expect(await postgresSchema(db)).toEqual(sqliteSchema(lite));
    } finally {
      lite.close();
    }
  });

  it('keeps the audit log append-only and the catalogue token moving, as the SQLite triggers do', async () => {
    const { db } = await freshDatabase();
    await migratePostgres(db);
    await sql`INSERT INTO audit_log (at, request, entity, entity_id) VALUES ('2026-12-05T00:00:00.000Z', 'x', 'y', '1')`.execute(
      db,
    );
    await expect(sql`UPDATE audit_log SET request = 'z'`.execute(db)).rejects.toThrow('the audit log is append-only');
    await expect(sql`DELETE FROM audit_log`.execute(db)).rejects.toThrow('the audit log is append-only');
    const { rows: kept } = await sql<{ request: string }>`SELECT request FROM audit_log`.execute(db);
    expect(kept).toEqual([{ request: 'x' }]);

    const token = async () =>
      (await sql<{ token: number }>`SELECT token FROM catalogue_version WHERE id = 1`.execute(db)).rows[0]!.token;
    const before = await token();
    await sql`INSERT INTO locations (code, name, kind) VALUES ('PG-1', 'pg', 'warehouse')`.execute(db);
    const after = await token();
    expect(typeof after).toBe('number');
    expect(after).not.toBe(before);
  });

  it('refuses a database written by a newer Cangwu and changes nothing in it', async () => {
    const { db } = await freshDatabase();
    await migratePostgres(db);
    await sql`INSERT INTO schema_migrations (version, name, applied_at) VALUES (${latestVersion + 1}, 'future', 'x')`.execute(
      db,
    );
    await expect(migratePostgres(db)).rejects.toMatchObject({ code: 'db.tooNew' });
    expect(await pgSchemaVersion(db)).toBe(latestVersion + 1);
  });

  it('numbers documents gap-free per type and day when twenty transactions take numbers at once and some roll back', async () => {
    const { db } = await freshDatabase();
    await migratePostgres(db);
    const at = new Date('2026-12-05T02:00:00.000Z');
    const take = (i: number) =>
      db
        .transaction()
        .execute(async (trx) => {
          const number = await nextDocumentNumber(trx, 'receipt', at, 'Asia/Shanghai');
          if (i % 4 === 3) throw new Error('refused after numbering');
          return number;
        })
        .catch(() => null);
    const numbers = (await Promise.all(Array.from({ length: 20 }, (_, i) => take(i)))).filter(
      (n): n is string => n !== null,
    );
    expect(numbers.sort()).toEqual(
      Array.from({ length: 15 }, (_, i) => `RC-20261205-${String(i + 1).padStart(4, '0')}`),
    );
  });
});

type Schema = Record<
  string,
  { columns: string[]; uniques: string[]; checks: number; foreignKeys: string[]; triggers: string[] }
>;

/** A column as `name` or `name NOT NULL`; a primary key column is NOT NULL on both. */
function sqliteSchema(lite: Database.Database): Schema {
  const schema: Schema = {};
  const tables = lite
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string; sql: string }[];
  for (const { name, sql: tableSql } of tables) {
    const columns = (lite.pragma(`table_info(${name})`) as { name: string; notnull: number; pk: number }[]).map((c) =>
      c.notnull || c.pk ? `${c.name} NOT NULL` : c.name,
    );
    const uniques = (lite.pragma(`index_list(${name})`) as { name: string; unique: number }[])
      .filter((i) => i.unique)
      .map((i) =>
        (lite.pragma(`index_info(${i.name})`) as { name: string | null }[]).map((c) => c.name ?? '(expr)').join(','),
      );
    // SQLite keeps an INTEGER PRIMARY KEY as the rowid, not as an index.
    const pk = (lite.pragma(`table_info(${name})`) as { name: string; pk: number }[])
      .filter((c) => c.pk)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => c.name)
      .join(',');
    if (pk && !uniques.includes(pk)) uniques.push(pk);
    const foreignKeys = (lite.pragma(`foreign_key_list(${name})`) as { table: string; from: string; to: string }[]).map(
      (f) => `${f.from}->${f.table}(${f.to})`,
    );
    const triggers = (
      lite.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?").all(name) as {
        name: string;
      }[]
    ).map((t) => t.name);
    schema[name] = {
      columns: columns.sort(),
      uniques: uniques.sort(),
      checks: (tableSql.replace(/--[^\n]*/g, '').match(/\bCHECK\s*\(/gi) ?? []).length,
      foreignKeys: foreignKeys.sort(),
      triggers: triggers.sort(),
    };
  }
  return schema;
}

async function postgresSchema(db: OpenedPostgres['db']): Promise<Schema> {
  const schema: Schema = {};
  const tables = await sql<{ name: string }>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`.execute(db);
  for (const { name } of tables.rows) {
    const columns = await sql<{ name: string; nullable: string }>`
      SELECT column_name AS name, is_nullable AS nullable FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name = ${name}`.execute(db);
    const uniques = await sql<{ cols: string }>`
      SELECT (SELECT string_agg(COALESCE(a.attname, '(expr)'), ',' ORDER BY k.ord)
                FROM unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
                LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum AND k.attnum > 0) AS cols
      FROM pg_index i WHERE i.indrelid = ${name}::regclass AND i.indisunique`.execute(db);
    const checks = await sql<{ n: number }>`
      SELECT COUNT(*)::bigint AS n FROM pg_constraint WHERE conrelid = ${name}::regclass AND contype = 'c'`.execute(db);
    const foreignKeys = await sql<{ fk: string }>`
      SELECT (SELECT string_agg(a.attname, ',') FROM pg_attribute a WHERE a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey))
          || '->' || c.confrelid::regclass::text || '('
          || (SELECT string_agg(a.attname, ',') FROM pg_attribute a WHERE a.attrelid = c.confrelid AND a.attnum = ANY (c.confkey))
          || ')' AS fk
      FROM pg_constraint c WHERE c.conrelid = ${name}::regclass AND c.contype = 'f'`.execute(db);
    const triggers = await sql<{ name: string }>`
      SELECT tgname AS name FROM pg_trigger WHERE tgrelid = ${name}::regclass AND NOT tgisinternal`.execute(db);
    schema[name] = {
      columns: columns.rows.map((c) => (c.nullable === 'NO' ? `${c.name} NOT NULL` : c.name)).sort(),
      uniques: uniques.rows.map((u) => u.cols).sort(),
      checks: Number(checks.rows[0]?.n ?? 0),
      foreignKeys: foreignKeys.rows.map((f) => f.fk).sort(),
      triggers: triggers.rows.map((t) => t.name).sort(),
    };
  }
  return schema;
}
