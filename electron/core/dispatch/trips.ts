// Trips 车次 of a dispatch date (issue 12 §2): a vehicle's run with its driver,
// departure time and stops in driving order. Numbered T<yyyymmdd>-<nn> (the
// trip's barcode on the pick list); a vehicle's second run of the day is seq 2.
import type { BoardRows, TripLane, TripState } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { recordAudit } from '../audit/audit';
import type { ServiceContext } from '../context';
import type { Db } from '../db/schema';
import { emitDispatchChanged } from './changed';
import { boardRows, tripLanes } from './rows';
import { vehicleRow } from './vehicles';

export type TripRecord = {
  id: number;
  number: string;
  dispatchDate: string;
  vehicleId: number;
  state: TripState;
  plate: string;
  capacityCases: number;
  capacityKg: number;
};

export async function loadTrip(db: Db, tripId: number): Promise<TripRecord> {
  const t = await db
    .selectFrom('trips as t')
    .innerJoin('vehicles as v', 'v.id', 't.vehicle_id')
    .select([
      't.id',
      't.number',
      't.dispatch_date as dispatchDate',
      't.vehicle_id as vehicleId',
      't.state',
      'v.plate',
      'v.capacity_cases as capacityCases',
      'v.capacity_kg as capacityKg',
    ])
    .where('t.id', '=', tripId)
    .executeTakeFirst();
  if (!t) throw new AppError('dispatch.tripNotFound', { tripId });
  return { ...t, state: t.state as TripState };
}

/** States in which a trip still takes orders and changes of plan. */
const openStates: readonly TripState[] = ['planned', 'picking'];

/** Refused once loading has begun (or the trip has left): dispatch.tripClosed naming it. */
export function assertTripOpen(trip: { number: string; state: TripState }, open = openStates): void {
  if (!open.includes(trip.state)) throw new AppError('dispatch.tripClosed', { number: trip.number, state: trip.state });
}

async function lane(db: Db, trip: { id: number; dispatchDate: string }): Promise<TripLane> {
  return (await tripLanes(db, trip.dispatchDate, [trip.id]))[0]!;
}

