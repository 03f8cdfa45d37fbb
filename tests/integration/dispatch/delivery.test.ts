// Departure and delivery outcomes (issue 12 §6 §8, R6 R8): a trip departs only
// when every order on it is loaded (or taken off), its orders departed; a
// departed order is signed, or refused whole or per line with a reason, and
// refused goods wait on the awaiting-return list; the customer service level
// counts orders delivered complete by their promised date. Orders reach the
// trip through the board (dispatch.assign) and 'loaded' through the load
// check (station scans, dispatch.loadOrder) — the real path, nothing faked.
import { afterEach, describe, expect, it } from 'vitest';
import { call, refusal } from '../fixtures';
import { dispatchWarehouse, type DispatchWarehouse } from './fixtures';

let dw: DispatchWarehouse;
afterEach(async () => dw?.w.core.close());

// The fixture's P001 case barcode (24 units a case).
const p1Case = '16901234567899';

/** Trip of tomorrow with order A (C001, 1 case of P001) at stop 1 and order B (C002, 2 cases) at stop 2. */
async function setup() {
  dw = await dispatchWarehouse();
  const trip = await dw.trip();
  const a = await dw.released(1);
  const b = await dw.released(2, { customerCode: 'C002' });
  await call(dw.w.core, dw.dispatcher, 'dispatch.assign', { tripId: trip.id, orderIds: [a.id, b.id] });
  return { trip, a, b };
}

/** The load check at the dock: picking, the trip's barcode, `cases` case scans (filling stops in order). */
async function loadCheck(tripNumber: string, tripId: number, cases: number) {
  const { w, keeper } = dw;
  await call(w.core, keeper, 'dispatch.startPicking', { tripIds: [tripId] });
  await call(w.core, keeper, 'station.setTask', { task: 'load' });
  const scan = (raw: string) =>
    call(w.core, keeper, 'scanner.submit', { raw, source: 'wedge', sourceName: 'Dock gun' });
  expect(await scan(tripNumber)).toMatchObject({ outcome: 'accepted' });
  for (let i = 0; i < cases; i++) expect(await scan(p1Case)).toMatchObject({ outcome: 'accepted' });
}

const load = (orderId: number) => call(dw.w.core, dw.keeper, 'dispatch.loadOrder', { orderId });
const stateOf = async (orderId: number) => (await call(dw.w.core, dw.op, 'orders.get', { orderId })).state;

/** Both orders loaded and the trip departed. */
async function departed() {
  const s = await setup();
  await loadCheck(s.trip.number, s.trip.id, 3);
  await load(s.a.id);
  await load(s.b.id);
  await call(dw.w.core, dw.dispatcher, 'dispatch.depart', { tripId: s.trip.id });
  return s;
}

describe('departure (R8)', () => {
  it('refuses to depart while an order on the trip is not loaded, and writes nothing', async () => {
    const { trip, a, b } = await setup();
    await loadCheck(trip.number, trip.id, 1);
    await load(a.id);
    const audit = (await call(dw.w.core, dw.w.admin, 'audit.list', { offset: 0, limit: 1 })).total;
    const r = await refusal(dw.w.core, dw.dispatcher, 'dispatch.depart', { tripId: trip.id });
    expect(r).toMatchObject({
      code: 'delivery.tripNotLoaded',
      details: { number: trip.number, count: 1, orders: b.number },
    });
    expect([await stateOf(a.id), await stateOf(b.id)]).toEqual(['loaded', 'picking']);
    const [row] = await call(dw.w.core, dw.dispatcher, 'dispatch.deliveryTrips', { dispatchDate: dw.tomorrow });
    expect([row!.state, row!.loaded, row!.orderCount]).toEqual(['loading', 1, 2]);
    expect((await call(dw.w.core, dw.w.admin, 'audit.list', { offset: 0, limit: 1 })).total).toBe(audit);
  });

  it('departs once the short order is taken off; its orders depart, and the departed trip takes no new order', async () => {
    const { trip, a, b } = await setup();
    await loadCheck(trip.number, trip.id, 1);
    await load(a.id);
    await call(dw.w.core, dw.keeper, 'dispatch.takeOff', { orderId: b.id, to: 'pool', reason: '缺货' });
    const moved = await call(dw.w.core, dw.dispatcher, 'dispatch.depart', { tripId: trip.id });
    expect([moved.state, moved.orderIds]).toEqual(['departed', [a.id]]);
    expect([await stateOf(a.id), await stateOf(b.id)]).toEqual(['departed', 'released']);
    const history = (await call(dw.w.core, dw.op, 'orders.get', { orderId: a.id })).events.at(-1);
    expect(history).toMatchObject({
      kind: 'departed',
      fromState: 'loaded',
      toState: 'departed',
      userName: 'dispatcher',
    });
    // The board refuses to put an order on a trip that has left.
    expect(
      (await refusal(dw.w.core, dw.dispatcher, 'dispatch.assign', { tripId: trip.id, orderIds: [b.id] })).code,
    ).toBe('dispatch.tripClosed');
    expect((await refusal(dw.w.core, dw.dispatcher, 'dispatch.depart', { tripId: trip.id })).code).toBe(
      'delivery.tripNotDepartable',
    );
  });

  it('a keeper may not depart a trip (the dispatcher does)', async () => {
    const { trip } = await setup();
    expect((await refusal(dw.w.core, dw.keeper, 'dispatch.depart', { tripId: trip.id })).code).toBe('auth.forbidden');
  });
});

