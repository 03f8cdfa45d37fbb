// Roles (issue 10): a station's task is its owner's; a manager-approved
// document is reversed only by a manager; the role is checked before the
// input; unit costs are not sent to the roles that do not need them.
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { call, newKey, openWarehouse, receive, refusal, type Warehouse } from '../fixtures';

let w: Warehouse | undefined;
afterEach(async () => {
  await w?.core.close();
  if (w) fs.rmSync(w.core.dataDir, { recursive: true, force: true });
  w = undefined;
});

describe('roles', () => {
  it("lets only the task's owner, an operator or an administrator clear or replace a station's task", async () => {
    w = await openWarehouse();
    const keeper = await w.as('warehouseKeeper');
    const sales = await w.as('salesperson');
    await call(w.core, keeper, 'station.setTask', { task: 'receipt' });
    await call(w.core, keeper, 'scanner.submit', { raw: w.bins[0]!.code, source: 'manual' });
    const before = await call(w.core, keeper, 'station.state', {});

    for (const [name, input] of [
      ['station.clearTask', {}],
      ['station.setTask', { task: 'lookup' }],
      ['station.setTask', { task: 'receipt' }],
    ] as const) {
      expect(await refusal(w.core, sales, name, input)).toMatchObject({
        code: 'scan.notTaskOwner',
        details: { owner: 'warehouseKeeper' },
      });
    }
    // The keeper's work and their ownership of the station's scans are untouched.
    expect(await call(w.core, keeper, 'station.state', {})).toEqual(before);
    expect(before.owner?.userId).toBe(keeper.session!.userId);

    // The owner may; an operator may take it over.
    await call(w.core, keeper, 'station.clearTask', {});
    const op = await w.as('operator');
    expect((await call(w.core, op, 'station.setTask', { task: 'lookup' })).owner?.userId).toBe(op.session!.userId);
    // Once its owner logs out, a task is free to take.
    await call(w.core, op, 'auth.logout', {});
    expect((await call(w.core, sales, 'station.setTask', { task: 'lookup' })).owner?.userId).toBe(
      sales.session!.userId,
    );
  });

  it('frees a station whose owner closed every window there, for the next keeper', async () => {
    w = await openWarehouse();
    const keeper = await w.as('warehouseKeeper');
    await call(w.core, keeper, 'station.setTask', { task: 'receipt' });
    const sales = await w.as('salesperson');
    expect((await refusal(w.core, sales, 'station.setTask', { task: 'lookup' })).code).toBe('scan.notTaskOwner');
    // The keeper's browser closes (the host releases the connection) without logging out.
    w.core.release(keeper);
    expect((await call(w.core, sales, 'station.setTask', { task: 'lookup' })).owner?.userId).toBe(
      sales.session!.userId,
    );
  });

  it('reverses a manager-approved adjustment form only for the CS manager', async () => {
    w = await openWarehouse();
    const keeper = await w.as('warehouseKeeper');
    const op = await w.as('operator');
    const manager = await w.as('csManager');
    await receive(w, keeper, [{ product: 0, bin: 0, qty: 10 }]);
    const draft = await call(w.core, op, 'adjustments.createManual', {
      lines: [{ productId: w.products[0]!.id, status: 'good', locationId: w.bins[0]!.id, qty: -2, cause: 'miscount' }],
    });
    await call(w.core, op, 'adjustments.submit', { formId: draft.id });
    const approved = await call(w.core, manager, 'adjustments.approve', { formId: draft.id, comment: '同意' });
    const documentId = approved.documentId!;
    expect(
      await refusal(w.core, op, 'stock.reverseDocument', { documentId, reason: '撤销', idempotencyKey: newKey() }),
    ).toMatchObject({ code: 'stock.reversalNeedsManager' });
    const balance = () =>
      call(w!.core, op, 'stock.balances', {}).then(
        (rows) => rows.find((r) => r.productId === w!.products[0]!.id && r.locationId === w!.bins[0]!.id)?.qty,
      );
    expect(await balance()).toBe(8);
    const reversed = await call(w.core, manager, 'stock.reverseDocument', {
      documentId,
      reason: '审批有误',
      idempotencyKey: newKey(),
    });
    expect(reversed.reversedBy).not.toBeNull();
    expect(await balance()).toBe(10);
    // A receipt (no approval behind it) the operator still reverses.
    const receipt = await receive(w, keeper, [{ product: 1, bin: 0, qty: 3 }]);
    expect(
      (
        await call(w.core, op, 'stock.reverseDocument', {
          documentId: receipt.id,
          reason: '错收',
          idempotencyKey: newKey(),
        })
      ).reversedBy,
    ).not.toBeNull();
  });

  it('refuses an unauthorised caller before looking at the input', async () => {
    w = await openWarehouse();
    const sales = await w.as('salesperson');
    for (const input of [{}, { username: 42 }, null, 'x']) {
      expect((await refusal(w.core, sales, 'users.create', input)).code).toBe('auth.forbidden');
      expect((await refusal(w.core, w.core.newCaller('anon'), 'users.create', input)).code).toBe('auth.required');
    }
    // The one allowed still gets the field-by-field answer.
    expect((await refusal(w.core, w.admin, 'users.create', { username: 42 })).code).toBe('contract.invalidInput');
  });

  it('does not send unit costs or amounts to a salesperson or a dispatcher', async () => {
    w = await openWarehouse();
    const keeper = await w.as('warehouseKeeper');
    await receive(w, keeper, [{ product: 0, bin: 0, qty: 5 }]);
    for (const role of ['salesperson', 'dispatcher'] as const) {
      const c = await w.as(role);
      const products = await call(w.core, c, 'products.list', {});
      expect(products.length).toBeGreaterThan(0);
      expect(products.every((p) => p.unitCostFen === null)).toBe(true);
      const balances = await call(w.core, c, 'stock.balances', {});
      expect(balances.find((b) => b.qty === 5)).toMatchObject({ unitCostFen: null, amountFen: null });
      const movements = await call(w.core, c, 'stock.movements', { offset: 0, limit: 10 });
      expect(movements.rows.length).toBeGreaterThan(0);
      expect(movements.rows.every((m) => m.amountFen === null)).toBe(true);
      const receipts = await call(w.core, c, 'receipts.list', {});
      expect(receipts.every((r) => r.totalAmountFen === null)).toBe(true);
    }
    // The keeper values stock: costs as before (and the shared cache was not blanked).
    const own = await call(w.core, keeper, 'stock.balances', {});
    expect(own.find((b) => b.qty === 5)).toMatchObject({ unitCostFen: 95, amountFen: 475 });
    expect((await call(w.core, keeper, 'products.list', {}))[0]!.unitCostFen).not.toBeNull();
    expect((await call(w.core, keeper, 'receipts.list', {}))[0]!.totalAmountFen).toBe(475);
  });
});
