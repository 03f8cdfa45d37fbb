// What the delivery page reads: the trips of a date with their outcome counts,
// and one trip with its orders (in stop order), lines and outcomes.
import type {
  DeliveryLine,
  DeliveryOrder,
  DeliveryOutcome,
  DeliveryTrip,
  DeliveryTripRow,
  OrderState,
  RefusalReason,
  TripState,
} from '../../../../shared/contract';
import { AppError } from '../../../../shared/errors';
import type { Db } from '../../db/schema';

type TripBase = {
  id: number;
  number: string;
  plate: string;
  driver_name: string;
  state: string;
  departed_at: string | null;
  returned_at: string | null;
  dispatch_date: string;
};

function tripQuery(db: Db) {
  return db
    .selectFrom('trips as t')
    .innerJoin('vehicles as v', 'v.id', 't.vehicle_id')
    .select([
      't.id',
      't.number',
      'v.plate',
      't.driver_name',
      't.state',
      't.departed_at',
      't.returned_at',
      't.dispatch_date',
    ]);
}

async function counts(db: Db, tripIds: number[]) {
  const out = new Map<number, { orders: number; loaded: number; open: number; signed: number; refused: number }>();
  if (tripIds.length === 0) return out;
  const rows = await db
    .selectFrom('trip_orders as x')
    .innerJoin('orders as o', 'o.id', 'x.order_id')
    .leftJoin('order_outcomes as oc', 'oc.order_id', 'o.id')
    .select(['x.trip_id', 'o.state', 'oc.outcome', (eb) => eb.fn.countAll<number>().as('n')])
    .where('x.trip_id', 'in', tripIds)
    .groupBy(['x.trip_id', 'o.state', 'oc.outcome'])
    .execute();
  for (const r of rows) {
    const c = out.get(r.trip_id) ?? { orders: 0, loaded: 0, open: 0, signed: 0, refused: 0 };
    const n = Number(r.n);
    c.orders += n;
    if (r.state === 'loaded') c.loaded += n;
    if (r.state === 'departed') c.open += n;
    if (r.outcome === 'signed') c.signed += n;
    if (r.outcome === 'refused' || r.outcome === 'partlyRefused') c.refused += n;
    out.set(r.trip_id, c);
  }
  return out;
}

function tripRow(
  t: TripBase,
  c: { orders: number; loaded: number; open: number; signed: number; refused: number } | undefined,
): DeliveryTripRow {
  return {
    id: t.id,
    number: t.number,
    plate: t.plate,
    driverName: t.driver_name,
    state: t.state as TripState,
    departedAt: t.departed_at,
    returnedAt: t.returned_at,
    orderCount: c?.orders ?? 0,
    loaded: c?.loaded ?? 0,
    open: c?.open ?? 0,
    signed: c?.signed ?? 0,
    refused: c?.refused ?? 0,
  };
}

export async function deliveryTrips(db: Db, dispatchDate: string): Promise<DeliveryTripRow[]> {
  const trips = await tripQuery(db)
    .where('t.dispatch_date', '=', dispatchDate)
    .orderBy('v.plate')
    .orderBy('t.seq')
    .execute();
  const c = await counts(
    db,
    trips.map((t) => t.id),
  );
  return trips.map((t) => tripRow(t, c.get(t.id)));
}

/** The orders (with lines and outcomes) of the given ids, in the order given. */
export async function deliveryOrders(db: Db, orderIds: number[]): Promise<DeliveryOrder[]> {
  if (orderIds.length === 0) return [];
  const orders = await db
    .selectFrom('orders as o')
    .leftJoin('customers as c', 'c.id', 'o.customer_id')
    .leftJoin('trip_orders as x', 'x.order_id', 'o.id')
    .leftJoin('trip_stops as s', 's.id', 'x.stop_id')
    .leftJoin('order_outcomes as oc', 'oc.order_id', 'o.id')
    .leftJoin('users as u', 'u.id', 'oc.recorded_by')
    .select([
      'o.id',
      'o.number',
      'o.state',
      'o.customer_code',
      'c.name as customerName',
      's.seq as stopSeq',
      'o.units',
      'o.cases',
      'o.amount_fen',
      'o.promised_date',
      'o.delivery_date',
      'oc.outcome',
      'oc.signed_by',
      'oc.reason',
      'oc.note',
      'oc.delivered_date',
      'u.display_name as recordedBy',
      'oc.recorded_at',
    ])
    .where('o.id', 'in', orderIds)
    .execute();
  const lines = await db
    .selectFrom('order_lines as l')
    .innerJoin('products as p', 'p.id', 'l.product_id')
    .leftJoin('refused_lines as r', 'r.line_id', 'l.id')
    .select([
      'l.id',
      'l.order_id',
      'l.line_no',
      'l.product_id',
      'p.code',
      'p.name_zh',
      'p.case_pack',
      'l.qty',
      'l.gift',
      'l.price_fen',
      'r.qty as refusedQty',
    ])
    .where('l.order_id', 'in', orderIds)
    .orderBy('l.order_id')
    .orderBy('l.line_no')
    .execute();
  const byOrder = new Map<number, DeliveryLine[]>();
  for (const l of lines) {
    let list = byOrder.get(l.order_id);
    if (!list) byOrder.set(l.order_id, (list = []));
    const qty = l.qty ?? 0;
    list.push({
      lineId: l.id,
      lineNo: l.line_no,
      productId: l.product_id!,
      productCode: l.code,
      productName: l.name_zh,
      casePack: l.case_pack,
      qty,
      gift: l.gift === 1,
      amountFen: qty * (l.price_fen ?? 0),
      refusedQty: l.refusedQty ?? 0,
    });
  }
  const byId = new Map(
    orders.map((o): [number, DeliveryOrder] => [
      o.id,
      {
        id: o.id,
        number: o.number,
        state: o.state as OrderState,
        customerCode: o.customer_code,
        customerName: o.customerName ?? '',
        stopSeq: o.stopSeq ?? 0,
        units: o.units,
        cases: o.cases,
        amountFen: o.amount_fen,
        dueDate: o.promised_date ?? o.delivery_date,
        lines: byOrder.get(o.id) ?? [],
        outcome:
          o.outcome === null
            ? null
            : {
                outcome: o.outcome as DeliveryOutcome,
                signedBy: o.signed_by ?? '',
                reason: o.reason as RefusalReason | null,
                note: o.note ?? '',
                deliveredDate: o.delivered_date ?? '',
                recordedBy: o.recordedBy ?? '',
                recordedAt: o.recorded_at ?? '',
              },
      },
    ]),
  );
  return orderIds.map((id) => byId.get(id)).filter((o): o is DeliveryOrder => o !== undefined);
}

export async function deliveryTrip(db: Db, tripId: number): Promise<DeliveryTrip> {
  const t = await tripQuery(db).where('t.id', '=', tripId).executeTakeFirst();
  if (!t) throw new AppError('delivery.unknownTrip', { tripId });
  const ids = await db
    .selectFrom('trip_orders as x')
    .innerJoin('trip_stops as s', 's.id', 'x.stop_id')
    .innerJoin('orders as o', 'o.id', 'x.order_id')
    .select('x.order_id')
    .where('x.trip_id', '=', tripId)
    .orderBy('s.seq')
    .orderBy('o.number')
    .execute();
  const c = await counts(db, [tripId]);
  return {
    ...tripRow(t, c.get(tripId)),
    dispatchDate: t.dispatch_date,
    orders: await deliveryOrders(
      db,
      ids.map((r) => r.order_id),
    ),
  };
}