describe('delivery outcomes (R6)', () => {
  it('refuses an outcome for an order that has not departed, and writes nothing', async () => {
    const { trip, a, b } = await setup();
    await loadCheck(trip.number, trip.id, 1);
    await load(a.id);
    for (const [o, state] of [
      [a, 'loaded'],
      [b, 'picking'],
    ] as const) {
      const r = await refusal(dw.w.core, dw.dispatcher, 'dispatch.recordOutcome', {
        orderId: o.id,
        outcome: 'signed',
        signedBy: '张三',
      });
      expect(r).toMatchObject({ code: 'delivery.notDeparted', details: { number: o.number, state } });
    }
    expect(await call(dw.w.core, dw.op, 'dispatch.awaitingReturn', {})).toEqual({ rows: [], byProduct: [] });
    expect(await stateOf(a.id)).toBe('loaded');
  });

  it('records a signature, and a refusal per line with its reason that lands on the awaiting-return list', async () => {
    const { trip, a, b } = await departed();
    const signed = await call(dw.w.core, dw.dispatcher, 'dispatch.recordOutcome', {
      orderId: a.id,
      outcome: 'signed',
      signedBy: '张三',
    });
    expect([signed.state, signed.outcome?.outcome, signed.outcome?.signedBy]).toEqual(['delivered', 'signed', '张三']);
    const line = (await call(dw.w.core, dw.dispatcher, 'dispatch.deliveryTrip', { tripId: trip.id })).orders.find(
      (o) => o.id === b.id,
    )!.lines[0]!;
    const refused = await call(dw.w.core, dw.op, 'dispatch.recordOutcome', {
      orderId: b.id,
      outcome: 'refused',
      reason: 'damaged',
      note: '外箱压坏',
      signedBy: '李四',
      lines: [{ lineId: line.lineId, qty: 10 }],
    });
    // Refused in part: the customer signed for the rest.
    expect([refused.state, refused.outcome?.outcome, refused.outcome?.reason, refused.lines[0]!.refusedQty]).toEqual([
      'delivered',
      'partlyRefused',
      'damaged',
      10,
    ]);
    const awaiting = await call(dw.w.core, dw.keeper, 'dispatch.awaitingReturn', { dispatchDate: dw.tomorrow });
    expect(awaiting.rows).toEqual([
      expect.objectContaining({
        orderNumber: b.number,
        customerCode: 'C002',
        customerName: '越秀超市',
        tripNumber: trip.number,
        productCode: 'P001',
        status: 'good',
        qty: 10,
        amountFen: 10 * 150,
        reason: 'damaged',
        note: '外箱压坏',
      }),
    ]);
    expect(awaiting.byProduct).toEqual([expect.objectContaining({ productCode: 'P001', qty: 10, amountFen: 1500 })]);
    // The report of the day shows the refusal among its exceptions, with the units refused.
    const report = await call(dw.w.core, dw.keeper, 'dispatch.report', { dispatchDate: dw.tomorrow });
    expect(report.exceptions.map((e) => [e.orderNumber, e.kind, e.reason, e.units])).toEqual([
      [b.number, 'refused', 'damaged', 10],
    ]);
    // One outcome per order.
    expect(
      (await refusal(dw.w.core, dw.op, 'dispatch.recordOutcome', { orderId: a.id, outcome: 'signed', signedBy: 'x' }))
        .code,
    ).toBe('delivery.notDeparted');
  });

  it('refuses a whole order for "other" only with a note, and never more than a line holds', async () => {
    const { a, b } = await departed();
    expect(
      (
        await refusal(dw.w.core, dw.dispatcher, 'dispatch.recordOutcome', {
          orderId: a.id,
          outcome: 'refused',
          reason: 'other',
        })
      ).code,
    ).toBe('delivery.noteRequired');
    const lineId = (await call(dw.w.core, dw.op, 'orders.get', { orderId: b.id })).lines[0]!.id;
    expect(
      (
        await refusal(dw.w.core, dw.dispatcher, 'dispatch.recordOutcome', {
          orderId: b.id,
          outcome: 'refused',
          reason: 'price',
          lines: [{ lineId, qty: 49 }],
        })
      ).code,
    ).toBe('delivery.refusedTooMuch');
    const whole = await call(dw.w.core, dw.dispatcher, 'dispatch.recordOutcome', {
      orderId: a.id,
      outcome: 'refused',
      reason: 'customerClosed',
    });
    expect([whole.state, whole.outcome?.outcome, whole.lines.map((l) => l.refusedQty)]).toEqual([
      'refused',
      'refused',
      [24],
    ]);
    expect(await stateOf(b.id)).toBe('departed');
  });

  it('marks the vehicle back only once every order has its outcome', async () => {
    const { trip, a, b } = await departed();
    await call(dw.w.core, dw.dispatcher, 'dispatch.recordOutcome', {
      orderId: a.id,
      outcome: 'signed',
      signedBy: '张三',
    });
    expect((await refusal(dw.w.core, dw.dispatcher, 'dispatch.returned', { tripId: trip.id })).code).toBe(
      'delivery.outcomesOpen',
    );
    await call(dw.w.core, dw.dispatcher, 'dispatch.recordOutcome', {
      orderId: b.id,
      outcome: 'signed',
      signedBy: '李四',
    });
    expect((await call(dw.w.core, dw.dispatcher, 'dispatch.returned', { tripId: trip.id })).state).toBe('returned');
    const [row] = await call(dw.w.core, dw.dispatcher, 'dispatch.deliveryTrips', { dispatchDate: dw.tomorrow });
    expect([row!.state, row!.signed, row!.open]).toEqual(['returned', 2, 0]);
  });

  it('a keeper may not record outcomes', async () => {
    const { a } = await departed();
    expect(
      (
        await refusal(dw.w.core, dw.keeper, 'dispatch.recordOutcome', {
          orderId: a.id,
          outcome: 'signed',
          signedBy: 'x',
        })
      ).code,
    ).toBe('auth.forbidden');
  });
});

