// `cangwu check`: the database is sound, the balances are exactly what the
// ledger says (GUIDE: balances can always be rebuilt from the ledger), and no
// balance is negative (R5). On either dialect (issue 15 §6): the same SQL
// through one reader; SQLite adds its own tools, quick_check and
// foreign_key_check (a PostgreSQL server enforces its foreign keys and checks
// its pages itself).
import type Database from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import { defaultTimeZone } from '../clock';
import { figuresTimeZoneSetting, foldLedger, foldLedgerOf, type FoldedFigure } from '../stock/periodFigures';
import type { DB } from './schema';

/** Rows of a plain SQL text, from either dialect. */
type Reader = {
  all<T>(text: string): Promise<T[]>;
  fold(timeZone: string): Promise<Map<string, FoldedFigure>>;
  sqlite: Database.Database | null;
};

function readerOf(target: Database.Database | Kysely<DB>): Reader {
  if (target instanceof Kysely)
    return {
      all: async <T>(text: string) => (await sql.raw<T>(text).execute(target)).rows,
      fold: (zone) => foldLedgerOf(target, zone),
      sqlite: null,
    };
  return {
    all: async <T>(text: string) => target.prepare(text).all() as T[],
    fold: async (zone) => foldLedger(target, zone),
    sqlite: target,
  };
}

export type Finding =
  | { kind: 'quickCheck'; message: string }
  | { kind: 'foreignKey'; table: string; rowid: number; parent: string }
  | {
      kind: 'ledgerMismatch';
      productCode: string;
      status: string;
      locationCode: string;
      ledgerQty: number;
      balanceQty: number;
    }
  | { kind: 'negativeBalance'; productCode: string; status: string; locationCode: string; qty: number }
  /** Issue 14: a daily period figure that is not what the ledger folds to (missing: found 0, extra: expected 0). */
  | {
      kind: 'periodFigureMismatch';
      productCode: string;
      day: string;
      status: string;
      locationCode: string;
      type: string;
      expectedQty: number;
      foundQty: number;
      expectedAmountFen: number;
      foundAmountFen: number;
      expectedLines: number;
      foundLines: number;
    }
  /** A month's sum that is not the sum of its days. */
  | {
      kind: 'periodMonthMismatch';
      productCode: string;
      month: string;
      status: string;
      locationCode: string;
      expectedQty: number;
      foundQty: number;
      expectedAmountFen: number;
      foundAmountFen: number;
    };

export type IntegrityReport = {
  ok: boolean;
  findings: Finding[];
  movements: number;
  balances: number;
  /** Daily period figure rows checked against the ledger. */
  periodFigures: number;
};

/** Every (product, status, place) whose balance is not the sum of its ledger lines. Plain SQL: PostgreSQL runs it too. */
export const ledgerMismatchSql = `WITH ledger AS (
         SELECT product_id, status, location_id, SUM(qty) AS qty FROM movements GROUP BY product_id, status, location_id
       ), joined AS (
         SELECT l.product_id, l.status, l.location_id, l.qty AS ledger_qty, COALESCE(b.qty, 0) AS balance_qty
           FROM ledger l LEFT JOIN balances b USING (product_id, status, location_id)
         UNION ALL
         SELECT b.product_id, b.status, b.location_id, 0, b.qty
           FROM balances b LEFT JOIN ledger l USING (product_id, status, location_id)
          WHERE l.product_id IS NULL
       )
       SELECT p.code AS "productCode", j.status, loc.code AS "locationCode", j.ledger_qty AS "ledgerQty", j.balance_qty AS "balanceQty"
         FROM joined j JOIN products p ON p.id = j.product_id JOIN locations loc ON loc.id = j.location_id
        WHERE j.ledger_qty <> j.balance_qty
        ORDER BY p.code, j.status, loc.code`;

/** Every balance below zero (R5). Plain SQL: PostgreSQL runs it too. */
export const negativeBalanceSql = `SELECT p.code AS "productCode", b.status, l.code AS "locationCode", b.qty
         FROM balances b JOIN products p ON p.id = b.product_id JOIN locations l ON l.id = b.location_id
        WHERE b.qty < 0`;

