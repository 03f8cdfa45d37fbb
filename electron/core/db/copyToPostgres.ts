// `cangwu db migrate-to-postgres` (issue 15 §6): a site that outgrew one
// machine moves its SQLite database into an empty PostgreSQL database. All or
// nothing: the schema (every migration, as a new PostgreSQL site gets it:
// pgMigrate.ts) and every row go in ONE PostgreSQL transaction — DDL is
// transactional there — and the checks run inside it before COMMIT, so a copy
// that fails or does not compare equal leaves the target as empty as it was.
//
// Rows keep their ids (every reference between tables stays true), the rows
// the migrations seed included, as the SQLite database has them now; the
// identity sequences then continue after the highest id. Tables are copied
// parents first (SQLite's foreign keys), so PostgreSQL's checks hold row by
// row; the tables' own triggers rest during the copy (derived tables come as
// they are) and are on again before the checks.
import type Database from 'better-sqlite3';
import pg from 'pg';
import { AppError } from '../../../shared/errors';
import { ledgerMismatchSql, negativeBalanceSql } from './integrity';
import { latestVersion, migrations } from './migrations';
import { postgresSql } from './pgMigrate';
import { pgPrelude } from './pgTranslate';

export type CopyProgress = { table: string; copied: number; totalCopied: number; totalRows: number };

export type TableComparison = { table: string; sqlite: number; postgres: number };

export type CopyReport = {
  schemaVersion: number;
  tables: TableComparison[];
  rows: number;
  /** Checked on the target before COMMIT: Σ ledger = balances, and no balance below zero. */
  ledgerMismatches: number;
  negativeBalances: number;
  ms: number;
};

/** Rows per INSERT: PostgreSQL takes at most 65,535 parameters per statement. */
const parameterBudget = 30_000;

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The tables of the SQLite database, parents before the tables that reference them. */
export function tablesInCopyOrder(sqlite: Database.Database): string[] {
  const names = (
    sqlite
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations' ORDER BY name",
      )
      .all() as { name: string }[]
  ).map((r) => r.name);
  const parents = new Map(
    names.map((n) => [
      n,
      new Set(
        (sqlite.prepare(`PRAGMA foreign_key_list(${quoted(n)})`).all() as { table: string }[])
          .map((f) => f.table)
          .filter((t) => t !== n && names.includes(t)),
      ),
    ]),
  );
  const ordered: string[] = [];
  const placed = new Set<string>();
  const visit = (n: string, path: Set<string>) => {
    if (placed.has(n)) return;
    if (path.has(n)) throw new Error(`foreign keys form a cycle through ${n}`);
    path.add(n);
    for (const p of parents.get(n) ?? []) visit(p, path);
    path.delete(n);
    placed.add(n);
    ordered.push(n);
  };
  for (const n of names) visit(n, new Set());
  return ordered;
}

/** The columns a copy writes: stored ones (generated columns are computed again by the target). */
function storedColumns(sqlite: Database.Database, table: string): string[] {
  return (sqlite.prepare(`PRAGMA table_xinfo(${quoted(table)})`).all() as { name: string; hidden: number }[])
    .filter((c) => c.hidden === 0)
    .map((c) => c.name);
}

/** A connection failure in words a person can act on, with no password in it. */
export function postgresConnectError(e: unknown, url: string): AppError {
  const code = (e as { code?: string }).code ?? '';
  let safe = url;
  try {
    const u = new URL(url);
    u.password = '';
    safe = u.toString();
  } catch {
    safe = 'postgres://…';
  }
  if (code === '28P01' || code === '28000') return new AppError('db.pgLoginRefused', { url: safe });
  if (code === '3D000') return new AppError('db.pgNoDatabase', { url: safe });
  return new AppError('db.pgUnreachable', {
    url: safe,
    reason: e instanceof Error ? e.message.split('\n')[0] : String(e),
  });
}

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, options: '-c TimeZone=UTC', connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
  } catch (e) {
    await client.end().catch(() => undefined);
    throw postgresConnectError(e, url);
  }
  return client;
}

/**
 * Copies the SQLite database (at the program's schema version: open it through
 * openDatabase first) into the empty PostgreSQL database at `url`, compares,
 * and commits only if everything matches.
 */
