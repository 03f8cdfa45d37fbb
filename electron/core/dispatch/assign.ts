// Assignment (issue 12 §3, §8): the one place an order joins a trip, from the
// pool or moved from another lane, and leaves it back to the pool. The
// capacity check in cases and kg refuses the whole request naming the vehicle
// and the excess, unless forced by a user with the override right (recorded
// on the orders and in the audit log). Refusals write nothing.
import type { AssignOutcome, OrderState, TripState } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { recordAudit } from '../audit/audit';
import type { ServiceContext } from '../context';
import type { Db } from '../db/schema';
import { assertTransition } from '../orders/states';
import { recordEvents } from '../orders/write';
import { emitDispatchChanged } from './changed';
import { orderLoads, sumLoads } from './load';
import { canOverride } from './override';
import { boardRows } from './rows';
import { assertTripOpen, loadTrip, renumberStops } from './trips';

const chunk = 5000;

type Placed = {
  id: number;
  number: string;
  state: string;
  customerId: number | null;
  dispatchDate: string | null;
  tripId: number | null;
  stopId: number | null;
  tripNumber: string | null;
  tripState: string | null;
  tripDate: string | null;
};

/** The orders with the trip each is on, in the order asked; an unknown id is orders.notFound. */
async function placedOrders(db: Db, orderIds: number[]): Promise<Placed[]> {
  const found = new Map<number, Placed>();
  for (let i = 0; i < orderIds.length; i += chunk) {
    const rows = await db
      .selectFrom('orders as o')
      .leftJoin('trip_orders as x', 'x.order_id', 'o.id')
      .leftJoin('trips as t', 't.id', 'x.trip_id')
      .select([
        'o.id',
        'o.number',
        'o.state',
        'o.customer_id as customerId',
        'o.dispatch_date as dispatchDate',
        'x.trip_id as tripId',
        'x.stop_id as stopId',
        't.number as tripNumber',
        't.state as tripState',
        't.dispatch_date as tripDate',
      ])
      .where('o.id', 'in', orderIds.slice(i, i + chunk))
      .execute();
    for (const r of rows) found.set(r.id, r);
  }
  const unique = [...new Set(orderIds)];
  const missing = unique.find((id) => !found.has(id));
  if (missing !== undefined) throw new AppError('orders.notFound', { orderId: missing });
  return unique.map((id) => found.get(id)!);
}

/** Deletes the stops of `tripIds` left without orders and numbers the rest 1..n again. */
async function tidyStops(db: Db, tripIds: number[]): Promise<void> {
  for (const tripId of new Set(tripIds)) {
    const stops = await db
      .selectFrom('trip_stops as s')
      .select([
        's.id',
        (eb) =>
          eb
            .exists(eb.selectFrom('trip_orders as x').select('x.order_id').whereRef('x.stop_id', '=', 's.id'))
            .as('used'),
      ])
      .where('s.trip_id', '=', tripId)
      .orderBy('s.seq')
      .orderBy('s.id')
      .execute();
    const empty = stops.filter((s) => !s.used).map((s) => s.id);
    if (empty.length === 0) continue;
    await db.deleteFrom('trip_stops').where('id', 'in', empty).execute();
    await renumberStops(
      db,
      stops.filter((s) => s.used).map((s) => s.id),
    );
  }
}

const kg = (g: number) => (Math.ceil(g / 100) / 10).toFixed(1);

/**
 * Puts orders on a trip: pool orders (released → assigned) and orders moved
 * from another open lane. Orders already on this trip stay as they are.
 */
