// R1: a phone order waits for its customer's salesperson (or a CS manager,
// recorded as such) and cannot be released before.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, refusal } from '../fixtures';
import { orderWarehouse, type OrderWarehouse } from './orderFixtures';

let ow: OrderWarehouse;
let qty = 0;
beforeAll(async () => {
  ow = await orderWarehouse();
  await ow.stock('P001', 1000);
});
afterAll(async () => ow.w.core.close());

const phoneOrder = () => ow.order({ channel: 'phone', lines: [{ productCode: 'P001', qty: ++qty }] });

describe('phone orders', () => {
  it('wait for confirmation and cannot be released before it', async () => {
    const o = await phoneOrder();
    expect(o.state).toBe('awaitingConfirmation');
    const e = await refusal(ow.w.core, ow.op, 'orders.release', { orderIds: [o.id] });
    expect(e).toMatchObject({ code: 'orders.notReleasable', details: { numbers: o.number } });
    expect((await call(ow.w.core, ow.op, 'orders.get', { orderId: o.id })).lines[0]!.reserved).toBe(0);
  });

  it("show on their salesperson's pending list only", async () => {
    const o = await phoneOrder();
    const mine = await call(ow.w.core, ow.sales1, 'orders.pendingConfirmation', {});
    const theirs = await call(ow.w.core, ow.sales2, 'orders.pendingConfirmation', {});
    expect(mine.map((r) => r.id)).toContain(o.id);
    expect(theirs.map((r) => r.id)).not.toContain(o.id);
  });

  it('are confirmed by their salesperson, then released', async () => {
    const o = await phoneOrder();
    const confirmed = await call(ow.w.core, ow.sales1, 'orders.confirm', { orderId: o.id });
    expect([confirmed.state, confirmed.confirmedBy]).toEqual(['qualified', 'sales1']);
    expect(confirmed.events.at(-1)).toMatchObject({
      kind: 'confirmed',
      userName: 'sales1',
      detail: { as: 'salesperson' },
    });
    const r = await call(ow.w.core, ow.op, 'orders.release', { orderIds: [o.id] });
    expect(r.released).toEqual([o.id]);
  });

  it("refuse another salesperson's confirmation", async () => {
    const o = await phoneOrder();
    expect(await refusal(ow.w.core, ow.sales2, 'orders.confirm', { orderId: o.id })).toMatchObject({
      code: 'orders.notYourCustomer',
    });
    expect((await call(ow.w.core, ow.op, 'orders.get', { orderId: o.id })).state).toBe('awaitingConfirmation');
  });

  it('may be confirmed by a CS manager, recorded as such', async () => {
    const o = await phoneOrder();
    const confirmed = await call(ow.w.core, ow.manager, 'orders.confirm', { orderId: o.id });
    expect(confirmed.events.at(-1)).toMatchObject({ kind: 'confirmed', detail: { as: 'csManager' } });
  });

  it('rejected with a reason are cancelled with it', async () => {
    const o = await phoneOrder();
    const rejected = await call(ow.w.core, ow.sales1, 'orders.reject', { orderId: o.id, reason: '客户未订货' });
    expect(rejected.state).toBe('cancelled');
    expect(rejected.events.at(-1)).toMatchObject({ kind: 'rejected', detail: { reason: '客户未订货' } });
  });

  it('an operator cannot confirm', async () => {
    const o = await phoneOrder();
    expect(await refusal(ow.w.core, ow.op, 'orders.confirm', { orderId: o.id })).toMatchObject({
      code: 'auth.forbidden',
    });
  });
});
