// Period figures (issue 14, migration 020): the ledger summed per business day ×
// product × status × location × movement type, and per month. Written here by
// postDocument inside the posting's transaction, so Σ figures = Σ ledger = the
// balances, always; reports read them instead of scanning `movements`.
//
// The months (issue 10, profile of the posting path): `period_months` holds the
// complete totals of every month up to its latest month (MAX(month), "through")
// and nothing after it. A posting in a later month writes only its day's rows —
// an upsert of 15 random index leaves per 15-line document less, about a sixth
// of what a posting writes and commits — and the first posting of a month rolls
// the months not yet in the table up from their days, once. A posting in a month
// the table already reaches (a database from before this, a rebuild, a clock set
// back) upserts its month as well, so the rule holds in every order. Readers
// (reports/figures.ts openingAt) add the days after `through` themselves.
import type Database from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import type { MovementType } from '../../../shared/domain';
import { businessDay } from '../clock';
import type { ServiceContext } from '../context';
import { runTemplate } from '../db/queryTemplate';
import type { DB } from '../db/schema';
import type { MovementLine } from './posting';

const zoneSetting = 'periodFigures.timeZone';

/**
 * The type a document's movements count under in the figures: their own, or for
 * a reversal the type of the movements it reverses (a reversed receipt nets out
 * of receipts, R15's "its totals reconcile exactly with the ledger").
 */
export async function figureType(ctx: ServiceContext, type: MovementType, reversesId?: number): Promise<string> {
  if (type !== 'reversal' || reversesId === undefined) return type;
  const original = await ctx.db
    .selectFrom('movements')
    .select('type')
    .where('document_id', '=', reversesId)
    .limit(1)
    .executeTakeFirst();
  return original?.type ?? type;
}

