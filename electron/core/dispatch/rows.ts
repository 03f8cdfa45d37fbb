// The rows of the board (shared/contract/dispatch/board.ts): orders of a
// dispatch date in a board state, and trip lanes with their stops and totals.
// A whole day is three queries plus one grouped load query, whatever its size.
import { sql } from 'kysely';
import type { BoardOrder, BoardRows, BoardView, OrderState, TripLane, TripState } from '../../../shared/contract';
import type { ServiceContext } from '../context';
import type { Db } from '../db/schema';
import { noLoad, orderLoads, type OrderLoad } from './load';
import { canOverride } from './override';
import { listVehicles } from './vehicles';

/** Order states the board shows: released (the pool) and every later one of a dispatched order. */
export const boardStates: readonly OrderState[] = [
  'released',
  'assigned',
  'picking',
  'loaded',
  'departed',
  'delivered',
  'refused',
];

const chunk = 5000;

type OrderRow = {
  id: number;
  number: string;
  state: string;
  customerId: number;
  customerCode: string;
  customerName: string | null;
  area: string | null;
  route: string | null;
  routeSeq: number | null;
  emergency: number;
  promisedDate: string | null;
  lineCount: number;
  units: number;
  cases: number;
  amountFen: number;
  tripId: number | null;
  stopId: number | null;
  forced: number | null;
};

function orderSelect(db: Db) {
  return db
    .selectFrom('orders as o')
    .leftJoin('customers as c', 'c.id', 'o.customer_id')
    .leftJoin('trip_orders as t', 't.order_id', 'o.id')
    .select([
      'o.id',
      'o.number',
      'o.state',
      sql<number>`COALESCE(o.customer_id, 0)`.as('customerId'),
      'o.customer_code as customerCode',
      'c.name as customerName',
      'c.area',
      'c.route',
      'c.stop_seq as routeSeq',
      'o.emergency',
      'o.promised_date as promisedDate',
      'o.line_count as lineCount',
      'o.units',
      'o.cases',
      'o.amount_fen as amountFen',
      't.trip_id as tripId',
      't.stop_id as stopId',
      't.forced',
    ]);
}

function toBoardOrder(r: OrderRow, load: OrderLoad): BoardOrder {
  return {
    id: r.id,
    number: r.number,
    state: r.state as OrderState,
    customerId: r.customerId,
    customerCode: r.customerCode,
    customerName: r.customerName ?? '',
    area: r.area ?? '',
    route: r.route ?? '',
    routeSeq: r.routeSeq,
    emergency: r.emergency === 1,
    promisedDate: r.promisedDate,
    lineCount: r.lineCount,
    units: r.units,
    cases: r.cases,
    loadCases: load.loadCases,
    weightG: load.weightG,
    unweighedLines: load.unweighedLines,
    amountFen: r.amountFen,
    tripId: r.tripId,
    stopId: r.stopId,
    forced: r.forced === 1,
  };
}

/** Emergency orders 紧急 first, then by area, route and the customer's stop on it. */
function poolOrder(a: BoardOrder, b: BoardOrder): number {
  return (
    Number(b.emergency) - Number(a.emergency) ||
    a.area.localeCompare(b.area) ||
    a.route.localeCompare(b.route) ||
    (a.routeSeq ?? Number.MAX_SAFE_INTEGER) - (b.routeSeq ?? Number.MAX_SAFE_INTEGER) ||
    a.id - b.id
  );
}

/**
 * Orders of the date in a board state, emergency first; with `orderIds`, just
 * those (of any date and state the board shows: a window drops the others).
 */
export async function boardOrders(db: Db, dispatchDate: string, orderIds?: number[]): Promise<BoardOrder[]> {
  const rows: OrderRow[] = [];
  let loads: Map<number, OrderLoad>;
  if (orderIds) {
    for (let i = 0; i < orderIds.length; i += chunk)
      rows.push(
        ...(await orderSelect(db)
          .where('o.id', 'in', orderIds.slice(i, i + chunk))
          .where('o.dispatch_date', '=', dispatchDate)
          .where('o.state', 'in', boardStates)
          .execute()),
      );
    loads = rows.length ? await orderLoads(db, { orderIds: rows.map((r) => r.id) }) : new Map();
  } else {
    rows.push(
      ...(await orderSelect(db)
        .where('o.dispatch_date', '=', dispatchDate)
        .where('o.state', 'in', boardStates)
        .execute()),
    );
    loads = await orderLoads(db, { dispatchDate, states: boardStates });
  }
  return rows.map((r) => toBoardOrder(r, loads.get(r.id) ?? noLoad)).sort(poolOrder);
}

