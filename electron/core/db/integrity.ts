// `cangwu check`: the database is sound, the balances are exactly what the
// ledger says (GUIDE: balances can always be rebuilt from the ledger), and no
// balance is negative (R5). Raw SQLite on purpose: quick_check and
// foreign_key_check are SQLite's own tools.
import type Database from 'better-sqlite3';

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
  | { kind: 'negativeBalance'; productCode: string; status: string; locationCode: string; qty: number };

export type IntegrityReport = { ok: boolean; findings: Finding[]; movements: number; balances: number };

export function checkIntegrity(sqlite: Database.Database): IntegrityReport {
  const findings: Finding[] = [];
  const quick = sqlite.pragma('quick_check', { simple: false }) as { quick_check: string }[];
  for (const row of quick)
    if (row.quick_check !== 'ok') findings.push({ kind: 'quickCheck', message: row.quick_check });

  const fk = sqlite.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
  for (const row of fk) findings.push({ kind: 'foreignKey', table: row.table, rowid: row.rowid, parent: row.parent });

  const mismatches = sqlite
    .prepare(
      `WITH ledger AS (
         SELECT product_id, status, location_id, SUM(qty) AS qty FROM movements GROUP BY product_id, status, location_id
       ), joined AS (
         SELECT l.product_id, l.status, l.location_id, l.qty AS ledger_qty, COALESCE(b.qty, 0) AS balance_qty
           FROM ledger l LEFT JOIN balances b USING (product_id, status, location_id)
         UNION ALL
         SELECT b.product_id, b.status, b.location_id, 0, b.qty
           FROM balances b LEFT JOIN ledger l USING (product_id, status, location_id)
          WHERE l.product_id IS NULL
       )
       SELECT p.code AS productCode, j.status, loc.code AS locationCode, j.ledger_qty AS ledgerQty, j.balance_qty AS balanceQty
         FROM joined j JOIN products p ON p.id = j.product_id JOIN locations loc ON loc.id = j.location_id
        WHERE j.ledger_qty <> j.balance_qty
        ORDER BY p.code, j.status, loc.code`,
    )
    .all() as Omit<Extract<Finding, { kind: 'ledgerMismatch' }>, 'kind'>[];
  for (const m of mismatches) findings.push({ kind: 'ledgerMismatch', ...m });

  const negatives = sqlite
    .prepare(
      `SELECT p.code AS productCode, b.status, l.code AS locationCode, b.qty
         FROM balances b JOIN products p ON p.id = b.product_id JOIN locations l ON l.id = b.location_id
        WHERE b.qty < 0`,
    )
    .all() as Omit<Extract<Finding, { kind: 'negativeBalance' }>, 'kind'>[];
  for (const n of negatives) findings.push({ kind: 'negativeBalance', ...n });

  const count = (table: string) => (sqlite.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  return { ok: findings.length === 0, findings, movements: count('movements'), balances: count('balances') };
}
