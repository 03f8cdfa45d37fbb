// Orders 订单处理 (issue 11, R1 R2 R4 R5 R8 R13): customers 客户档案, prices,
// order intake (desk, phone, fax, file), qualification 合格订单, phone-order
// confirmation, release 下发 with stock reservation, and the daily order
// confirmation list 每日订单确认. Words, states, reply types and the requests
// of the slice; requests.ts spreads `ordersRequests` into the one map.
//
// Dates: `orderDate`, `dispatchDate`, `deliveryDate`, price validity are
// business days 'YYYY-MM-DD' in the warehouse's time zone; `at` fields are UTC
// instants. Money in integer fen, quantities in integer base units.
import { z } from 'zod';
import { maxQuantity } from '../domain';
import type { ImportReport } from './types';
import { amountFen, code, id, name, optionalText } from './schemas';
import { none, spec, type RequestSpec } from './spec';

// ---- words ---------------------------------------------------------------

/** How the order came in: phone 电话, fax 传真, file/EDI 文件, desk 手工. */
export const orderChannels = ['phone', 'fax', 'file', 'desk'] as const;
export type OrderChannel = (typeof orderChannels)[number];

/**
 * received → held (unqualified, 待处理) / awaitingConfirmation (phone, 待确认) →
 * qualified → short (on the daily confirmation list) → released (reserved, 已下发)
 * → [dispatch issue: assigned → picking → loaded → departed → delivered / refused];
 * cancelled from any state before loading, with a reason. The transitions are
 * one table in electron/core/orders/states.ts.
 */
export const orderStates = [
  'received',
  'held',
  'awaitingConfirmation',
  'qualified',
  'short',
  'released',
  'assigned',
  'picking',
  'loaded',
  'departed',
  'delivered',
  'refused',
  'cancelled',
] as const;
export type OrderState = (typeof orderStates)[number];

/** States in which an order is still open (counts for duplicates, may be cancelled). */
export const openOrderStates = [
  'received',
  'held',
  'awaitingConfirmation',
  'qualified',
  'short',
  'released',
  'assigned',
  'picking',
] as const satisfies readonly OrderState[];

/** R1: why an order is not qualified. Every failing reason is listed, not the first. */
export const orderReasons = [
  'unknownCustomer',
  'blockedCustomer',
  'unknownProduct',
  'inactiveProduct',
  /** R13: the line names an old code; `successorCode` names the new one (orders.switchLine). */
  'oldCode',
  'notWholeNumber',
  'notWholeCases',
  'missingPrice',
  'missingDate',
  'pastDate',
  /** The delivery date is before the dispatch date, or the dispatch date before the order date. */
  'datesOutOfOrder',
  'noLines',
  /** A likely duplicate of an open order of the same customer (same order date, same lines). */
  'likelyDuplicate',
] as const;
export type OrderReason = (typeof orderReasons)[number];

export type OrderIssue = {
  reason: OrderReason;
  /** 1-based line of the order, when the reason is a line's. */
  lineNo?: number;
  productCode?: string;
  /** R13: the successor of an old code. */
  successorCode?: string;
  /** likelyDuplicate: the number of the earlier open order. */
  duplicateOf?: string;
  field?: 'orderDate' | 'dispatchDate' | 'deliveryDate';
};

/** A line is entered in units or in cases (a case line becomes case-pack units). */
export const lineUnits = ['unit', 'case'] as const;
export type LineUnit = (typeof lineUnits)[number];

/** How the salesperson's consent to a change of what the customer gets was given (R4). */
export const consentWays = ['phone', 'inPerson'] as const;
export type ConsentWay = (typeof consentWays)[number];

export const orderEventKinds = [
  'received',
  'qualified',
  'held',
  'awaiting',
  'changed',
  'confirmed',
  'rejected',
  'released',
  'short',
  'takenBack',
  'substituted',
  'reduced',
  'removed',
  'switchedCode',
  'cancelled',
  'issued',
  'assigned',
  'moved',
  'unassigned',
] as const;
export type OrderEventKind = (typeof orderEventKinds)[number];

// ---- replies -------------------------------------------------------------

export type CustomerView = {
  id: number;
  code: string;
  name: string;
  address: string;
  area: string;
  route: string;
  /** Stop sequence on the route 线路顺序; null when not placed yet. */
  stopSeq: number | null;
  contact: string;
  phone: string;
  salespersonId: number | null;
  salespersonName: string | null;
  /** ISO weekdays the customer takes deliveries on: 1 = Monday … 7 = Sunday. */
  deliveryDays: number[];
  blocked: boolean;
  blockedReason: string;
  lat: number | null;
  lng: number | null;
  updatedAt: string;
};

