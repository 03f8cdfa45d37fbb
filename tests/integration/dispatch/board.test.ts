// The board of a date (issue 12 §2, §3): trips, the pool, assignment and
// unassignment by hand, with the lanes' totals and the orders' states.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { call, refusal } from '../fixtures';
import { dispatchWarehouse, type DispatchWarehouse } from './fixtures';

let dw: DispatchWarehouse;
beforeEach(async () => {
  await dw?.w.core.close();
  dw = await dispatchWarehouse();
});
afterAll(async () => dw.w.core.close());

describe('the board', () => {
  it('numbers trips by date and gives a vehicle its next run of the day', async () => {
    const v = await dw.vehicle({ driverName: '王师傅' });
    const first = await dw.trip(v.id, { departTime: '07:30' });
    const second = await dw.trip(v.id);
    const other = await dw.trip();
    const day = dw.tomorrow.replaceAll('-', '');
    expect([first.number, second.number, other.number]).toEqual([`T${day}-01`, `T${day}-02`, `T${day}-03`]);
    expect([first.seq, second.seq, other.seq]).toEqual([1, 2, 1]);
    expect([first.driverName, first.departTime, first.state]).toEqual(['王师傅', '07:30', 'planned']);
  });

  it('shows released orders in the pool, emergency first, and assigned ones on their lane with totals', async () => {
    const trip = await dw.trip();
    const plain = await dw.released(3);
    const urgent = await dw.released(2, { customerCode: 'C002', emergency: true });
    const board = await dw.board();
    expect(board.orders.map((o) => [o.number, o.tripId, o.emergency])).toEqual([
      [urgent.number, null, true],
      [plain.number, null, false],
    ]);
    const pool = board.orders.find((o) => o.id === plain.id)!;
    expect([pool.loadCases, pool.weightG, pool.unweighedLines]).toEqual([3, 3 * 24 * 600, 0]);

    const out = await call(dw.w.core, dw.dispatcher, 'dispatch.assign', { tripId: trip.id, orderIds: [plain.id] });
    expect(out.forced).toBe(false);
    expect(out.orders.map((o) => [o.id, o.state, o.tripId])).toEqual([[plain.id, 'assigned', trip.id]]);
    const lane = out.trips[0]!;
    expect(lane.stops).toEqual([{ id: out.orders[0]!.stopId, customerId: dw.customer('C001'), seq: 1 }]);
    expect(lane.totals).toEqual({
      stops: 1,
      orders: 1,
      loadCases: 3,
      units: 72,
      weightG: 72 * 600,
      amountFen: plain.amountFen,
    });
    const after = await dw.board();
    expect(after.trips.map((t) => t.totals.orders)).toEqual([1]);
    expect(after.orders.find((o) => o.id === plain.id)!.tripId).toBe(trip.id);
  });

  it('counts a line with loose units as one more case place', async () => {
    const o = await dw.released(0, { lines: [{ productCode: 'P001', qty: 50 }] });
    const rows = await call(dw.w.core, dw.dispatcher, 'dispatch.boardRows', {
      dispatchDate: dw.tomorrow,
      tripIds: [],
      orderIds: [o.id],
    });
    expect([rows.orders[0]!.cases, rows.orders[0]!.loadCases]).toEqual([2, 3]);
  });

  it('puts orders of one customer on one stop and a new customer before the stop asked for', async () => {
    const trip = await dw.trip();
    const a1 = await dw.released(1);
    const a2 = await dw.released(2);
    const b = await dw.released(1, { customerCode: 'C002' });
    const first = await call(dw.w.core, dw.dispatcher, 'dispatch.assign', { tripId: trip.id, orderIds: [a1.id] });
    const stopA = first.trips[0]!.stops[0]!.id;
    await call(dw.w.core, dw.dispatcher, 'dispatch.assign', { tripId: trip.id, orderIds: [a2.id] });
    const out = await call(dw.w.core, dw.dispatcher, 'dispatch.assign', {
      tripId: trip.id,
      orderIds: [b.id],
      beforeStopId: stopA,
    });
    expect(out.trips[0]!.stops.map((s) => [s.customerId, s.seq])).toEqual([
      [dw.customer('C002'), 1],
      [dw.customer('C001'), 2],
    ]);
    expect(out.trips[0]!.totals.orders).toBe(3);
  });

  it('sends an order back to the pool, released with its reservation, and drops its empty stop', async () => {
    const trip = await dw.trip();
    const o = await dw.released(2);
    await call(dw.w.core, dw.dispatcher, 'dispatch.assign', { tripId: trip.id, orderIds: [o.id] });
    const out = await call(dw.w.core, dw.dispatcher, 'dispatch.unassign', { orderIds: [o.id] });
    expect(out.orders.map((x) => [x.state, x.tripId, x.stopId])).toEqual([['released', null, null]]);
    expect(out.trips[0]!.stops).toEqual([]);
    const view = await call(dw.w.core, dw.op, 'orders.get', { orderId: o.id });
    expect(view.lines.map((l) => l.reserved)).toEqual([48]);
    expect((await refusal(dw.w.core, dw.dispatcher, 'dispatch.unassign', { orderIds: [o.id] })).code).toBe(
      'dispatch.notOnTrip',
    );
  });

  it('takes an order cancelled on a trip off it, with its stop', async () => {
    const trip = await dw.trip();
    const o = await dw.released(2);
    await call(dw.w.core, dw.dispatcher, 'dispatch.assign', { tripId: trip.id, orderIds: [o.id] });
    await call(dw.w.core, dw.op, 'orders.cancel', { orderId: o.id, reason: '客户取消' });
    const lane = (await dw.board()).trips[0]!;
    expect([lane.totals.orders, lane.stops]).toEqual([0, []]);
  });

  it('refuses an order that is not released, naming it, and changes nothing', async () => {
    const trip = await dw.trip();
    const held = await dw.order({ customerCode: 'C009' });
    const ok = await dw.released(1);
    const r = await refusal(dw.w.core, dw.dispatcher, 'dispatch.assign', {
      tripId: trip.id,
      orderIds: [ok.id, held.id],
    });
    expect(r).toEqual({ code: 'dispatch.notAssignable', details: { number: held.number, state: held.state } });
    expect((await dw.board()).trips[0]!.totals.orders).toBe(0);
  });
});
