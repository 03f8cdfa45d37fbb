// Automatic assignment 自动排车 (issue 12 §3): the pool (or a selection) onto
// the day's vehicles in one action. A preview computes a plan without writing;
// accepting applies the plan's assignments in one transaction through the
// board's own trip creation and assignment (capacity checked again), refused
// whole as stale when the board changed so that the plan no longer fits.
import { z } from 'zod';
import { id } from '../schemas';
import { businessDate } from '../orders';
import { spec, type RequestSpec } from '../spec';

/** Why an order stays in the pool: no vehicle could carry it even empty, or all are full. */
export const autoAssignReasons = ['noVehicleLargeEnough', 'fleetFull'] as const;
export type AutoAssignReason = (typeof autoAssignReasons)[number];

export type AutoAssignStop = { customerId: number; customerCode: string; customerName: string; orderIds: number[] };

/** One trip of the plan: an existing planned trip (tripId) or a new trip for a vehicle (tripId null). */
export type AutoAssignTrip = {
  tripId: number | null;
  /** The existing trip's number; null for a new trip. */
  tripNumber: string | null;
  vehicleId: number;
  plate: string;
  vehicleType: string;
  driverName: string;
  /** The stops this plan adds, in driving order. */
  stops: AutoAssignStop[];
  /** The orders this plan puts on the trip. */
  orderIds: number[];
  /** Totals with what the trip already carries. */
  loadCases: number;
  weightG: number;
  capacityCases: number;
  capacityKg: number;
  /** Fill in percent (whole), cases and weight. */
  fillCasesPct: number;
  fillKgPct: number;
};

export type AutoAssignLeft = {
  orderId: number;
  number: string;
  customerName: string;
  route: string;
  emergency: boolean;
  loadCases: number;
  weightG: number;
  reason: AutoAssignReason;
};

export type AutoAssignQuality = {
  /**
   * The fewest vehicles that could carry the load: the larger of the fewest
   * vehicles, largest in cases first, covering all the cases, and the fewest,
   * largest in kg first, covering all the weight.
   */
  lowerBound: number;
  vehiclesUsed: number;
  overBound: number;
  /** Per used vehicle, the larger of its case and weight fill, percent (one decimal). */
  meanFillPct: number;
  maxFillPct: number;
  routesSplit: number;
  assigned: number;
  unassigned: number;
  /**
   * The trade-off: the best plan that keeps route groups whole where it can
   * (no mixing of heavy and light routes) — its vehicles and routes split.
   */
  routeFirst: { vehiclesUsed: number; routesSplit: number };
};

export type AutoAssignPlan = {
  dispatchDate: string;
  /** Trips that receive orders, in departure order. */
  trips: AutoAssignTrip[];
  unassigned: AutoAssignLeft[];
  quality: AutoAssignQuality;
  /** The orders the plan considered (the pool or the selection). */
  considered: number;
};

/** What accepting applies: for each trip of the plan, its orders (stop by stop, in driving order). */
const assignment = z
  .object({
    tripId: id.nullable(),
    vehicleId: id,
    orderIds: z.array(id).min(1).max(20_000),
  })
  .strict();

export type AutoAssignAccepted = {
  dispatchDate: string;
  /** The trips written (new ones created), by id. */
  tripIds: number[];
  createdTripIds: number[];
  assigned: number;
};

const dispatchers = ['dispatcher', 'admin'] as const;

export const autoAssignRequests = {
  /** A plan for the pool (or the orders given) onto the vehicles (default: every available one); writes nothing. */
  'dispatch.autoAssignPreview': spec<AutoAssignPlan>()({
    input: z
      .object({
        dispatchDate: businessDate,
        orderIds: z.array(id).min(1).max(20_000).optional(),
        vehicleIds: z.array(id).min(1).max(1000).optional(),
      })
      .strict(),
    access: dispatchers,
    write: false,
  }),
  /**
   * Applies a previewed plan in one transaction: new trips created, orders
   * assigned stop by stop. Refused whole (autoAssign.stale*) when an
   * order has left the pool, a trip no longer takes orders, a vehicle is no
   * longer available, or a trip would now go beyond its capacity.
   */
  'dispatch.autoAssignAccept': spec<AutoAssignAccepted>()({
    input: z
      .object({
        dispatchDate: businessDate,
        assignments: z.array(assignment).min(1).max(1000),
      })
      .strict(),
    access: dispatchers,
    write: true,
  }),
} as const satisfies Record<string, RequestSpec>;
export type AutoAssignRequestName = keyof typeof autoAssignRequests;