/** The first day of the month after `month` ('YYYY-MM'). */
export function nextMonthStart(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/** How far the monthly figures reach, as postDocument read it: MAX(month) and the first day of all. */
export type MonthsReach = { through: string | null; firstDay: string | null };

/** Adds one posted document's lines to the day's figures, and the month's where the months reach. */
export async function recordFigures(
  ctx: ServiceContext,
  type: string,
  lines: readonly MovementLine[],
  costs: ReadonlyMap<number, number>,
  reach: MonthsReach,
): Promise<void> {
  const d = businessDay(ctx.now, ctx.timeZone);
  const day = `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
  const month = day.slice(0, 7);
  const writeMonth = reach.through !== null && month <= reach.through;
  if (!writeMonth) {
    // Months before this one that the table does not reach yet are complete: rolled up once.
    const from = reach.through !== null ? nextMonthStart(reach.through) : reach.firstDay;
    if (from !== null && from < `${month}-01`) await rollUpMonths(ctx, from, `${month}-01`);
  }
  const byKey = new Map<
    string,
    { product_id: number; status: string; location_id: number; qty: number; lines: number }
  >();
  for (const l of lines) {
    const k = `${l.productId}|${l.status}|${l.locationId}`;
    const f = byKey.get(k);
    if (f) {
      f.qty += l.qty;
      f.lines += 1;
    } else byKey.set(k, { product_id: l.productId, status: l.status, location_id: l.locationId, qty: l.qty, lines: 1 });
  }
  // In key order, like the balances (posting.ts): PostgreSQL locks an upsert's rows in the order given.
  const all = [...byKey.values()].sort(
    (a, b) =>
      a.product_id - b.product_id ||
      a.location_id - b.location_id ||
      (a.status < b.status ? -1 : a.status > b.status ? 1 : 0),
  );
  for (let i = 0; i < all.length; i += 500) {
    const chunk = all.slice(i, i + 500);
    const daily = chunk.map((f) => ({
      day,
      product_id: f.product_id,
      status: f.status,
      location_id: f.location_id,
      type,
      qty: f.qty,
      amount_fen: f.qty * costs.get(f.product_id)!,
      lines: f.lines,
    }));
    await runTemplate(ctx.db, 'posting.figures', daily, (r) =>
      ctx.db
        .insertInto('period_figures')
        .values(r)
        .onConflict((oc) =>
          oc.columns(['day', 'product_id', 'status', 'location_id', 'type']).doUpdateSet({
            qty: sql<number>`period_figures.qty + excluded.qty`,
            amount_fen: sql<number>`period_figures.amount_fen + excluded.amount_fen`,
            lines: sql<number>`period_figures.lines + excluded.lines`,
          }),
        ),
    );
    if (!writeMonth) continue;
    const monthly = daily.map((f) => ({
      month,
      product_id: f.product_id,
      status: f.status,
      location_id: f.location_id,
      qty: f.qty,
      amount_fen: f.amount_fen,
    }));
    await runTemplate(ctx.db, 'posting.months', monthly, (r) =>
      ctx.db
        .insertInto('period_months')
        .values(r)
        .onConflict((oc) =>
          oc.columns(['month', 'product_id', 'status', 'location_id']).doUpdateSet({
            qty: sql<number>`period_months.qty + excluded.qty`,
            amount_fen: sql<number>`period_months.amount_fen + excluded.amount_fen`,
          }),
        ),
    );
  }
}

/** The months of the days in [from, before) into `period_months` (none of them is there yet). */
async function rollUpMonths(ctx: ServiceContext, from: string, before: string): Promise<void> {
  await ctx.db
    .insertInto('period_months')
    .columns(['month', 'product_id', 'status', 'location_id', 'qty', 'amount_fen'])
    .expression((eb) =>
      eb
        .selectFrom('period_figures')
        .select((e) => [
          sql<string>`substr(day, 1, 7)`.as('month'),
          'product_id',
          'status',
          'location_id',
          e.fn.sum<number>('qty').as('qty'),
          e.fn.sum<number>('amount_fen').as('amount_fen'),
        ])
        .where('day', '>=', from)
        .where('day', '<', before)
        .groupBy([sql`substr(day, 1, 7)`, 'product_id', 'status', 'location_id']),
    )
    .execute();
}

export type FoldedFigure = {
  day: string;
  productId: number;
  status: string;
  locationId: number;
  type: string;
  qty: number;
  amountFen: number;
  lines: number;
};

const foldKey = (f: { day: string; productId: number; status: string; locationId: number; type: string }) =>
  `${f.day}|${f.productId}|${f.status}|${f.locationId}|${f.type}`;

/**
 * The ledger grouped by UTC quarter hour (every zone's midnight falls on one),
 * in SQL both dialects run alike: a reversal counts under the type of the
 * movements it reverses, found by a join rather than a subquery per row
 * (PostgreSQL refuses an ungrouped outer column in a grouped subquery).
 */
const foldSql = `SELECT substr(m.at, 1, 13) AS hour, CAST(substr(m.at, 15, 2) AS INTEGER) / 15 AS quarter,
       m.product_id AS "productId", m.status, m.location_id AS "locationId",
       CASE WHEN m.type = 'reversal' THEN COALESCE(r.type, 'reversal') ELSE m.type END AS type,
       SUM(m.qty) AS qty, SUM(m.qty * m.unit_cost_fen) AS "amountFen", COUNT(*) AS lines
  FROM movements m
  LEFT JOIN (SELECT d.id, MIN(o.type) AS type FROM documents d JOIN movements o ON o.document_id = d.reverses_id
              GROUP BY d.id) r ON m.type = 'reversal' AND r.id = m.document_id
 GROUP BY 1, 2, 3, 4, 5, 6`;

/** A figure of one UTC quarter hour (not yet given its business day). */
type FoldRow = Omit<FoldedFigure, 'day'> & { hour: string; quarter: number };

/** Quarter-hour rows given their business day here and summed per day. */
function foldRows(rows: Iterable<FoldRow>, timeZone: string): Map<string, FoldedFigure> {
  const out = new Map<string, FoldedFigure>();
  const dayOf = new Map<string, string>();
  for (const r of rows) {
    const q = `${r.hour}|${r.quarter}`;
    let day = dayOf.get(q);
    if (day === undefined) {
      const d = businessDay(new Date(`${r.hour}:${String(r.quarter * 15).padStart(2, '0')}:00.000Z`), timeZone);
      day = `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
      dayOf.set(q, day);
    }
    const f = { day, productId: r.productId, status: r.status, locationId: r.locationId, type: r.type };
    const k = foldKey(f);
    const seen = out.get(k);
    if (seen) {
      seen.qty += r.qty;
      seen.amountFen += r.amountFen;
      seen.lines += r.lines;
    } else out.set(k, { ...f, qty: r.qty, amountFen: r.amountFen, lines: r.lines });
  }
  return out;
}

