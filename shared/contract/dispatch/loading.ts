// Dispatch slice "loading" (issue 12 §4 §5, R5 R8): pick lists 拣货单 of a
// trip or a wave of trips, starting picking, the load check at the dock
// 装车核对 (a station task: scan the trip's barcode, then the goods), loading
// an order — which issues its stock through the one posting function,
// consuming its reservation — and taking a short order off its trip whole.
import { z } from 'zod';
import { id } from '../schemas';
import { businessDate, type OrderState } from '../orders';
import { spec, type RequestSpec } from '../spec';
import type { TripState } from './words';

// ---- replies -------------------------------------------------------------

/** A trip as the loading page and the pick list head show it. */
export type LoadingTrip = {
  id: number;
  /** 车次号: the trip's barcode, scanned at the station to begin its load check. */
  number: string;
  dispatchDate: string;
  plate: string;
  driverName: string;
  driverPhone: string;
  departTime: string;
  state: TripState;
  stops: number;
  orders: number;
  /** Orders already loaded (stock issued). */
  loaded: number;
  units: number;
};

/** Where to take how much of a pick line: bins by location code (walking order). */
export type PickBin = { locationId: number; locationCode: string; qty: number };

export type PickLine = {
  productId: number;
  productCode: string;
  productNameZh: string;
  productNameEn: string;
  unit: string;
  casePack: number;
  /** good for normal lines, gift for gift lines (R2: gifts come from gift stock). */
  status: 'good' | 'gift';
  units: number;
  cases: number;
  loose: number;
  bins: PickBin[];
  /** Units no bin holds now (0 when the stock is there). */
  shortUnits: number;
  /** The orders this line serves, with what each takes. */
  orders: { orderId: number; number: string; customerName: string; qty: number }[];
};

export type PickList = {
  trips: LoadingTrip[];
  /** In walking order: by the code of the first bin to take from (lines without stock last). */
  lines: PickLine[];
  totals: { lines: number; orders: number; units: number; cases: number; loose: number };
  /** When it was made (UTC). */
  at: string;
};

export type LoadCheckOrder = {
  orderId: number;
  number: string;
  customerCode: string;
  customerName: string;
  /** The customer's stop on the trip (driving order). */
  stopSeq: number;
  state: OrderState;
  expected: number;
  scanned: number;
  missing: number;
  /** Every line scanned in full: it may be loaded (R8). */
  complete: boolean;
  loaded: boolean;
  /** What is still missing, per product (empty when complete). */
  missingLines: { productCode: string; missing: number }[];
};

export type LoadCheckProduct = {
  productId: number;
  productCode: string;
  productNameZh: string;
  productNameEn: string;
  unit: string;
  casePack: number;
  expected: number;
  scanned: number;
  missing: number;
};

export type LoadCheckView = {
  trip: LoadingTrip;
  /** By stop, then order number. */
  orders: LoadCheckOrder[];
  /** By product code. */
  products: LoadCheckProduct[];
  totals: { expected: number; scanned: number; missing: number; complete: number; loaded: number };
  /** Every order on the trip loaded (and at least one): departure is DELIVERY's. */
  readyToDepart: boolean;
};

// ---- requests ------------------------------------------------------------

/** Who reads trips and pick lists: the dock, the dispatcher, the office. */
const loadingReaders = ['dispatcher', 'warehouseKeeper', 'operator', 'supervisor', 'csManager', 'admin'] as const;
/** Who works the dock: picking, loading, taking a short order off. */
const dockHands = ['warehouseKeeper', 'dispatcher', 'admin'] as const;
const tripIds = z.array(id).min(1).max(40);

export const takeOffDestinations = ['pool', 'confirmationList'] as const;
export type TakeOffDestination = (typeof takeOffDestinations)[number];

export const loadingRequests = {
  /** The trips of a dispatch date with their state and progress (the loading page). */
  'dispatch.loadingTrips': spec<LoadingTrip[]>()({
    input: z.object({ dispatchDate: businessDate }).strict(),
    access: loadingReaders,
    write: false,
  }),
  /** The pick list of one trip, or of a wave of trips (one list over all their orders). */
  'dispatch.pickList': spec<PickList>()({
    input: z.object({ tripIds }).strict(),
    access: loadingReaders,
    write: false,
  }),
  /** Planned trips go picking, with their orders; a trip already picking is left as it is. */
  'dispatch.startPicking': spec<LoadingTrip[]>()({
    input: z.object({ tripIds }).strict(),
    access: dockHands,
    write: true,
  }),
  /** The load check of a trip as the station shows it: per order and per product expected, scanned, missing. */
  'dispatch.loadCheck': spec<LoadCheckView>()({
    input: z.object({ tripId: id }).strict(),
    access: loadingReaders,
    write: false,
  }),
  /**
   * Loads one complete order (R8: refused while anything is missing): issues
   * its stock — one dispatchIssue document for its lines, and a giftIssue one
   * for its gift lines when it has any — from the bins of the pick list,
   * ends its reservation, order → loaded, in one transaction.
   */
  'dispatch.loadOrder': spec<LoadCheckView>()({
    input: z.object({ orderId: id }).strict(),
    access: dockHands,
    write: true,
  }),
  /**
   * Takes a short order off its trip whole (never shipped short): back to the
   * pool (released, reservation kept) or to the daily confirmation list
   * (short, reservation ended). What was scanned for it comes off the truck.
   */
  'dispatch.takeOff': spec<LoadCheckView>()({
    input: z
      .object({ orderId: id, to: z.enum(takeOffDestinations), reason: z.string().trim().min(1).max(500) })
      .strict(),
    access: dockHands,
    write: true,
  }),
} as const satisfies Record<string, RequestSpec>;
export type LoadingRequestName = keyof typeof loadingRequests;
