// The stock analysis report 库存分析报表 over a generated quarter (issue 14 item
// 2 "Tests"): each section equals independent SQL over the ledger (movements)
// for the same definition; refusals typed and translated.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ageBuckets, type StockAnalysis } from '../../../shared/contract';
import { addDays } from '../../../electron/core/orders/dates';
import { resources } from '../../../renderer/locales';
import { call, onPostgres, refusal } from '../fixtures';
import { dayStart, generateQuarter, type Quarter } from './quarter';

let q: Quarter;
let op: Quarter['supervisor'];
beforeAll(async () => {
  q = await generateQuarter(11);
  op = await q.w.as('operator');
}, 120_000);
afterAll(async () => q?.w.core.close());

const db = () => q.w.core.database.db;
// The day of an instant in the quarter's zone (+8), and days between two days, in each dialect's terms.
const dayOf = (at: string) =>
  onPostgres()
    ? `to_char(((${at})::timestamptz AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM-DD')`
    : `date(${at}, '+8 hours')`;
const daysBetween = (from: string, to: string) =>
  onPostgres() ? `((${to})::date - (${from})::date)` : `CAST(julianday(${to}) - julianday(${from}) AS INTEGER)`;
// Reversals count under the type they reverse (R15), as in the weekly test.
const typed = () =>
  sql.raw(`SELECT m.*, COALESCE(o.type, m.type) AS ftype, ${dayOf('m.at')} AS day
  FROM movements m JOIN documents d ON d.id = m.document_id
  LEFT JOIN (SELECT DISTINCT document_id, type FROM movements) o ON o.document_id = d.reverses_id`);

type Line = { p: number; s: string; qty: number; amount: number };

async function ledgerOnHand(date: string): Promise<Map<string, Line>> {
  const { rows } = await sql<Line>`
    SELECT product_id AS p, status AS s, SUM(qty) AS qty, SUM(qty * unit_cost_fen) AS amount
      FROM movements WHERE at < ${dayStart(addDays(date, 1)).toISOString()} GROUP BY 1, 2 HAVING SUM(qty) > 0`.execute(
    db(),
  );
  return new Map(rows.map((r) => [`${r.p}|${r.s}`, r]));
}

async function ledgerIssued(from: string, date: string): Promise<Map<number, number>> {
  const { rows } = await sql<{ p: number; amount: number }>`
    SELECT product_id AS p, -SUM(qty * unit_cost_fen) AS amount FROM (${typed()}) t
     WHERE status = 'good' AND ftype IN ('dispatchIssue', 'giftIssue') AND day >= ${from} AND day <= ${date}
     GROUP BY 1`.execute(db());
  return new Map(rows.map((r) => [r.p, r.amount]));
}

const r14 = (closing: number, issued: number | undefined) =>
  !issued || issued <= 0 ? null : Math.round((closing / (issued / 28)) * 10) / 10;

async function analysis(input: Record<string, unknown>): Promise<StockAnalysis> {
  return call(q.w.core, op, 'reports.stockAnalysis', input);
}

