// The board's rules (issue 12 §3, §8, bad input): capacity and its recorded
// override, moves between lanes, stop order, closed trips, vehicles off the
// road, states and audit, live events, and who may do what.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { EventMessage } from '../../../shared/contract';
import { call, refusal } from '../fixtures';
import { dispatchWarehouse, type DispatchWarehouse } from './fixtures';

let dw: DispatchWarehouse;
beforeEach(async () => {
  await dw?.w.core.close();
  dw = await dispatchWarehouse();
});
afterAll(async () => dw.w.core.close());

const assign = (tripId: number, orderIds: number[], force?: boolean) =>
  call(dw.w.core, dw.dispatcher, 'dispatch.assign', { tripId, orderIds, ...(force !== undefined && { force }) });
const lanes = async () => (await dw.board()).trips;
const auditOf = async (entity: string, entityId: number) =>
  (await call(dw.w.core, dw.w.admin, 'audit.list', { offset: 0, limit: 100 })).rows.filter(
    (r) => r.entity === entity && r.entityId === String(entityId),
  );
/** Sets a trip's state as the loading and delivery slices do (their requests are theirs). */
const setTripState = (tripId: number, state: string) =>
  dw.w.core.database.db.updateTable('trips').set({ state }).where('id', '=', tripId).execute();

describe('capacity', () => {
  it('refuses an overload naming the plate and the excess in cases and kg, and writes nothing', async () => {
    const v = await dw.vehicle({ plate: '粤A·C0001', capacityCases: 10, capacityKg: 100 });
    const trip = await dw.trip(v.id);
    const a = await dw.released(6);
    const b = await dw.released(5, { customerCode: 'C002' });
    await assign(trip.id, [a.id]);
    const r = await refusal(dw.w.core, dw.dispatcher, 'dispatch.assign', { tripId: trip.id, orderIds: [b.id] });
    // 11 cases of 14.4 kg = 158.4 kg on a 10-case, 100-kg van.
    expect(r).toEqual({
      code: 'dispatch.overCapacity',
      details: { plate: '粤A·C0001', number: trip.number, excessCases: 1, excessKg: '58.4' },
    });
    const board = await dw.board();
    expect(board.trips[0]!.totals.orders).toBe(1);
    expect(board.orders.find((o) => o.id === b.id)!.state).toBe('released');
  });

  it('lets a dispatcher with the override right force it, recorded on the order and in the audit log', async () => {
    const v = await dw.vehicle({ capacityCases: 5 });
    const trip = await dw.trip(v.id);
    const o = await dw.released(6);
    const denied = await refusal(dw.w.core, dw.dispatcher, 'dispatch.assign', {
      tripId: trip.id,
      orderIds: [o.id],
      force: true,
    });
    expect(denied.code).toBe('dispatch.overrideNotAllowed');
    expect((await dw.board(dw.dispatcher)).canOverride).toBe(false);
    const lead = await dw.overrider();
    expect((await dw.board(lead)).canOverride).toBe(true);
    const out = await call(dw.w.core, lead, 'dispatch.assign', { tripId: trip.id, orderIds: [o.id], force: true });
    expect([out.forced, out.orders[0]!.forced, out.trips[0]!.totals.loadCases]).toEqual([true, true, 6]);
    const audit = await auditOf('trip', trip.id);
    expect(audit[0]!.userName).toBe('调度主管');
    expect(JSON.parse(audit[0]!.after!)).toMatchObject({ assigned: [o.number], forced: true, excessCases: 1 });
    const history = (await call(dw.w.core, dw.op, 'orders.get', { orderId: o.id })).events.at(-1)!;
    expect([history.kind, history.userName, history.detail.forced]).toEqual(['assigned', '调度主管', true]);
  });

  it('lets only the administrator grant and withdraw the right, with a reason, audited', async () => {
    const lead = await dw.overrider();
    const row = (await call(dw.w.core, dw.w.admin, 'users.list', {})).find((u) => u.username === 'lead')!;
    expect(row.dispatchOverride).toBe(true);
    const byDispatcher = await refusal(dw.w.core, dw.dispatcher, 'users.setDispatchOverride', {
      userId: row.id,
      allowed: false,
      reason: 'x',
    });
    expect(byDispatcher.code).toBe('auth.forbidden');
    const out = await call(dw.w.core, dw.w.admin, 'users.setDispatchOverride', {
      userId: row.id,
      allowed: false,
      reason: '调岗',
    });
    expect(out.dispatchOverride).toBe(false);
    expect((await dw.board(lead)).canOverride).toBe(false);
    const audit = await auditOf('user.dispatchOverride', row.id);
    expect(JSON.parse(audit[0]!.after!)).toEqual({ dispatchOverride: false, reason: '调岗' });
    const trip = await dw.trip((await dw.vehicle({ capacityCases: 1 })).id);
    const o = await dw.released(3);
    const denied = await refusal(dw.w.core, lead, 'dispatch.assign', {
      tripId: trip.id,
      orderIds: [o.id],
      force: true,
    });
    expect(denied.code).toBe('dispatch.overrideNotAllowed');
  });

  it('does not mark an assignment forced when it fits', async () => {
    const trip = await dw.trip();
    const o = await dw.released(2);
    const out = await assign(trip.id, [o.id], true);
    expect([out.forced, out.orders[0]!.forced]).toEqual([false, false]);
  });
});

