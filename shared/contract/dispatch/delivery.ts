// Dispatch slice "delivery" (issue 12 §6 §7 §8, R6 R8 R9): departure of a
// loaded trip, the delivery outcome of each order on the original order
// 原始订单签收 (signed, or refused 拒收 whole or per line with a reason), the
// goods awaiting return 待退回, the customer service level 客户服务水平, and the
// daily dispatch report 每日发货报告 with its cut-off (16:30 by default).
//
// Dates are business days 'YYYY-MM-DD' in the warehouse's time zone; `at`
// fields UTC instants; weight in grams, money in fen, quantities in base units.
import { z } from 'zod';
import { id, name } from '../schemas';
import { businessDate, type OrderState } from '../orders';
import { none, spec, type RequestSpec } from '../spec';
import { refusalReasons, type RefusalReason, type TripState } from './words';

// ---- words ---------------------------------------------------------------

/** signed: delivered and signed whole; partlyRefused: some lines (or part of them) refused; refused: the whole order. */
export const deliveryOutcomes = ['signed', 'partlyRefused', 'refused'] as const;
export type DeliveryOutcome = (typeof deliveryOutcomes)[number];

/** The report's states: the keeper saves (draft) and submits, the operator posts. */
export const dispatchReportStates = ['draft', 'submitted', 'posted'] as const;
export type DispatchReportState = (typeof dispatchReportStates)[number];

/**
 * Exceptions on the daily report: held 待处理 (or awaiting confirmation), short
 * 缺货 (on the confirmation list from release), left behind 未发 (released for
 * the date and still waiting once every trip of the date has departed),
 * refused 拒收, taken off 撤下 (taken off a trip of the date at the load check
 * and not back on one). Precisely: electron/core/dispatch/delivery/report.ts.
 */
export const reportExceptionKinds = ['held', 'short', 'leftBehind', 'refused', 'takenOff'] as const;
export type ReportExceptionKind = (typeof reportExceptionKinds)[number];

/** The default cut-off of the daily dispatch report (R9), in the warehouse's time zone. */
export const defaultReportCutoff = '16:30';

// ---- replies -------------------------------------------------------------

export type TripMove = { tripId: number; number: string; state: TripState; orderIds: number[] };

export type OutcomeView = {
  outcome: DeliveryOutcome;
  signedBy: string;
  reason: RefusalReason | null;
  note: string;
  deliveredDate: string;
  recordedBy: string;
  recordedAt: string;
};

export type DeliveryLine = {
  lineId: number;
  lineNo: number;
  productId: number;
  productCode: string;
  productName: string;
  casePack: number;
  qty: number;
  gift: boolean;
  amountFen: number;
  /** Units the customer refused on this line (0 when none). */
  refusedQty: number;
};

export type DeliveryOrder = {
  id: number;
  number: string;
  state: OrderState;
  customerCode: string;
  customerName: string;
  stopSeq: number;
  units: number;
  cases: number;
  amountFen: number;
  dueDate: string | null;
  lines: DeliveryLine[];
  outcome: OutcomeView | null;
};

/** A trip of the date as the delivery page lists it. */
export type DeliveryTripRow = {
  id: number;
  number: string;
  plate: string;
  driverName: string;
  state: TripState;
  departedAt: string | null;
  returnedAt: string | null;
  orderCount: number;
  /** Orders loaded (ready to depart) / departed without an outcome yet / signed / refused (whole or in part). */
  loaded: number;
  open: number;
  signed: number;
  refused: number;
};

export type DeliveryTrip = DeliveryTripRow & { dispatchDate: string; orders: DeliveryOrder[] };

export type AwaitingReturnRow = {
  lineId: number;
  orderId: number;
  orderNumber: string;
  customerCode: string;
  customerName: string;
  tripId: number;
  tripNumber: string;
  dispatchDate: string;
  productId: number;
  productCode: string;
  productName: string;
  casePack: number;
  status: 'good' | 'gift';
  qty: number;
  amountFen: number;
  reason: RefusalReason;
  note: string;
  refusedAt: string;
};