export type SalespersonView = { id: number; displayName: string; customers: number };

export type PriceView = {
  id: number;
  productId: number;
  productCode: string;
  productName: string;
  /** null: the list price; else a customer-specific price. */
  customerId: number | null;
  customerCode: string | null;
  priceFen: number;
  validFrom: string;
  /** Inclusive; null: open-ended. */
  validTo: string | null;
};

export type OrderRow = {
  id: number;
  number: string;
  state: OrderState;
  channel: OrderChannel;
  /** The external order reference (from a file or a customer's system), or null. */
  reference: string | null;
  customerId: number | null;
  customerCode: string;
  customerName: string | null;
  area: string | null;
  route: string | null;
  stopSeq: number | null;
  salespersonId: number | null;
  salespersonName: string | null;
  orderDate: string;
  dispatchDate: string | null;
  deliveryDate: string | null;
  emergency: boolean;
  lineCount: number;
  /** Σ units of all lines (gift lines included). */
  units: number;
  /** Σ whole cases over the lines, and the loose units beside them. */
  cases: number;
  looseUnits: number;
  amountFen: number;
  /** R1: empty when qualified. */
  issues: OrderIssue[];
  firstTimeQualified: boolean;
  confirmedBy: string | null;
  note: string;
  createdAt: string;
  updatedAt: string;
};

export type OrderLineView = {
  id: number;
  lineNo: number;
  productId: number | null;
  productCode: string;
  productName: string | null;
  casePack: number | null;
  /** What was entered: the quantity and whether in units or cases. */
  enteredQty: number;
  per: LineUnit;
  /** Base units; null when the entered quantity is not a positive whole number. */
  qty: number | null;
  /** R2: a gift line 赠品 is served from gift stock at price 0. */
  gift: boolean;
  priceFen: number | null;
  amountFen: number;
  /** Units held for this line while the order is released. */
  reserved: number;
};

export type OrderEventView = {
  id: number;
  at: string;
  userId: number | null;
  userName: string | null;
  kind: OrderEventKind;
  fromState: OrderState | null;
  toState: OrderState | null;
  /** What changed, the reason, the consent (who, how), etc. */
  detail: Record<string, unknown>;
};

export type OrderSource =
  | { kind: 'file'; importId: number; fileName: string; line: number }
  | { kind: 'desk' | 'phone' | 'fax'; enteredBy: string | null };

export type OrderView = OrderRow & {
  promisedDate: string | null;
  lines: OrderLineView[];
  events: OrderEventView[];
  source: OrderSource;
};

export type ReleaseReport = {
  released: number[];
  /** Whole orders that could not be reserved (R8): now on the daily confirmation list. */
  short: number[];
  /** Orders not in a releasable state (held, awaiting confirmation, already released…). */
  skipped: { orderId: number; state: OrderState }[];
};

export type ShortLine = {
  lineId: number;
  lineNo: number;
  productId: number;
  productCode: string;
  productName: string;
  gift: boolean;
  qty: number;
  /** Σ balances of the product in the line's status, over all locations. */
  onHand: number;
  /** Reserved by released orders. */
  reserved: number;
  available: number;
  shortfall: number;
  /** R13: another product the operator may offer (the successor of an old code), if any. */
  successorCode: string | null;
};

export type ShortOrder = {
  order: OrderRow;
  lines: ShortLine[];
  /** True when stock now covers every line: orders.retryShort will release it. */
  releasable: boolean;
};

export type ImportPreviewOrder = {
  reference: string;
  customerCode: string;
  line: number;
  lines: number;
  issues: OrderIssue[];
};

export type OrderImportPreview = {
  fileName: string;
  fileHash: string;
  rows: number;
  orders: number;
  lines: number;
  qualified: number;
  unqualified: number;
  /** How many orders fail for each reason. */
  reasonCounts: Partial<Record<OrderReason, number>>;
  /** The unqualified orders with their first line in the file (at most 500). */
  unqualifiedOrders: ImportPreviewOrder[];
  /** Rows that keep the whole file out (bad dates, quantities that are not numbers…). */
  errors: { line: number; reason: OrderFileReason; field?: string }[];
  /** Set when this file was already imported: orders.import would be refused. */
  alreadyImported: { importId: number; at: string; by: string | null } | null;
};