describe('moves and stops', () => {
  it('moves an order between lanes, leaving the old lane without its stop', async () => {
    const [t1, t2] = [await dw.trip(), await dw.trip()];
    const o = await dw.released(3);
    await assign(t1.id, [o.id]);
    const out = await assign(t2.id, [o.id]);
    const lane = (id: number) => out.trips.find((t) => t.id === id)!;
    expect([lane(t1.id).totals.orders, lane(t1.id).stops, lane(t2.id).totals.orders]).toEqual([0, [], 1]);
    expect(out.orders[0]!).toMatchObject({ state: 'assigned', tripId: t2.id });
    const history = (await call(dw.w.core, dw.op, 'orders.get', { orderId: o.id })).events.at(-1)!;
    expect([history.kind, history.detail.from, history.detail.trip]).toEqual(['moved', t1.number, t2.number]);
  });

  it('reorders stops as asked and refuses a list that is not the trip’s stops', async () => {
    const trip = await dw.trip();
    const a = await dw.released(1);
    const b = await dw.released(1, { customerCode: 'C002' });
    const out = await assign(trip.id, [a.id, b.id]);
    const [s1, s2] = out.trips[0]!.stops.map((s) => s.id) as [number, number];
    const re = await call(dw.w.core, dw.dispatcher, 'dispatch.reorderStops', { tripId: trip.id, stopIds: [s2, s1] });
    expect(re.trips[0]!.stops.map((s) => [s.id, s.seq])).toEqual([
      [s2, 1],
      [s1, 2],
    ]);
    const bad = await refusal(dw.w.core, dw.dispatcher, 'dispatch.reorderStops', { tripId: trip.id, stopIds: [s2] });
    expect(bad.code).toBe('dispatch.stopsMismatch');
  });

  it('sorts stops by route then the customer’s stop on it, and by nearest neighbour when all have coordinates', async () => {
    await call(dw.w.core, dw.op, 'customers.import', {
      csv: [
        'code,name,area,route,stop_seq',
        'R03,三号店,天河,TH-1,3',
        'R01,一号店,天河,TH-1,1',
        'R02,二号店,天河,TH-1,2',
      ].join('\n'),
    });
    const all = await call(dw.w.core, dw.op, 'customers.list', {});
    const customer = (code: string) => all.find((c) => c.code === code)!.id;
    const trip = await dw.trip();
    const orders = [];
    for (const code of ['R03', 'R01', 'R02']) orders.push((await dw.released(1, { customerCode: code })).id);
    await assign(trip.id, orders);
    const byRoute = await call(dw.w.core, dw.dispatcher, 'dispatch.sortStops', { tripId: trip.id });
    expect(byRoute.trips[0]!.stops.map((s) => s.customerId)).toEqual(['R01', 'R02', 'R03'].map(customer));

    // With coordinates: from the depot (23.2, 113.3) the nearest first, then its nearest, …
    const place = [
      ['R01', 23.5, 113.3],
      ['R02', 23.21, 113.3],
      ['R03', 23.3, 113.3],
    ] as const;
    for (const [code, lat, lng] of place)
      await call(dw.w.core, dw.op, 'customers.save', {
        id: customer(code),
        code,
        name: code,
        area: '天河',
        route: 'TH-1',
        lat,
        lng,
      });
    const near = await call(dw.w.core, dw.dispatcher, 'dispatch.sortStops', { tripId: trip.id });
    expect(near.trips[0]!.stops.map((s) => s.customerId)).toEqual(['R02', 'R03', 'R01'].map(customer));
  });
});

