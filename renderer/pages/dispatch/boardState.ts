// The board of a day in the window: every trip and every order, kept live by
// applying the few rows a change names. Pure functions over immutable values:
// a lane whose orders did not change keeps the same array, so its memoised
// component does not render again, and the pool is rebuilt only when one of
// its orders changed.
import type { BoardOrder, BoardRows, BoardView, TripLane } from '../../../shared/contract/dispatch';

export type Board = {
  dispatchDate: string;
  /** By vehicle plate, then the vehicle's run of the day. */
  trips: TripLane[];
  orders: ReadonlyMap<number, BoardOrder>;
  /** The orders of each trip, by stop then order number. Unchanged lanes keep their array. */
  laneOrders: ReadonlyMap<number, BoardOrder[]>;
  /** Released orders on no trip, in the pool's order (area, route, stop on the route, customer, number). */
  pool: BoardOrder[];
  vehicles: BoardView['vehicles'];
  canOverride: boolean;
};

const byPlate = (a: TripLane, b: TripLane) => a.plate.localeCompare(b.plate) || a.seq - b.seq || a.id - b.id;
const inPool = (o: BoardOrder) => o.tripId === null && o.state === 'released';

/** Orders of one lane in driving order: by the stop's place in the trip, orders not yet on a stop last. */
function laneSort(trip: TripLane | undefined, orders: BoardOrder[]): BoardOrder[] {
  const place = new Map(trip?.stops.map((s) => [s.id, s.seq]));
  const at = (o: BoardOrder) => (o.stopId === null ? Infinity : (place.get(o.stopId) ?? Infinity));
  return orders.sort((a, b) => at(a) - at(b) || a.customerCode.localeCompare(b.customerCode) || a.id - b.id);
}

const collator = new Intl.Collator('zh-CN', { numeric: true });
const plain = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const tail = (a: BoardOrder, b: BoardOrder) =>
  (a.routeSeq ?? Infinity) - (b.routeSeq ?? Infinity) ||
  plain(a.customerCode, b.customerCode) ||
  plain(a.number, b.number) ||
  a.id - b.id;
/** The pool's order for a few orders (each comparison collates the names). */
const poolOrder = (a: BoardOrder, b: BoardOrder) =>
  collator.compare(a.area, b.area) || collator.compare(a.route, b.route) || tail(a, b);

/** The pool's order for many: areas and routes (a few dozen names) ranked once, then numbers and codes. */
function sortPool(orders: BoardOrder[]): BoardOrder[] {
  const rank = new Map<string, number>();
  [...new Set(orders.map((o) => o.area))].sort(collator.compare).forEach((n, i) => rank.set(n, i));
  const routes = new Map<string, number>();
  [...new Set(orders.map((o) => o.route))].sort(collator.compare).forEach((n, i) => routes.set(n, i));
  return orders.sort(
    (a, b) => rank.get(a.area)! - rank.get(b.area)! || routes.get(a.route)! - routes.get(b.route)! || tail(a, b),
  );
}

/** Same figures, same place: a live reply that changes nothing leaves the board as it is. */
function sameOrder(a: BoardOrder, b: BoardOrder): boolean {
  for (const k of Object.keys(b) as (keyof BoardOrder)[]) if (a[k] !== b[k]) return false;
  return true;
}
const sameTrip = (a: TripLane, b: TripLane) => JSON.stringify(a) === JSON.stringify(b);

export function openBoard(view: BoardView): Board {
  const trips = [...view.trips].sort(byPlate);
  const orders = new Map(view.orders.map((o) => [o.id, o]));
  const grouped = new Map<number, BoardOrder[]>(trips.map((t) => [t.id, []]));
  const pool: BoardOrder[] = [];
  for (const o of view.orders) {
    if (o.tripId !== null) grouped.get(o.tripId)?.push(o);
    else if (inPool(o)) pool.push(o);
  }
  const tripById = new Map(trips.map((t) => [t.id, t]));
  const laneOrders = new Map([...grouped].map(([id, list]) => [id, laneSort(tripById.get(id), list)]));
  return {
    dispatchDate: view.dispatchDate,
    trips,
    orders,
    laneOrders,
    pool: sortPool(pool),
    vehicles: view.vehicles,
    canOverride: view.canOverride,
  };
}

/**
 * The board after `rows` arrived for the trips and orders that were asked for:
 * an asked order missing from the reply has left the board (cancelled, moved
 * to another day), an asked trip in `removedTripIds` is gone.
 */
