// Reading trips for the loading slice: the trips of a date with their
// progress, and the load check of a trip (per order and per product:
// expected, scanned, still missing) — what the station shows after each scan.
import type { LoadCheckOrder, LoadCheckProduct, LoadCheckView, LoadingTrip } from '../../../../shared/contract';
import type { OrderState, TripState } from '../../../../shared/contract';
import { sql } from 'kysely';
import { AppError } from '../../../../shared/errors';
import { loadCheckTotals } from '../../../../shared/station/patch';
import { runTemplate } from '../../db/queryTemplate';
import type { Db } from '../../db/schema';

type TripHead = {
  id: number;
  number: string;
  dispatch_date: string;
  plate: string;
  driver_name: string;
  driver_phone: string;
  depart_time: string;
  state: string;
};

const tripHead = (db: Db) =>
  db
    .selectFrom('trips as t')
    .innerJoin('vehicles as v', 'v.id', 't.vehicle_id')
    .select([
      't.id',
      't.number',
      't.dispatch_date',
      'v.plate',
      't.driver_name',
      't.driver_phone',
      't.depart_time',
      't.state',
    ]);

/** Stops, orders, loaded orders and units per trip. */
async function tripFigures(db: Db, tripIds: number[]) {
  const out = new Map<number, { stops: number; orders: number; loaded: number; units: number }>();
  if (tripIds.length === 0) return out;
  const rows = await db
    .selectFrom('trip_orders as x')
    .innerJoin('orders as o', 'o.id', 'x.order_id')
    .select((eb) => [
      'x.trip_id',
      eb.fn.count<number>('x.stop_id').distinct().as('stops'),
      eb.fn.countAll<number>().as('orders'),
      eb.fn.sum<number>(eb.case().when('o.state', 'in', ['loaded', 'departed']).then(1).else(0).end()).as('loaded'),
      eb.fn.sum<number>('o.units').as('units'),
    ])
    .where('x.trip_id', 'in', tripIds)
    .groupBy('x.trip_id')
    .execute();
  for (const r of rows)
    out.set(r.trip_id, {
      stops: Number(r.stops),
      orders: Number(r.orders),
      loaded: Number(r.loaded),
      units: Number(r.units ?? 0),
    });
  return out;
}

function toTrip(h: TripHead, f: { stops: number; orders: number; loaded: number; units: number } | undefined) {
  return {
    id: h.id,
    number: h.number,
    dispatchDate: h.dispatch_date,
    plate: h.plate,
    driverName: h.driver_name,
    driverPhone: h.driver_phone,
    departTime: h.depart_time,
    state: h.state as TripState,
    stops: f?.stops ?? 0,
    orders: f?.orders ?? 0,
    loaded: f?.loaded ?? 0,
    units: f?.units ?? 0,
  } satisfies LoadingTrip;
}

export async function tripsOfDate(db: Db, dispatchDate: string): Promise<LoadingTrip[]> {
  const heads = await tripHead(db).where('t.dispatch_date', '=', dispatchDate).orderBy('t.number').execute();
  const figures = await tripFigures(
    db,
    heads.map((h) => h.id),
  );
  return heads.map((h) => toTrip(h, figures.get(h.id)));
}

export async function loadTrips(db: Db, tripIds: number[]): Promise<LoadingTrip[]> {
  const heads = await tripHead(db).where('t.id', 'in', tripIds).orderBy('t.number').execute();
  const missing = tripIds.find((id) => !heads.some((h) => h.id === id));
  if (missing !== undefined) throw new AppError('loading.tripNotFound', { tripId: missing });
  const figures = await tripFigures(db, tripIds);
  return heads.map((h) => toTrip(h, figures.get(h.id)));
}

export async function loadTrip(db: Db, tripId: number): Promise<LoadingTrip> {
  return (await loadTrips(db, [tripId]))[0]!;
}

/** The trip's trip barcode: a scan of it at the station. */
export async function tripByNumber(db: Db, number: string): Promise<{ id: number; number: string } | undefined> {
  const { rows } = await runTemplate(db, 'loading.tripByNumber', number, (n) =>
    db.selectFrom('trips').select(['id', 'number']).where('number', '=', n),
  );
  return rows[0];
}

/** What the load check scanned per order line of the trip (load_scans by its trip index). */
export async function scannedByLine(db: Db, tripId: number, productId?: number): Promise<Map<number, number>> {
  const { rows } =
    productId === undefined
      ? await runTemplate(db, 'loading.scannedByLine', tripId, (t) =>
          db
            .selectFrom('load_scans')
            .select((eb) => ['line_id', eb.fn.sum<number>('qty').as('qty')])
            .where('trip_id', '=', t)
            .groupBy('line_id'),
        )
      : await runTemplate(db, 'loading.scannedByLineOf', { tripId, productId }, (p) =>
          db
            .selectFrom('load_scans')
            .select((eb) => ['line_id', eb.fn.sum<number>('qty').as('qty')])
            .where('trip_id', '=', p.tripId)
            .where('product_id', '=', p.productId)
            .groupBy('line_id'),
        );
  return new Map(rows.map((r) => [r.line_id, Number(r.qty)]));
}