describe('closed trips and vehicles off the road', () => {
  it('refuses assigning to a departed trip, naming it, and writes nothing', async () => {
    const trip = await dw.trip();
    const o = await dw.released(1);
    await setTripState(trip.id, 'departed');
    const r = await refusal(dw.w.core, dw.dispatcher, 'dispatch.assign', { tripId: trip.id, orderIds: [o.id] });
    expect(r).toEqual({ code: 'dispatch.tripClosed', details: { number: trip.number, state: 'departed' } });
    expect((await dw.board()).orders.find((x) => x.id === o.id)!.state).toBe('released');
  });

  it('refuses moving an order off a trip that is loading', async () => {
    const [t1, t2] = [await dw.trip(), await dw.trip()];
    const o = await dw.released(1);
    await assign(t1.id, [o.id]);
    await setTripState(t1.id, 'loading');
    const r = await refusal(dw.w.core, dw.dispatcher, 'dispatch.assign', { tripId: t2.id, orderIds: [o.id] });
    expect(r).toEqual({ code: 'dispatch.tripClosed', details: { number: t1.number, state: 'loading' } });
  });

  it('removes an empty planned trip only', async () => {
    const trip = await dw.trip();
    const o = await dw.released(1);
    await assign(trip.id, [o.id]);
    const full = await refusal(dw.w.core, dw.dispatcher, 'dispatch.removeTrip', { tripId: trip.id });
    expect(full).toEqual({ code: 'dispatch.tripNotEmpty', details: { number: trip.number, orders: 1 } });
    await call(dw.w.core, dw.dispatcher, 'dispatch.unassign', { orderIds: [o.id] });
    const gone = await call(dw.w.core, dw.dispatcher, 'dispatch.removeTrip', { tripId: trip.id });
    expect(gone.removedTripIds).toEqual([trip.id]);
    expect(await lanes()).toEqual([]);
  });

  it('refuses a vehicle off the road a trip that day, and off-road while it has one', async () => {
    const v = await dw.vehicle({ plate: '粤A·R0001' });
    const busy = await dw.vehicle();
    await dw.trip(busy.id);
    await call(dw.w.core, dw.dispatcher, 'vehicles.setOffRoad', {
      vehicleId: v.id,
      date: dw.tomorrow,
      off: true,
      reason: '保养',
    });
    const r = await refusal(dw.w.core, dw.dispatcher, 'dispatch.createTrip', {
      dispatchDate: dw.tomorrow,
      vehicleId: v.id,
    });
    expect(r).toEqual({
      code: 'dispatch.vehicleOffRoad',
      details: { plate: '粤A·R0001', date: dw.tomorrow, reason: '保养' },
    });
    expect((await dw.board()).vehicles.map((x) => x.id)).toEqual([busy.id]);
    const off = await refusal(dw.w.core, dw.dispatcher, 'vehicles.setOffRoad', {
      vehicleId: busy.id,
      date: dw.tomorrow,
      off: true,
    });
    expect(off.code).toBe('vehicles.hasTrip');
    const list = await call(dw.w.core, dw.dispatcher, 'vehicles.list', { date: dw.tomorrow });
    expect(list.map((x) => x.offRoad)).toEqual([{ date: dw.tomorrow, reason: '保养' }, null]);
  });

  it('keeps plates unique', async () => {
    await dw.vehicle({ plate: '粤A·U0001' });
    const r = await refusal(dw.w.core, dw.dispatcher, 'vehicles.save', {
      plate: '粤A·U0001',
      capacityCases: 10,
      capacityKg: 10,
      driverName: 'x',
    });
    expect(r).toEqual({ code: 'vehicles.plateTaken', details: { plate: '粤A·U0001' } });
  });
});

