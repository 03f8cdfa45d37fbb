// R4 R5 R8: release reserves every line of an order at once against
// available = on hand − reserved, or nothing; short orders go to the daily
// confirmation list, come back when stock does, or are changed with consent.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { call, refusal } from '../fixtures';
import { orderWarehouse, type OrderWarehouse } from './orderFixtures';

let ow: OrderWarehouse;
beforeEach(async () => {
  await ow?.w.core.close();
  ow = await orderWarehouse();
});
afterAll(async () => ow.w.core.close());

const balances = async () => call(ow.w.core, ow.op, 'stock.balances', {});

/** The order's state once it is `want` (the automatic retry runs just after a receipt commits), or as it stays. */
async function stateOf(orderId: number, want: string): Promise<string> {
  let state = '';
  for (let i = 0; i < 200; i++) {
    state = (await call(ow.w.core, ow.op, 'orders.get', { orderId })).state;
    if (state === want) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  return state;
}

describe('release', () => {
  it('reserves the whole order and leaves the rest available to the next', async () => {
    await ow.stock('P001', 30);
    const a = await ow.order({ lines: [{ productCode: 'P001', qty: 20 }] });
    const b = await ow.order({ customerCode: 'C002', lines: [{ productCode: 'P001', qty: 20 }] });
    const r = await call(ow.w.core, ow.op, 'orders.release', { dispatchDate: ow.tomorrow });
    expect([r.released, r.short]).toEqual([[a.id], [b.id]]);
    const list = await call(ow.w.core, ow.op, 'orders.confirmationList', { dispatchDate: ow.tomorrow });
    expect(list.map((s) => s.order.id)).toEqual([b.id]);
    expect(list[0]!.lines).toEqual([
      expect.objectContaining({ productCode: 'P001', qty: 20, onHand: 30, reserved: 20, available: 10, shortfall: 10 }),
    ]);
    expect(list[0]!.order.salespersonName).toBe('sales2');
    // Reservations are not movements: the shelf still holds all 30.
    expect((await balances()).find((x) => x.productId === ow.product('P001'))!.qty).toBe(30);
  });

  it('reserves nothing of an order with one short line (R8)', async () => {
    await ow.stock('P001', 100);
    const o = await ow.order({
      lines: [
        { productCode: 'P001', qty: 10 },
        { productCode: 'P002', qty: 1 },
      ],
    });
    const r = await call(ow.w.core, ow.op, 'orders.release', { orderIds: [o.id] });
    expect(r.short).toEqual([o.id]);
    const v = await call(ow.w.core, ow.op, 'orders.get', { orderId: o.id });
    expect([v.state, v.lines.map((l) => l.reserved)]).toEqual(['short', [0, 0]]);
  });

  it('serves a gift line from gift stock only, never from good stock (R2)', async () => {
    await ow.stock('P001', 100);
    const o = await ow.order({ lines: [{ productCode: 'P001', qty: 5, gift: true }] });
    expect((await call(ow.w.core, ow.op, 'orders.release', { orderIds: [o.id] })).short).toEqual([o.id]);
    await ow.stock('P001', 5, 'gift');
    expect(await stateOf(o.id, 'released')).toBe('released');
  });

  it('lists what blocks a short order, and a receipt releases it automatically', async () => {
    await ow.stock('P001', 5);
    const o = await ow.order({ lines: [{ productCode: 'P001', qty: 8 }] });
    await call(ow.w.core, ow.op, 'orders.release', { orderIds: [o.id] });
    const [entry] = await call(ow.w.core, ow.op, 'orders.confirmationList', { dispatchDate: ow.tomorrow });
    expect([entry!.releasable, entry!.lines[0]!.shortfall]).toEqual([false, 3]);
    await ow.stock('P001', 3);
    expect(await stateOf(o.id, 'released')).toBe('released');
    const v = await call(ow.w.core, ow.op, 'orders.get', { orderId: o.id });
    expect(v.events.at(-1)).toMatchObject({ kind: 'released', userId: null, detail: { automatic: true } });
    expect(await call(ow.w.core, ow.op, 'orders.confirmationList', { dispatchDate: ow.tomorrow })).toEqual([]);
  });

  it('the list says which short orders stock now covers, and retrying releases them', async () => {
    await ow.stock('P001', 10);
    const a = await ow.order({ lines: [{ productCode: 'P001', qty: 10 }] });
    const b = await ow.order({ customerCode: 'C002', lines: [{ productCode: 'P001', qty: 10 }] });
    await call(ow.w.core, ow.op, 'orders.release', { orderIds: [a.id, b.id] });
    // Taking a back frees its stock without a posting: b is releasable now, and the list says so.
    await call(ow.w.core, ow.op, 'orders.takeBack', { orderId: a.id });
    const [entry] = await call(ow.w.core, ow.op, 'orders.confirmationList', { dispatchDate: ow.tomorrow });
    expect([entry!.order.id, entry!.releasable]).toEqual([b.id, true]);
    expect((await call(ow.w.core, ow.op, 'orders.retryShort', {})).released).toEqual([b.id]);
  });

  it('substitution records the salesperson’s consent and releases the order', async () => {
    await ow.stock('P003', 50);
    const o = await ow.order({ lines: [{ productCode: 'P001', qty: 12 }] });
    await call(ow.w.core, ow.op, 'orders.release', { orderIds: [o.id] });
    const resolved = await call(ow.w.core, ow.op, 'orders.resolveLine', {
      action: 'substitute',
      orderId: o.id,
      lineId: o.lines[0]!.id,
      productId: ow.product('P003'),
      consent: { how: 'phone', note: '客户同意换货' },
    });
    expect([resolved.state, resolved.lines[0]!.productCode, resolved.lines[0]!.reserved]).toEqual([
      'released',
      'P003',
      12,
    ]);
    const sub = resolved.events.find((e) => e.kind === 'substituted')!;
    expect(sub.detail).toMatchObject({
      from: { productCode: 'P001', qty: 12 },
      to: { productCode: 'P003', qty: 12 },
      consent: { salespersonName: 'sales1', how: 'phone', note: '客户同意换货' },
    });
    expect(sub.userName).toBe('operator');
    const audit = await call(ow.w.core, ow.w.admin, 'audit.list', { offset: 0, limit: 50 });
    expect(audit.rows.some((a) => a.entity === 'order' && a.entityId === String(o.id))).toBe(true);
  });

  it('reducing a short line to what is available releases the order', async () => {
    await ow.stock('P001', 6);
    const o = await ow.order({ lines: [{ productCode: 'P001', qty: 10 }] });
    await call(ow.w.core, ow.op, 'orders.release', { orderIds: [o.id] });
    const r = await call(ow.w.core, ow.op, 'orders.resolveLine', {
      action: 'reduce',
      orderId: o.id,
      lineId: o.lines[0]!.id,
      qty: 6,
      consent: { how: 'inPerson' },
    });
    expect([r.state, r.units]).toEqual(['released', 6]);
  });

  it('refuses to change a released order’s lines until it is taken back, then frees its stock', async () => {
    await ow.stock('P001', 10);
    const o = await ow.order({ lines: [{ productCode: 'P001', qty: 10 }] });
    await call(ow.w.core, ow.op, 'orders.release', { orderIds: [o.id] });
    const e = await refusal(ow.w.core, ow.op, 'orders.update', {
      orderId: o.id,
      lines: [{ productCode: 'P001', qty: 4 }],
    });
    expect(e).toMatchObject({ code: 'orders.takeBackFirst', details: { number: o.number } });
    const back = await call(ow.w.core, ow.op, 'orders.takeBack', { orderId: o.id });
    expect([back.state, back.lines[0]!.reserved]).toEqual(['qualified', 0]);
    const changed = await call(ow.w.core, ow.op, 'orders.update', {
      orderId: o.id,
      lines: [{ productCode: 'P001', qty: 4 }],
    });
    expect(changed.state).toBe('qualified');
  });

  it('cancelling a released order ends its reservation', async () => {
    await ow.stock('P001', 10);
    const a = await ow.order({ lines: [{ productCode: 'P001', qty: 10 }] });
    const b = await ow.order({ customerCode: 'C002', lines: [{ productCode: 'P001', qty: 10 }] });
    await call(ow.w.core, ow.op, 'orders.release', { orderIds: [a.id, b.id] });
    const cancelled = await call(ow.w.core, ow.op, 'orders.cancel', { orderId: a.id, reason: '客户取消' });
    expect([cancelled.state, cancelled.lines[0]!.reserved]).toEqual(['cancelled', 0]);
    expect((await call(ow.w.core, ow.op, 'orders.retryShort', {})).released).toEqual([b.id]);
  });

  it('an illegal transition is a typed error: a cancelled order is not taken back', async () => {
    const o = await ow.order({});
    await call(ow.w.core, ow.op, 'orders.cancel', { orderId: o.id, reason: 'x' });
    expect(await refusal(ow.w.core, ow.op, 'orders.takeBack', { orderId: o.id })).toMatchObject({
      code: 'orders.illegalTransition',
      details: { from: 'cancelled', to: 'qualified' },
    });
  });

  it('a keeper cannot release orders', async () => {
    const o = await ow.order({});
    expect(await refusal(ow.w.core, ow.keeper, 'orders.release', { orderIds: [o.id] })).toMatchObject({
      code: 'auth.forbidden',
    });
  });
});
