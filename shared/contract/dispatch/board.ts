// The board slice (issue 12 §1–3, §8): vehicles and drivers, trips 车次 of a
// dispatch date, the pool of released orders, and assignment by hand (drag,
// keyboard) with the capacity check and its recorded override.
//
// The board of a day is opened once (dispatch.board: every trip and every
// order of the date that is released or later) and then kept live by
// 'dispatch.changed' events: a window asks dispatch.boardRows for just the
// trips and orders an event names, so a change at 5,200 orders moves a few
// rows over the wire, not the day.
import { z } from 'zod';
import { id, name, optionalText } from '../schemas';
import { businessDate, type OrderState } from '../orders';
import { spec, type RequestSpec } from '../spec';
import type { UserRow } from '../types';
import type { TripState } from './words';

// ---- replies -------------------------------------------------------------

export type VehicleRow = {
  id: number;
  plate: string;
  vehicleType: string;
  capacityCases: number;
  /** Kilograms (whole). */
  capacityKg: number;
  /** Litres, when known. */
  capacityL: number | null;
  area: string;
  driverName: string;
  driverPhone: string;
  active: boolean;
  /** Off the road 停运 on the date asked for (vehicles.list with a date), with the reason. */
  offRoad: { date: string; reason: string } | null;
};

/**
 * An order as the board shows it, in the pool (tripId null) or on a lane.
 * `loadCases` is what it takes of a vehicle's case capacity: its whole cases
 * plus one per line with loose units (loose units travel in a mixed carton).
 * Weight is Σ lines × the product's unit weight (case weight for whole cases
 * when the product has one); a product without a weight adds 0 and counts in
 * `unweighedLines` so the lane can say its weight is a lower bound.
 */
export type BoardOrder = {
  id: number;
  number: string;
  state: OrderState;
  customerId: number;
  customerCode: string;
  customerName: string;
  area: string;
  route: string;
  /** The customer's stop on its route (customers.stop_seq), for "sort by route sequence". */
  routeSeq: number | null;
  emergency: boolean;
  promisedDate: string | null;
  lineCount: number;
  units: number;
  cases: number;
  loadCases: number;
  weightG: number;
  unweighedLines: number;
  amountFen: number;
  tripId: number | null;
  stopId: number | null;
  /** Assigned beyond capacity by a user with the override right. */
  forced: boolean;
};

export type TripTotals = {
  stops: number;
  orders: number;
  loadCases: number;
  units: number;
  weightG: number;
  amountFen: number;
};

export type TripStop = { id: number; customerId: number; seq: number };

export type TripLane = {
  id: number;
  /** 车次号, e.g. T20261205-07: the trip's barcode on the pick list. */
  number: string;
  dispatchDate: string;
  vehicleId: number;
  plate: string;
  vehicleType: string;
  /** The vehicle's run of the day: 1, or 2 for a second trip after it returns. */
  seq: number;
  driverName: string;
  driverPhone: string;
  /** 'HH:MM' in the warehouse's time zone, '' when not set. */
  departTime: string;
  state: TripState;
  capacityCases: number;
  capacityKg: number;
  capacityL: number | null;
  /** Stops in driving order; the orders of a stop are the board orders with its stopId. */
  stops: TripStop[];
  totals: TripTotals;
};

export type BoardView = {
  dispatchDate: string;
  /** Trips of the date, by vehicle plate then seq. */
  trips: TripLane[];
  /** Every order of the date in a board state (released and later), pool and lanes alike. */
  orders: BoardOrder[];
  /** Active vehicles not off the road on the date (for "new trip"). */
  vehicles: VehicleRow[];
  /** Whether the caller may force an assignment beyond capacity. */
  canOverride: boolean;
};

/** What dispatch.boardRows answers: the named trips and orders as they are now. */
export type BoardRows = {
  trips: TripLane[];
  orders: BoardOrder[];
  /** Of the named trips, those that no longer exist (removed). */
  removedTripIds: number[];
};

/** An assignment, unassignment or move: the lanes it touched and the orders it moved. */
export type AssignOutcome = BoardRows & {
  /** True when the caller forced it beyond capacity (recorded in the audit log and on the orders). */
  forced: boolean;
};

// ---- requests ------------------------------------------------------------

const dispatchers = ['dispatcher', 'admin'] as const;
/** Who may look at the board: the dock's keeper and wall screen, the office. */
const boardReaders = ['dispatcher', 'admin', 'warehouseKeeper', 'operator', 'csManager', 'supervisor'] as const;
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time');
const orderIds = z.array(id).min(1).max(20_000);

