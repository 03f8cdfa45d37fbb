// The inventory grid's balances are served from memory; they must still be
// exactly the database's, whoever wrote to it.
import { afterEach, describe, expect, it } from 'vitest';
import { balanceOf, call, openTestCore, openWarehouse, password, receive, type Warehouse } from '../fixtures';

let w: Warehouse;
afterEach(async () => w?.core.close());

describe('inventory balances', () => {
  it('show a receipt posted by another process on the same data folder', async () => {
    w = await openWarehouse();
    const keeper = await w.as('warehouseKeeper');
    await receive(w, keeper, [{ product: 0, bin: 0, qty: 5 }]);
    expect(balanceOf(await call(w.core, keeper, 'stock.balances', {}), w.products[0]!.id, w.bins[0]!.id)).toBe(5);

    const other = await openTestCore({ dataDir: w.core.dataDir, station: 'second-station' });
    const otherKeeper = other.newCaller('k2');
    await call(other, otherKeeper, 'auth.login', { username: 'u-warehousekeeper', secret: password });
    await call(other, otherKeeper, 'receipts.post', {
      deliveryNote: 'QS-OTHER',
      arrivedAt: new Date().toISOString(),
      idempotencyKey: 'other-station-0001',
      lines: [{ productId: w.products[0]!.id, status: 'good', locationId: w.bins[0]!.id, qty: 7 }],
    });
    await other.close();
    expect(balanceOf(await call(w.core, keeper, 'stock.balances', {}), w.products[0]!.id, w.bins[0]!.id)).toBe(12);
  });

  it('show a product’s new name and cost (and amount) right after an edit', async () => {
    w = await openWarehouse();
    const keeper = await w.as('warehouseKeeper');
    const op = await w.as('operator');
    await receive(w, keeper, [{ product: 1, bin: 0, qty: 10 }]);
    await call(w.core, keeper, 'stock.balances', {});
    await call(w.core, op, 'products.update', { id: w.products[1]!.id, nameZh: '伊利纯牛奶 新装', unitCostFen: 250 });
    const row = (await call(w.core, keeper, 'stock.balances', {})).find((b) => b.productId === w.products[1]!.id)!;
    expect(row).toMatchObject({ productNameZh: '伊利纯牛奶 新装', unitCostFen: 250, amountFen: 2500, qty: 10 });
  });

  it('drop a balance that went to zero unless zero rows are asked for', async () => {
    w = await openWarehouse();
    const keeper = await w.as('warehouseKeeper');
    const op = await w.as('operator');
    const r = await receive(w, keeper, [{ product: 2, bin: 1, qty: 4 }]);
    await call(w.core, keeper, 'stock.balances', {});
    await call(w.core, op, 'stock.reverseDocument', {
      documentId: r.id,
      reason: '录错',
      idempotencyKey: 'reverse-0001',
    });
    const p = w.products[2]!.id;
    expect((await call(w.core, keeper, 'stock.balances', {})).some((b) => b.productId === p)).toBe(false);
    expect(balanceOf(await call(w.core, keeper, 'stock.balances', { includeZero: true }), p, w.bins[1]!.id)).toBe(0);
  });
});
