// What the salesperson's return-report form rests on (issue 13 §Returns 1):
// the customer's delivered orders with what can still be returned per line,
// and editing a report while it is still 'reported' — the same checks as
// filing it, the salesperson only their own, nothing written on a refusal.
import { afterEach, describe, expect, it } from 'vitest';
import { call, newKey, refusal } from '../fixtures';
import { dispatchWarehouse, type DispatchWarehouse } from '../dispatch/fixtures';

let dw: DispatchWarehouse;
afterEach(async () => dw?.w.core.close());

const p1Case = '16901234567899';

/** C001's orders a (1 case of P001) and b (2 cases) signed; c (C001, 3 cases) refused 10 units. */
async function delivered() {
  dw = await dispatchWarehouse();
  const { w, keeper, dispatcher, op } = dw;
  const trip = await dw.trip();
  const a = await dw.released(1);
  const b = await dw.released(2);
  const c = await dw.released(3);
  await call(w.core, dispatcher, 'dispatch.assign', { tripId: trip.id, orderIds: [a.id, b.id, c.id] });
  await call(w.core, keeper, 'dispatch.startPicking', { tripIds: [trip.id] });
  await call(w.core, keeper, 'station.setTask', { task: 'load' });
  const scan = (raw: string) =>
    call(w.core, keeper, 'scanner.submit', { raw, source: 'wedge', sourceName: 'Dock gun' });
  await scan(trip.number);
  for (let i = 0; i < 6; i++) await scan(p1Case);
  for (const o of [a, b, c]) await call(w.core, keeper, 'dispatch.loadOrder', { orderId: o.id });
  await call(w.core, dispatcher, 'dispatch.depart', { tripId: trip.id });
  await call(w.core, op, 'dispatch.recordOutcome', { orderId: a.id, outcome: 'signed', signedBy: '张三' });
  await call(w.core, op, 'dispatch.recordOutcome', { orderId: b.id, outcome: 'signed', signedBy: '张三' });
  const cLine = (await call(w.core, op, 'orders.get', { orderId: c.id })).lines[0]!;
  await call(w.core, op, 'dispatch.recordOutcome', {
    orderId: c.id,
    outcome: 'refused',
    reason: 'damaged',
    note: '外箱压坏',
    lines: [{ lineId: cLine.id, qty: 10 }],
  });
  return { a, b, c };
}

const audits = async () => (await call(dw.w.core, dw.w.admin, 'audit.list', { offset: 0, limit: 1 })).total;

