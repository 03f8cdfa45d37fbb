// Departure and return of a trip (issue 12 §6 §8). R8: a trip departs only
// when every order on it is loaded — an order that could not be completed at
// the load check was taken off (it is no longer on the trip); the trip goes
// departed and its orders departed in one transaction. A departed trip takes
// no new orders (the board's assign refuses it). The vehicle is back
// (returned) once every order has its outcome, and may then run a second trip.
import type { TripMove, TripState } from '../../../../shared/contract';
import { AppError } from '../../../../shared/errors';
import { recordAudit } from '../../audit/audit';
import type { ServiceContext } from '../../context';
import { emitChanged, recordEvents } from '../../orders/write';
import { assertTransition } from '../../orders/states';

export async function loadTrip(ctx: ServiceContext, tripId: number) {
  const trip = await ctx.db
    .selectFrom('trips')
    .select(['id', 'number', 'state', 'dispatch_date'])
    .where('id', '=', tripId)
    .executeTakeFirst();
  if (!trip) throw new AppError('delivery.unknownTrip', { tripId });
  return trip;
}

async function ordersOnTrip(ctx: ServiceContext, tripId: number) {
  return ctx.db
    .selectFrom('trip_orders as t')
    .innerJoin('orders as o', 'o.id', 't.order_id')
    .select(['o.id', 'o.number', 'o.state'])
    .where('t.trip_id', '=', tripId)
    .orderBy('o.number')
    .execute();
}

export async function departTrip(ctx: ServiceContext, tripId: number): Promise<TripMove> {
  const trip = await loadTrip(ctx, tripId);
  if (trip.state === 'departed' || trip.state === 'returned')
    throw new AppError('delivery.tripNotDepartable', { number: trip.number, state: trip.state });
  const orders = await ordersOnTrip(ctx, tripId);
  if (orders.length === 0) throw new AppError('delivery.tripEmpty', { number: trip.number });
  // R8: no partial shipment — every order on the trip complete and loaded.
  const notLoaded = orders.filter((o) => o.state !== 'loaded');
  if (notLoaded.length > 0)
    throw new AppError('delivery.tripNotLoaded', {
      number: trip.number,
      count: notLoaded.length,
      orders: notLoaded
        .slice(0, 5)
        .map((o) => o.number)
        .join(', '),
    });
  for (const o of orders) assertTransition(o, 'departed');
  const at = ctx.now.toISOString();
  const ids = orders.map((o) => o.id);
  for (let i = 0; i < ids.length; i += 5000)
    await ctx.db
      .updateTable('orders')
      .set({ state: 'departed', updated_at: at })
      .where('id', 'in', ids.slice(i, i + 5000))
      .execute();
  await recordEvents(
    ctx,
    orders.map((o) => ({
      orderId: o.id,
      kind: 'departed',
      from: o.state,
      to: 'departed',
      detail: { trip: trip.number },
    })),
  );
  await ctx.db
    .updateTable('trips')
    .set({ state: 'departed', departed_at: at, updated_at: at })
    .where('id', '=', tripId)
    .execute();
  await recordAudit(ctx, {
    entity: 'trip',
    entityId: tripId,
    before: { state: trip.state },
    after: { state: 'departed', orders: ids.length },
  });
  ctx.emit('dispatch.changed', {
    dispatchDate: trip.dispatch_date,
    tripIds: [tripId],
    orderIds: ids,
    clientId: ctx.caller.clientId,
  });
  await emitChanged(ctx, ids);
  return { tripId, number: trip.number, state: 'departed', orderIds: ids };
}

export async function returnTrip(ctx: ServiceContext, tripId: number): Promise<TripMove> {
  const trip = await loadTrip(ctx, tripId);
  if (trip.state !== 'departed')
    throw new AppError('delivery.tripNotDeparted', { number: trip.number, state: trip.state });
  const orders = await ordersOnTrip(ctx, tripId);
  const open = orders.filter((o) => o.state === 'departed');
  if (open.length > 0) throw new AppError('delivery.outcomesOpen', { number: trip.number, count: open.length });
  const at = ctx.now.toISOString();
  await ctx.db
    .updateTable('trips')
    .set({ state: 'returned', returned_at: at, updated_at: at })
    .where('id', '=', tripId)
    .execute();
  await recordAudit(ctx, {
    entity: 'trip',
    entityId: tripId,
    before: { state: trip.state },
    after: { state: 'returned' },
  });
  ctx.emit('dispatch.changed', {
    dispatchDate: trip.dispatch_date,
    tripIds: [tripId],
    orderIds: [],
    clientId: ctx.caller.clientId,
  });
  const state: TripState = 'returned';
  return { tripId, number: trip.number, state, orderIds: orders.map((o) => o.id) };
}
