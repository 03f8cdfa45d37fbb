import fc from 'fast-check';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { checkIntegrity } from '../../../electron/core/db/integrity';
import { balanceOf, call, newKey, openWarehouse, post, receive, refusal, type Warehouse } from '../fixtures';

let w: Warehouse;
afterEach(async () => w?.core.close());

describe('stock posting', () => {
  it('a receipt raises the balance of its product, status and bin and is numbered per type and day', async () => {
    w = await openWarehouse();
    const keeper = await w.as('warehouseKeeper');
    const first = await receive(w, keeper, [
      { product: 0, bin: 0, qty: 48 },
      { product: 0, bin: 0, qty: 10, status: 'gift' },
    ]);
    const second = await receive(w, keeper, [{ product: 1, bin: 1, qty: 5 }]);
    expect(first.documentNo).toMatch(/^RC-\d{8}-0001$/);
    expect(second.documentNo).toMatch(/^RC-\d{8}-0002$/);
    const balances = await call(w.core, keeper, 'stock.balances', {});
    expect(balanceOf(balances, w.products[0]!.id, w.bins[0]!.id)).toBe(48);
    expect(balanceOf(balances, w.products[0]!.id, w.bins[0]!.id, 'gift')).toBe(10);
    expect(first.totalQty).toBe(58);
    expect(first.totalAmountFen).toBe(58 * w.products[0]!.unitCostFen);
  });

  it('refuses a posting that would go negative, naming product, status, location and shortfall, and writes nothing (R5)', async () => {
    w = await openWarehouse();
    const keeper = await w.as('warehouseKeeper');
    await receive(w, keeper, [{ product: 0, bin: 0, qty: 10 }]);
    const before = await call(w.core, keeper, 'stock.movements', { offset: 0, limit: 10 });
    await expect(
      post(w, keeper, {
        type: 'dispatchIssue',
        idempotencyKey: newKey(),
        lines: [
          { productId: w.products[1]!.id, status: 'good', locationId: w.bins[0]!.id, qty: 0 },
          { productId: w.products[0]!.id, status: 'good', locationId: w.bins[0]!.id, qty: -7 },
          { productId: w.products[0]!.id, status: 'good', locationId: w.bins[0]!.id, qty: -6 },
        ],
      }),
    ).rejects.toMatchObject({
      code: 'stock.wouldGoNegative',
      details: {
        productCode: w.products[0]!.code,
        status: 'good',
        locationCode: w.bins[0]!.code,
        available: 10,
        requested: 13,
        shortfall: 3,
      },
    });
    const after = await call(w.core, keeper, 'stock.movements', { offset: 0, limit: 10 });
    expect(after.total).toBe(before.total);
    expect(balanceOf(await call(w.core, keeper, 'stock.balances', {}), w.products[0]!.id, w.bins[0]!.id)).toBe(10);
  });

  it('a receipt valid except for one bad line posts nothing', async () => {
    w = await openWarehouse();
    const keeper = await w.as('warehouseKeeper');
    const good = { productId: w.products[0]!.id, status: 'good' as const, locationId: w.bins[0]!.id, qty: 24 };
    const base = { deliveryNote: 'QS-9', arrivedAt: new Date().toISOString() };
    const unknownBin = await refusal(w.core, keeper, 'receipts.post', {
      ...base,
      idempotencyKey: newKey(),
      lines: [good, { ...good, locationId: 99_999 }],
    });
    expect(unknownBin).toMatchObject({ code: 'stock.unknownLocation', details: { locationId: 99_999 } });
    const zeroQty = await refusal(w.core, keeper, 'receipts.post', {
      ...base,
      idempotencyKey: newKey(),
      lines: [good, { ...good, qty: 0 }],
    });
    expect(zeroQty.code).toBe('contract.invalidInput');
    const unknownProduct = await refusal(w.core, keeper, 'receipts.post', {
      ...base,
      idempotencyKey: newKey(),
      lines: [good, { ...good, productId: 88_888 }],
    });
    expect(unknownProduct.code).toBe('stock.unknownProduct');
    expect(await call(w.core, keeper, 'receipts.list', {})).toEqual([]);
    expect((await call(w.core, keeper, 'stock.movements', { offset: 0, limit: 1 })).total).toBe(0);
  });

  it('a replayed idempotency key posts once and answers as the first time', async () => {
    w = await openWarehouse();
    const keeper = await w.as('warehouseKeeper');
    const input = {
      deliveryNote: 'QS-1',
      arrivedAt: new Date().toISOString(),
      idempotencyKey: 'replayed-key-1',
      lines: [{ productId: w.products[0]!.id, status: 'good' as const, locationId: w.bins[0]!.id, qty: 24 }],
    };
    const a = await call(w.core, keeper, 'receipts.post', input);
    const b = await call(w.core, keeper, 'receipts.post', input);
    expect(b.documentNo).toBe(a.documentNo);
    expect(balanceOf(await call(w.core, keeper, 'stock.balances', {}), w.products[0]!.id, w.bins[0]!.id)).toBe(24);
    expect((await call(w.core, keeper, 'receipts.list', {})).length).toBe(1);
  });

  it('corrects a posted receipt with a reversing document, once, and refuses a reversal stock no longer covers', async () => {
    w = await openWarehouse();
    const keeper = await w.as('warehouseKeeper');
    const operator = await w.as('operator');
    const r1 = await receive(w, keeper, [{ product: 0, bin: 0, qty: 30 }]);
    const rv = await call(w.core, operator, 'stock.reverseDocument', {
      documentId: r1.id,
      reason: '录错数量',
      idempotencyKey: newKey(),
    });
    expect(rv).toMatchObject({ documentNo: r1.documentNo, reversedBy: expect.any(Number) });
    const ledger = await call(w.core, keeper, 'stock.movements', { offset: 0, limit: 1 });
    expect(ledger.rows[0]).toMatchObject({
      type: 'reversal',
      documentNo: expect.stringMatching(/^RV-\d{8}-0001$/),
      qty: -30,
    });
    expect(balanceOf(await call(w.core, keeper, 'stock.balances', {}), w.products[0]!.id, w.bins[0]!.id)).toBe(0);
    expect(
      (
        await refusal(w.core, operator, 'stock.reverseDocument', {
          documentId: r1.id,
          reason: 'again',
          idempotencyKey: newKey(),
        })
      ).code,
    ).toBe('stock.alreadyReversed');
    expect((await call(w.core, keeper, 'receipts.list', {}))[0]!.reversed).toBe(true);

    const r2 = await receive(w, keeper, [{ product: 1, bin: 0, qty: 10 }]);
    await post(w, keeper, {
      type: 'dispatchIssue',
      idempotencyKey: newKey(),
      lines: [{ productId: w.products[1]!.id, status: 'good', locationId: w.bins[0]!.id, qty: -4 }],
    });
    const refused = await refusal(w.core, operator, 'stock.reverseDocument', {
      documentId: r2.id,
      reason: 'x',
      idempotencyKey: newKey(),
    });
    expect(refused).toMatchObject({ code: 'stock.wouldGoNegative', details: { shortfall: 4 } });
  });

  it('keeps the ledger sum equal to the balances and never negative over any sequence of postings (property)', async () => {
    w = await openWarehouse();
    const keeper = await w.as('warehouseKeeper');
    const line = fc.record({
      product: fc.integer({ min: 0, max: 3 }),
      bin: fc.integer({ min: 0, max: 2 }),
      status: fc.constantFrom('good' as const, 'damaged' as const, 'gift' as const),
      qty: fc.integer({ min: -40, max: 60 }).filter((q) => q !== 0),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(line, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 8 }),
        async (docs) => {
          for (const lines of docs) {
            await post(w, keeper, {
              type: 'manualAdjustment',
              idempotencyKey: newKey(),
              lines: lines.map((l) => ({
                productId: w.products[l.product]!.id,
                status: l.status,
                locationId: w.bins[l.bin]!.id,
                qty: l.qty,
              })),
            }).catch((e: { code?: string }) => {
              if (e.code !== 'stock.wouldGoNegative') throw e;
            });
          }
          const report = await checkIntegrity(w.core.database.db);
          expect(report.findings).toEqual([]);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('the database itself refuses a negative balance even if a bug bypassed the posting function', async () => {
    w = await openWarehouse();
    const db = w.core.database.db;
    await expect(
      sql`INSERT INTO balances (product_id, status, location_id, qty) VALUES (${w.products[0]!.id}, 'good', ${w.bins[0]!.id}, -1)`.execute(
        db,
      ),
    ).rejects.toThrow(/CHECK constraint failed|violates check constraint/);
    await expect(sql`DELETE FROM movements`.execute(db)).resolves.toBeDefined(); // empty ledger: nothing to delete yet
    const keeper = await w.as('warehouseKeeper');
    await receive(w, keeper, [{ product: 0, bin: 0, qty: 1 }]);
    await expect(sql`UPDATE movements SET qty = 5`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM movements`.execute(db)).rejects.toThrow(/append-only/);
  });
});