/** Trips of the date (or just `tripIds` of it) with stops and totals, by plate then seq. */
export async function tripLanes(db: Db, dispatchDate: string, tripIds?: number[]): Promise<TripLane[]> {
  if (tripIds && tripIds.length === 0) return [];
  let q = db
    .selectFrom('trips as t')
    .innerJoin('vehicles as v', 'v.id', 't.vehicle_id')
    .select([
      't.id',
      't.number',
      't.dispatch_date as dispatchDate',
      't.vehicle_id as vehicleId',
      'v.plate',
      'v.vehicle_type as vehicleType',
      't.seq',
      't.driver_name as driverName',
      't.driver_phone as driverPhone',
      't.depart_time as departTime',
      't.state',
      'v.capacity_cases as capacityCases',
      'v.capacity_kg as capacityKg',
      'v.capacity_l as capacityL',
    ])
    .where('t.dispatch_date', '=', dispatchDate);
  if (tripIds) q = q.where('t.id', 'in', tripIds);
  const trips = await q.orderBy('v.plate').orderBy('t.seq').execute();
  if (trips.length === 0) return [];
  const ids = trips.map((t) => t.id);
  const stops = await db
    .selectFrom('trip_stops')
    .select(['id', 'trip_id as tripId', 'customer_id as customerId', 'seq'])
    .where('trip_id', 'in', ids)
    .orderBy('trip_id')
    .orderBy('seq')
    .orderBy('id')
    .execute();
  const onTrips = await db
    .selectFrom('trip_orders as x')
    .innerJoin('orders as o', 'o.id', 'x.order_id')
    .select(['x.trip_id as tripId', 'x.order_id as orderId', 'o.units', 'o.amount_fen as amountFen'])
    .where('x.trip_id', 'in', ids)
    .execute();
  const loads = await orderLoads(db, { tripIds: ids });
  const lanes = new Map<number, TripLane>(
    trips.map((t) => [
      t.id,
      {
        ...t,
        state: t.state as TripState,
        stops: [],
        totals: { stops: 0, orders: 0, loadCases: 0, units: 0, weightG: 0, amountFen: 0 },
      },
    ]),
  );
  for (const s of stops) lanes.get(s.tripId)!.stops.push({ id: s.id, customerId: s.customerId, seq: s.seq });
  for (const o of onTrips) {
    const t = lanes.get(o.tripId)!.totals;
    const load = loads.get(o.orderId) ?? noLoad;
    t.orders += 1;
    t.units += o.units;
    t.amountFen += o.amountFen;
    t.loadCases += load.loadCases;
    t.weightG += load.weightG;
  }
  for (const lane of lanes.values()) lane.totals.stops = lane.stops.length;
  return [...lanes.values()];
}

/** The named trips and orders as they are now; trips gone are listed as removed. */
export async function boardRows(
  db: Db,
  dispatchDate: string,
  tripIds: number[],
  orderIds: number[],
): Promise<BoardRows> {
  const trips = await tripLanes(db, dispatchDate, tripIds);
  const orders = orderIds.length ? await boardOrders(db, dispatchDate, orderIds) : [];
  const found = new Set(trips.map((t) => t.id));
  return { trips, orders, removedTripIds: [...new Set(tripIds)].filter((id) => !found.has(id)) };
}

export async function boardView(ctx: ServiceContext, dispatchDate: string): Promise<BoardView> {
  const [trips, orders, vehicles, override] = [
    await tripLanes(ctx.db, dispatchDate),
    await boardOrders(ctx.db, dispatchDate),
    await listVehicles(ctx.db, dispatchDate),
    await canOverride(ctx),
  ];
  return {
    dispatchDate,
    trips,
    orders,
    vehicles: vehicles.filter((v) => v.active && !v.offRoad),
    canOverride: override,
  };
}