export async function copyToPostgres(
  sqlite: Database.Database,
  url: string,
  onProgress: (p: CopyProgress) => void = () => {},
): Promise<CopyReport> {
  const started = performance.now();
  const version = (sqlite.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number }).v;
  if (version !== latestVersion) throw new Error(`the SQLite database is at schema ${version}, not ${latestVersion}`);
  const client = await connect(url);
  try {
    const existing = await client.query<{ n: string }>(
      "SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
    );
    const tablesThere = Number(existing.rows[0]?.n ?? 0);
    if (tablesThere > 0) throw new AppError('db.pgNotEmpty', { tables: tablesThere });

    const tables = tablesInCopyOrder(sqlite);
    const counts = new Map(
      tables.map((t) => [t, (sqlite.prepare(`SELECT COUNT(*) AS n FROM ${quoted(t)}`).get() as { n: number }).n]),
    );
    const totalRows = [...counts.values()].reduce((a, b) => a + b, 0);

    await client.query('BEGIN');
    try {
      // The schema exactly as a new PostgreSQL site gets it (pgMigrate.ts), in this transaction.
      await client.query(
        'CREATE TABLE schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
      );
      await client.query(pgPrelude);
      const appliedAt = new Date().toISOString();
      for (const m of migrations) {
        await client.query(postgresSql(m));
        await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
          m.version,
          m.name,
          appliedAt,
        ]);
      }

      // The tables' own triggers keep derived tables (count tallies …) and refuse changes to the
      // ledger: the copy brings every table as it is, so they rest until it is in (foreign keys
      // are system triggers and stay on). The tables are this transaction's own.
      for (const table of tables) await client.query(`ALTER TABLE ${quoted(table)} DISABLE TRIGGER USER`);
      // Rows the migrations seed (the catalogue version, default code lists and check items) are
      // in the SQLite database too, maybe edited since: the copy brings them as they are now.
      for (const table of [...tables].reverse()) {
        const seeded = await client.query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${quoted(table)}`);
        if (Number(seeded.rows[0]?.n ?? 0) > 0) await client.query(`DELETE FROM ${quoted(table)}`);
      }

      let totalCopied = 0;
      for (const table of tables) {
        const columns = storedColumns(sqlite, table);
        const perInsert = Math.max(1, Math.min(1000, Math.floor(parameterBudget / columns.length)));
        const head = `INSERT INTO ${quoted(table)} (${columns.map(quoted).join(', ')}) VALUES `;
        const select = sqlite.prepare(`SELECT ${columns.map(quoted).join(', ')} FROM ${quoted(table)}`).raw(true);
        let batch: unknown[][] = [];
        let copied = 0;
        const flush = async () => {
          if (batch.length === 0) return;
          const values: unknown[] = [];
          const tuples = batch.map((row) => {
            const slots = row.map((v) => {
              values.push(v);
              return `$${values.length}`;
            });
            return `(${slots.join(', ')})`;
          });
          await client.query(head + tuples.join(', '), values);
          copied += batch.length;
          totalCopied += batch.length;
          batch = [];
          onProgress({ table, copied, totalCopied, totalRows });
        };
        for (const row of select.iterate() as IterableIterator<unknown[]>) {
          batch.push(row);
          if (batch.length >= perInsert) await flush();
        }
        await flush();
        if (columns.includes('id')) {
          // New rows continue after the copied ones (identity columns only; other ids are not generated).
          await client.query(
            `SELECT setval(pg_get_serial_sequence($1, 'id'), COALESCE((SELECT MAX(id) FROM ${quoted(table)}), 0) + 1, false)
              WHERE pg_get_serial_sequence($1, 'id') IS NOT NULL`,
            [table],
          );
        }
      }

      for (const table of tables) await client.query(`ALTER TABLE ${quoted(table)} ENABLE TRIGGER USER`);

      const compared: TableComparison[] = [];
      for (const table of tables) {
        const r = await client.query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${quoted(table)}`);
        compared.push({ table, sqlite: counts.get(table)!, postgres: Number(r.rows[0]?.n ?? 0) });
      }
      const mismatches = await client.query(ledgerMismatchSql);
      const negatives = await client.query(negativeBalanceSql);
      const report: CopyReport = {
        schemaVersion: latestVersion,
        tables: compared,
        rows: totalCopied,
        ledgerMismatches: mismatches.rowCount ?? 0,
        negativeBalances: negatives.rowCount ?? 0,
        ms: 0,
      };
      const differing = compared.filter((c) => c.sqlite !== c.postgres);
      if (differing.length > 0 || report.ledgerMismatches > 0 || report.negativeBalances > 0) {
        throw new AppError('db.pgCopyMismatch', {
          tables: differing.map((d) => `${d.table} ${d.sqlite}→${d.postgres}`).join(', '),
          ledgerMismatches: report.ledgerMismatches,
          negativeBalances: report.negativeBalances,
        });
      }
      await client.query('COMMIT');
      report.ms = Math.round(performance.now() - started);
      return report;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      if (e instanceof AppError) throw e;
      throw new AppError('db.pgCopyFailed', { reason: e instanceof Error ? e.message.split('\n')[0] : String(e) });
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}
