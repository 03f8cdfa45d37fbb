// The weekly stock report over a generated quarter (issue 14 "Tests"): every
// line reconciles with the ledger, the period figures equal a fold of the
// ledger, the current week's closing is the live balance; refusals.
import type { DB } from '../../../electron/core/db/schema';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  columnOfMovementType,
  weeklyColumns,
  weeklyMovementColumns,
  type WeeklyReport,
} from '../../../shared/contract';
import type { MovementType } from '../../../shared/domain';
import { checkIntegrity } from '../../../electron/core/db/integrity';
import { addDays, isoWeek } from '../../../electron/core/orders/dates';
import { foldLedgerOf } from '../../../electron/core/stock/periodFigures';
import { call, onPostgres, refusal } from '../fixtures';
import { dayStart, generateQuarter, zone, type Quarter } from './quarter';

let q: Quarter;
beforeAll(async () => {
  q = await generateQuarter();
}, 120_000);
afterAll(async () => q?.w.core.close());

/** What `cangwu check` reads: the SQLite handle (its quick_check too), or the PostgreSQL database through Kysely. */
const integrityTarget = () => (onPostgres() ? q.w.core.database.db : q.w.core.database.sqlite);

type Sums = Map<string, { qty: number; amountFen: number }>;

/** Independent SQL on the ledger: per product × status × report column, movements at [from, to). */
async function ledgerBetween(fromAt: string, toAt: string, warehouseBins?: number[]): Promise<Sums> {
  const { rows } = await sql<{
    p: number;
    s: string;
    l: number;
    t: string;
    ot: string | null;
    qty: number;
    amount: number;
  }>`SELECT m.product_id AS p, m.status AS s, m.location_id AS l, m.type AS t, o.type AS ot,
            SUM(m.qty) AS qty, SUM(m.qty * m.unit_cost_fen) AS amount
       FROM movements m
       JOIN documents d ON d.id = m.document_id
       LEFT JOIN (SELECT DISTINCT document_id, type FROM movements) o ON o.document_id = d.reverses_id
      WHERE m.at >= ${fromAt} AND m.at < ${toAt}
      GROUP BY 1, 2, 3, 4, 5`.execute(q.w.core.database.db);
  const out: Sums = new Map();
  for (const r of rows) {
    if (warehouseBins && !warehouseBins.includes(r.l)) continue;
    const column = columnOfMovementType[(r.ot ?? r.t) as MovementType];
    for (const k of [`${r.p}|${r.s}|${column}`, `${r.p}|${r.s}|net`]) {
      const f = out.get(k) ?? { qty: 0, amountFen: 0 };
      f.qty += r.qty;
      f.amountFen += r.amount;
      out.set(k, f);
    }
  }
  return out;
}

const zero = { qty: 0, amountFen: 0 };

async function expectReconciled(report: WeeklyReport, warehouseBins?: number[]) {
  const from = dayStart(report.from).toISOString();
  const to = dayStart(addDays(report.to, 1)).toISOString();
  const before = await ledgerBetween('0000', from, warehouseBins);
  const within = await ledgerBetween(from, to, warehouseBins);
  expect(report.rows.length).toBeGreaterThan(20);
  for (const row of report.rows) {
    const k = `${row.productId}|${row.status}`;
    expect(row.figures.opening, `opening ${row.productCode} ${row.status}`).toEqual(before.get(`${k}|net`) ?? zero);
    for (const c of weeklyMovementColumns)
      expect(row.figures[c], `${c} ${row.productCode} ${row.status}`).toEqual(within.get(`${k}|${c}`) ?? zero);
    const sum = weeklyColumns
      .filter((c) => c !== 'closing')
      .reduce((n, c) => ({ qty: n.qty + row.figures[c].qty, amountFen: n.amountFen + row.figures[c].amountFen }), zero);
    expect(row.figures.closing).toEqual(sum);
  }
  // Grand totals are the sum of the lines and of the subtotals.
  for (const c of weeklyColumns) {
    const lines = report.rows.reduce((n, r) => n + r.figures[c].amountFen, 0);
    const subs = report.subtotals.reduce((n, s) => n + s.figures[c].amountFen, 0);
    expect(report.totals.figures[c].amountFen).toBe(lines);
    expect(subs).toBe(lines);
  }
}

describe('period figures', () => {
  it('equal a fold of the ledger, day by day, and cangwu check finds nothing', async () => {
    const db = q.w.core.database.db;
    const folded = await foldLedgerOf(db, zone);
    const stored = await db
      .selectFrom('period_figures')
      .select(['day', 'product_id', 'status', 'location_id', 'type', 'qty', 'amount_fen', 'lines'])
      .execute();
    expect(stored.length).toBe(folded.size);
    for (const s of stored) {
      const f = folded.get(`${s.day}|${s.product_id}|${s.status}|${s.location_id}|${s.type}`);
      expect(f).toEqual({
        day: s.day,
        productId: s.product_id,
        status: s.status,
        locationId: s.location_id,
        type: s.type,
        qty: s.qty,
        amountFen: s.amount_fen,
        lines: s.lines,
      });
    }
    // Reversals are counted under what they reverse: no figure is typed 'reversal'.
    expect(stored.some((s) => s.type === 'reversal')).toBe(false);
    const report = await checkIntegrity(integrityTarget());
    expect(report.findings).toEqual([]);
    expect(report.periodFigures).toBe(stored.length);
  });

  it('a corrupted figure is named by the check: product, day, status, type, expected and found', async () => {
    const db = q.w.core.database.db;
    const victim = (
      await sql<
        Pick<DB['period_figures'], 'day' | 'product_id' | 'status' | 'location_id' | 'type' | 'qty'> & { code: string }
      >`SELECT f.day, f.product_id, f.status, f.location_id, f.type, f.qty, p.code FROM period_figures f
           JOIN products p ON p.id = f.product_id WHERE f.type = 'receipt' ORDER BY f.day LIMIT 1`.execute(db)
    ).rows[0]!;
    const shift = (by: number) =>
      sql`UPDATE period_figures SET qty = qty + ${by}
           WHERE day = ${victim.day} AND product_id = ${victim.product_id} AND status = ${victim.status}
             AND location_id = ${victim.location_id} AND type = ${victim.type}`.execute(db);
    await shift(7);
    try {
      const report = await checkIntegrity(integrityTarget());
      expect(report.ok).toBe(false);
      expect(report.findings).toContainEqual(
        expect.objectContaining({
          kind: 'periodFigureMismatch',
          productCode: victim.code,
          day: victim.day,
          status: victim.status,
          type: 'receipt',
          expectedQty: victim.qty,
          foundQty: victim.qty + 7,
        }),
      );
    } finally {
      await shift(-7);
    }
    expect((await checkIntegrity(integrityTarget())).ok).toBe(true);
  });
});