export type OrderImportResult = {
  importId: number;
  orders: number;
  lines: number;
  qualified: number;
  unqualified: number;
  awaitingConfirmation: number;
};

export type QualifiedRateRow = {
  /** 'YYYY-MM-DD' for a day; the ISO week 'YYYY-Www' for a week. */
  period: string;
  received: number;
  firstTimeQualified: number;
  /** firstTimeQualified ÷ received; null when nothing was received. */
  rate: number | null;
};
export type QualifiedRate = { days: QualifiedRateRow[]; weeks: QualifiedRateRow[] };

// ---- the order file (README "The order file") ------------------------------

export const orderFileColumns = [
  'order_ref',
  'customer_code',
  'product_code',
  'qty',
  'unit',
  'gift',
  'order_date',
  'dispatch_date',
  'delivery_date',
  'channel',
  'emergency',
  'note',
] as const;
export const requiredOrderFileColumns = ['order_ref', 'customer_code', 'product_code', 'qty'] as const;

/** Why a row keeps the whole file out (as opposed to an order's qualification reasons). */
export const orderFileReasons = [
  'missingColumn',
  'required',
  'tooLong',
  'notNumber',
  'badDate',
  'badUnit',
  'badFlag',
  'badChannel',
  /** Rows of one order_ref disagree on the customer, dates, channel or emergency. */
  'inconsistentOrder',
  /** The order_ref of this customer was imported before. */
  'referenceImported',
  /** U+FFFD: the file was decoded with the wrong encoding somewhere; nothing is stored. */
  'replacementChar',
] as const;
export type OrderFileReason = (typeof orderFileReasons)[number];

export const customerCsvColumns = [
  'code',
  'name',
  'address',
  'area',
  'route',
  'stop_seq',
  'contact',
  'phone',
  'salesperson',
  'delivery_days',
  'blocked',
  'blocked_reason',
  'lat',
  'lng',
] as const;

export const priceCsvColumns = ['product_code', 'customer_code', 'price', 'valid_from', 'valid_to'] as const;

// ---- inputs --------------------------------------------------------------

export const businessDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'date');
const weekday = z.number().int().min(1).max(7);
const orderRef = z.object({ orderId: id }).strict();
const orderIds = z.array(id).min(1).max(20_000);
const csvText = z.string().max(40_000_000);
const fileName = z.string().trim().min(1).max(260);
const consent = z
  .object({
    how: z.enum(consentWays),
    /** The salesperson who consented; the order's salesperson when left out. */
    salespersonId: id.optional(),
    note: optionalText,
  })
  .strict();

/** A line as keyed at the desk. The quantity is checked by qualification (R1), not refused here. */
const lineInput = z
  .object({
    productId: id.optional(),
    productCode: z.string().trim().min(1).max(64).optional(),
    qty: z.number().finite().min(-maxQuantity).max(maxQuantity),
    per: z.enum(lineUnits).optional(),
    gift: z.boolean().optional(),
  })
  .strict()
  .refine((l) => l.productId !== undefined || l.productCode !== undefined, { message: 'product', path: ['productId'] });

const customerInput = z
  .object({
    id: id.optional(),
    code,
    name,
    address: z.string().trim().max(300).optional(),
    area: z.string().trim().max(100),
    route: z.string().trim().max(100),
    stopSeq: z.number().int().min(1).max(100_000).nullable().optional(),
    contact: z.string().trim().max(100).optional(),
    phone: z.string().trim().max(40).optional(),
    salespersonId: id.nullable().optional(),
    deliveryDays: z.array(weekday).max(7).optional(),
    blocked: z.boolean().optional(),
    blockedReason: z.string().trim().max(300).optional(),
    lat: z.number().min(-90).max(90).nullable().optional(),
    lng: z.number().min(-180).max(180).nullable().optional(),
  })
  .strict()
  .refine((c) => !c.blocked || (c.blockedReason ?? '').length > 0, {
    message: 'reasonRequired',
    path: ['blockedReason'],
  })
  .refine((c) => (c.lat == null) === (c.lng == null), { message: 'latLngTogether', path: ['lat'] });

// ---- requests ------------------------------------------------------------

/** Who reads customers, prices and orders. */
const orderReaders = ['operator', 'csManager', 'salesperson', 'dispatcher', 'supervisor', 'warehouseKeeper'] as const;
const masterDataEditors = ['operator', 'admin'] as const;
/** Who enters, changes, releases and cancels orders. A keeper does not. */
const orderWriters = ['operator', 'csManager'] as const;
const confirmers = ['salesperson', 'csManager'] as const;