export type AwaitingReturn = {
  rows: AwaitingReturnRow[];
  /** Per product and status: what the vehicles bring back. */
  byProduct: {
    productId: number;
    productCode: string;
    productName: string;
    status: 'good' | 'gift';
    qty: number;
    amountFen: number;
  }[];
};

export type ServiceLevelRow = { period: string; due: number; onTime: number; rate: number | null };
export type ServiceLevel = {
  from: string;
  to: string;
  /** Orders due in the range (promised date, else delivery date; cancelled ones excepted). */
  due: number;
  /** Of those, delivered complete (signed whole) on or before the due date. */
  onTime: number;
  rate: number | null;
  days: ServiceLevelRow[];
  weeks: ServiceLevelRow[];
};

export type ReportTotals = {
  trips: number;
  customers: number;
  orders: number;
  cases: number;
  units: number;
  weightG: number;
  amountFen: number;
};

export type ReportStop = {
  customerCode: string;
  customerName: string;
  orders: number;
  cases: number;
  units: number;
  weightG: number;
  amountFen: number;
};

export type ReportTrip = {
  tripId: number;
  number: string;
  plate: string;
  driverName: string;
  state: TripState;
  departedAt: string | null;
  load: ReportTotals;
  stops: ReportStop[];
};

export type ReportException = {
  orderId: number;
  orderNumber: string;
  customerCode: string;
  customerName: string;
  kind: ReportExceptionKind;
  /** The order's state now, the refusal reason, the trip it was left off. */
  state: OrderState;
  reason: RefusalReason | null;
  /** Taken off: what the keeper gave as the reason at the load check. */
  takeOffReason: string | null;
  tripNumber: string | null;
  units: number;
  amountFen: number;
  remark: string;
};

export type DispatchReportFigures = {
  trips: ReportTrip[];
  /** Over the trips that departed. */
  dispatched: ReportTotals;
  exceptions: ReportException[];
};

export type DispatchReport = DispatchReportFigures & {
  dispatchDate: string;
  state: DispatchReportState | 'new';
  note: string;
  /** The cut-off of this date as a UTC instant (submitted after it: late). */
  cutoffAt: string;
  /** 'HH:MM' in the warehouse's time zone. */
  cutoffTime: string;
  timeZone: string;
  late: boolean | null;
  savedBy: string | null;
  savedAt: string | null;
  submittedBy: string | null;
  submittedAt: string | null;
  postedBy: string | null;
  postedAt: string | null;
  /** Whether the figures are those submitted (frozen) or computed now. */
  frozen: boolean;
};

export type CutoffView = {
  /** 'HH:MM' in the warehouse's time zone. */
  time: string;
  timeZone: string;
  /** Today's business date and its cut-off instant. */
  today: string;
  cutoffAt: string;
  /** The server's clock, so a window counts down from the server's time, not its own. */
  now: string;
  /** Today's report: not started, draft, submitted or posted. */
  todayState: DispatchReportState | 'new';
};

// ---- requests ------------------------------------------------------------

/** Who records outcomes: the dispatcher at the desk, the operator, the CS manager. */
const outcomeWriters = ['dispatcher', 'operator', 'csManager', 'admin'] as const;
const deliveryReaders = ['dispatcher', 'operator', 'csManager', 'supervisor', 'admin'] as const;
const reportReaders = ['warehouseKeeper', 'operator', 'supervisor', 'csManager', 'dispatcher', 'admin'] as const;
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time');
const note = z.string().trim().max(1000).default('');
const remarks = z
  .array(z.object({ orderId: id, remark: z.string().trim().max(500) }).strict())
  .max(20_000)
  .default([]);
const reportInput = z.object({ dispatchDate: businessDate, note, remarks }).strict();