describe('the daily dispatch report after departure', () => {
  it('shows each trip with its customers, cases, units, weight and amount', async () => {
    const { trip } = await departed();
    const report = await call(dw.w.core, dw.keeper, 'dispatch.report', { dispatchDate: dw.tomorrow });
    const [t] = report.trips;
    expect([t!.number, t!.state, t!.stops.map((s) => [s.customerCode, s.cases, s.units])]).toEqual([
      trip.number,
      'departed',
      [
        ['C001', 1, 24],
        ['C002', 2, 48],
      ],
    ]);
    // 72 bottles of 600 g; 72 × ¥1.50.
    expect(report.dispatched).toEqual({
      trips: 1,
      customers: 2,
      orders: 2,
      cases: 3,
      units: 72,
      weightG: 72 * 600,
      amountFen: 72 * 150,
    });
    expect(report.exceptions).toEqual([]);
  });
});

describe('customer service level', () => {
  it('counts orders delivered complete by the due date over the orders due, cancelled ones excepted', async () => {
    const { a, b } = await departed();
    const due = (await call(dw.w.core, dw.op, 'orders.get', { orderId: a.id })).deliveryDate!;
    // Due the same day: one still in the pool, one cancelled (not due), one promised later (not due in the range).
    await dw.released(1, { customerCode: 'C002', lines: [{ productCode: 'P002', qty: 24 }] });
    const cancelled = await dw.released(1, { lines: [{ productCode: 'P002', qty: 48 }] });
    await call(dw.w.core, dw.op, 'orders.cancel', { orderId: cancelled.id, reason: '客户取消' });
    await call(dw.w.core, dw.dispatcher, 'dispatch.recordOutcome', {
      orderId: a.id,
      outcome: 'signed',
      signedBy: '张三',
    });
    const lineId = (await call(dw.w.core, dw.op, 'orders.get', { orderId: b.id })).lines[0]!.id;
    await call(dw.w.core, dw.dispatcher, 'dispatch.recordOutcome', {
      orderId: b.id,
      outcome: 'refused',
      reason: 'damaged',
      lines: [{ lineId, qty: 1 }],
    });
    const level = await call(dw.w.core, dw.op, 'dispatch.serviceLevel', { from: due, to: due });
    // Due: A (signed whole: on time), B (refused in part: not complete), the waiting order (not delivered).
    expect([level.due, level.onTime, level.rate]).toEqual([3, 1, 1 / 3]);
    expect(level.days).toEqual([{ period: due, due: 3, onTime: 1, rate: 1 / 3 }]);
    expect((await refusal(dw.w.core, dw.op, 'dispatch.serviceLevel', { from: due, to: '2000-01-01' })).code).toBe(
      'delivery.badRange',
    );
  });
});
