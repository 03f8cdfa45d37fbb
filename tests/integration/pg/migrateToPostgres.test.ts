// `cangwu db migrate-to-postgres` (issue 15 §6) as a site would run it: the
// demo warehouse's SQLite folder copied into an empty PostgreSQL database of a
// real server, compared, and every refusal leaving the target as it was.
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../electron/core/core';
import { databasePath } from '../../../electron/core/db/open';
import { postgresTool } from '../../../electron/core/db/pgBackup';
import { addDays, today } from '../../../electron/core/orders/dates';
import { startPostgres, type TestPostgres } from '../../helpers/postgres';
import { tempDataDir } from '../fixtures';
import { buildCli, type Cli } from '../hosts/cliProcess';

let server: TestPostgres;
let cli: Cli;
const dataDir = tempDataDir('demo');

beforeAll(async () => {
  [server, cli] = await Promise.all([startPostgres(), buildCli()]);
  const init = await cli.run(['init', '--demo', '--data-dir', dataDir]);
  expect(init.code, init.stderr).toBe(0);
}, 120_000);

afterAll(() => {
  cli?.close();
  server?.stop();
});

async function query<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

const baseTables = (url: string) =>
  query<{ n: string }>(
    url,
    "SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
  ).then((r) => Number(r[0]!.n));

describe('cangwu db migrate-to-postgres', () => {
  it('copies the demo warehouse row for row, compares both, and new rows continue after the copied ids', async () => {
    const url = await server.createDatabase();
    const r = await cli.run(['db', 'migrate-to-postgres', '--from', dataDir, '--to', url]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/copying movements… \d+%/);
    expect(r.stdout).toMatch(/ledger = balances on PostgreSQL: 0 mismatches; negative balances: 0/);
    expect(r.stdout).toMatch(/^ok: \d+ rows in \d+ tables copied/m);

    const sqlite = new Database(databasePath(dataDir), { readonly: true });
    try {
      // Every table's count printed, equal on both sides.
      const tables = (
        sqlite
          .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations'",
          )
          .all() as { name: string }[]
      ).map((t) => t.name);
      for (const t of tables) {
        const n = (sqlite.prepare(`SELECT COUNT(*) AS n FROM "${t}"`).get() as { n: number }).n;
        expect(r.stdout, t).toMatch(new RegExp(`^  ${t}\\s+${n}\\s+${n}$`, 'm'));
      }
      // The ledger and the documents as they were: the same sums per product, the same numbers.
      const ledgerSql =
        'SELECT product_id, status, location_id, SUM(qty) AS qty, COUNT(*) AS lines FROM movements GROUP BY product_id, status, location_id ORDER BY 1, 2, 3';
      const fromSqlite = sqlite.prepare(ledgerSql).all() as { qty: number; lines: number }[];
      const fromPg = await query<{ qty: string; lines: string }>(url, ledgerSql);
      expect(fromPg.map((x) => [Number(x.qty), Number(x.lines)])).toEqual(fromSqlite.map((x) => [x.qty, x.lines]));
      const docs = 'SELECT id, type, number, idempotency_key FROM documents ORDER BY id';
      expect((await query(url, docs)).map((d) => ({ ...d, id: Number(d.id) }))).toEqual(sqlite.prepare(docs).all());
      // A new document gets an id after the copied ones (the identity sequence moved on).
      const maxId = (sqlite.prepare('SELECT MAX(id) AS m FROM documents').get() as { m: number }).m;
      const next = await query<{ id: string }>(url, "SELECT nextval(pg_get_serial_sequence('documents', 'id')) AS id");
      expect(Number(next[0]!.id)).toBe(maxId + 1);
    } finally {
      sqlite.close();
    }
    // The source is untouched and still sound.
    const check = await cli.run(['check', '--data-dir', dataDir]);
    expect(check.code, check.stderr).toBe(0);
    // `cangwu check` on the target, through the same command with --database: clean too.
    const checkPg = await cli.run(['check', '--database', url, '--data-dir', tempDataDir('pg-check')]);
    expect(checkPg.code, checkPg.stderr).toBe(0);
    // `cangwu backup` on PostgreSQL: the server's own dump, readable by pg_restore.
    const dump = path.join(tempDataDir('pg-dump'), 'cangwu.dump');
    const backup = await cli.run(['backup', '--to', dump, '--database', url, '--data-dir', tempDataDir('pg-backup')]);
    expect(backup.code, backup.stderr).toBe(0);
    const listed = spawnSync(postgresTool('pg_restore'), ['--list', dump], { encoding: 'utf8' });
    expect(listed.stdout).toMatch(/TABLE DATA \S+ movements /);

    // The same weekly report from both: the last four weeks, as the supervisor reads them.
    const report = async (core: Core) => {
      const supervisor = core.newCaller('supervisor');
      const login = await core.dispatch(supervisor, 'auth.login', { username: 'supervisor', secret: 'demo1234' });
      expect(login.ok).toBe(true);
      const day = today(new Date(), core.timeZone);
      const r = await core.dispatch(supervisor, 'reports.weekly', { from: addDays(day, -28), to: addDays(day, -1) });
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      return r.value;
    };
    const fromSqlite = await openCore({ dataDir, station: 'sqlite', log: () => {} });
    const fromPostgres = await openCore({
      dataDir: tempDataDir('pg-core'),
      database: url,
      station: 'pg',
      log: () => {},
    });
    try {
      // Everything but the moment each was drawn up.
      const [a, b] = [await report(fromSqlite), await report(fromPostgres)].map((r) => ({
        ...(r as { generatedAt: string; rows: unknown[] }),
        generatedAt: null,
      }));
      expect(a!.rows.length).toBeGreaterThan(0);
      expect(b).toEqual(a);
    } finally {
      await fromSqlite.close();
      await fromPostgres.close();
    }
  });

  it('refuses a target that is not empty, writing nothing', async () => {
    const url = await server.createDatabase();
    await query(url, 'CREATE TABLE their_table (id INT)');
    const r = await cli.run(['db', 'migrate-to-postgres', '--from', dataDir, '--to', url]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^cangwu: db\.pgNotEmpty: the target database is not empty/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(await baseTables(url)).toBe(1);
  });

  it('undoes all of it when the copy fails part way: the target is empty again', async () => {
    const url = await server.createDatabase();
    // Not a table, so the target counts as empty; but CREATE TABLE movements collides with it mid-schema.
    await query(url, 'CREATE TYPE movements AS (a INT)');
    const r = await cli.run(['db', 'migrate-to-postgres', '--from', dataDir, '--to', url]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^cangwu: db\.pgCopyFailed: the copy failed; all of it was undone/m);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(await baseTables(url)).toBe(0);
  });

  it('says in one line when the server cannot be reached or has no such database', async () => {
    const down = await cli.run([
      'db',
      'migrate-to-postgres',
      '--from',
      dataDir,
      '--to',
      'postgres://cangwu:secret@127.0.0.1:1/x',
    ]);
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/^cangwu: db\.pgUnreachable: the PostgreSQL server cannot be reached/);
    expect(down.stderr).not.toContain('secret');
    expect(down.stderr.trim().split('\n')).toHaveLength(1);
    const none = await cli.run(['db', 'migrate-to-postgres', '--from', dataDir, '--to', server.url('no_such_db')]);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/^cangwu: db\.pgNoDatabase: no such database/);
  });
});
