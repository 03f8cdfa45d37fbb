// Automatic assignment 自动排车 (issue 12 §3): the preview reads the board of a
// date and runs the pure planner (./plan.ts); accepting checks the plan still
// fits the board as it is now and applies it through the board's own
// createTrip and assignOrders, all in the request's one transaction.
import type {
  AutoAssignAccepted,
  AutoAssignPlan,
  AutoAssignTrip,
  BoardOrder,
  TripLane,
  VehicleRow,
} from '../../../../shared/contract';
import { AppError } from '../../../../shared/errors';
import type { ServiceContext } from '../../context';
import type { Db } from '../../db/schema';
import { assignOrders, boardOrders, createTrip, defaultDepot, listVehicles, tripLanes } from '../index';
import { planAssignment, type PlanBin, type PlanOrder } from './plan';

/** Trips still taking orders from automatic assignment. */
const fillable = (t: TripLane) => t.state === 'planned';
const pct = (part: number, whole: number) => (whole > 0 ? Math.round((100 * part) / whole) : 0);
const one = (n: number) => Math.round(n * 10) / 10;

type Board = { orders: BoardOrder[]; trips: TripLane[]; vehicles: VehicleRow[] };

async function readBoard(db: Db, dispatchDate: string): Promise<Board> {
  const [orders, trips, vehicles] = [
    await boardOrders(db, dispatchDate),
    await tripLanes(db, dispatchDate),
    await listVehicles(db, dispatchDate),
  ];
  return { orders, trips, vehicles };
}

const inPool = (o: BoardOrder) => o.state === 'released' && o.tripId === null;
const available = (v: VehicleRow) => v.active && !v.offRoad;
const byDeparture = (a: TripLane, b: TripLane) =>
  (a.departTime || '99:99').localeCompare(b.departTime || '99:99') || a.seq - b.seq || a.plate.localeCompare(b.plate);

/**
 * Where orders can go, in departure order: the planned trips of the chosen
 * vehicles (by departure time, run, plate), then a new trip for each chosen
 * vehicle without a trip that day (largest first, then plate), each with its
 * departure tier (new trips leave with the first runs without a time).
 */
function binsOf(board: Board, vehicleIds: number[] | undefined) {
  const chosen = board.vehicles.filter((v) => available(v) && (!vehicleIds || vehicleIds.includes(v.id)));
  const chosenIds = new Set(chosen.map((v) => v.id));
  const existing = board.trips.filter((t) => fillable(t) && chosenIds.has(t.vehicleId)).sort(byDeparture);
  const withTrip = new Set(board.trips.map((t) => t.vehicleId));
  const fresh = chosen
    .filter((v) => !withTrip.has(v.id))
    .sort((a, b) => b.capacityCases - a.capacityCases || b.capacityKg - a.capacityKg || a.plate.localeCompare(b.plate));
  // Departure tiers: by time ('' after every time) then run; a new trip is a first run without a time.
  const tierKey = (departTime: string, seq: number) => `${departTime || '99:99'}#${String(seq).padStart(3, '0')}`;
  const keys = [...new Set([...existing.map((t) => tierKey(t.departTime, t.seq)), tierKey('', 1)])].sort();
  const tier = (departTime: string, seq: number) => keys.indexOf(tierKey(departTime, seq));
  const bins: (PlanBin & { trip: TripLane | null; vehicle: VehicleRow })[] = [
    ...existing.map((t) => ({
      key: `trip:${t.id}`,
      tripId: t.id,
      vehicleId: t.vehicleId,
      capacityCases: t.capacityCases,
      capacityG: t.capacityKg * 1000,
      loadedCases: t.totals.loadCases,
      loadedG: t.totals.weightG,
      tier: tier(t.departTime, t.seq),
      trip: t,
      vehicle: board.vehicles.find((v) => v.id === t.vehicleId)!,
    })),
    ...fresh.map((v) => ({
      key: `vehicle:${v.id}`,
      tripId: null,
      vehicleId: v.id,
      capacityCases: v.capacityCases,
      capacityG: v.capacityKg * 1000,
      loadedCases: 0,
      loadedG: 0,
      tier: tier('', 1),
      trip: null,
      vehicle: v,
    })),
  ];
  return bins;
}