export async function createTrip(
  ctx: ServiceContext,
  input: {
    dispatchDate: string;
    vehicleId: number;
    departTime?: string | undefined;
    driverName?: string | undefined;
    driverPhone?: string | undefined;
  },
): Promise<TripLane> {
  const vehicle = await vehicleRow(ctx.db, input.vehicleId, input.dispatchDate);
  if (!vehicle.active) throw new AppError('dispatch.vehicleInactive', { plate: vehicle.plate });
  if (vehicle.offRoad)
    throw new AppError('dispatch.vehicleOffRoad', {
      plate: vehicle.plate,
      date: input.dispatchDate,
      reason: vehicle.offRoad.reason,
    });
  const ofDate = await ctx.db
    .selectFrom('trips')
    .select(['number', 'vehicle_id', 'seq'])
    .where('dispatch_date', '=', input.dispatchDate)
    .execute();
  const prefix = `T${input.dispatchDate.replaceAll('-', '')}-`;
  const last = Math.max(0, ...ofDate.map((t) => Number(t.number.slice(prefix.length)) || 0));
  const number = `${prefix}${String(last + 1).padStart(2, '0')}`;
  const seq = Math.max(0, ...ofDate.filter((t) => t.vehicle_id === input.vehicleId).map((t) => t.seq)) + 1;
  const at = ctx.now.toISOString();
  const row = await ctx.db
    .insertInto('trips')
    .values({
      number,
      dispatch_date: input.dispatchDate,
      vehicle_id: input.vehicleId,
      seq,
      driver_name: input.driverName ?? vehicle.driverName,
      driver_phone: input.driverPhone ?? vehicle.driverPhone,
      depart_time: input.departTime ?? '',
      state: 'planned',
      created_by: ctx.caller.session!.userId,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const created = await lane(ctx.db, { id: row.id, dispatchDate: input.dispatchDate });
  await recordAudit(ctx, { entity: 'trip', entityId: row.id, after: tripAudit(created) });
  await emitDispatchChanged(ctx, { dispatchDate: input.dispatchDate, tripIds: [row.id], orderIds: [] });
  return created;
}

function tripAudit(t: TripLane) {
  return {
    number: t.number,
    plate: t.plate,
    seq: t.seq,
    driverName: t.driverName,
    driverPhone: t.driverPhone,
    departTime: t.departTime,
    state: t.state,
  };
}

export async function updateTrip(
  ctx: ServiceContext,
  input: {
    tripId: number;
    departTime?: string | undefined;
    driverName?: string | undefined;
    driverPhone?: string | undefined;
  },
): Promise<TripLane> {
  const trip = await loadTrip(ctx.db, input.tripId);
  assertTripOpen(trip, ['planned', 'picking', 'loading']);
  const before = await lane(ctx.db, trip);
  await ctx.db
    .updateTable('trips')
    .set({
      ...(input.departTime !== undefined && { depart_time: input.departTime }),
      ...(input.driverName !== undefined && { driver_name: input.driverName }),
      ...(input.driverPhone !== undefined && { driver_phone: input.driverPhone }),
      updated_at: ctx.now.toISOString(),
    })
    .where('id', '=', trip.id)
    .execute();
  const after = await lane(ctx.db, trip);
  await recordAudit(ctx, { entity: 'trip', entityId: trip.id, before: tripAudit(before), after: tripAudit(after) });
  await emitDispatchChanged(ctx, { dispatchDate: trip.dispatchDate, tripIds: [trip.id], orderIds: [] });
  return after;
}

/** A planned trip without orders, removed. */
export async function removeTrip(ctx: ServiceContext, tripId: number): Promise<BoardRows> {
  const trip = await loadTrip(ctx.db, tripId);
  assertTripOpen(trip, ['planned']);
  const before = await lane(ctx.db, trip);
  if (before.totals.orders > 0)
    throw new AppError('dispatch.tripNotEmpty', { number: trip.number, orders: before.totals.orders });
  await ctx.db.deleteFrom('trip_stops').where('trip_id', '=', trip.id).execute();
  await ctx.db.deleteFrom('trips').where('id', '=', trip.id).execute();
  await recordAudit(ctx, { entity: 'trip', entityId: trip.id, before: tripAudit(before) });
  await emitDispatchChanged(ctx, { dispatchDate: trip.dispatchDate, tripIds: [trip.id], orderIds: [] });
  return boardRows(ctx.db, trip.dispatchDate, [trip.id], []);
}

/** Numbers a trip's stops 1..n in the given order. */
export async function renumberStops(db: Db, stopIds: number[]): Promise<void> {
  for (const [i, id] of stopIds.entries())
    await db
      .updateTable('trip_stops')
      .set({ seq: i + 1 })
      .where('id', '=', id)
      .execute();
}

async function stopsOf(db: Db, tripId: number) {
  return db
    .selectFrom('trip_stops as s')
    .innerJoin('customers as c', 'c.id', 's.customer_id')
    .select(['s.id', 's.seq', 'c.code', 'c.route', 'c.stop_seq as stopSeq', 'c.lat', 'c.lng'])
    .where('s.trip_id', '=', tripId)
    .orderBy('s.seq')
    .orderBy('s.id')
    .execute();
}

async function applyStopOrder(ctx: ServiceContext, trip: TripRecord, before: number[], after: number[]) {
  await renumberStops(ctx.db, after);
  await recordAudit(ctx, { entity: 'trip', entityId: trip.id, before: { stops: before }, after: { stops: after } });
  await emitDispatchChanged(ctx, { dispatchDate: trip.dispatchDate, tripIds: [trip.id], orderIds: [] });
  return boardRows(ctx.db, trip.dispatchDate, [trip.id], []);
}

/** The trip's stops in a new driving order: every stop of the trip, each once. */
export async function reorderStops(ctx: ServiceContext, tripId: number, stopIds: number[]): Promise<BoardRows> {
  const trip = await loadTrip(ctx.db, tripId);
  assertTripOpen(trip);
  const stops = await stopsOf(ctx.db, tripId);
  const have = new Set(stops.map((s) => s.id));
  if (stopIds.length !== stops.length || new Set(stopIds).size !== stopIds.length || stopIds.some((s) => !have.has(s)))
    throw new AppError('dispatch.stopsMismatch', { number: trip.number, stops: stops.length });
  return applyStopOrder(
    ctx,
    trip,
    stops.map((s) => s.id),
    stopIds,
  );
}

/**
 * The depot 仓库 the vehicles leave from, for nearest-neighbour stop order:
 * the setting 'dispatch.depot' ({"lat":…,"lng":…}) when present, else this
 * constant (the reference centre, Guangzhou Baiyun).
 */
export const defaultDepot = { lat: 23.2, lng: 113.3 };

async function depot(db: Db): Promise<{ lat: number; lng: number }> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', 'dispatch.depot').executeTakeFirst();
  if (!row) return defaultDepot;
  try {
    const v = JSON.parse(row.value) as { lat?: unknown; lng?: unknown };
    if (typeof v.lat === 'number' && typeof v.lng === 'number') return { lat: v.lat, lng: v.lng };
  } catch {
    // A malformed setting: the constant.
  }
  return defaultDepot;
}

type SortStop = {
  id: number;
  code: string;
  route: string;
  stopSeq: number | null;
  lat: number | null;
  lng: number | null;
};

/** Squared equirectangular distance: enough to compare neighbours within a city. */
function distance(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const x = (b.lng - a.lng) * Math.cos((((a.lat + b.lat) / 2) * Math.PI) / 180);
  const y = b.lat - a.lat;
  return x * x + y * y;
}

/** Nearest neighbour from `from`: each next stop the closest one not yet visited. */
export function nearestNeighbour<T extends { lat: number; lng: number }>(
  from: { lat: number; lng: number },
  stops: T[],
): T[] {
  const left = [...stops];
  const out: T[] = [];
  let at = from;
  while (left.length) {
    let best = 0;
    for (let i = 1; i < left.length; i++) if (distance(at, left[i]!) < distance(at, left[best]!)) best = i;
    at = left[best]!;
    out.push(left.splice(best, 1)[0]!);
  }
  return out;
}

/**
 * Driving order: when every stop's customer has coordinates, nearest
 * neighbour from the depot; otherwise by route then the customer's stop on it
 * (customers.stop_seq), stops without a place on their route after those,
 * by nearest neighbour where they have coordinates, then by customer code.
 */
export function sortedStops(stops: SortStop[], from: { lat: number; lng: number }): number[] {
  const located = (s: SortStop): s is SortStop & { lat: number; lng: number } => s.lat !== null && s.lng !== null;
  if (stops.length > 0 && stops.every(located)) return nearestNeighbour(from, stops).map((s) => s.id);
  const placed = stops
    .filter((s) => s.stopSeq !== null)
    .sort((a, b) => a.route.localeCompare(b.route) || a.stopSeq! - b.stopSeq! || a.code.localeCompare(b.code));
  const rest = stops.filter((s) => s.stopSeq === null);
  const last = [...placed].reverse().find(located);
  const near = nearestNeighbour(last ?? from, rest.filter(located));
  const unknown = rest.filter((s) => !located(s)).sort((a, b) => a.code.localeCompare(b.code));
  return [...placed, ...near, ...unknown].map((s) => s.id);
}

/** "Sort by route sequence" 按线路排序. */
export async function sortStops(ctx: ServiceContext, tripId: number): Promise<BoardRows> {
  const trip = await loadTrip(ctx.db, tripId);
  assertTripOpen(trip);
  const stops = await stopsOf(ctx.db, tripId);
  return applyStopOrder(
    ctx,
    trip,
    stops.map((s) => s.id),
    sortedStops(stops, await depot(ctx.db)),
  );
}
