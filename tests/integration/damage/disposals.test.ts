// Disposals 处理 of damaged stock (issue 13 §Damage 3, R5): each disposal
// kind moves the right statuses once the CS manager approves; the register
// shows per report what was done; refusals — a wrong role, a repeated step,
// too little damaged stock — write nothing. Attachments: attachments.test.ts.
import { afterEach, describe, expect, it } from 'vitest';
import type { DisposalKind } from '../../../shared/contract';
import type { Role } from '../../../shared/domain';
import type { Caller } from '../../../electron/core/context';
import { balanceOf, call, newKey, openWarehouse, receive, refusal, type Warehouse } from '../fixtures';

let w: Warehouse;
afterEach(async () => w?.core.close());

/** 48 good in bin 0; 24 of them reported damaged and approved. */
async function setup() {
  w = await openWarehouse();
  const keeper = await w.as('warehouseKeeper');
  const manager = await w.as('csManager');
  await receive(w, keeper, [{ product: 0, bin: 0, qty: 48 }]);
  const report = await call(w.core, keeper, 'damage.report', {
    productId: w.products[0]!.id,
    fromStatus: 'good',
    locationId: w.bins[0]!.id,
    qty: 24,
    whereFound: 'bin',
    cause: 'crushed',
    suggestion: 'scrap',
    idempotencyKey: newKey(),
  });
  await call(w.core, manager, 'damage.approve', { reportId: report.id });
  return { keeper, manager, report };
}

const stock = async (status: string) =>
  balanceOf(await call(w.core, w.admin, 'stock.balances', {}), w.products[0]!.id, w.bins[0]!.id, status);
const auditTotal = async () => (await call(w.core, w.admin, 'audit.list', { offset: 0, limit: 1 })).total;

const propose = (caller: Caller, kind: DisposalKind, qty: number, extra: Record<string, unknown> = {}) =>
  call(w.core, caller, 'disposals.propose', {
    kind,
    lines: [{ productId: w.products[0]!.id, locationId: w.bins[0]!.id, qty }],
    idempotencyKey: newKey(),
    ...extra,
  });

describe('disposals', () => {
  const moves: [DisposalKind, { good: number; damaged: number }][] = [
    ['scrap', { good: 24, damaged: 14 }],
    ['returnToSupplier', { good: 24, damaged: 14 }],
    ['sellDamaged', { good: 24, damaged: 14 }],
    ['repackGood', { good: 34, damaged: 14 }],
  ];
  for (const [kind, after] of moves) {
    it(`${kind}: approval takes 10 out of damaged${kind === 'repackGood' ? ' and puts them back to good' : ''}`, async () => {
      const { keeper, manager } = await setup();
      const d = await propose(
        keeper,
        kind,
        10,
        kind === 'returnToSupplier' ? { supplier: '农夫山泉', reference: 'TG-1' } : {},
      );
      expect(d).toMatchObject({ state: 'proposed', number: expect.stringMatching(/^CZ-/) });
      expect(await stock('damaged')).toBe(24);
      const approved = await call(w.core, manager, 'disposals.approve', { disposalId: d.id });
      expect(approved).toMatchObject({ state: 'approved', documentNo: expect.stringMatching(/^DP-/) });
      expect({ good: await stock('good'), damaged: await stock('damaged') }).toEqual(after);
    });
  }

  it('shows per report what was suggested and what was done', async () => {
    const { keeper, manager, report } = await setup();
    const d = await propose(keeper, 'sellDamaged', 24, {
      lines: [{ productId: w.products[0]!.id, locationId: w.bins[0]!.id, qty: 24, damageReportId: report.id }],
    });
    await call(w.core, manager, 'disposals.approve', { disposalId: d.id });
    const view = await call(w.core, manager, 'damage.get', { reportId: report.id });
    expect(view).toMatchObject({ suggestion: 'scrap', disposedQty: 24 });
    expect(view.done).toMatchObject([{ disposalNumber: d.number, kind: 'sellDamaged', state: 'approved', qty: 24 }]);
  });

  it('refuses an approval beyond the damaged stock, naming the product, and writes nothing', async () => {
    const { keeper, manager } = await setup();
    const d = await propose(keeper, 'scrap', 30);
    const before = await auditTotal();
    const e = await refusal(w.core, manager, 'disposals.approve', { disposalId: d.id });
    expect(e).toMatchObject({
      code: 'stock.wouldGoNegative',
      details: { productCode: w.products[0]!.code, status: 'damaged', available: 24, requested: 30 },
    });
    expect(await auditTotal()).toBe(before);
    expect((await call(w.core, manager, 'disposals.get', { disposalId: d.id })).state).toBe('proposed');
  });

  it('lets only the CS manager decide, once; return to supplier needs the supplier', async () => {
    const { keeper, manager } = await setup();
    expect(
      (
        await refusal(w.core, keeper, 'disposals.propose', {
          kind: 'returnToSupplier',
          lines: [{ productId: w.products[0]!.id, locationId: w.bins[0]!.id, qty: 1 }],
          idempotencyKey: newKey(),
        })
      ).code,
    ).toBe('disposal.supplierRequired');
    const d = await propose(keeper, 'scrap', 5);
    for (const role of ['warehouseKeeper', 'operator', 'supervisor', 'salesperson', 'dispatcher'] as Role[]) {
      const e = await refusal(w.core, await w.as(role), 'disposals.approve', { disposalId: d.id });
      expect(e.code).toBe('auth.forbidden');
    }
    const rejected = await call(w.core, manager, 'disposals.reject', { disposalId: d.id, reason: '先退供应商' });
    expect(rejected).toMatchObject({ state: 'rejected', rejectReason: '先退供应商' });
    expect((await refusal(w.core, manager, 'disposals.approve', { disposalId: d.id })).code).toBe(
      'disposal.notProposed',
    );
    expect(await stock('damaged')).toBe(24);
  });

  it('refuses a line naming a report of another product or bin', async () => {
    const { keeper, report } = await setup();
    const e = await refusal(w.core, keeper, 'disposals.propose', {
      kind: 'scrap',
      lines: [{ productId: w.products[1]!.id, locationId: w.bins[0]!.id, qty: 1, damageReportId: report.id }],
      idempotencyKey: newKey(),
    });
    expect(e).toMatchObject({ code: 'disposal.reportMismatch', details: { lineNo: 1, number: report.number } });
    expect(await call(w.core, keeper, 'disposals.list', {})).toEqual([]);
  });
});