export const deliveryRequests = {
  /** R8: the trip departs when every order on it is loaded (taken-off orders are no longer on it); its orders → departed. */
  'dispatch.depart': spec<TripMove>()({
    input: z.object({ tripId: id }).strict(),
    access: ['dispatcher', 'admin'],
    write: true,
  }),
  /** The vehicle is back, every order's outcome recorded: it may run a second trip. */
  'dispatch.returned': spec<TripMove>()({
    input: z.object({ tripId: id }).strict(),
    access: ['dispatcher', 'admin'],
    write: true,
  }),
  /** Trips of a date for the delivery page, with counts of outcomes. */
  'dispatch.deliveryTrips': spec<DeliveryTripRow[]>()({
    input: z.object({ dispatchDate: businessDate }).strict(),
    access: deliveryReaders,
    write: false,
  }),
  /** One trip with its orders, lines and outcomes, in stop order. */
  'dispatch.deliveryTrip': spec<DeliveryTrip>()({
    input: z.object({ tripId: id }).strict(),
    access: deliveryReaders,
    write: false,
  }),
  /**
   * R6: the outcome of a departed order. signed: who signed. refused: a
   * reason ('other' needs a note); without lines the whole order, with lines
   * the units refused per line (the customer signed for the rest).
   */
  'dispatch.recordOutcome': spec<DeliveryOrder>()({
    input: z.discriminatedUnion('outcome', [
      z.object({ orderId: id, outcome: z.literal('signed'), signedBy: name, note }).strict(),
      z
        .object({
          orderId: id,
          outcome: z.literal('refused'),
          reason: z.enum(refusalReasons),
          note,
          signedBy: z.string().trim().max(200).default(''),
          lines: z
            .array(z.object({ lineId: id, qty: z.number().int().positive().max(10_000_000) }).strict())
            .min(1)
            .max(2000)
            .optional(),
        })
        .strict(),
    ]),
    access: outcomeWriters,
    write: true,
  }),
  /** Refused goods coming back on the vehicles, not yet taken in (optionally of one dispatch date). */
  'dispatch.awaitingReturn': spec<AwaitingReturn>()({
    input: z.object({ dispatchDate: businessDate.optional() }).strict(),
    access: reportReaders,
    write: false,
  }),
  /** 客户服务水平 for a range of due dates: delivered complete by the promised date ÷ orders due. */
  'dispatch.serviceLevel': spec<ServiceLevel>()({
    input: z.object({ from: businessDate, to: businessDate }).strict(),
    access: deliveryReaders,
    write: false,
  }),

  /** The daily dispatch report of a date: as submitted once submitted, else computed now. */
  'dispatch.report': spec<DispatchReport>()({
    input: z.object({ dispatchDate: businessDate }).strict(),
    access: reportReaders,
    write: false,
  }),
  /** The keeper saves the remarks and the note (a draft). */
  'dispatch.saveReport': spec<DispatchReport>()({
    input: reportInput,
    access: ['warehouseKeeper', 'admin'],
    write: true,
  }),
  /** The keeper submits it: the figures are frozen; late when after the cut-off. */
  'dispatch.submitReport': spec<DispatchReport>()({
    input: reportInput,
    access: ['warehouseKeeper', 'admin'],
    write: true,
  }),
  /** R9: the operator posts a submitted report, once. */
  'dispatch.postReport': spec<DispatchReport>()({
    input: z.object({ dispatchDate: businessDate }).strict(),
    access: ['operator', 'admin'],
    write: true,
  }),
  /** The cut-off and today's report state, for the keeper's countdown. */
  'dispatch.cutoff': spec<CutoffView>()({
    input: none,
    access: 'any',
    write: false,
  }),
  /** Changes the cut-off ('HH:MM' in the warehouse's time zone). */
  'dispatch.setCutoff': spec<CutoffView>()({
    input: z.object({ time: hhmm }).strict(),
    access: ['admin', 'csManager'],
    write: true,
  }),
} as const satisfies Record<string, RequestSpec>;
export type DeliveryRequestName = keyof typeof deliveryRequests;