export function applyRows(board: Board, rows: BoardRows, askedOrderIds: readonly number[] = []): Board {
  const orders = new Map(board.orders);
  const touchedTrips = new Set<number>();
  const changed = new Set<number>();
  let poolTouched = false;
  const touch = (o: BoardOrder | undefined) => {
    if (!o) return;
    if (o.tripId !== null) touchedTrips.add(o.tripId);
    if (inPool(o)) poolTouched = true;
  };
  const answered = new Set(rows.orders.map((o) => o.id));
  for (const id of askedOrderIds) {
    if (answered.has(id) || !orders.has(id)) continue;
    touch(orders.get(id));
    orders.delete(id);
    changed.add(id);
  }
  for (const o of rows.orders) {
    const was = orders.get(o.id);
    if (was && sameOrder(was, o)) continue;
    touch(was);
    touch(o);
    orders.set(o.id, o);
    changed.add(o.id);
  }

  let trips = board.trips;
  const removed = new Set(rows.removedTripIds);
  if (rows.trips.length > 0 || removed.size > 0) {
    const next = new Map(board.trips.map((t) => [t.id, t]));
    let tripsChanged = removed.size > 0;
    for (const t of rows.trips) {
      const was = next.get(t.id);
      if (was && sameTrip(was, t)) continue;
      next.set(t.id, t);
      touchedTrips.add(t.id);
      tripsChanged = true;
    }
    for (const id of removed) next.delete(id);
    if (tripsChanged) trips = [...next.values()].sort(byPlate);
  }

  const laneOrders = new Map(board.laneOrders);
  for (const id of removed) laneOrders.delete(id);
  if (touchedTrips.size > 0) {
    const fresh = new Map<number, BoardOrder[]>();
    for (const id of touchedTrips) if (!removed.has(id)) fresh.set(id, []);
    for (const o of orders.values()) if (o.tripId !== null) fresh.get(o.tripId)?.push(o);
    const tripById = new Map(trips.map((t) => [t.id, t]));
    for (const [id, list] of fresh) if (tripById.has(id)) laneOrders.set(id, laneSort(tripById.get(id), list));
  }

  let pool = board.pool;
  if (poolTouched) {
    // The pool stays in order: the changed orders leave it, those now in it go back in their place.
    pool = board.pool.filter((o) => !changed.has(o.id));
    const joining = [...changed].flatMap((id) => {
      const o = orders.get(id);
      return o && inPool(o) ? [o] : [];
    });
    if (joining.length > 64) pool = sortPool([...pool, ...joining]);
    else
      for (const o of joining) {
        let lo = 0;
        let hi = pool.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (poolOrder(pool[mid]!, o) <= 0) lo = mid + 1;
          else hi = mid;
        }
        pool.splice(lo, 0, o);
      }
  }
  if (changed.size === 0 && trips === board.trips) return board;
  return { ...board, trips, orders, laneOrders, pool };
}

/** The orders as the window shows them at once, before the core answers (corrected by its reply). */
export function moveLocally(board: Board, orderIds: readonly number[], tripId: number | null): Board {
  const moved: BoardOrder[] = [];
  for (const id of orderIds) {
    const o = board.orders.get(id);
    if (!o || o.tripId === tripId) continue;
    moved.push({ ...o, tripId, stopId: null, state: tripId === null ? 'released' : 'assigned', forced: false });
  }
  if (moved.length === 0) return board;
  return applyRows(board, { trips: [], orders: moved, removedTripIds: [] });
}

// ---- what a lane and the pool show ---------------------------------------

export type Load = {
  stops: number;
  orders: number;
  loadCases: number;
  units: number;
  weightG: number;
  amountFen: number;
  unweighedLines: number;
};

/** A lane's load from its orders (so an optimistic move shows at once, with the core's own rules). */
export function loadOf(orders: readonly BoardOrder[]): Load {
  const customers = new Set<number>();
  const load: Load = { stops: 0, orders: 0, loadCases: 0, units: 0, weightG: 0, amountFen: 0, unweighedLines: 0 };
  for (const o of orders) {
    customers.add(o.customerId);
    load.orders += 1;
    load.loadCases += o.loadCases;
    load.units += o.units;
    load.weightG += o.weightG;
    load.amountFen += o.amountFen;
    load.unweighedLines += o.unweighedLines;
  }
  load.stops = customers.size;
  return load;
}

/** A fill bar's level: green, amber from 90 %, red beyond capacity. */
export function fillLevel(used: number, capacity: number): 'ok' | 'near' | 'over' {
  if (capacity <= 0) return used > 0 ? 'over' : 'ok';
  if (used > capacity) return 'over';
  return used * 10 >= capacity * 9 ? 'near' : 'ok';
}

/** A stop of a lane with its orders, in driving order. */
export type LaneStop = { key: string; stopId: number | null; customerId: number; orders: BoardOrder[] };

