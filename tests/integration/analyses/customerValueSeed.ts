// Delivered orders, refusals and return notes written straight into a test
// warehouse's database for the customer value analysis (issue 17 §4): a year of
// history through the delivery screens would take minutes, and the analysis
// reads only these rows' shape (and migration 40's triggers keep its per-day
// figures from them as from the delivery screen's). Foreign keys are off while writing (no trips,
// documents or order lines behind them), as in the benches: on SQLite the
// pragma, on PostgreSQL the foreign keys' own triggers of the tables written
// (the tables' other triggers, migration 40's among them, stay on).
import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../../../electron/core/db/portable';

export type SeedOrder = {
  customerId: number;
  day: string;
  outcome: 'signed' | 'partlyRefused' | 'refused';
  amountFen: number;
  /** What was refused at the door (partlyRefused: part of it; refused: all of it). */
  refusedFen?: number;
};
export type SeedReturn = { customerId: number; day: string; kind: 'report' | 'refusal'; creditFen: number };

// Any database with these tables (a test core's, or a raw SQLite file at an older schema version).
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the rows are written as SQL text
type AnyDb = Kysely<any>;

let seq = 0;
const chunk = 500;

const chunks = <T>(xs: readonly T[]): T[][] =>
  Array.from({ length: Math.ceil(xs.length / chunk) }, (_, i) => xs.slice(i * chunk, (i + 1) * chunk));

export async function seedCustomers(db: AnyDb, n: number, prefix = 'V'): Promise<number[]> {
  const rows = Array.from({ length: n }, (_, i) => {
    const code = `${prefix}${String(i + 1).padStart(3, '0')}`;
    return sql`(${code}, ${`客户${code}`}, ${`区${i % 4}`}, ${`R${i % 4}`}, '')`;
  });
  const ids: number[] = [];
  for (const part of chunks(rows)) {
    const r = await sql<{ id: number }>`INSERT INTO customers (code, name, area, route, phone)
      VALUES ${sql.join(part)} RETURNING id`.execute(db);
    ids.push(...r.rows.map((x) => Number(x.id)));
  }
  return ids;
}

/** The foreign keys of `tables` off while `write` runs (as SQLite's pragma would), on again after. */
async function withoutForeignKeys(db: AnyDb, tables: string[], write: (trx: AnyDb) => Promise<void>) {
  if (!isPostgres(db)) {
    await sql`PRAGMA foreign_keys = OFF`.execute(db);
    try {
      await db.transaction().execute(write);
    } finally {
      await sql`PRAGMA foreign_keys = ON`.execute(db);
    }
    return;
  }
  await db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ tbl: string; name: string }>`
      SELECT c.relname AS tbl, t.tgname AS name FROM pg_trigger t
        JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_constraint k ON k.oid = t.tgconstraint
       WHERE t.tgisinternal AND k.contype = 'f' AND k.conrelid = t.tgrelid
         AND c.relname IN (${sql.join(tables)})`.execute(trx);
    const turn = async (how: 'DISABLE' | 'ENABLE') => {
      for (const r of rows)
        await sql`ALTER TABLE ${sql.table(r.tbl)} ${sql.raw(how)} TRIGGER ${sql.id(r.name)}`.execute(trx);
    };
    await turn('DISABLE');
    await write(trx);
    await turn('ENABLE');
  });
}

export async function seedHistory(db: AnyDb, orders: SeedOrder[], returns: SeedReturn[] = []): Promise<void> {
  const at = '2026-01-01T00:00:00.000Z';
  const tables = ['orders', 'order_outcomes', 'refused_lines', 'returns', 'return_notes'];
  await withoutForeignKeys(db, tables, async (trx) => {
    for (const part of chunks(orders)) {
      const numbered = part.map((o) => ({ o, n: ++seq }));
      const idOf = new Map(
        (
          await sql<{
            id: number;
            number: string;
          }>`INSERT INTO orders (number, state, channel, customer_code, customer_id, order_date,
          dispatch_date, delivery_date, emergency, note, issues, first_time_qualified, signature, line_count, units, cases,
          loose_units, amount_fen, created_by, created_at, updated_at)
          VALUES ${sql.join(
            numbered.map(
              ({ o, n }) =>
                sql`(${`CV-${n}`}, 'delivered', 'file', (SELECT code FROM customers WHERE id = ${o.customerId}),
                     ${o.customerId}, ${o.day}, ${o.day}, ${o.day}, 0, '', '[]', 1, ${`cv-${n}`}, 1, 0, 0, 0,
                     ${o.amountFen}, 1, ${at}, ${at})`,
            ),
          )} RETURNING id, number`.execute(trx)
        ).rows.map((r) => [r.number, Number(r.id)]),
      );
      const rows = numbered.map((x) => ({ ...x, id: idOf.get(`CV-${x.n}`)! }));
      // The delivery screen writes the refused lines first; both orders are kept right (migration 40).
      const refusedFirst = (n: number) => n % 2 === 0;
      const refused = async (which: typeof rows) => {
        const lines = which.filter(({ o }) => o.outcome !== 'signed');
        if (lines.length === 0) return;
        await sql`INSERT INTO refused_lines (line_id, order_id, trip_id, product_id, status, qty, amount_fen, reason, refused_at)
          VALUES ${sql.join(
            lines.map(
              ({ o, n, id }) =>
                sql`(${1_000_000 + n}, ${id}, 1, 1, 'good', 1, ${o.refusedFen ?? o.amountFen}, 'damaged', ${at})`,
            ),
          )}`.execute(trx);
      };
      await refused(rows.filter(({ n }) => refusedFirst(n)));
      await sql`INSERT INTO order_outcomes (order_id, trip_id, outcome, reason, delivered_date, recorded_by, recorded_at)
        VALUES ${sql.join(
          rows.map(
            ({ o, id }) =>
              sql`(${id}, 1, ${o.outcome}, ${o.outcome === 'signed' ? null : 'damaged'}, ${o.day}, 1, ${at})`,
          ),
        )}`.execute(trx);
      await refused(rows.filter(({ n }) => !refusedFirst(n)));
    }
    for (const part of chunks(returns)) {
      const numbered = part.map((r) => ({ r, n: ++seq }));
      const idOf = new Map(
        (
          await sql<{
            id: number;
            number: string;
          }>`INSERT INTO returns (number, kind, state, customer_id, reported_by, reported_at,
          checked_by, checked_at, has_differences, trip_id, idempotency_key)
          VALUES ${sql.join(
            numbered.map(
              ({ r, n }) =>
                sql`(${`RT-${n}`}, ${r.kind}, 'posted', ${r.customerId}, 1, ${at}, 1, ${at}, 0,
                     ${r.kind === 'refusal' ? 1 : null}, ${`cv-rt-${n}`})`,
            ),
          )} RETURNING id, number`.execute(trx)
        ).rows.map((x) => [x.number, Number(x.id)]),
      );
      await sql`INSERT INTO return_notes (return_id, document_id, number, credit_fen, units_good, units_damaged,
        issued_by, issued_at, issued_date)
        VALUES ${sql.join(
          numbered.map(
            ({ r, n }) =>
              sql`(${idOf.get(`RT-${n}`)!}, ${1_000_000 + n}, ${`RN-${n}`}, ${r.creditFen}, 1, 0, 1, ${at}, ${r.day})`,
          ),
        )}`.execute(trx);
    }
  });
}
