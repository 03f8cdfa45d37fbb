// The posting path keeps product costs and location ids in memory (one token
// read per posting). A cost changed by this process, by another connection on
// the same file, or changed and rolled back, must never post with a stale cost.
import { afterEach, describe, expect, it } from 'vitest';
import { call, newKey, openWarehouse, otherConnection, post, type Warehouse } from '../fixtures';

let w: Warehouse;
afterEach(async () => w?.core.close());

async function lastCost(w: Warehouse): Promise<number> {
  const row = await w.core.database.db
    .selectFrom('movements')
    .select('unit_cost_fen')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  return row.unit_cost_fen;
}

describe('posting catalogue', () => {
  it('posts with the cost of the moment, whoever changed it', async () => {
    w = await openWarehouse();
    const keeper = await w.as('warehouseKeeper');
    const product = w.products[0]!;
    const receive = () =>
      post(w, keeper, {
        type: 'receipt',
        idempotencyKey: newKey(),
        lines: [{ productId: product.id, status: 'good', locationId: w.bins[0]!.id, qty: 1 }],
      });

    await receive();
    expect(await lastCost(w)).toBe(product.unitCostFen);

    // Through the contract, in this process.
    await call(w.core, w.admin, 'products.update', { id: product.id, unitCostFen: 123 });
    await receive();
    expect(await lastCost(w)).toBe(123);

    // By another connection on the same database (the CLI, a second station).
    const other = otherConnection(w.core);
    await other.updateTable('products').set({ unit_cost_fen: 456 }).where('id', '=', product.id).execute();
    await receive();
    expect(await lastCost(w)).toBe(456);

    // Changed inside a transaction that rolls back after a posting read it.
    const root = w.core.database.db;
    await expect(
      root.transaction().execute(async (trx) => {
        await trx.updateTable('products').set({ unit_cost_fen: 789 }).where('id', '=', product.id).execute();
        const { postDocument } = await import('../../../electron/core/stock/posting');
        await postDocument(
          {
            db: trx,
            root,
            caller: keeper,
            now: new Date(),
            request: 'test',
            timeZone: 'Asia/Shanghai',
            dataDir: w.core.dataDir,
            emit: () => {},
            afterCommit: (fn) => fn(),
          },
          {
            type: 'receipt',
            idempotencyKey: newKey(),
            lines: [{ productId: product.id, status: 'good', locationId: w.bins[0]!.id, qty: 1 }],
          },
        );
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    await receive();
    expect(await lastCost(w)).toBe(456);

    // A bin added by another connection can be posted to at once.
    const zone = await other
      .selectFrom('locations')
      .select('id')
      .where('kind', '=', 'zone')
      .limit(1)
      .executeTakeFirstOrThrow();
    const bin = Number(
      (
        await other
          .insertInto('locations')
          .values({ code: 'Z-99', name: 'Z-99', kind: 'bin', parent_id: zone.id })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
    );
    await other.destroy();
    await post(w, keeper, {
      type: 'receipt',
      idempotencyKey: newKey(),
      lines: [{ productId: product.id, status: 'good', locationId: bin, qty: 2 }],
    });
    const balances = await call(w.core, keeper, 'stock.balances', {});
    expect(balances.find((b) => b.locationId === bin)?.qty).toBe(2);
  });
});