/** The trip's order lines (no scans): what stays put while the goods are scanned. */
async function staticLines(db: Db, tripId: number) {
  const { rows } = await runTemplate(db, 'loading.tripLines', tripId, (t) =>
    db
      .selectFrom('trip_orders as x')
      .innerJoin('orders as o', 'o.id', 'x.order_id')
      .innerJoin('trip_stops as s', 's.id', 'x.stop_id')
      .innerJoin('order_lines as l', 'l.order_id', 'o.id')
      .leftJoin('customers as c', 'c.id', 'o.customer_id')
      .select([
        'o.id as orderId',
        'o.number',
        'o.state',
        'o.customer_code as customerCode',
        'c.name as customerName',
        's.seq as stopSeq',
        'l.id as lineId',
        'l.line_no as lineNo',
        'l.product_id as productId',
        'l.qty',
        'l.gift',
      ])
      .where('x.trip_id', '=', t)
      .orderBy('s.seq')
      .orderBy('o.number')
      .orderBy('l.line_no'),
  );
  return rows.map((r) => ({ ...r, productId: r.productId!, qty: r.qty ?? 0, customerName: r.customerName ?? '' }));
}

/**
 * What changes the trip's lines but not its scans: an order on or off, a
 * state change (orders.updated_at moves with every transition), stops
 * reordered. One small aggregate, so the station can keep the lines between
 * scans and read only the scans (load_scans by its trip index) at each one.
 */
async function tripSignature(db: Db, tripId: number): Promise<string> {
  const { rows } = await runTemplate(db, 'loading.tripSignature', tripId, (t) =>
    db
      .selectFrom('trip_orders as x')
      .innerJoin('orders as o', 'o.id', 'x.order_id')
      .innerJoin('trip_stops as s', 's.id', 'x.stop_id')
      .select((eb) => [
        eb.fn.countAll<number>().as('n'),
        eb.fn.sum<number>('x.order_id').as('ids'),
        eb.fn.max('o.updated_at').as('updated'),
        eb.fn.sum<number>(sql<number>`s.seq * x.order_id`).as('seqs'),
        eb.fn.sum<number>(sql<number>`length(o.state) * x.order_id`).as('states'),
      ])
      .where('x.trip_id', '=', t),
  );
  const r = rows[0];
  return r ? `${r.n}|${r.ids}|${r.updated}|${r.seqs}|${r.states}` : '';
}

type StaticLine = Awaited<ReturnType<typeof staticLines>>[number];
type ProductRow = { id: number; code: string; name_zh: string; name_en: string; unit: string; case_pack: number };
type Kept = { signature: string; lines: StaticLine[]; products: ProductRow[] };
/** Per database (its root handle) and trip: the lines and products last read, and their signature. */
const kept = new WeakMap<object, Map<number, Kept>>();

async function productsOf(db: Db, ids: number[]): Promise<ProductRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('products')
    .select(['id', 'code', 'name_zh', 'name_en', 'unit', 'case_pack'])
    .where('id', 'in', ids)
    .execute();
}

/** The trip's lines and products: read again only when its signature moved (with `keepIn`), else every time. */
async function linesAndProducts(db: Db, tripId: number, keepIn?: object): Promise<Omit<Kept, 'signature'>> {
  if (!keepIn) {
    const lines = await staticLines(db, tripId);
    return { lines, products: await productsOf(db, [...new Set(lines.map((l) => l.productId))]) };
  }
  const signature = await tripSignature(db, tripId);
  let trips = kept.get(keepIn);
  if (!trips) kept.set(keepIn, (trips = new Map()));
  const hit = trips.get(tripId);
  if (hit && hit.signature === signature) return hit;
  const lines = await staticLines(db, tripId);
  const entry = { signature, lines, products: await productsOf(db, [...new Set(lines.map((l) => l.productId))]) };
  trips.set(tripId, entry);
  return entry;
}

/** Every line of every order on the trip with what the load check scanned for it. */
export async function tripLines(db: Db, tripId: number) {
  const lines = await staticLines(db, tripId);
  const scanned = await scannedByLine(db, tripId);
  return lines.map((l) => ({ ...l, scanned: scanned.get(l.lineId) ?? 0 }));
}
export type TripLine = Awaited<ReturnType<typeof tripLines>>[number];

const loadedStates: readonly string[] = ['loaded', 'departed', 'delivered', 'refused'];
export const isLoaded = (state: string) => loadedStates.includes(state);

type ScannedLine = StaticLine & { scanned: number };

/**
 * The load check's rows from some of the trip's lines with what is scanned of
 * each: an order's row is right when all its lines are given, a product's row
 * when all the trip's lines of it are.
 */
