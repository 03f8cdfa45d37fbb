// The damage register (issue 13 §Damage 1–2, R11 R5): a report raised by any
// reporting role, approved or rejected by the CS manager only — never the
// reporter —, approval moving good → damaged in the same bin through the
// ledger, and refusals that write nothing. Receiving damaged goods opens the
// report with the receipt (openDamageReport).
import { afterEach, describe, expect, it } from 'vitest';
import type { Role } from '../../../shared/domain';
import type { Caller } from '../../../electron/core/context';
import { balanceOf, call, newKey, openWarehouse, receive, refusal, type Warehouse } from '../fixtures';

let w: Warehouse;
afterEach(async () => w?.core.close());

async function setup() {
  w = await openWarehouse();
  const keeper = await w.as('warehouseKeeper');
  const manager = await w.as('csManager');
  await receive(w, keeper, [{ product: 0, bin: 0, qty: 48 }]);
  return { keeper, manager };
}

const report = (caller: Caller, extra: Record<string, unknown> = {}) =>
  call(w.core, caller, 'damage.report', {
    productId: w.products[0]!.id,
    fromStatus: 'good',
    locationId: w.bins[0]!.id,
    qty: 24,
    whereFound: 'bin',
    cause: 'crushed',
    suggestion: 'scrap',
    idempotencyKey: newKey(),
    ...extra,
  });

const stock = async (status: string) =>
  balanceOf(await call(w.core, w.admin, 'stock.balances', {}), w.products[0]!.id, w.bins[0]!.id, status);
const auditTotal = async () => (await call(w.core, w.admin, 'audit.list', { offset: 0, limit: 1 })).total;

