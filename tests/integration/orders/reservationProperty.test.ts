// Property (R4 R5): after any sequence of entry, release, change, take-back,
// cancel and receipts, Σ reservations = the reserved quantity per
// (product, status), only released orders hold stock, and available
// (on hand − reserved) is never below zero.
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../fixtures';
import { orderWarehouse, type OrderWarehouse } from './orderFixtures';

let ow: OrderWarehouse;
beforeAll(async () => {
  ow = await orderWarehouse();
});
afterAll(async () => ow.w.core.close());

const line = fc.record({
  productCode: fc.constantFrom('P001', 'P002', 'P003'),
  qty: fc.integer({ min: 1, max: 40 }),
  gift: fc.boolean(),
});
const command = fc.oneof(
  fc.record({
    kind: fc.constant('enter' as const),
    customer: fc.constantFrom('C001', 'C002'),
    lines: fc.array(line, { minLength: 1, maxLength: 3 }),
  }),
  fc.record({ kind: fc.constant('release' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('releaseDay' as const) }),
  fc.record({
    kind: fc.constant('change' as const),
    pick: fc.nat(),
    lines: fc.array(line, { minLength: 1, maxLength: 3 }),
  }),
  fc.record({ kind: fc.constant('takeBack' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }),
  fc.record({
    kind: fc.constant('receive' as const),
    productCode: fc.constantFrom('P001', 'P002', 'P003'),
    qty: fc.integer({ min: 1, max: 60 }),
    gift: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('retry' as const) }),
);

async function invariants() {
  const db = ow.w.core.database.db;
  const rows = await sql<{ product_id: number; status: string; sum: number; reserved: number; on_hand: number }>`
    SELECT k.product_id, k.status,
      (SELECT COALESCE(SUM(qty), 0) FROM order_reservations r WHERE r.product_id = k.product_id AND r.status = k.status) AS sum,
      (SELECT COALESCE(SUM(qty), 0) FROM reserved_stock s WHERE s.product_id = k.product_id AND s.status = k.status) AS reserved,
      (SELECT COALESCE(SUM(qty), 0) FROM balances b WHERE b.product_id = k.product_id AND b.status = k.status) AS on_hand
    FROM (SELECT id AS product_id, status FROM products, (SELECT 'good' AS status UNION SELECT 'gift') st) k`.execute(
    db,
  );
  for (const r of rows.rows) {
    expect(r.sum).toBe(r.reserved);
    expect(r.on_hand - r.reserved).toBeGreaterThanOrEqual(0);
  }
  const holders = await sql<{ state: string }>`
    SELECT DISTINCT o.state FROM order_reservations r JOIN orders o ON o.id = r.order_id`.execute(db);
  expect(holders.rows.map((h) => h.state).filter((s) => s !== 'released')).toEqual([]);
}

describe('reservations under random sequences', () => {
  it('Σ reservations = reserved per product/status, and available ≥ 0', async () => {
    const ids: number[] = [];
    const pick = (n: number) => ids[n % ids.length]!;
    // Whether the game ever reserved (an order released) or ran short: asked after every command,
    // since the end of a game may have cancelled or taken back every one of its ~20 orders.
    let reserved = false;
    let short = false;
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 12 }), async (commands) => {
        for (const c of commands) {
          // Refusals (illegal transitions, edits of released orders) are part of the game: they must write nothing.
          if (c.kind === 'enter') {
            const o = await ow.order({ customerCode: c.customer, lines: c.lines });
            ids.push(o.id);
          } else if (c.kind === 'receive') await ow.stock(c.productCode, c.qty, c.gift ? 'gift' : 'good');
          else if (c.kind === 'releaseDay')
            await call(ow.w.core, ow.op, 'orders.release', { dispatchDate: ow.tomorrow });
          else if (c.kind === 'retry') await call(ow.w.core, ow.op, 'orders.retryShort', {});
          else if (ids.length > 0) {
            const orderId = pick(c.pick);
            const name =
              c.kind === 'release'
                ? 'orders.release'
                : c.kind === 'change'
                  ? 'orders.update'
                  : c.kind === 'takeBack'
                    ? 'orders.takeBack'
                    : 'orders.cancel';
            const input =
              c.kind === 'release'
                ? { orderIds: [orderId] }
                : c.kind === 'change'
                  ? { orderId, lines: c.lines }
                  : c.kind === 'cancel'
                    ? { orderId, reason: '测试' }
                    : { orderId };
            const r = await ow.w.core.dispatch(ow.op, name, input);
            if (!r.ok) expect(r.error.code).toMatch(/^orders\./);
          }
          await invariants();
          const states = await call(ow.w.core, ow.op, 'orders.list', { states: ['released', 'short'] });
          reserved ||= states.some((o) => o.state === 'released');
          short ||= states.some((o) => o.state === 'short');
        }
      }),
      { numRuns: 25 },
    );
    // The game did reserve, or some orders went short on the way.
    expect(reserved || short).toBe(true);
  });

  it('the database itself refuses a reservation beyond stock on hand', async () => {
    const o = await ow.order({ lines: [{ productCode: 'P002', qty: 1 }] });
    const db = ow.w.core.database.db;
    const onHand = await sql<{
      q: number;
    }>`SELECT COALESCE(SUM(qty), 0) AS q FROM balances WHERE product_id = ${ow.product('P002')} AND status = 'good'`.execute(
      db,
    );
    await expect(
      db
        .insertInto('order_reservations')
        .values({
          line_id: o.lines[0]!.id,
          order_id: o.id,
          product_id: ow.product('P002'),
          status: 'good',
          qty: onHand.rows[0]!.q + 1_000_000,
        })
        .execute(),
    ).rejects.toThrow(/exceeds stock on hand/);
  });
});