/**
 * The figures as the ledger says they should be, in any time zone. Used by
 * `cangwu check` and by a rebuild.
 */
export function foldLedger(sqlite: Database.Database, timeZone: string): Map<string, FoldedFigure> {
  return foldRows(sqlite.prepare(foldSql).iterate() as IterableIterator<FoldRow>, timeZone);
}

/** foldLedger through Kysely, on either dialect. */
export async function foldLedgerOf(db: Kysely<DB>, timeZone: string): Promise<Map<string, FoldedFigure>> {
  return foldRows((await sql.raw<FoldRow>(foldSql).execute(db)).rows, timeZone);
}

/** The SQL reading the zone the stored figures' days are in (integrity.ts reads it on either dialect). */
export const figuresTimeZoneSetting = `SELECT value FROM settings WHERE key = '${zoneSetting}'`;

/** The zone the stored figures' days are in (set by migration 020 and by a rebuild). */
export function figuresTimeZone(sqlite: Database.Database): string | null {
  const row = sqlite.prepare('SELECT value FROM settings WHERE key = ?').get(zoneSetting) as
    { value: string } | undefined;
  return row?.value ?? null;
}

/**
 * At start: figures built in another zone than the host's are rebuilt in the
 * host's (a warehouse that moved its zone setting, a test host in its own zone).
 * In one transaction; the ledger is read once.
 */
export function ensurePeriodFigures(sqlite: Database.Database, timeZone: string): boolean {
  if (figuresTimeZone(sqlite) === timeZone) return false;
  sqlite.transaction(() => {
    const folded = foldLedger(sqlite, timeZone);
    sqlite.exec('DELETE FROM period_figures; DELETE FROM period_months;');
    const insert = sqlite.prepare(
      'INSERT INTO period_figures (day, product_id, status, location_id, type, qty, amount_fen, lines) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    for (const f of folded.values())
      insert.run(f.day, f.productId, f.status, f.locationId, f.type, f.qty, f.amountFen, f.lines);
    sqlite.exec(
      `INSERT INTO period_months (month, product_id, status, location_id, qty, amount_fen)
       SELECT substr(day, 1, 7), product_id, status, location_id, SUM(qty), SUM(amount_fen)
         FROM period_figures GROUP BY 1, 2, 3, 4`,
    );
    sqlite
      .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
      .run(zoneSetting, timeZone);
  })();
  return true;
}

/** ensurePeriodFigures on a PostgreSQL database: the same rebuild through Kysely, in one transaction. */
export async function ensurePeriodFiguresOf(db: Kysely<DB>, timeZone: string): Promise<boolean> {
  const stored = await db.selectFrom('settings').select('value').where('key', '=', zoneSetting).executeTakeFirst();
  if (stored?.value === timeZone) return false;
  await db.transaction().execute(async (trx) => {
    const folded = [...(await foldLedgerOf(trx, timeZone)).values()];
    await trx.deleteFrom('period_figures').execute();
    await trx.deleteFrom('period_months').execute();
    for (let i = 0; i < folded.length; i += 1000)
      await trx
        .insertInto('period_figures')
        .values(
          folded.slice(i, i + 1000).map((f) => ({
            day: f.day,
            product_id: f.productId,
            status: f.status,
            location_id: f.locationId,
            type: f.type,
            qty: f.qty,
            amount_fen: f.amountFen,
            lines: f.lines,
          })),
        )
        .execute();
    await sql`INSERT INTO period_months (month, product_id, status, location_id, qty, amount_fen)
       SELECT substr(day, 1, 7), product_id, status, location_id, SUM(qty), SUM(amount_fen)
         FROM period_figures GROUP BY 1, 2, 3, 4`.execute(trx);
    await trx
      .insertInto('settings')
      .values({ key: zoneSetting, value: timeZone })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: timeZone }))
      .execute();
  });
  return true;
}