export function stopsOf(orders: readonly BoardOrder[]): LaneStop[] {
  const stops: LaneStop[] = [];
  const byKey = new Map<string, LaneStop>();
  for (const o of orders) {
    // An order moved here but not yet answered has no stop: it joins its customer's pending group.
    const key = o.stopId === null ? `c${o.customerId}` : `s${o.stopId}`;
    let stop = byKey.get(key);
    if (!stop) {
      stop = { key, stopId: o.stopId, customerId: o.customerId, orders: [] };
      byKey.set(key, stop);
      stops.push(stop);
    }
    stop.orders.push(o);
  }
  return stops;
}

export type GroupTotals = { orders: number; loadCases: number; weightG: number; amountFen: number };
export type PoolRow =
  | {
      kind: 'head';
      key: string;
      level: 'emergency' | 'area' | 'route';
      area: string;
      route: string;
      orderIds: number[];
      totals: GroupTotals;
    }
  | { kind: 'order'; key: string; order: BoardOrder; groupKey: string };

const emptyTotals = (): GroupTotals => ({ orders: 0, loadCases: 0, weightG: 0, amountFen: 0 });
const add = (t: GroupTotals, o: BoardOrder) => {
  t.orders += 1;
  t.loadCases += o.loadCases;
  t.weightG += o.weightG;
  t.amountFen += o.amountFen;
};

/**
 * The pool (in the board's pool order) as rows of one list: emergency orders first under their own head,
 * then by area and route, each with its count and totals; the orders of a
 * collapsed route are left out (its head still counts them).
 */
export function poolRows(pool: readonly BoardOrder[], collapsed: ReadonlySet<string>, filter = ''): PoolRow[] {
  const needle = filter.trim().toLowerCase();
  const shown = needle
    ? pool.filter((o) =>
        [o.number, o.customerCode, o.customerName, o.area, o.route].some((s) => s.toLowerCase().includes(needle)),
      )
    : pool;
  // The board keeps its pool in this order already: one pass groups it.
  const sorted = shown;
  const rows: PoolRow[] = [];
  const urgent = sorted.filter((o) => o.emergency);
  if (urgent.length > 0) {
    const totals = emptyTotals();
    urgent.forEach((o) => add(totals, o));
    const key = 'emergency';
    rows.push({
      kind: 'head',
      key,
      level: 'emergency',
      area: '',
      route: '',
      orderIds: urgent.map((o) => o.id),
      totals,
    });
    if (!collapsed.has(key))
      for (const o of urgent) rows.push({ kind: 'order', key: `o${o.id}`, order: o, groupKey: key });
  }
  let areaHead: Extract<PoolRow, { kind: 'head' }> | null = null;
  let routeHead: Extract<PoolRow, { kind: 'head' }> | null = null;
  for (const o of sorted) {
    if (o.emergency) continue;
    if (!areaHead || areaHead.area !== o.area) {
      areaHead = {
        kind: 'head',
        key: `a:${o.area}`,
        level: 'area',
        area: o.area,
        route: '',
        orderIds: [],
        totals: emptyTotals(),
      };
      rows.push(areaHead);
      routeHead = null;
    }
    if (!routeHead || routeHead.route !== o.route) {
      routeHead = {
        kind: 'head',
        key: `r:${o.area}|${o.route}`,
        level: 'route',
        area: o.area,
        route: o.route,
        orderIds: [],
        totals: emptyTotals(),
      };
      if (!collapsed.has(areaHead.key)) rows.push(routeHead);
    }
    areaHead.orderIds.push(o.id);
    add(areaHead.totals, o);
    routeHead.orderIds.push(o.id);
    add(routeHead.totals, o);
    if (!collapsed.has(areaHead.key) && !collapsed.has(routeHead.key))
      rows.push({ kind: 'order', key: `o${o.id}`, order: o, groupKey: routeHead.key });
  }
  return rows;
}

/** The trip a dispatcher typed: a trip number, or a plate (its first trip not yet departed). */
export function findTrip(trips: readonly TripLane[], typed: string): TripLane | null {
  const q = typed.trim().toUpperCase();
  if (!q) return null;
  const open = (t: TripLane) => t.state !== 'departed' && t.state !== 'returned';
  return (
    trips.find((t) => t.number.toUpperCase() === q) ??
    trips.find((t) => t.plate.toUpperCase() === q && open(t)) ??
    trips.find((t) => t.plate.toUpperCase() === q) ??
    trips.find((t) => t.plate.toUpperCase().includes(q) && open(t)) ??
    trips.find((t) => t.number.toUpperCase().endsWith(q)) ??
    null
  );
}
