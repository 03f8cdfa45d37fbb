// The damage analysis over rows the damage slice's own services wrote: a
// report counts once the manager approves it (its goods entered damaged stock
// that day), one awaiting approval does not; a disposal of a report shows as what was done; and
// the month reconciles with the ledger's movements of those documents.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultTimeZone } from '../../../electron/core/clock';
import { today } from '../../../electron/core/orders/dates';
import { call, newKey, openWarehouse, receive, type Warehouse } from '../fixtures';

let w: Warehouse;
beforeAll(async () => {
  w = await openWarehouse();
});
afterAll(async () => w.core.close());

describe('damage analysis over the damage register', () => {
  it('counts approved reports, not those awaiting approval, and shows what was done', async () => {
    const keeper = await w.as('warehouseKeeper');
    const manager = await w.as('csManager');
    const op = await w.as('operator');
    const month = today(new Date(), defaultTimeZone).slice(0, 7);
    await receive(w, keeper, [{ product: 2, bin: 0, qty: 100 }]);
    const p = w.products[2]!;
    const report = (qty: number, cause: string) =>
      call(w.core, keeper, 'damage.report', {
        productId: p.id,
        fromStatus: 'good',
        locationId: w.bins[0]!.id,
        qty,
        whereFound: 'bin',
        cause,
        suggestion: 'scrap',
        idempotencyKey: newKey(),
      });
    const approved = await report(12, 'crushed');
    await call(w.core, manager, 'damage.approve', { reportId: approved.id });
    await report(5, 'wet'); // awaiting the manager: not in any month yet

    const before = await call(w.core, op, 'analyses.damage', { month });
    expect(before.total).toEqual({ reports: 1, qty: 12, amountFen: 12 * p.unitCostFen });
    expect(before.products.map((r) => [r.productCode, r.qty])).toEqual([[p.code, 12]]);
    expect(before.causes.some((c) => c.cause === 'wet')).toBe(false);
    expect(before.reconciliation.map((r) => [r.label, r.reconciled])).toEqual([
      ['intoDamaged', true],
      ['disposedOut', true],
    ]);

    const disposal = await call(w.core, keeper, 'disposals.propose', {
      kind: 'scrap',
      lines: [{ productId: p.id, locationId: w.bins[0]!.id, qty: 12, damageReportId: approved.id }],
      idempotencyKey: newKey(),
    });
    await call(w.core, manager, 'disposals.approve', { disposalId: disposal.id });
    const after = await call(w.core, op, 'analyses.damage', { month });
    expect(after.products[0]!.disposed).toEqual({ scrap: 12 });
    expect(after.disposals).toEqual([{ kind: 'scrap', disposals: 1, qty: 12, amountFen: 12 * p.unitCostFen }]);
    expect(after.reconciliation.every((r) => r.reconciled)).toBe(true);
  });
});
