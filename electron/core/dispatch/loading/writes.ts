// The loading slice's writes (issue 12 §4 §5 §8, R5 R8): start picking, load
// a complete order (its stock issued through postDocument, its reservation
// consumed, in the request's one transaction), take a short order off its
// trip whole. Each refusal throws before anything is written, or rolls the
// transaction back whole.
import type { LoadCheckView, LoadingTrip, TakeOffDestination } from '../../../../shared/contract';
import { AppError } from '../../../../shared/errors';
import { recordAudit } from '../../audit/audit';
import { requireSession, type ServiceContext } from '../../context';
import { endReservation, reservationOf } from '../../orders/reservations';
import { emitChanged, recordEvents, transition } from '../../orders/write';
import { postDocument, type MovementLine } from '../../stock/posting';
import { binStock, binsFor } from './pickList';
import { isLoaded, loadCheckView, loadTrips, tripLines } from './reads';

const openTripStates = ['planned', 'picking', 'loading'];

export function emitDispatch(ctx: ServiceContext, dispatchDate: string, tripIds: number[], orderIds: number[]) {
  ctx.emit('dispatch.changed', { dispatchDate, tripIds, orderIds, clientId: ctx.caller.clientId });
}

/** Planned trips → picking, their assigned orders → picking; a trip already picking stays. */
export async function startPicking(ctx: ServiceContext, tripIds: number[]): Promise<LoadingTrip[]> {
  requireSession(ctx);
  const trips = await loadTrips(ctx.db, tripIds);
  const late = trips.find((t) => t.state !== 'planned' && t.state !== 'picking');
  if (late) throw new AppError('loading.tripNotPlanned', { number: late.number, state: late.state });
  const planned = trips.filter((t) => t.state === 'planned');
  if (planned.length === 0) return trips;
  const at = ctx.now.toISOString();
  const ids = planned.map((t) => t.id);
  await ctx.db.updateTable('trips').set({ state: 'picking', updated_at: at }).where('id', 'in', ids).execute();
  const orders = await ctx.db
    .selectFrom('trip_orders as x')
    .innerJoin('orders as o', 'o.id', 'x.order_id')
    .select(['o.id', 'o.number', 'o.state'])
    .where('x.trip_id', 'in', ids)
    .where('o.state', '=', 'assigned')
    .execute();
  const orderIds = orders.map((o) => o.id);
  for (let i = 0; i < orderIds.length; i += 5000)
    await ctx.db
      .updateTable('orders')
      .set({ state: 'picking', updated_at: at })
      .where('id', 'in', orderIds.slice(i, i + 5000))
      .execute();
  await recordEvents(
    ctx,
    orders.map((o) => ({ orderId: o.id, kind: 'picking', from: o.state, to: 'picking' })),
  );
  for (const t of planned)
    await recordAudit(ctx, { entity: 'trip', entityId: t.id, before: { state: t.state }, after: { state: 'picking' } });
  await emitChanged(ctx, orderIds);
  for (const date of new Set(planned.map((t) => t.dispatchDate)))
    emitDispatch(
      ctx,
      date,
      planned.filter((t) => t.dispatchDate === date).map((t) => t.id),
      orderIds,
    );
  return loadTrips(ctx.db, tripIds);
}

async function orderOnTrip(ctx: ServiceContext, orderId: number) {
  const row = await ctx.db
    .selectFrom('orders as o')
    .leftJoin('trip_orders as x', 'x.order_id', 'o.id')
    .leftJoin('trips as t', 't.id', 'x.trip_id')
    .select([
      'o.id',
      'o.number',
      'o.state',
      'x.trip_id as tripId',
      'x.stop_id as stopId',
      't.number as tripNumber',
      't.state as tripState',
      't.dispatch_date as dispatchDate',
    ])
    .where('o.id', '=', orderId)
    .executeTakeFirst();
  if (!row) throw new AppError('orders.notFound', { orderId });
  if (row.tripId === null) throw new AppError('loading.orderNotOnTrip', { number: row.number });
  return {
    ...row,
    tripId: row.tripId,
    stopId: row.stopId!,
    tripState: row.tripState!,
    dispatchDate: row.dispatchDate!,
  };
}

/**
 * R8: only a complete order is loaded. Its stock leaves the bins of the pick
 * list (bins by code, as binsFor picks them) through postDocument — one
 * dispatchIssue document per order, and a giftIssue document for its gift
 * lines when it has any (postDocument takes one movement type per document) —
 * its reservation ends in the same transaction, and it becomes loaded. R5:
 * postDocument refuses a shortfall, and the whole request rolls back.
 */