describe('damage reports', () => {
  it('numbers a report BS-…, shows qty × unit cost, and moves no stock until approved', async () => {
    const { keeper } = await setup();
    const r = await report(keeper);
    expect(r).toMatchObject({ state: 'reported', qty: 24, amountFen: 24 * w.products[0]!.unitCostFen });
    expect(r.number).toMatch(/^BS-\d{8}-0001$/);
    expect(await stock('good')).toBe(48);
    expect(await stock('damaged')).toBe(0);
  });

  it('lets every reporting role raise one and refuses a salesperson', async () => {
    await setup();
    for (const role of ['warehouseKeeper', 'operator', 'dispatcher', 'supervisor', 'csManager'] as Role[]) {
      expect((await report(await w.as(role), { qty: 1 })).state).toBe('reported');
    }
    const sales = await w.as('salesperson');
    expect((await refusal(w.core, sales, 'damage.report', { productId: 1 })).code).toBe('auth.forbidden');
  });

  it('approval by the manager moves the quantity from good to damaged in the same bin', async () => {
    const { keeper, manager } = await setup();
    const r = await report(keeper);
    const approved = await call(w.core, manager, 'damage.approve', { reportId: r.id });
    expect(approved.state).toBe('approved');
    expect(approved.transferDocumentNo).toMatch(/^DM-/);
    expect(approved.enteredDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(approved.steps.map((s) => s.step)).toEqual(['reported', 'approved']);
    expect(await stock('good')).toBe(24);
    expect(await stock('damaged')).toBe(24);
  });

  it('refuses approval by the reporter, by a wrong role, and a repeated step, writing nothing', async () => {
    const { keeper, manager } = await setup();
    const own = await report(manager);
    const others = ['warehouseKeeper', 'operator', 'supervisor', 'salesperson', 'dispatcher'] as Role[];
    const callers = await Promise.all(others.map((role) => w.as(role)));
    const before = await auditTotal();
    expect((await refusal(w.core, manager, 'damage.approve', { reportId: own.id })).code).toBe('damage.ownReport');
    for (const caller of [...callers, w.admin]) {
      const r = await refusal(w.core, caller, 'damage.approve', { reportId: own.id });
      expect(r.code).toBe('auth.forbidden');
    }
    expect(await auditTotal()).toBe(before);
    const r = await report(keeper);
    await call(w.core, manager, 'damage.reject', { reportId: r.id, reason: '已核实无损' });
    const again = await refusal(w.core, manager, 'damage.approve', { reportId: r.id });
    expect(again).toMatchObject({ code: 'damage.notReported', details: { state: 'rejected' } });
    expect(await stock('damaged')).toBe(0);
  });

  it('rejection keeps the stock and records the reason', async () => {
    const { keeper, manager } = await setup();
    const r = await report(keeper);
    const rejected = await call(w.core, manager, 'damage.reject', { reportId: r.id, reason: '包装完好' });
    expect(rejected).toMatchObject({ state: 'rejected', rejectReason: '包装完好', transferDocumentNo: null });
    expect(await stock('good')).toBe(48);
  });

  it('refuses an approval that would make stock negative, naming product and bin, and writes nothing', async () => {
    const { keeper, manager } = await setup();
    const r = await report(keeper, { qty: 40 });
    // Meanwhile most of the stock left the bin.
    const second = await report(keeper, { qty: 30 });
    await call(w.core, manager, 'damage.approve', { reportId: second.id });
    const before = await auditTotal();
    const e = await refusal(w.core, manager, 'damage.approve', { reportId: r.id });
    expect(e).toMatchObject({
      code: 'stock.wouldGoNegative',
      details: { productCode: w.products[0]!.code, locationCode: w.bins[0]!.code, available: 18, requested: 40 },
    });
    expect(await auditTotal()).toBe(before);
    expect((await call(w.core, manager, 'damage.get', { reportId: r.id })).state).toBe('reported');
    expect(await stock('good')).toBe(18);
  });

  it("needs a note for the cause 'other' and refuses a retired cause", async () => {
    const { keeper, manager } = await setup();
    expect((await refusal(w.core, keeper, 'damage.report', reportInput({ cause: 'other' }))).code).toBe(
      'damage.noteRequired',
    );
    expect((await report(keeper, { cause: 'other', causeNote: '叉车' })).causeNote).toBe('叉车');
    await call(w.core, manager, 'damage.saveCause', { code: 'pest', nameZh: '虫鼠害', nameEn: 'Pest', active: false });
    expect((await refusal(w.core, keeper, 'damage.report', reportInput({ cause: 'pest' }))).code).toBe(
      'damage.causeRetired',
    );
    expect(
      (
        await refusal(w.core, manager, 'damage.saveCause', {
          code: 'other',
          nameZh: '其他',
          nameEn: 'Other',
          active: false,
        })
      ).code,
    ).toBe('damage.otherStays');
    const causes = await call(w.core, manager, 'damage.saveCause', {
      code: 'frozen',
      nameZh: '冻损',
      nameEn: 'Frozen',
    });
    expect(causes.map((c) => c.code).at(-1)).toBe('other');
    expect(causes.find((c) => c.code === 'frozen')).toMatchObject({ active: true, nameZh: '冻损' });
    expect((await refusal(w.core, keeper, 'damage.saveCause', { code: 'x', nameZh: 'x', nameEn: 'x' })).code).toBe(
      'auth.forbidden',
    );
  });
});

function reportInput(extra: Record<string, unknown>) {
  return {
    productId: w.products[0]!.id,
    fromStatus: 'good',
    locationId: w.bins[0]!.id,
    qty: 1,
    whereFound: 'bin',
    cause: 'crushed',
    suggestion: 'scrap',
    idempotencyKey: newKey(),
    ...extra,
  };
}

describe('goods damaged on arrival (openDamageReport)', () => {
  it('posts a damaged receipt line straight into damaged stock and opens its report in the same request', async () => {
    const { keeper, manager } = await setup();
    await call(w.core, keeper, 'receipts.post', {
      deliveryNote: 'QS-DMG-1',
      arrivedAt: new Date().toISOString(),
      idempotencyKey: newKey(),
      lines: [
        { productId: w.products[0]!.id, status: 'good', locationId: w.bins[0]!.id, qty: 24 },
        {
          productId: w.products[0]!.id,
          status: 'damaged',
          locationId: w.bins[0]!.id,
          qty: 6,
          damage: { cause: 'wet', suggestion: 'returnToSupplier' },
        },
      ],
    });
    expect(await stock('damaged')).toBe(6);
    const [r] = await call(w.core, manager, 'damage.list', { state: 'reported' });
    expect(r).toMatchObject({
      whereFound: 'receiving',
      qty: 6,
      cause: 'wet',
      originDocumentNo: expect.stringMatching(/^RC-/),
    });
    expect(r!.enteredDate).not.toBeNull();
    // Its approval posts nothing more; it cannot be rejected (the stock moved with the receipt).
    expect((await refusal(w.core, manager, 'damage.reject', { reportId: r!.id, reason: 'x' })).code).toBe(
      'damage.originNotRejectable',
    );
    const approved = await call(w.core, manager, 'damage.approve', { reportId: r!.id });
    expect(approved).toMatchObject({ state: 'approved', transferDocumentNo: null });
    expect(await stock('damaged')).toBe(6);
    expect(await stock('good')).toBe(72);
  });

  it('writes nothing — not even the receipt — when the damaged line names an unknown cause', async () => {
    const { keeper } = await setup();
    const e = await refusal(w.core, keeper, 'receipts.post', {
      deliveryNote: 'QS-DMG-2',
      arrivedAt: new Date().toISOString(),
      idempotencyKey: newKey(),
      lines: [
        {
          productId: w.products[0]!.id,
          status: 'damaged',
          locationId: w.bins[0]!.id,
          qty: 6,
          damage: { cause: 'meteor', suggestion: 'scrap' },
        },
      ],
    });
    expect(e.code).toBe('damage.unknownCause');
    expect(await stock('damaged')).toBe(0);
    expect(await call(w.core, keeper, 'damage.list', {})).toEqual([]);
  });
});