describe('reports.stockAnalysis', () => {
  const asOf = () => [q.today, addDays(q.today, -10), addDays(q.today, -45)];

  it('slow movers and top days of inventory: good stock on hand by R14 days of inventory, as the ledger gives them', async () => {
    for (const date of asOf()) {
      const r = await analysis({ date, slowDays: 30, top: 5 });
      const held = [...(await ledgerOnHand(date)).values()].filter((l) => l.s === 'good');
      const issued = await ledgerIssued(addDays(date, -27), date);
      const doi = held.map((l) => ({ p: l.p, amount: l.amount, doi: r14(l.amount, issued.get(l.p)) }));
      const slow = doi.filter((d) => d.doi === null || d.doi > 30);
      expect(r.slowMovers.map((s) => [s.productId, s.onHand.amountFen, s.daysOfInventory]).sort()).toEqual(
        slow.map((d) => [d.p, d.amount, d.doi]).sort(),
      );
      const top = doi
        .filter((d) => d.doi !== null)
        .sort((a, b) => b.doi! - a.doi!)
        .slice(0, 5);
      expect(r.topDays.map((t) => t.daysOfInventory)).toEqual(top.map((t) => t.doi));
      expect(r.topDays.length).toBeGreaterThan(0);
      expect(r.slowMovers.length + (held.length - slow.length)).toBe(held.length);
      expect(r.totals.slowMovers.amountFen).toBe(slow.reduce((n, s) => n + s.amount, 0));
    }
  });

  it('idle stock: on hand with no movement of any kind in the N weeks, with its last movement day', async () => {
    let seen = 0;
    for (const date of asOf())
      for (const weeks of [1, 2, 8]) {
        const r = await analysis({ date, weeks });
        const since = addDays(date, -7 * weeks);
        const { rows: last } = await sql<{ p: number; s: string; last: string }>`
          SELECT product_id AS p, status AS s, MAX(day) AS last FROM (${typed()}) t WHERE day <= ${date}
           GROUP BY 1, 2`.execute(db());
        const lastOf = new Map(last.map((l) => [`${l.p}|${l.s}`, l.last]));
        const idle = [...(await ledgerOnHand(date)).values()].filter(
          (l) => (lastOf.get(`${l.p}|${l.s}`) ?? '') <= since,
        );
        expect(r.idleSince).toBe(since);
        expect(
          r.idle.map((i) => [i.productId, i.status, i.onHand.qty, i.onHand.amountFen, i.lastMovement]).sort(),
        ).toEqual(idle.map((l) => [l.p, l.s, l.qty, l.amount, lastOf.get(`${l.p}|${l.s}`) ?? null]).sort());
        seen += r.idle.length;
      }
    expect(seen).toBeGreaterThan(0);
  });

  it('damaged and gift stock by age: FIFO over the inflows to the status, buckets adding up to the stock', async () => {
    let aged = 0;
    for (const date of asOf()) {
      const r = await analysis({ date });
      // Independent SQL: the inflows (positive figures per day × location × type),
      // newest first, each taking what the on-hand quantity has left.
      const { rows } = await sql<{ p: number; s: string; age: number; taken: number }>`
          WITH onhand AS (SELECT product_id AS p, status AS s, SUM(qty) AS qty FROM movements
                            WHERE at < ${dayStart(addDays(date, 1)).toISOString()} AND status IN ('damaged', 'gift')
                            GROUP BY 1, 2 HAVING SUM(qty) > 0),
                figs AS (SELECT product_id AS p, status AS s, day, location_id, ftype, SUM(qty) AS qty FROM (${typed()}) t
                          WHERE day <= ${date} AND status IN ('damaged', 'gift') GROUP BY 1, 2, 3, 4, 5 HAVING SUM(qty) > 0),
                inflow AS (SELECT p, s, day, SUM(qty) AS qty FROM figs GROUP BY 1, 2, 3),
                run AS (SELECT i.p, i.s, i.day, i.qty, o.qty AS have,
                               SUM(i.qty) OVER (PARTITION BY i.p, i.s ORDER BY i.day DESC) - i.qty AS before
                          FROM inflow i JOIN onhand o ON o.p = i.p AND o.s = i.s)
           SELECT p, s, ${sql.raw(daysBetween('day', `'${date}'`))} AS age,
                  ${sql.raw(onPostgres() ? 'LEAST' : 'MIN')}(qty, have - before) AS taken FROM run WHERE have > before`.execute(
        db(),
      );
      const expected = new Map<string, number>();
      const bucket = (age: number) => (age <= 30 ? 'd0_30' : age <= 60 ? 'd31_60' : age <= 90 ? 'd61_90' : 'over90');
      for (const x of rows) {
        const k = `${x.p}|${x.s}|${bucket(x.age)}`;
        expected.set(k, (expected.get(k) ?? 0) + x.taken);
      }
      const onHand = [...(await ledgerOnHand(date)).values()].filter((l) => l.s !== 'good');
      expect(r.aged.map((a) => [a.productId, a.status, a.onHand.qty, a.onHand.amountFen]).sort()).toEqual(
        onHand.map((l) => [l.p, l.s, l.qty, l.amount]).sort(),
      );
      for (const a of r.aged) {
        const want = ageBuckets.map((b) => expected.get(`${a.productId}|${a.status}|${b}`) ?? 0);
        // Stock no inflow covers (from before the figures) is the oldest.
        want[3]! += a.onHand.qty - want.reduce((n, x) => n + x, 0);
        expect(
          ageBuckets.map((b) => a.buckets[b].qty),
          `${a.productCode} ${a.status}`,
        ).toEqual(want);
        expect(ageBuckets.reduce((n, b) => n + a.buckets[b].qty, 0)).toBe(a.onHand.qty);
        expect(ageBuckets.reduce((n, b) => n + a.buckets[b].amountFen, 0)).toBe(a.onHand.amountFen);
      }
      aged += r.aged.length;
    }
    expect(aged).toBeGreaterThan(0);
  });

  it('old-code stock still on hand, with its successor and the successor’s good stock', async () => {
    const r = await analysis({});
    const onHand = await ledgerOnHand(q.today);
    const { rows: old } = await sql<{ id: number; successor: string; sid: number }>`
      SELECT p.id, s.code AS successor, s.id AS sid FROM products p JOIN products s ON s.id = p.replaced_by_id`.execute(
      db(),
    );
    const want = old.flatMap((o) =>
      ['good', 'damaged', 'gift']
        .filter((s) => onHand.has(`${o.id}|${s}`))
        .map((s) => [o.id, s, onHand.get(`${o.id}|${s}`)!.qty, o.successor, onHand.get(`${o.sid}|good`)?.qty ?? 0]),
    );
    expect(want.length).toBeGreaterThan(0);
    expect(
      r.oldCodes.map((o) => [o.productId, o.status, o.onHand.qty, o.successorCode, o.successorOnHand.qty]),
    ).toEqual(want);
    expect(r.date).toBe(q.today);
    expect(r.weeks).toBe(8);
  });

  it('refuses a future date, an unknown warehouse and the keeper, dispatcher and salesperson — typed and translated', async () => {
    const c = q.w.core;
    const future = await refusal(c, op, 'reports.stockAnalysis', { date: addDays(q.today, 1) });
    expect(future.code).toBe('reports.futureRange');
    const unknown = await refusal(c, op, 'reports.stockAnalysis', { warehouseId: q.otherBin });
    expect(unknown.code).toBe('reports.unknownWarehouse');
    for (const e of [future, unknown]) {
      const [ns, key] = e.code.split('.') as [string, string];
      for (const locale of ['zh-CN', 'en'] as const) {
        const messages = resources[locale].errors as Record<string, Record<string, string>>;
        expect(messages[ns]?.[key], `${locale} ${e.code}`).toBeTruthy();
      }
    }
    for (const role of ['warehouseKeeper', 'dispatcher', 'salesperson'] as const)
      expect((await refusal(c, await q.w.as(role), 'reports.stockAnalysis', {})).code).toBe('auth.forbidden');
    for (const role of ['supervisor', 'csManager'] as const)
      expect((await call(c, await q.w.as(role), 'reports.stockAnalysis', {})).date).toBe(q.today);
    // One warehouse's analysis holds only its own stock.
    const other = await call(c, op, 'reports.stockAnalysis', { warehouseId: q.otherWarehouseId });
    expect(other.warehouse?.code).toBe('WH2');
  });
});