function checkRows(lines: readonly ScannedLine[], products: readonly ProductRow[]) {
  const orders = new Map<number, LoadCheckOrder>();
  const byProduct = new Map<number, { expected: number; scanned: number }>();
  for (const l of lines) {
    let o = orders.get(l.orderId);
    if (!o) {
      const loaded = isLoaded(l.state);
      orders.set(
        l.orderId,
        (o = {
          orderId: l.orderId,
          number: l.number,
          customerCode: l.customerCode,
          customerName: l.customerName,
          stopSeq: l.stopSeq,
          state: l.state as OrderState,
          expected: 0,
          scanned: 0,
          missing: 0,
          complete: true,
          loaded,
          missingLines: [],
        }),
      );
    }
    // A loaded order went on the truck whole: its lines count as scanned.
    const scanned = o.loaded ? l.qty : l.scanned;
    o.expected += l.qty;
    o.scanned += scanned;
    o.missing += l.qty - scanned;
    const p = byProduct.get(l.productId) ?? { expected: 0, scanned: 0 };
    p.expected += l.qty;
    p.scanned += scanned;
    byProduct.set(l.productId, p);
  }
  const codeOf = new Map(products.map((p) => [p.id, p.code]));
  for (const l of lines) {
    const o = orders.get(l.orderId)!;
    if (o.loaded || l.scanned >= l.qty) continue;
    o.complete = false;
    const code = codeOf.get(l.productId) ?? '';
    const m = o.missingLines.find((x) => x.productCode === code);
    if (m) m.missing += l.qty - l.scanned;
    else o.missingLines.push({ productCode: code, missing: l.qty - l.scanned });
  }
  const productRows: LoadCheckProduct[] = [];
  for (const p of products) {
    const f = byProduct.get(p.id);
    if (!f) continue;
    productRows.push({
      productId: p.id,
      productCode: p.code,
      productNameZh: p.name_zh,
      productNameEn: p.name_en,
      unit: p.unit,
      casePack: p.case_pack,
      expected: f.expected,
      scanned: f.scanned,
      missing: f.expected - f.scanned,
    });
  }
  // Product codes are ASCII: a plain comparison, no collator on every scan.
  productRows.sort((a, b) => (a.productCode < b.productCode ? -1 : a.productCode > b.productCode ? 1 : 0));
  return { orders: [...orders.values()], products: productRows };
}

/**
 * `keepIn` (the database's root handle): keep the trip's lines between calls
 * while its signature holds.
 */
export async function loadCheckView(db: Db, tripId: number, keepIn?: object): Promise<LoadCheckView> {
  const trip = await loadTrip(db, tripId);
  const fixed = await linesAndProducts(db, tripId, keepIn);
  const scannedOf = await scannedByLine(db, tripId);
  const lines = fixed.lines.map((l) => ({ ...l, scanned: scannedOf.get(l.lineId) ?? 0 }));
  const { orders, products } = checkRows(lines, fixed.products);
  return { trip, orders, products, ...loadCheckTotals(orders) };
}

/**
 * What goods scans changed in the trip's load check (the station's patch
 * after a scan): the rows of the orders they filled and of their products,
 * whole — read from those orders' lines and those products' scans only, not
 * the trip's ~1,000 lines and their scans as the whole view does.
 */
export async function loadCheckChanges(
  db: Db,
  tripId: number,
  scanIds: readonly number[],
  keepIn?: object,
): Promise<{ orders: LoadCheckOrder[]; products: LoadCheckProduct[] }> {
  if (scanIds.length === 0) return { orders: [], products: [] };
  const { rows: touched } = await runTemplate(db, 'loading.scanTouched', [...scanIds], (ids) =>
    db.selectFrom('load_scans').select(['order_id', 'product_id']).where('scan_id', 'in', ids),
  );
  if (touched.length === 0) return { orders: [], products: [] };
  const orderIds = [...new Set(touched.map((t) => t.order_id))];
  const productIds = [...new Set(touched.map((t) => t.product_id))];
  const fixed = await linesAndProducts(db, tripId, keepIn);
  const orderSet = new Set(orderIds);
  const productSet = new Set(productIds);
  const lines = fixed.lines.filter((l) => orderSet.has(l.orderId) || productSet.has(l.productId));
  const scanned = new Map<number, number>();
  const byOrder = await runTemplate(db, 'loading.scannedOfOrders', { tripId, orderIds }, (p) =>
    db
      .selectFrom('load_scans')
      .select((eb) => ['line_id', eb.fn.sum<number>('qty').as('qty')])
      .where('order_id', 'in', p.orderIds)
      .where('trip_id', '=', p.tripId)
      .groupBy('line_id'),
  );
  const byProduct = await runTemplate(db, 'loading.scannedOfProducts', { tripId, productIds }, (p) =>
    db
      .selectFrom('load_scans')
      .select((eb) => ['line_id', eb.fn.sum<number>('qty').as('qty')])
      .where('trip_id', '=', p.tripId)
      .where('product_id', 'in', p.productIds)
      .groupBy('line_id'),
  );
  for (const r of [...byOrder.rows, ...byProduct.rows]) scanned.set(r.line_id, Number(r.qty));
  const rows = checkRows(
    lines.map((l) => ({ ...l, scanned: scanned.get(l.lineId) ?? 0 })),
    fixed.products,
  );
  return {
    orders: rows.orders.filter((o) => orderSet.has(o.orderId)),
    products: rows.products.filter((p) => productSet.has(p.productId)),
  };
}