export const ordersRequests = {
  'customers.list': spec<CustomerView[]>()({
    input: z.object({ ids: z.array(id).max(20_000).optional() }).strict(),
    access: [...orderReaders, 'admin'],
    write: false,
  }),
  'customers.save': spec<CustomerView>()({ input: customerInput, access: masterDataEditors, write: true }),
  /** All or nothing: every bad row by line number; new codes inserted, known codes updated. */
  'customers.import': spec<ImportReport>()({
    input: z.object({ csv: csvText }).strict(),
    access: masterDataEditors,
    write: true,
  }),
  /** The customers as a CSV in the import's columns (customerCsvColumns), UTF-8 with BOM. */
  'customers.export': spec<{ csv: string; rows: number }>()({
    input: none,
    access: [...orderReaders, 'admin'],
    write: false,
  }),
  /** The users holding the salesperson role, to assign to customers. */
  'customers.salespeople': spec<SalespersonView[]>()({
    input: none,
    access: [...orderReaders, 'admin'],
    write: false,
  }),

  'prices.list': spec<PriceView[]>()({
    input: z
      .object({ productId: id.optional(), customerId: id.nullable().optional(), on: businessDate.optional() })
      .strict(),
    access: [...orderReaders, 'admin'],
    write: false,
  }),
  /** Creates or replaces the price of (product, customer, validFrom). */
  'prices.set': spec<PriceView>()({
    input: z
      .object({
        productId: id,
        customerId: id.nullable(),
        priceFen: amountFen,
        validFrom: businessDate,
        validTo: businessDate.nullable().optional(),
      })
      .strict()
      .refine((p) => p.validTo == null || p.validTo >= p.validFrom, { message: 'validTo', path: ['validTo'] }),
    access: masterDataEditors,
    write: true,
  }),
  'prices.remove': spec<null>()({ input: z.object({ id }).strict(), access: masterDataEditors, write: true }),
  'prices.import': spec<ImportReport>()({
    input: z.object({ csv: csvText }).strict(),
    access: masterDataEditors,
    write: true,
  }),

  'orders.list': spec<OrderRow[]>()({
    input: z
      .object({
        dispatchDate: businessDate.optional(),
        orderDate: businessDate.optional(),
        states: z.array(z.enum(orderStates)).min(1).max(orderStates.length).optional(),
        customerId: id.optional(),
        ids: z.array(id).min(1).max(20_000).optional(),
        limit: z.number().int().min(1).max(50_000).optional(),
      })
      .strict(),
    access: orderReaders,
    write: false,
  }),
  'orders.get': spec<OrderView>()({ input: orderRef, access: orderReaders, write: false }),
  /** Desk, phone or fax entry; qualified at once (R1). Dates default: dispatch next working day, delivery the day after. */
  'orders.create': spec<OrderView>()({
    input: z
      .object({
        channel: z.enum(['phone', 'fax', 'desk']),
        customerId: id.optional(),
        customerCode: z.string().trim().min(1).max(64).optional(),
        reference: z.string().trim().min(1).max(64).optional(),
        orderDate: businessDate.optional(),
        dispatchDate: businessDate.nullable().optional(),
        deliveryDate: businessDate.nullable().optional(),
        emergency: z.boolean().optional(),
        note: optionalText,
        lines: z.array(lineInput).max(500),
      })
      .strict()
      .refine((o) => o.customerId !== undefined || o.customerCode !== undefined, {
        message: 'customer',
        path: ['customerId'],
      }),
    access: orderWriters,
    write: true,
  }),
  /**
   * Changes an order before release (a released order is taken back first:
   * orders.takeBack). `lines` replaces every line. Requalified at once.
   */
  'orders.update': spec<OrderView>()({
    input: z
      .object({
        orderId: id,
        customerId: id.optional(),
        dispatchDate: businessDate.nullable().optional(),
        deliveryDate: businessDate.nullable().optional(),
        emergency: z.boolean().optional(),
        note: optionalText,
        lines: z.array(lineInput).max(500).optional(),
      })
      .strict(),
    access: orderWriters,
    write: true,
  }),
  /** R13: switches a line naming an old code to its successor. */
  'orders.switchLine': spec<OrderView>()({
    input: z.object({ orderId: id, lineId: id }).strict(),
    access: orderWriters,
    write: true,
  }),
  /** Qualifies held orders again (after a customer, product or price was corrected). */
  'orders.requalify': spec<{ orderIds: number[]; qualified: number; held: number }>()({
    input: z.object({ orderIds: orderIds.optional(), dispatchDate: businessDate.optional() }).strict(),
    access: orderWriters,
    write: true,
  }),
  'orders.cancel': spec<OrderView>()({
    input: z.object({ orderId: id, reason: name, consent: consent.optional() }).strict(),
    access: orderWriters,
    write: true,
  }),

  /** R1: the caller's customers' phone orders awaiting confirmation (a CS manager sees everyone's). */
  'orders.pendingConfirmation': spec<OrderRow[]>()({ input: none, access: confirmers, write: false }),
  'orders.confirm': spec<OrderView>()({ input: orderRef, access: confirmers, write: true }),
  'orders.reject': spec<OrderView>()({
    input: z.object({ orderId: id, reason: name }).strict(),
    access: confirmers,
    write: true,
  }),

  /**
   * R4 R5 R8: reserves every line of each order at once against
   * available = on hand − reserved, or none (the order goes to `short`).
   * Either `orderIds`, or `dispatchDate` for every qualified order of that day.
   */
  'orders.release': spec<ReleaseReport>()({
    input: z
      .object({ orderIds: orderIds.optional(), dispatchDate: businessDate.optional() })
      .strict()
      .refine((r) => (r.orderIds === undefined) !== (r.dispatchDate === undefined), {
        message: 'orderIdsOrDispatchDate',
        path: ['orderIds'],
      }),
    access: orderWriters,
    write: true,
  }),
  /** A released order back to qualified: its reservation ends; its lines may then be changed. */
  'orders.takeBack': spec<OrderView>()({ input: orderRef, access: orderWriters, write: true }),

  /** 每日订单确认 (R4): the short orders of a dispatch date, each short line with its figures. */
  // Not the keeper's: it shows on hand per product, which a blind counter must not read (R10).
  'orders.confirmationList': spec<ShortOrder[]>()({
    input: z.object({ dispatchDate: businessDate }).strict(),
    access: ['operator', 'csManager', 'salesperson', 'supervisor'],
    write: false,
  }),
  /** Releases the short orders (of a date, or all) that stock now covers. */
  'orders.retryShort': spec<ReleaseReport>()({
    input: z.object({ dispatchDate: businessDate.optional() }).strict(),
    access: orderWriters,
    write: true,
  }),
  /** R4: substitute, reduce or remove a line of a short order, with the salesperson's consent. */
  'orders.resolveLine': spec<OrderView>()({
    input: z.discriminatedUnion('action', [
      z
        .object({
          action: z.literal('substitute'),
          orderId: id,
          lineId: id,
          productId: id,
          qty: z.number().int().positive().max(maxQuantity).optional(),
          consent,
        })
        .strict(),
      z
        .object({
          action: z.literal('reduce'),
          orderId: id,
          lineId: id,
          qty: z.number().int().positive().max(maxQuantity),
          consent,
        })
        .strict(),
      z.object({ action: z.literal('remove'), orderId: id, lineId: id, consent }).strict(),
    ]),
    access: orderWriters,
    write: true,
  }),

  /** Parses and checks an order file; writes nothing. */
  'orders.previewImport': spec<OrderImportPreview>()({
    input: z.object({ csv: csvText, fileName }).strict(),
    access: orderWriters,
    write: false,
  }),
  /** All or nothing per file; the same file (hash) or an order_ref already imported is refused. */
  'orders.import': spec<OrderImportResult>()({
    input: z.object({ csv: csvText, fileName }).strict(),
    access: orderWriters,
    write: true,
  }),

  /** 合格订单率: first-time qualified ÷ received, per order day and ISO week. */
  'orders.qualifiedRate': spec<QualifiedRate>()({
    input: z.object({ from: businessDate, to: businessDate }).strict(),
    access: ['operator', 'csManager', 'supervisor'],
    write: false,
  }),
} as const satisfies Record<string, RequestSpec>;

export type OrdersRequests = typeof ordersRequests;
export type OrdersRequestName = keyof OrdersRequests;

/** Event payload: orders changed; `rows` carries them when few, else null (grids reload the date). */
export type OrdersChanged = { orderIds: number[]; dispatchDates: string[]; rows: OrderRow[] | null };