export async function previewAutoAssign(
  ctx: ServiceContext,
  input: { dispatchDate: string; orderIds?: number[] | undefined; vehicleIds?: number[] | undefined },
): Promise<AutoAssignPlan> {
  const board = await readBoard(ctx.db, input.dispatchDate);
  const selected = input.orderIds ? new Set(input.orderIds) : null;
  const pool = board.orders.filter((o) => inPool(o) && (!selected || selected.has(o.id)));
  const customerIds = [...new Set(pool.map((o) => o.customerId))];
  const coords = new Map<number, { lat: number | null; lng: number | null }>();
  for (let i = 0; i < customerIds.length; i += 5000)
    for (const c of await ctx.db
      .selectFrom('customers')
      .select(['id', 'lat', 'lng'])
      .where('id', 'in', customerIds.slice(i, i + 5000))
      .execute())
      coords.set(c.id, c);
  const bins = binsOf(board, input.vehicleIds);
  const planOrders: PlanOrder[] = pool.map((o) => ({
    id: o.id,
    customerId: o.customerId,
    area: o.area,
    route: o.route,
    routeSeq: o.routeSeq,
    emergency: o.emergency,
    loadCases: o.loadCases,
    weightG: o.weightG,
    lat: coords.get(o.customerId)?.lat ?? null,
    lng: coords.get(o.customerId)?.lng ?? null,
  }));
  const plan = planAssignment({ orders: planOrders, bins, depot: defaultDepot });
  const byId = new Map(pool.map((o) => [o.id, o]));
  const trips: AutoAssignTrip[] = [];
  plan.bins.forEach((p, i) => {
    if (p.orderIds.length === 0) return;
    const { trip, vehicle } = bins[i]!;
    trips.push({
      tripId: p.tripId,
      tripNumber: trip?.number ?? null,
      vehicleId: p.vehicleId,
      plate: vehicle.plate,
      vehicleType: vehicle.vehicleType,
      driverName: trip?.driverName ?? vehicle.driverName,
      stops: p.stops.map((s) => {
        const first = byId.get(s.orderIds[0]!)!;
        return {
          customerId: s.customerId,
          customerCode: first.customerCode,
          customerName: first.customerName,
          orderIds: s.orderIds,
        };
      }),
      orderIds: p.stops.flatMap((s) => s.orderIds),
      loadCases: p.loadCases,
      weightG: p.weightG,
      capacityCases: p.capacityCases,
      capacityKg: p.capacityG / 1000,
      fillCasesPct: pct(p.loadCases, p.capacityCases),
      fillKgPct: pct(p.weightG, p.capacityG),
    });
  });
  return {
    dispatchDate: input.dispatchDate,
    trips,
    unassigned: plan.unassigned.map((u) => {
      const o = byId.get(u.orderId)!;
      return {
        orderId: o.id,
        number: o.number,
        customerName: o.customerName,
        route: o.route,
        emergency: o.emergency,
        loadCases: o.loadCases,
        weightG: o.weightG,
        reason: u.reason,
      };
    }),
    quality: { ...plan.quality, meanFillPct: one(plan.quality.meanFillPct), maxFillPct: one(plan.quality.maxFillPct) },
    considered: pool.length,
  };
}

type Assignment = { tripId: number | null; vehicleId: number; orderIds: number[] };

type Stale = 'autoAssign.staleOrder' | 'autoAssign.staleTrip' | 'autoAssign.staleVehicle' | 'autoAssign.staleCapacity';
const stale = (code: Stale, details: Record<string, unknown>) => new AppError(code, details);
const kg = (g: number) => (Math.ceil(g / 100) / 10).toFixed(1);

/**
 * Applies a previewed plan whole, or refuses it whole as stale (autoAssign.stale*, writing
 * nothing) when the board has moved so that it no longer fits: an order left
 * the pool, a trip no longer takes orders, a vehicle is no longer available
 * (or already has a trip that day), a trip would go beyond its capacity.
 */
export async function acceptAutoAssign(
  ctx: ServiceContext,
  input: { dispatchDate: string; assignments: Assignment[] },
): Promise<AutoAssignAccepted> {
  const board = await readBoard(ctx.db, input.dispatchDate);
  const orders = new Map(board.orders.map((o) => [o.id, o]));
  const seen = new Set<number>();
  const newFor = new Set<number>();
  for (const a of input.assignments) {
    let capacityCases: number;
    let capacityKg: number;
    let cases = 0;
    let grams = 0;
    let plate: string;
    if (a.tripId !== null) {
      const trip = board.trips.find((t) => t.id === a.tripId);
      if (!trip || trip.vehicleId !== a.vehicleId)
        throw stale('autoAssign.staleTrip', { number: String(a.tripId), plate: '' });
      if (!fillable(trip)) throw stale('autoAssign.staleTrip', { number: trip.number, plate: trip.plate });
      ({ capacityCases, capacityKg, plate } = trip);
      cases = trip.totals.loadCases;
      grams = trip.totals.weightG;
    } else {
      const v = board.vehicles.find((x) => x.id === a.vehicleId);
      if (!v || !available(v) || newFor.has(v.id) || board.trips.some((t) => t.vehicleId === v.id))
        throw stale('autoAssign.staleVehicle', { plate: v?.plate ?? String(a.vehicleId) });
      newFor.add(v.id);
      ({ capacityCases, capacityKg, plate } = v);
    }
    for (const id of a.orderIds) {
      const o = orders.get(id);
      if (!o || !inPool(o) || seen.has(id))
        throw stale('autoAssign.staleOrder', { number: o?.number ?? String(id), plate });
      seen.add(id);
      cases += o.loadCases;
      grams += o.weightG;
    }
    if (cases > capacityCases || grams > capacityKg * 1000)
      throw stale('autoAssign.staleCapacity', {
        plate,
        excessCases: Math.max(0, cases - capacityCases),
        excessKg: kg(Math.max(0, grams - capacityKg * 1000)),
      });
  }

  const tripIds: number[] = [];
  const createdTripIds: number[] = [];
  let assigned = 0;
  for (const a of input.assignments) {
    let tripId = a.tripId;
    if (tripId === null) {
      tripId = (await createTrip(ctx, { dispatchDate: input.dispatchDate, vehicleId: a.vehicleId })).id;
      createdTripIds.push(tripId);
    }
    // Orders in driving order: the board makes a stop per customer in the order they come.
    await assignOrders(ctx, { tripId, orderIds: a.orderIds });
    tripIds.push(tripId);
    assigned += a.orderIds.length;
  }
  return { dispatchDate: input.dispatchDate, tripIds, createdTripIds, assigned };
}
