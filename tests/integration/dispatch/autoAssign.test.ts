// Automatic assignment 自动排车 through the real core (issue 12 §3): the
// preview plans the pool and writes nothing; accepting applies the plan in one
// transaction (trips created, orders assigned stop by stop, one event for
// every open board); a plan the board has moved under is refused whole.
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

const preview = (input: Record<string, unknown> = {}) =>
  call(dw.w.core, dw.dispatcher, 'dispatch.autoAssignPreview', { dispatchDate: dw.tomorrow, ...input });
const accept = (plan: Awaited<ReturnType<typeof preview>>) =>
  call(dw.w.core, dw.dispatcher, 'dispatch.autoAssignAccept', {
    dispatchDate: dw.tomorrow,
    assignments: plan.trips.map((t) => ({ tripId: t.tripId, vehicleId: t.vehicleId, orderIds: t.orderIds })),
  });
const assignments = (plan: Awaited<ReturnType<typeof preview>>) =>
  plan.trips.map((t) => ({ tripId: t.tripId, vehicleId: t.vehicleId, orderIds: t.orderIds }));

describe('automatic assignment', () => {
  it('previews the pool on the vehicles of the day without writing anything', async () => {
    const small = await dw.vehicle({ capacityCases: 60 });
    const large = await dw.vehicle({ capacityCases: 100 });
    const a1 = await dw.released(30);
    const a2 = await dw.released(20);
    const b = await dw.released(60, { customerCode: 'C002' });
    const plan = await preview();

    expect(plan.considered).toBe(3);
    expect(plan.unassigned).toEqual([]);
    // Two routes of 60 and 50 cases, together too many for one vehicle: each route whole on one vehicle.
    expect(plan.trips.map((t) => [t.plate, t.tripId, t.orderIds])).toEqual([
      [large.plate, null, [b.id]],
      [small.plate, null, [a1.id, a2.id]],
    ]);
    const onSmall = plan.trips[1]!;
    expect(onSmall.stops).toEqual([
      { customerId: dw.customer('C001'), customerCode: 'C001', customerName: '天河便利店', orderIds: [a1.id, a2.id] },
    ]);
    expect([onSmall.loadCases, onSmall.weightG, onSmall.fillCasesPct, onSmall.fillKgPct]).toEqual([
      50,
      50 * 24 * 600,
      83,
      36,
    ]);
    expect(plan.quality).toMatchObject({
      lowerBound: 2,
      vehiclesUsed: 2,
      overBound: 0,
      routesSplit: 0,
      assigned: 3,
      // The trade-off shown in the dialog: what keeping routes whole costs (here nothing).
      routeFirst: { vehiclesUsed: 2, routesSplit: 0 },
    });

    const board = await dw.board();
    expect(board.trips).toEqual([]);
    expect(board.orders.map((o) => [o.state, o.tripId])).toEqual([
      ['released', null],
      ['released', null],
      ['released', null],
    ]);
  });

  it('fills an existing planned trip before proposing new ones, and skips a vehicle off the road', async () => {
    const existing = await dw.trip(undefined, { departTime: '07:00' });
    const off = await dw.vehicle({ capacityCases: 500 });
    await call(dw.w.core, dw.dispatcher, 'vehicles.setOffRoad', {
      vehicleId: off.id,
      date: dw.tomorrow,
      off: true,
      reason: '保养',
    });
    await dw.released(30);
    const plan = await preview();
    expect(plan.trips.map((t) => [t.tripId, t.tripNumber, t.plate])).toEqual([
      [existing.id, existing.number, existing.plate],
    ]);
  });

  it('accepts the plan: trips created, orders assigned stop by stop, one change for every open board', async () => {
    await dw.vehicle({ capacityCases: 60 });
    await dw.vehicle({ capacityCases: 100 });
    await dw.released(30);
    await dw.released(20);
    await dw.released(60, { customerCode: 'C002' });
    const plan = await preview();
    const events: EventMessage[] = [];
    const off = dw.w.core.subscribe((m) => events.push(m));
    const done = await accept(plan);
    off();

    expect(done.assigned).toBe(3);
    expect(done.createdTripIds).toHaveLength(2);
    const board = await dw.board();
    expect(board.trips.map((t) => [t.id, t.plate, t.totals.orders, t.totals.stops, t.totals.loadCases])).toEqual(
      plan.trips
        .map((t, i) => [done.tripIds[i], t.plate, t.orderIds.length, t.stops.length, t.loadCases])
        .sort((x, y) => String(x[1]).localeCompare(String(y[1]))),
    );
    expect(board.orders.every((o) => o.state === 'assigned' && o.tripId !== null)).toBe(true);
    const changed = events.filter((e) => e.name === 'dispatch.changed');
    expect(changed.length).toBeGreaterThan(0);
    const named = new Set(changed.flatMap((e) => (e.name === 'dispatch.changed' ? e.payload.orderIds : [])));
    expect([...named].sort((a, b) => a - b)).toEqual(board.orders.map((o) => o.id).sort((a, b) => a - b));
  });

  it('puts an emergency order on the trip that leaves first, and only on the vehicles asked for', async () => {
    const late = await dw.trip(undefined, { departTime: '10:00' });
    const early = await dw.trip(undefined, { departTime: '06:30' });
    const unused = await dw.vehicle({ capacityCases: 500 });
    await dw.released(10);
    const urgent = await dw.released(5, { customerCode: 'C002', emergency: true });
    const plan = await preview({ vehicleIds: [late.vehicleId, early.vehicleId] });
    const onEarly = plan.trips.find((t) => t.tripId === early.id)!;
    expect(onEarly.orderIds).toContain(urgent.id);
    expect(plan.trips.map((t) => t.vehicleId)).not.toContain(unused.id);
  });

  it('plans only the selected orders when given a selection', async () => {
    await dw.vehicle();
    const a = await dw.released(10);
    await dw.released(12);
    const plan = await preview({ orderIds: [a.id] });
    expect(plan.considered).toBe(1);
    expect(plan.trips.flatMap((t) => t.orderIds)).toEqual([a.id]);
  });

  it('leaves in the pool, with the reason, an order no vehicle can carry and what no longer fits', async () => {
    await dw.vehicle({ capacityCases: 100 });
    const huge = await dw.released(120);
    const fits = await dw.released(70, { customerCode: 'C002' });
    const left = await dw.released(40, { customerCode: 'C002' });
    const plan = await preview();
    expect(plan.trips.flatMap((t) => t.orderIds)).toEqual([fits.id]);
    expect(plan.unassigned.map((u) => [u.number, u.reason])).toEqual([
      [huge.number, 'noVehicleLargeEnough'],
      [left.number, 'fleetFull'],
    ]);
  });

  it('refuses a plan whole when one of its orders was assigned by hand since the preview', async () => {
    await dw.vehicle();
    await dw.vehicle();
    const a = await dw.released(30);
    await dw.released(40, { customerCode: 'C002' });
    const plan = await preview();
    const other = await dw.trip();
    await call(dw.w.core, dw.dispatcher, 'dispatch.assign', { tripId: other.id, orderIds: [a.id] });

    const err = await refusal(dw.w.core, dw.dispatcher, 'dispatch.autoAssignAccept', {
      dispatchDate: dw.tomorrow,
      assignments: assignments(plan),
    });
    expect(err).toMatchObject({ code: 'autoAssign.staleOrder', details: { number: a.number } });
    const board = await dw.board();
    expect(board.trips.map((t) => t.id)).toEqual([other.id]);
    expect(board.orders.filter((o) => o.tripId !== null).map((o) => o.id)).toEqual([a.id]);
  });

  it('refuses a plan whole when a trip it fills would now go beyond capacity', async () => {
    const trip = await dw.trip();
    await dw.released(60);
    const plan = await preview();
    expect(plan.trips.map((t) => t.tripId)).toEqual([trip.id]);
    const late = await dw.released(50, { customerCode: 'C002' });
    await call(dw.w.core, dw.dispatcher, 'dispatch.assign', { tripId: trip.id, orderIds: [late.id] });

    const err = await refusal(dw.w.core, dw.dispatcher, 'dispatch.autoAssignAccept', {
      dispatchDate: dw.tomorrow,
      assignments: assignments(plan),
    });
    expect(err).toMatchObject({ code: 'autoAssign.staleCapacity', details: { plate: trip.plate, excessCases: 10 } });
    const board = await dw.board();
    expect(board.trips[0]!.totals.orders).toBe(1);
  });

  it('refuses a plan whole when its new trip’s vehicle got a trip meanwhile, writing none of the other trips', async () => {
    await dw.vehicle({ capacityCases: 60 });
    await dw.vehicle({ capacityCases: 100 });
    await dw.released(50);
    await dw.released(60, { customerCode: 'C002' });
    const plan = await preview();
    const second = plan.trips[1]!;
    await dw.trip(second.vehicleId);

    const err = await refusal(dw.w.core, dw.dispatcher, 'dispatch.autoAssignAccept', {
      dispatchDate: dw.tomorrow,
      assignments: assignments(plan),
    });
    expect(err).toMatchObject({ code: 'autoAssign.staleVehicle', details: { plate: second.plate } });
    const board = await dw.board();
    expect(board.trips.map((t) => [t.plate, t.totals.orders])).toEqual([[second.plate, 0]]);
    expect(board.orders.every((o) => o.tripId === null)).toBe(true);
  });

  it('is the dispatcher’s: a warehouse keeper may not preview or accept', async () => {
    const err = await refusal(dw.w.core, dw.keeper, 'dispatch.autoAssignPreview', { dispatchDate: dw.tomorrow });
    expect(err.code).toBe('auth.forbidden');
  });
});