/** The SQLite handle (`cangwu check` on the data folder) or a Kysely of either dialect (a core's `database.db`). */
export async function checkIntegrity(target: Database.Database | Kysely<DB>): Promise<IntegrityReport> {
  const read = readerOf(target);
  const findings: Finding[] = [];
  if (read.sqlite) {
    const quick = read.sqlite.pragma('quick_check', { simple: false }) as { quick_check: string }[];
    for (const row of quick)
      if (row.quick_check !== 'ok') findings.push({ kind: 'quickCheck', message: row.quick_check });
    const fk = read.sqlite.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
    for (const row of fk) findings.push({ kind: 'foreignKey', table: row.table, rowid: row.rowid, parent: row.parent });
  }

  const mismatches = await read.all<Omit<Extract<Finding, { kind: 'ledgerMismatch' }>, 'kind'>>(ledgerMismatchSql);
  for (const m of mismatches) findings.push({ kind: 'ledgerMismatch', ...m });

  const negatives = await read.all<Omit<Extract<Finding, { kind: 'negativeBalance' }>, 'kind'>>(negativeBalanceSql);
  for (const n of negatives) findings.push({ kind: 'negativeBalance', ...n });

  findings.push(...(await checkPeriodFigures(read)));

  const count = async (table: string) =>
    Number((await read.all<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`))[0]!.n);
  return {
    ok: findings.length === 0,
    findings,
    movements: await count('movements'),
    balances: await count('balances'),
    periodFigures: await count('period_figures'),
  };
}

/**
 * Issue 14: the period figures against a fold of the ledger in the zone they
 * were built in, every difference named; then each month's sum against its days.
 */
async function checkPeriodFigures(read: Reader): Promise<Finding[]> {
  const findings: Finding[] = [];
  const zone = (await read.all<{ value: string }>(figuresTimeZoneSetting))[0]?.value ?? defaultTimeZone;
  const expected = await read.fold(zone);
  const productCode = new Map(
    (await read.all<{ id: number; code: string }>('SELECT id, code FROM products')).map((p) => [p.id, p.code]),
  );
  const locationCode = new Map(
    (await read.all<{ id: number; code: string }>('SELECT id, code FROM locations')).map((l) => [l.id, l.code]),
  );
  const found = await read.all<FoldedFigure>(
    `SELECT day, product_id AS "productId", status, location_id AS "locationId", type, qty, amount_fen AS "amountFen", lines
       FROM period_figures`,
  );
  const mismatch = (
    f: { day: string; productId: number; status: string; locationId: number; type: string },
    e: { qty: number; amountFen: number; lines: number },
    g: { qty: number; amountFen: number; lines: number },
  ): Finding => ({
    kind: 'periodFigureMismatch',
    productCode: productCode.get(f.productId) ?? `#${f.productId}`,
    day: f.day,
    status: f.status,
    locationCode: locationCode.get(f.locationId) ?? `#${f.locationId}`,
    type: f.type,
    expectedQty: e.qty,
    foundQty: g.qty,
    expectedAmountFen: e.amountFen,
    foundAmountFen: g.amountFen,
    expectedLines: e.lines,
    foundLines: g.lines,
  });
  const none = { qty: 0, amountFen: 0, lines: 0 };
  for (const g of found) {
    const k = `${g.day}|${g.productId}|${g.status}|${g.locationId}|${g.type}`;
    const e = expected.get(k);
    expected.delete(k);
    if (!e || e.qty !== g.qty || e.amountFen !== g.amountFen || e.lines !== g.lines)
      findings.push(mismatch(g, e ?? none, g));
  }
  for (const e of expected.values()) findings.push(mismatch(e, e, none));

  const months = await read.all<{
    month: string;
    productId: number;
    status: string;
    locationId: number;
    eq: number;
    ea: number;
    fq: number;
    fa: number;
  }>(
    `WITH days AS (
         SELECT substr(day, 1, 7) AS month, product_id, status, location_id, SUM(qty) AS qty, SUM(amount_fen) AS amount_fen
           FROM period_figures
          -- The months table reaches its latest month (stock/periodFigures.ts); later days are not in it yet.
          WHERE substr(day, 1, 7) <= (SELECT MAX(month) FROM period_months)
          GROUP BY 1, 2, 3, 4
       ), joined AS (
         SELECT d.month, d.product_id, d.status, d.location_id, d.qty AS eq, d.amount_fen AS ea,
                COALESCE(m.qty, 0) AS fq, COALESCE(m.amount_fen, 0) AS fa
           FROM days d LEFT JOIN period_months m USING (month, product_id, status, location_id)
         UNION ALL
         SELECT m.month, m.product_id, m.status, m.location_id, 0, 0, m.qty, m.amount_fen
           FROM period_months m LEFT JOIN days d USING (month, product_id, status, location_id)
          WHERE d.month IS NULL
       )
       SELECT month, product_id AS "productId", status, location_id AS "locationId", eq, ea, fq, fa
         FROM joined WHERE eq <> fq OR ea <> fa`,
  );
  for (const m of months)
    findings.push({
      kind: 'periodMonthMismatch',
      productCode: productCode.get(m.productId) ?? `#${m.productId}`,
      month: m.month,
      status: m.status,
      locationCode: locationCode.get(m.locationId) ?? `#${m.locationId}`,
      expectedQty: m.eq,
      foundQty: m.fq,
      expectedAmountFen: m.ea,
      foundAmountFen: m.fa,
    });
  return findings;
}
