// Reading orders: the grid's rows (one query for a day of 5,200 orders, the
// totals kept on the order) and an order's page (lines, reservation, history,
// source).
import type {
  LineUnit,
  OrderChannel,
  OrderEventKind,
  OrderEventView,
  OrderIssue,
  OrderRow,
  OrderState,
  OrderView,
} from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { Db } from '../db/schema';

export type OrderFilter = {
  ids?: number[];
  dispatchDate?: string;
  orderDate?: string;
  states?: readonly OrderState[];
  customerId?: number;
  salespersonId?: number;
  limit?: number;
};

function baseQuery(db: Db) {
  return db
    .selectFrom('orders as o')
    .leftJoin('customers as c', 'c.id', 'o.customer_id')
    .leftJoin('users as s', 's.id', 'o.salesperson_id')
    .leftJoin('users as k', 'k.id', 'o.confirmed_by')
    .select([
      'o.id',
      'o.number',
      'o.state',
      'o.channel',
      'o.reference',
      'o.customer_id',
      'o.customer_code',
      'c.name as customer_name',
      'c.area',
      'c.route',
      'c.stop_seq',
      'o.salesperson_id',
      's.display_name as salesperson_name',
      'o.order_date',
      'o.dispatch_date',
      'o.delivery_date',
      'o.promised_date',
      'o.emergency',
      'o.line_count',
      'o.units',
      'o.cases',
      'o.loose_units',
      'o.amount_fen',
      'o.issues',
      'o.first_time_qualified',
      'k.display_name as confirmed_name',
      'o.note',
      'o.import_id',
      'o.import_line',
      'o.created_by',
      'o.created_at',
      'o.updated_at',
    ]);
}
type Raw = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number];

function toRow(r: Raw): OrderRow {
  return {
    id: r.id,
    number: r.number,
    state: r.state as OrderState,
    channel: r.channel as OrderChannel,
    reference: r.reference,
    customerId: r.customer_id,
    customerCode: r.customer_code,
    customerName: r.customer_name ?? null,
    area: r.area ?? null,
    route: r.route ?? null,
    stopSeq: r.stop_seq ?? null,
    salespersonId: r.salesperson_id,
    salespersonName: r.salesperson_name ?? null,
    orderDate: r.order_date,
    dispatchDate: r.dispatch_date,
    deliveryDate: r.delivery_date,
    emergency: r.emergency === 1,
    lineCount: r.line_count,
    units: r.units,
    cases: r.cases,
    looseUnits: r.loose_units,
    amountFen: r.amount_fen,
    issues: JSON.parse(r.issues) as OrderIssue[],
    firstTimeQualified: r.first_time_qualified === 1,
    confirmedBy: r.confirmed_name ?? null,
    note: r.note,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function orderRows(db: Db, f: OrderFilter): Promise<OrderRow[]> {
  let q = baseQuery(db);
  if (f.ids) q = q.where('o.id', 'in', f.ids.length > 0 ? f.ids : [0]);
  if (f.dispatchDate !== undefined) q = q.where('o.dispatch_date', '=', f.dispatchDate);
  if (f.orderDate !== undefined) q = q.where('o.order_date', '=', f.orderDate);
  if (f.states) q = q.where('o.state', 'in', f.states);
  if (f.customerId !== undefined) q = q.where('o.customer_id', '=', f.customerId);
  if (f.salespersonId !== undefined) q = q.where('o.salesperson_id', '=', f.salespersonId);
  const rows = await q
    .orderBy('o.emergency', 'desc')
    .orderBy('o.id')
    .limit(f.limit ?? 50_000)
    .execute();
  return rows.map(toRow);
}

export async function orderView(db: Db, orderId: number): Promise<OrderView> {
  const raw = await baseQuery(db).where('o.id', '=', orderId).executeTakeFirst();
  if (!raw) throw new AppError('orders.notFound', { orderId });
  const lines = await db
    .selectFrom('order_lines as l')
    .leftJoin('products as p', 'p.id', 'l.product_id')
    .leftJoin('order_reservations as r', 'r.line_id', 'l.id')
    .select([
      'l.id',
      'l.line_no',
      'l.product_id',
      'l.product_code',
      'p.name_zh',
      'p.case_pack',
      'l.entered_qty',
      'l.per',
      'l.qty',
      'l.gift',
      'l.price_fen',
      'r.qty as reserved',
    ])
    .where('l.order_id', '=', orderId)
    .orderBy('l.line_no')
    .execute();
  const events = await db
    .selectFrom('order_events as e')
    .leftJoin('users as u', 'u.id', 'e.user_id')
    .select(['e.id', 'e.at', 'e.user_id', 'u.display_name', 'e.kind', 'e.from_state', 'e.to_state', 'e.detail'])
    .where('e.order_id', '=', orderId)
    .orderBy('e.id')
    .execute();
  let source: OrderView['source'];
  if (raw.import_id !== null) {
    const imp = await db
      .selectFrom('order_imports')
      .select('file_name')
      .where('id', '=', raw.import_id)
      .executeTakeFirstOrThrow();
    source = { kind: 'file', importId: raw.import_id, fileName: imp.file_name, line: raw.import_line ?? 0 };
  } else {
    const by = await db.selectFrom('users').select('display_name').where('id', '=', raw.created_by).executeTakeFirst();
    source = { kind: raw.channel as 'desk' | 'phone' | 'fax', enteredBy: by?.display_name ?? null };
  }
  return {
    ...toRow(raw),
    promisedDate: raw.promised_date,
    lines: lines.map((l) => ({
      id: l.id,
      lineNo: l.line_no,
      productId: l.product_id,
      productCode: l.product_code,
      productName: l.name_zh ?? null,
      casePack: l.case_pack ?? null,
      enteredQty: l.entered_qty,
      per: l.per as LineUnit,
      qty: l.qty,
      gift: l.gift === 1,
      priceFen: l.price_fen,
      amountFen: (l.qty ?? 0) * (l.price_fen ?? 0),
      reserved: l.reserved ?? 0,
    })),
    events: events.map((e): OrderEventView => ({
      id: e.id,
      at: e.at,
      userId: e.user_id,
      userName: e.display_name ?? null,
      kind: e.kind as OrderEventKind,
      fromState: e.from_state as OrderState | null,
      toState: e.to_state as OrderState | null,
      detail: JSON.parse(e.detail) as Record<string, unknown>,
    })),
    source,
  };
}

/** The stored order as a draft again, to requalify it after a change. */
export async function loadOrder(db: Db, orderId: number) {
  const o = await db.selectFrom('orders').selectAll().where('id', '=', orderId).executeTakeFirst();
  if (!o) throw new AppError('orders.notFound', { orderId });
  const lines = await db
    .selectFrom('order_lines')
    .selectAll()
    .where('order_id', '=', orderId)
    .orderBy('line_no')
    .execute();
  return { order: o, lines };
}
