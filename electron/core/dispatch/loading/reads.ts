// Reading trips for the loading slice: the trips of a date with their
// progress, and the load check of a trip (per order and per product:
// expected, scanned, still missing) — what the station shows after each scan.
import type { LoadCheckOrder, LoadCheckProduct, LoadCheckView, LoadingTrip } from '../../../../shared/contract';
import type { OrderState, TripState } from '../../../../shared/contract';
import { AppError } from '../../../../shared/errors';
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

/**
 * Every line of every order on the trip with what the load check scanned for
 * it: one query, so the station answers a scan in a few milliseconds at ~170
 * orders and ~1,000 lines.
 */
export async function tripLines(db: Db, tripId: number) {
  const { rows } = await runTemplate(db, 'loading.tripLines', tripId, (t) =>
    db
      .selectFrom('trip_orders as x')
      .innerJoin('orders as o', 'o.id', 'x.order_id')
      .innerJoin('trip_stops as s', 's.id', 'x.stop_id')
      .innerJoin('order_lines as l', 'l.order_id', 'o.id')
      .leftJoin('customers as c', 'c.id', 'o.customer_id')
      .select((eb) => [
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
        eb
          .selectFrom('load_scans as k')
          .select((k) => k.fn.coalesce(k.fn.sum<number>('k.qty'), k.lit(0)).as('s'))
          .whereRef('k.line_id', '=', 'l.id')
          .as('scanned'),
      ])
      .where('x.trip_id', '=', t)
      .orderBy('s.seq')
      .orderBy('o.number')
      .orderBy('l.line_no'),
  );
  return rows.map((r) => ({
    ...r,
    productId: r.productId!,
    qty: r.qty ?? 0,
    scanned: Number(r.scanned ?? 0),
    customerName: r.customerName ?? '',
  }));
}
export type TripLine = Awaited<ReturnType<typeof tripLines>>[number];

const loadedStates: readonly string[] = ['loaded', 'departed', 'delivered', 'refused'];
export const isLoaded = (state: string) => loadedStates.includes(state);

export async function loadCheckView(db: Db, tripId: number): Promise<LoadCheckView> {
  const trip = await loadTrip(db, tripId);
  const lines = await tripLines(db, tripId);
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
  const productIds = [...byProduct.keys()];
  const products = productIds.length
    ? await db
        .selectFrom('products')
        .select(['id', 'code', 'name_zh', 'name_en', 'unit', 'case_pack'])
        .where('id', 'in', productIds)
        .execute()
    : [];
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
  const productRows: LoadCheckProduct[] = products
    .map((p) => {
      const f = byProduct.get(p.id)!;
      return {
        productId: p.id,
        productCode: p.code,
        productNameZh: p.name_zh,
        productNameEn: p.name_en,
        unit: p.unit,
        casePack: p.case_pack,
        expected: f.expected,
        scanned: f.scanned,
        missing: f.expected - f.scanned,
      };
    })
    .sort((a, b) => a.productCode.localeCompare(b.productCode));
  const orderRows = [...orders.values()];
  const totals = {
    expected: orderRows.reduce((s, o) => s + o.expected, 0),
    scanned: orderRows.reduce((s, o) => s + o.scanned, 0),
    missing: orderRows.reduce((s, o) => s + o.missing, 0),
    complete: orderRows.filter((o) => o.complete).length,
    loaded: orderRows.filter((o) => o.loaded).length,
  };
  return {
    trip,
    orders: orderRows,
    products: productRows,
    totals,
    readyToDepart: orderRows.length > 0 && totals.loaded === orderRows.length,
  };
}