export async function loadOrder(ctx: ServiceContext, orderId: number): Promise<LoadCheckView> {
  requireSession(ctx);
  const o = await orderOnTrip(ctx, orderId);
  if (isLoaded(o.state)) throw new AppError('loading.alreadyLoaded', { number: o.number });
  if (o.tripState !== 'loading')
    throw new AppError('loading.tripNotLoading', { number: o.tripNumber, state: o.tripState });
  const lines = (await tripLines(ctx.db, o.tripId)).filter((l) => l.orderId === orderId);
  const missing = lines.filter((l) => l.scanned < l.qty);
  if (missing.length > 0) {
    const codes = await ctx.db
      .selectFrom('products')
      .select(['id', 'code'])
      .where(
        'id',
        'in',
        missing.map((l) => l.productId),
      )
      .execute();
    const codeOf = new Map(codes.map((c) => [c.id, c.code]));
    const list = missing.map((l) => ({ productCode: codeOf.get(l.productId) ?? '', missing: l.qty - l.scanned }));
    throw new AppError('loading.orderIncomplete', {
      number: o.number,
      missing: list.map((m) => `${m.productCode} ×${m.missing}`).join(', '),
      lines: list,
    });
  }
  const reservation = await reservationOf(ctx.db, orderId);
  await endReservation(ctx.db, orderId);
  const stock = await binStock(ctx.db, [...new Set(lines.map((l) => l.productId))]);
  const movements: Record<'good' | 'gift', MovementLine[]> = { good: [], gift: [] };
  for (const l of lines) {
    const status = l.gift === 1 ? 'gift' : 'good';
    const bins = stock.get(`${l.productId}|${status}`);
    const { take, short } = binsFor(bins, l.qty);
    for (const b of take)
      movements[status].push({ productId: l.productId, status, locationId: b.locationId, qty: -b.qty });
    // Not on the shelves: asked of the first bin all the same, so postDocument names the shortfall (R5).
    if (short > 0)
      movements[status].push({
        productId: l.productId,
        status,
        locationId: take[0]?.locationId ?? bins?.[0]?.locationId ?? (await anyBin(ctx)),
        qty: -short,
      });
  }
  const note = `${o.number} · ${o.tripNumber}`;
  const documents: string[] = [];
  if (movements.good.length > 0)
    documents.push(
      (
        await postDocument(ctx, {
          type: 'dispatchIssue',
          idempotencyKey: `load:${orderId}`,
          note,
          lines: movements.good,
        })
      ).documentNo,
    );
  if (movements.gift.length > 0)
    documents.push(
      (
        await postDocument(ctx, {
          type: 'giftIssue',
          idempotencyKey: `load:${orderId}:gift`,
          note,
          lines: movements.gift,
        })
      ).documentNo,
    );
  // An order put on a trip after it went picking is still assigned: it is picked now.
  let state = o.state;
  if (state === 'assigned') {
    await transition(ctx, { id: o.id, number: o.number, state }, 'picking', 'picking', { tripId: o.tripId });
    state = 'picking';
  }
  await transition(ctx, { id: o.id, number: o.number, state }, 'loaded', 'issued', {
    tripId: o.tripId,
    tripNumber: o.tripNumber,
    documents,
  });
  await recordAudit(ctx, {
    entity: 'order',
    entityId: o.id,
    before: { state: o.state, reservation },
    after: { state: 'loaded', trip: o.tripNumber, documents },
  });
  await emitChanged(ctx, [o.id]);
  emitDispatch(ctx, o.dispatchDate, [o.tripId], [o.id]);
  return loadCheckView(ctx.db, o.tripId);
}

async function anyBin(ctx: ServiceContext): Promise<number> {
  const b = await ctx.db
    .selectFrom('locations')
    .select('id')
    .where('kind', '=', 'bin')
    .orderBy('code')
    .executeTakeFirst();
  return b?.id ?? 0;
}

/**
 * A short order off its trip whole (R8, never shipped short): to the pool
 * (released, its reservation kept) or to the daily confirmation list (short,
 * reservation ended). Its scans come off the truck with it; an empty stop goes.
 */
export async function takeOff(
  ctx: ServiceContext,
  input: { orderId: number; to: TakeOffDestination; reason: string },
): Promise<LoadCheckView> {
  const session = requireSession(ctx);
  const o = await orderOnTrip(ctx, input.orderId);
  if (isLoaded(o.state)) throw new AppError('loading.alreadyLoaded', { number: o.number });
  if (!openTripStates.includes(o.tripState))
    throw new AppError('loading.tripNotLoading', { number: o.tripNumber, state: o.tripState });
  const scanned = await ctx.db
    .deleteFrom('load_scans')
    .where('order_id', '=', o.id)
    .returning(['product_id', 'qty'])
    .execute();
  await ctx.db.deleteFrom('trip_orders').where('order_id', '=', o.id).execute();
  const left = await ctx.db
    .selectFrom('trip_orders')
    .select('order_id')
    .where('stop_id', '=', o.stopId)
    .executeTakeFirst();
  if (!left) await ctx.db.deleteFrom('trip_stops').where('id', '=', o.stopId).execute();
  const to = input.to === 'pool' ? 'released' : 'short';
  if (to === 'short') await endReservation(ctx.db, o.id);
  await transition(ctx, { id: o.id, number: o.number, state: o.state }, to, 'takenOff', {
    tripId: o.tripId,
    tripNumber: o.tripNumber,
    to: input.to,
    reason: input.reason,
  });
  await ctx.db
    .insertInto('trip_takeoffs')
    .values({
      order_id: o.id,
      trip_id: o.tripId,
      dispatch_date: o.dispatchDate,
      destination: input.to,
      reason: input.reason,
      user_id: session.userId,
      at: ctx.now.toISOString(),
    })
    .execute();
  await recordAudit(ctx, {
    entity: 'order',
    entityId: o.id,
    before: { state: o.state, trip: o.tripNumber },
    after: {
      state: to,
      takenOff: input.to,
      reason: input.reason,
      unloaded: scanned.reduce((s, r) => s + r.qty, 0),
    },
  });
  await emitChanged(ctx, [o.id]);
  emitDispatch(ctx, o.dispatchDate, [o.tripId], [o.id]);
  return loadCheckView(ctx.db, o.tripId);
}