describe('the return-report form (R12)', () => {
  it('offers the customer’s delivered orders with what is left to return, less what other reports hold', async () => {
    const { a, b, c } = await delivered();
    const { w, sales1 } = dw;
    const before = await call(w.core, sales1, 'returns.returnable', { customerId: dw.customer('C001') });
    expect(before.map((o) => o.number).sort()).toEqual([a.number, b.number, c.number].sort());
    const left = (n: string) => before.find((o) => o.number === n)!.lines.map((l) => [l.delivered, l.left]);
    expect(left(a.number)).toEqual([[24, 24]]);
    expect(left(b.number)).toEqual([[48, 48]]);
    // c was refused 10 of 72 at the door: 62 delivered (partly refused).
    expect(before.find((o) => o.number === c.number)).toMatchObject({ outcome: 'partlyRefused' });
    expect(left(c.number)).toEqual([[62, 62]]);

    const r = await call(w.core, sales1, 'returns.report', {
      customerId: dw.customer('C001'),
      orderIds: [b.id],
      lines: [{ productId: dw.product('P001'), qty: 30, reason: 'surplus' }],
      idempotencyKey: newKey(),
    });
    const after = await call(w.core, sales1, 'returns.returnable', { customerId: dw.customer('C001') });
    expect(after.find((o) => o.number === b.number)!.lines[0]).toMatchObject({ delivered: 48, left: 18 });
    // Editing that report: its own 30 are not counted against it.
    const editing = await call(w.core, sales1, 'returns.returnable', {
      customerId: dw.customer('C001'),
      returnId: r.id,
    });
    expect(editing.find((o) => o.number === b.number)!.lines[0]).toMatchObject({ left: 48 });
    // Another customer has nothing delivered.
    expect(await call(w.core, sales1, 'returns.returnable', { customerId: dw.customer('C002') })).toEqual([]);
  });

  it('edits a reported return: new orders and lines re-checked and re-priced, audited', async () => {
    const { a, b } = await delivered();
    const { w, sales1, op } = dw;
    const r = await call(w.core, sales1, 'returns.report', {
      customerId: dw.customer('C001'),
      orderIds: [a.id],
      lines: [{ productId: dw.product('P001'), qty: 1, per: 'case', reason: 'quality' }],
      idempotencyKey: newKey(),
    });
    const audits0 = await audits();
    const edited = await call(w.core, sales1, 'returns.edit', {
      returnId: r.id,
      orderIds: [a.id, b.id],
      lines: [{ productId: dw.product('P001'), qty: 2, per: 'case', reason: 'expired' }],
      note: '改为两箱',
    });
    expect(edited).toMatchObject({ state: 'reported', note: '改为两箱', noDelivery: false, units: 48 });
    expect(edited.orderNumbers).toEqual([a.number, b.number].sort());
    // 48 units spread over a (24) then b (24), the reason changed.
    expect(edited.lines.map((l) => [l.qtyReported, l.reason])).toEqual([
      [24, 'expired'],
      [24, 'expired'],
    ]);
    expect(await audits()).toBe(audits0 + 1);
    // The operator, filing on the salesperson's behalf, may edit too; with no order it is flagged.
    const flagged = await call(w.core, op, 'returns.edit', {
      returnId: r.id,
      lines: [{ productId: dw.product('P002'), qty: 5, reason: 'other', reasonNote: '客户多订' }],
    });
    expect(flagged).toMatchObject({ noDelivery: true, orderNumbers: [] });
    expect(flagged.lines[0]).toMatchObject({ productCode: 'P002', qtyReported: 5, orderLineId: null });
  });

  it('refuses an edit that asks too much, of another salesperson, or after the decision, writing nothing', async () => {
    const { a } = await delivered();
    const { w, sales1, sales2, manager } = dw;
    const r = await call(w.core, sales1, 'returns.report', {
      customerId: dw.customer('C001'),
      orderIds: [a.id],
      lines: [{ productId: dw.product('P001'), qty: 6, reason: 'quality' }],
      idempotencyKey: newKey(),
    });
    const audits0 = await audits();
    const lines = [
      { productId: dw.product('P001'), qty: 6, reason: 'quality' },
      { productId: dw.product('P001'), qty: 2, per: 'case', reason: 'quality' },
    ];
    // Line 2 asks 48 where 18 are left after line 1's 6: named with the product and the most.
    expect(await refusal(w.core, sales1, 'returns.edit', { returnId: r.id, orderIds: [a.id], lines })).toMatchObject({
      code: 'returns.tooMuch',
      details: { product: 'P001', line: 2, max: 18, qty: 48 },
    });
    expect(
      await refusal(w.core, sales1, 'returns.edit', {
        returnId: r.id,
        lines: [{ productId: dw.product('P001'), qty: 1, reason: 'other' }],
      }),
    ).toMatchObject({ code: 'returns.noteRequired', details: { line: 1 } });
    expect(
      await refusal(w.core, sales2, 'returns.edit', { returnId: r.id, orderIds: [a.id], lines: lines.slice(0, 1) }),
    ).toMatchObject({ code: 'returns.notYours', details: { number: r.number } });
    expect((await call(w.core, sales1, 'returns.get', { returnId: r.id })).lines.map((l) => l.qtyReported)).toEqual([
      6,
    ]);
    expect(await audits()).toBe(audits0);
    await call(w.core, manager, 'returns.approve', { returnId: r.id });
    expect(
      await refusal(w.core, sales1, 'returns.edit', { returnId: r.id, orderIds: [a.id], lines: lines.slice(0, 1) }),
    ).toMatchObject({ code: 'returns.wrongState', details: { number: r.number, state: 'approved' } });
    expect(await refusal(w.core, manager, 'returns.edit', { returnId: r.id, lines })).toMatchObject({
      code: 'auth.forbidden',
    });
  });
});