describe('states and audit', () => {
  it('records who assigned and unassigned each order, and each trip’s changes in the audit log', async () => {
    const trip = await dw.trip(undefined, { departTime: '06:30' });
    const o = await dw.released(2);
    await assign(trip.id, [o.id]);
    await call(dw.w.core, dw.dispatcher, 'dispatch.updateTrip', { tripId: trip.id, departTime: '07:00' });
    await call(dw.w.core, dw.dispatcher, 'dispatch.unassign', { orderIds: [o.id] });
    const events = (await call(dw.w.core, dw.op, 'orders.get', { orderId: o.id })).events.slice(-2);
    expect(events.map((e) => [e.kind, e.fromState, e.toState, e.userName, e.detail.trip])).toEqual([
      ['assigned', 'released', 'assigned', 'dispatcher', trip.number],
      ['unassigned', 'assigned', 'released', 'dispatcher', trip.number],
    ]);
    const audit = (await auditOf('trip', trip.id)).reverse();
    expect(audit.map((a) => [a.request, a.userName])).toEqual([
      ['dispatch.createTrip', 'dispatcher'],
      ['dispatch.assign', 'dispatcher'],
      ['dispatch.updateTrip', 'dispatcher'],
      ['dispatch.unassign', 'dispatcher'],
    ]);
    expect(JSON.parse(audit[2]!.before!).departTime).toBe('06:30');
    expect(JSON.parse(audit[2]!.after!).departTime).toBe('07:00');
  });
});

describe('live and access', () => {
  it('tells every window which trips and orders of which date changed, and which orders changed state', async () => {
    const [t1, t2] = [await dw.trip(), await dw.trip()];
    const o = await dw.released(1);
    const events: EventMessage[] = [];
    const off = dw.w.core.subscribe((e) => events.push(e));
    await assign(t1.id, [o.id]);
    await assign(t2.id, [o.id]);
    await call(dw.w.core, dw.dispatcher, 'dispatch.unassign', { orderIds: [o.id] });
    off();
    const board = events.filter((e) => e.name === 'dispatch.changed').map((e) => e.payload);
    expect(board).toEqual([
      { dispatchDate: dw.tomorrow, tripIds: [t1.id], orderIds: [o.id], clientId: dw.dispatcher.clientId },
      { dispatchDate: dw.tomorrow, tripIds: [t2.id, t1.id], orderIds: [o.id], clientId: dw.dispatcher.clientId },
      { dispatchDate: dw.tomorrow, tripIds: [t2.id], orderIds: [o.id], clientId: dw.dispatcher.clientId },
    ]);
    // A move changes no state: orders.changed for the assignment and the unassignment only.
    expect(events.filter((e) => e.name === 'orders.changed')).toHaveLength(2);
  });

  it('lets a keeper look at the board but not reassign orders (the dispatcher’s right)', async () => {
    const trip = await dw.trip();
    const o = await dw.released(1);
    expect((await dw.board(dw.keeper)).orders).toHaveLength(1);
    for (const [name, input] of [
      ['dispatch.assign', { tripId: trip.id, orderIds: [o.id] }],
      ['dispatch.unassign', { orderIds: [o.id] }],
      ['dispatch.createTrip', { dispatchDate: dw.tomorrow, vehicleId: trip.vehicleId }],
    ] as const)
      expect((await refusal(dw.w.core, dw.keeper, name, input)).code).toBe('auth.forbidden');
    expect((await dw.board()).orders[0]!.state).toBe('released');
  });
});