describe('reports.weekly', () => {
  it('reconciles every line of every week of the quarter with the ledger', async () => {
    for (let monday = q.firstMonday; monday <= q.today; monday = addDays(monday, 7)) {
      const report = await call(q.w.core, q.supervisor, 'reports.weekly', { week: isoWeek(monday) });
      expect(report.from).toBe(monday);
      expect(report.to).toBe(addDays(monday, 6));
      await expectReconciled(report);
    }
  });

  it("this week's closing is the live balance of every product and status", async () => {
    const report = await call(q.w.core, q.supervisor, 'reports.weekly', { week: isoWeek(q.today) });
    expect(report.complete).toBe(false);
    const live = (
      await sql<{
        p: number;
        s: string;
        qty: number;
      }>`SELECT product_id AS p, status AS s, SUM(qty) AS qty FROM balances GROUP BY 1, 2 HAVING SUM(qty) <> 0`.execute(
        q.w.core.database.db,
      )
    ).rows;
    const closing = report.rows.filter((r) => r.figures.closing.qty !== 0);
    expect(closing.map((r) => [r.productId, r.status, r.figures.closing.qty]).sort()).toEqual(
      live.map((b) => [b.p, b.s, b.qty]).sort(),
    );
  });

  it('a date range spanning months reconciles too, and one warehouse plus the other make the whole', async () => {
    const from = addDays(q.firstMonday, 17);
    const to = addDays(q.today, -3);
    const all = await call(q.w.core, q.supervisor, 'reports.weekly', { from, to });
    expect(all.week).toBeNull();
    await expectReconciled(all);
    const main = await call(q.w.core, q.supervisor, 'reports.weekly', { from, to, warehouseId: q.mainWarehouseId });
    const other = await call(q.w.core, q.supervisor, 'reports.weekly', { from, to, warehouseId: q.otherWarehouseId });
    expect(other.warehouse?.code).toBe('WH2');
    await expectReconciled(other, [q.otherBin]);
    for (const c of weeklyColumns)
      expect(main.totals.figures[c].amountFen + other.totals.figures[c].amountFen).toBe(
        all.totals.figures[c].amountFen,
      );
  });

  it('groups by category with subtotals, keeps old codes apart with their successor, and gives days of inventory', async () => {
    const report = await call(q.w.core, q.supervisor, 'reports.weekly', { week: isoWeek(addDays(q.today, -7)) });
    expect(report.subtotals.map((s) => s.category)).toEqual([...new Set(report.rows.map((r) => r.category))]);
    const old = report.rows.find((r) => r.productCode === 'Q900')!;
    expect(old).toMatchObject({ oldCode: true, successorCode: 'Q001', status: 'good' });
    const moving = report.rows.find((r) => r.status === 'good' && r.issued28.amountFen > 0)!;
    // R14: closing value ÷ average daily issue value over the last 28 days.
    expect(moving.daysOfInventory).toBeCloseTo(moving.figures.closing.amountFen / (moving.issued28.amountFen / 28), 1);
    expect(report.totals.daysOfInventory).toBeGreaterThan(0);
    expect(report.issueWindowFrom).toBe(addDays(report.to, -27));
  });

  it('refuses a period in the future, a reversed range, an unknown warehouse and a role that may not read it', async () => {
    const c = q.w.core;
    expect(await refusal(c, q.supervisor, 'reports.weekly', { week: isoWeek(addDays(q.today, 7)) })).toMatchObject({
      code: 'reports.futureRange',
    });
    expect(await refusal(c, q.supervisor, 'reports.weekly', { from: q.today, to: addDays(q.today, -1) })).toMatchObject(
      {
        code: 'reports.reversedRange',
      },
    );
    expect(
      await refusal(c, q.supervisor, 'reports.weekly', { week: isoWeek(q.today), warehouseId: q.otherBin }),
    ).toMatchObject({
      code: 'reports.unknownWarehouse',
    });
    const keeper = await q.w.as('warehouseKeeper');
    expect(await refusal(c, keeper, 'reports.weekly', { week: isoWeek(q.today) })).toMatchObject({
      code: 'auth.forbidden',
    });
    for (const role of ['operator', 'csManager'] as const)
      expect(
        (await call(c, await q.w.as(role), 'reports.weekly', { week: isoWeek(q.today) })).rows.length,
      ).toBeGreaterThan(0);
  });
});