export const boardRequests = {
  /** Vehicles with their drivers; with `date`, each says whether it is off the road that day. */
  'vehicles.list': spec<VehicleRow[]>()({
    input: z.object({ date: businessDate.optional() }).strict(),
    access: boardReaders,
    write: false,
  }),
  /** Creates (no id) or changes a vehicle; the plate stays unique. */
  'vehicles.save': spec<VehicleRow>()({
    input: z
      .object({
        id: id.optional(),
        plate: name,
        vehicleType: z.string().trim().max(100).default(''),
        capacityCases: z.number().int().positive().max(100_000),
        capacityKg: z.number().int().positive().max(100_000),
        capacityL: z.number().int().positive().max(1_000_000).nullable().default(null),
        area: z.string().trim().max(100).default(''),
        driverName: name,
        driverPhone: z.string().trim().max(40).default(''),
        active: z.boolean().default(true),
      })
      .strict(),
    access: dispatchers,
    write: true,
  }),
  /** Off the road 停运 (or back on it) for a dispatch date; refused while it has a trip that day. */
  'vehicles.setOffRoad': spec<VehicleRow>()({
    input: z.object({ vehicleId: id, date: businessDate, off: z.boolean(), reason: optionalText }).strict(),
    access: dispatchers,
    write: true,
  }),

  /**
   * Grants or withdraws a user's right to force an assignment beyond a
   * vehicle's capacity (the administrator's, with a reason, audited).
   */
  'users.setDispatchOverride': spec<UserRow>()({
    input: z.object({ userId: id, allowed: z.boolean(), reason: name }).strict(),
    access: ['admin'],
    write: true,
  }),

  /** The board of a dispatch date: every trip and every order released or later. */
  'dispatch.board': spec<BoardView>()({
    input: z.object({ dispatchDate: businessDate }).strict(),
    access: boardReaders,
    write: false,
  }),
  /** The named trips and orders as they are now (after a 'dispatch.changed' event). */
  'dispatch.boardRows': spec<BoardRows>()({
    input: z
      .object({
        dispatchDate: businessDate,
        tripIds: z.array(id).max(1000),
        orderIds: z.array(id).max(20_000),
      })
      .strict(),
    access: boardReaders,
    write: false,
  }),

  /** A new trip of a vehicle on a date (its next seq); driver from the vehicle unless given. */
  'dispatch.createTrip': spec<TripLane>()({
    input: z
      .object({
        dispatchDate: businessDate,
        vehicleId: id,
        departTime: hhmm.optional(),
        driverName: name.optional(),
        driverPhone: z.string().trim().max(40).optional(),
      })
      .strict(),
    access: dispatchers,
    write: true,
  }),
  /** Departure time or driver of a trip not yet departed. */
  'dispatch.updateTrip': spec<TripLane>()({
    input: z
      .object({
        tripId: id,
        departTime: hhmm.optional(),
        driverName: name.optional(),
        driverPhone: z.string().trim().max(40).optional(),
      })
      .strict(),
    access: dispatchers,
    write: true,
  }),
  /** Removes a planned trip without orders. */
  'dispatch.removeTrip': spec<BoardRows>()({
    input: z.object({ tripId: id }).strict(),
    access: dispatchers,
    write: true,
  }),

  /**
   * Puts orders on a trip: from the pool, or moved from another lane. Each
   * order joins its customer's stop on the trip (a new stop at the end, or
   * before `beforeStopId`). Refused whole, naming the vehicle and the excess,
   * when the trip would go beyond its capacity in cases or kg — unless `force`
   * and the caller holds the override right (recorded). Refused for a trip
   * that has departed, and for orders not released/assigned (or on a trip
   * that is already loading).
   */
  'dispatch.assign': spec<AssignOutcome>()({
    input: z.object({ tripId: id, orderIds, beforeStopId: id.optional(), force: z.boolean().default(false) }).strict(),
    access: dispatchers,
    write: true,
  }),
  /** Back to the pool (released, reservation kept); not once the order is loaded. */
  'dispatch.unassign': spec<AssignOutcome>()({
    input: z.object({ orderIds }).strict(),
    access: dispatchers,
    write: true,
  }),
  /** Stop order within a trip: the trip's stop ids in their new driving order (all of them). */
  'dispatch.reorderStops': spec<BoardRows>()({
    input: z.object({ tripId: id, stopIds: z.array(id).min(1).max(2000) }).strict(),
    access: dispatchers,
    write: true,
  }),
  /** "Sort by route sequence": route, then the customer's stop on it; nearest neighbour from the depot where coordinates exist. */
  'dispatch.sortStops': spec<BoardRows>()({
    input: z.object({ tripId: id }).strict(),
    access: dispatchers,
    write: true,
  }),
} as const satisfies Record<string, RequestSpec>;
export type BoardRequestName = keyof typeof boardRequests;