export async function assignOrders(
  ctx: ServiceContext,
  input: { tripId: number; orderIds: number[]; beforeStopId?: number | undefined; force?: boolean | undefined },
): Promise<AssignOutcome> {
  const trip = await loadTrip(ctx.db, input.tripId);
  assertTripOpen(trip);
  const orders = await placedOrders(ctx.db, input.orderIds);
  for (const o of orders) {
    if (o.dispatchDate !== trip.dispatchDate)
      throw new AppError('dispatch.wrongDate', {
        number: o.number,
        dispatchDate: o.dispatchDate ?? '',
        tripNumber: trip.number,
        tripDate: trip.dispatchDate,
      });
    if (!(o.state === 'released' || (o.state === 'assigned' && o.tripId !== null)) || o.customerId === null)
      throw new AppError('dispatch.notAssignable', { number: o.number, state: o.state });
    if (o.tripId !== null && o.tripId !== trip.id)
      assertTripOpen({ number: o.tripNumber!, state: o.tripState as TripState });
  }
  const moving = orders.filter((o) => o.tripId !== trip.id);
  if (moving.length === 0) return { ...(await boardRows(ctx.db, trip.dispatchDate, [trip.id], [])), forced: false };

  // Capacity: what the trip carries now plus what joins it.
  const onTrip = sumLoads((await orderLoads(ctx.db, { tripIds: [trip.id] })).values());
  const joining = sumLoads((await orderLoads(ctx.db, { orderIds: moving.map((o) => o.id) })).values());
  const excessCases = onTrip.loadCases + joining.loadCases - trip.capacityCases;
  const excessG = onTrip.weightG + joining.weightG - trip.capacityKg * 1000;
  const over = excessCases > 0 || excessG > 0;
  if (over) {
    const details = {
      plate: trip.plate,
      number: trip.number,
      excessCases: Math.max(0, excessCases),
      excessKg: kg(Math.max(0, excessG)),
    };
    if (!input.force) throw new AppError('dispatch.overCapacity', details);
    if (!(await canOverride(ctx))) throw new AppError('dispatch.overrideNotAllowed', details);
  }

  // Stops: each order joins its customer's stop; new stops at the end or before `beforeStopId`.
  const stops = await ctx.db
    .selectFrom('trip_stops')
    .select(['id', 'customer_id as customerId'])
    .where('trip_id', '=', trip.id)
    .orderBy('seq')
    .orderBy('id')
    .execute();
  if (input.beforeStopId !== undefined && !stops.some((s) => s.id === input.beforeStopId))
    throw new AppError('dispatch.stopsMismatch', { number: trip.number, stops: stops.length });
  const stopOf = new Map(stops.map((s) => [s.customerId, s.id]));
  const added: number[] = [];
  for (const o of moving) {
    if (stopOf.has(o.customerId!)) continue;
    const row = await ctx.db
      .insertInto('trip_stops')
      .values({ trip_id: trip.id, customer_id: o.customerId!, seq: stops.length + added.length + 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
    stopOf.set(o.customerId!, row.id);
    added.push(row.id);
  }
  if (added.length && input.beforeStopId !== undefined) {
    const ids = stops.map((s) => s.id);
    ids.splice(ids.indexOf(input.beforeStopId), 0, ...added);
    await renumberStops(ctx.db, ids);
  }

  const at = ctx.now.toISOString();
  const userId = ctx.caller.session!.userId;
  const fromPool = moving.filter((o) => o.tripId === null);
  const moved = moving.filter((o) => o.tripId !== null);
  for (const o of moved)
    await ctx.db
      .updateTable('trip_orders')
      .set({
        trip_id: trip.id,
        stop_id: stopOf.get(o.customerId!)!,
        assigned_by: userId,
        assigned_at: at,
        forced: over ? 1 : 0,
      })
      .where('order_id', '=', o.id)
      .execute();
  for (let i = 0; i < fromPool.length; i += 500)
    await ctx.db
      .insertInto('trip_orders')
      .values(
        fromPool.slice(i, i + 500).map((o) => ({
          order_id: o.id,
          trip_id: trip.id,
          stop_id: stopOf.get(o.customerId!)!,
          assigned_by: userId,
          assigned_at: at,
          forced: over ? 1 : 0,
        })),
      )
      .execute();
  for (const o of fromPool) assertTransition(o, 'assigned');
  for (let i = 0; i < fromPool.length; i += chunk)
    await ctx.db
      .updateTable('orders')
      .set({ state: 'assigned', updated_at: at })
      .where(
        'id',
        'in',
        fromPool.slice(i, i + chunk).map((o) => o.id),
      )
      .execute();
  const sources = [...new Set(moved.map((o) => o.tripId!))];
  await tidyStops(ctx.db, sources);

  const detail = (o: Placed) => ({
    trip: trip.number,
    plate: trip.plate,
    ...(o.tripNumber && { from: o.tripNumber }),
    ...(over && { forced: true }),
  });
  await recordEvents(ctx, [
    ...fromPool.map((o) => ({
      orderId: o.id,
      kind: 'assigned' as const,
      from: 'released',
      to: 'assigned',
      detail: detail(o),
    })),
    ...moved.map((o) => ({
      orderId: o.id,
      kind: 'moved' as const,
      from: 'assigned',
      to: 'assigned',
      detail: detail(o),
    })),
  ]);
  await recordAudit(ctx, {
    entity: 'trip',
    entityId: trip.id,
    after: {
      number: trip.number,
      assigned: fromPool.map((o) => o.number),
      moved: moved.map((o) => ({ number: o.number, from: o.tripNumber })),
      ...(over && {
        forced: true,
        excessCases: Math.max(0, excessCases),
        excessKg: kg(Math.max(0, excessG)),
      }),
    },
  });
  const tripIds = [trip.id, ...sources];
  const orderIds = moving.map((o) => o.id);
  await emitDispatchChanged(ctx, {
    dispatchDate: trip.dispatchDate,
    tripIds,
    orderIds,
    stateChanged: fromPool.map((o) => o.id),
  });
  return { ...(await boardRows(ctx.db, trip.dispatchDate, tripIds, orderIds)), forced: over };
}

/** States from which an order goes back to the pool (its reservation kept). */
const unassignable: readonly OrderState[] = ['assigned', 'picking'];

/** Back to the pool (released): not once loaded, nor from a trip that has left. */
export async function unassignOrders(ctx: ServiceContext, orderIds: number[]): Promise<AssignOutcome> {
  const orders = await placedOrders(ctx.db, orderIds);
  for (const o of orders) {
    if (o.tripId === null) throw new AppError('dispatch.notOnTrip', { number: o.number });
    if (!unassignable.includes(o.state as OrderState))
      throw new AppError('dispatch.notAssignable', { number: o.number, state: o.state });
    assertTripOpen({ number: o.tripNumber!, state: o.tripState as TripState }, ['planned', 'picking', 'loading']);
    // picking → assigned → released: both legs must be legal.
    if (o.state === 'picking') assertTransition(o, 'assigned');
    assertTransition({ number: o.number, state: 'assigned' }, 'released');
  }
  const ids = orders.map((o) => o.id);
  const at = ctx.now.toISOString();
  for (let i = 0; i < ids.length; i += chunk) {
    const part = ids.slice(i, i + chunk);
    await ctx.db.deleteFrom('trip_orders').where('order_id', 'in', part).execute();
    await ctx.db.updateTable('orders').set({ state: 'released', updated_at: at }).where('id', 'in', part).execute();
  }
  const tripIds = [...new Set(orders.map((o) => o.tripId!))];
  await tidyStops(ctx.db, tripIds);
  await recordEvents(
    ctx,
    orders.map((o) => ({
      orderId: o.id,
      kind: 'unassigned' as const,
      from: o.state,
      to: 'released',
      detail: { trip: o.tripNumber },
    })),
  );
  for (const tripId of tripIds) {
    const of = orders.filter((o) => o.tripId === tripId);
    await recordAudit(ctx, {
      entity: 'trip',
      entityId: tripId,
      after: { number: of[0]!.tripNumber, unassigned: of.map((o) => o.number) },
    });
  }
  const dates = [...new Set(orders.map((o) => o.tripDate!))];
  for (const date of dates) {
    const of = orders.filter((o) => o.tripDate === date);
    await emitDispatchChanged(ctx, {
      dispatchDate: date,
      tripIds: [...new Set(of.map((o) => o.tripId!))],
      orderIds: of.map((o) => o.id),
      stateChanged: of.map((o) => o.id),
    });
  }
  return { ...(await boardRows(ctx.db, dates[0]!, tripIds, ids)), forced: false };
}

/**
 * An order cancelled while on a trip (orders.cancel: assigned or picking)
 * leaves it: its row and, if it was the last order there, its stop. The
 * order's own history and audit are the cancellation's.
 */
export async function leaveTripOnCancel(ctx: ServiceContext, orderId: number): Promise<void> {
  const on = await ctx.db
    .selectFrom('trip_orders as x')
    .innerJoin('trips as t', 't.id', 'x.trip_id')
    .select(['x.trip_id as tripId', 't.dispatch_date as dispatchDate'])
    .where('x.order_id', '=', orderId)
    .executeTakeFirst();
  if (!on) return;
  await ctx.db.deleteFrom('trip_orders').where('order_id', '=', orderId).execute();
  await tidyStops(ctx.db, [on.tripId]);
  await emitDispatchChanged(ctx, { dispatchDate: on.dispatchDate, tripIds: [on.tripId], orderIds: [orderId] });
}
