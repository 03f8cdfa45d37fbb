// The demo's delivered orders (issue 13 §Returns 1): the returns of the demo
// refer to orders their customers really received, so their credit is real
// (the order line's price) and the salesperson's return-report form finds
// delivered orders to pick. A trip of two days ago carried one order to each
// of a dozen customers of the salesperson 陈业务; its outcomes go through the
// delivery slice's own service (recordOutcome: signed, one refused in part, so
// the keeper finds refused goods awaiting return) and the trip comes back.
// Like the four weeks of history in demo.ts, the orders are written as they
// stood when they left (departed, on their trip): stock left with that day's
// dispatch issues, so nothing here moves stock. Deterministic.
import type { Role } from '../../../shared/domain';
import { businessDay } from '../clock';
import type { ServiceContext } from '../context';
import { zonedInstant } from '../dispatch/delivery/cutoff';
import { recordOutcome } from '../dispatch/delivery/outcomes';
import { returnTrip } from '../dispatch/delivery/departure';
import { addDays, today } from '../orders/dates';
import { loadPriceBook } from '../orders/prices';

type AsUser = (userId: number, username: string, roles: Role[], now: Date) => ServiceContext;

export type DemoDelivered = {
  orderId: number;
  number: string;
  customerId: number;
  lines: { productId: number; casePack: number; qty: number }[];
};

const hour = 3600_000;

/** A dozen delivered orders of the salesperson `sales`'s customers, in customer code order. */
export async function loadDemoDelivered(
  ctx: ServiceContext,
  asUser: AsUser,
  ids: Map<string, number>,
): Promise<DemoDelivered[]> {
  const db = ctx.db;
  const salesId = ids.get('sales');
  const operatorId = ids.get('operator');
  const dispatcherId = ids.get('dispatcher');
  if (salesId === undefined || operatorId === undefined || dispatcherId === undefined) return [];
  const customers = await db
    .selectFrom('customers')
    .select(['id', 'code'])
    .where('salesperson_id', '=', salesId)
    .where('blocked', '=', 0)
    .orderBy('code')
    .limit(12)
    .execute();
  const vehicle = await db.selectFrom('vehicles').selectAll().orderBy('id').executeTakeFirst();
  if (customers.length === 0 || !vehicle) return [];
  // Products that sell plainly: active, not replaced, not case-only; priced below.
  const candidates = await db
    .selectFrom('products')
    .select(['id', 'code', 'case_pack'])
    .where('active', '=', 1)
    .where('replaced_by_id', 'is', null)
    .where('case_only', '=', 0)
    .orderBy('code')
    .limit(60)
    .execute();
  // Two days ago at 08:00 in the warehouse's zone (the trip's depart time): the afternoon it
  // came back is the same business day, so its signed orders count as delivered on time.
  const dispatchDate = today(new Date(ctx.now.getTime() - 56 * hour), ctx.timeZone);
  const departed = zonedInstant(dispatchDate, '08:00', ctx.timeZone);
  const orderDate = addDays(dispatchDate, -1);
  const book = await loadPriceBook(
    db,
    candidates.map((p) => p.id),
  );
  const products = candidates.filter((p) => (book.priceOf(p.id, null, orderDate) ?? 0) > 0);
  if (products.length < 12) return [];

  const at = departed.toISOString();
  const trip = await db
    .insertInto('trips')
    .values({
      number: `T${dispatchDate.replaceAll('-', '')}-01`,
      dispatch_date: dispatchDate,
      vehicle_id: vehicle.id,
      seq: 1,
      driver_name: vehicle.driver_name,
      driver_phone: vehicle.driver_phone,
      depart_time: '08:00',
      state: 'departed',
      created_by: dispatcherId,
      created_at: at,
      updated_at: at,
      departed_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const day = businessDay(departed, ctx.timeZone);
  const counter = await db
    .insertInto('document_counters')
    .values({ type: 'order', day, last: customers.length })
    .onConflict((oc) => oc.columns(['type', 'day']).doUpdateSet({ last: customers.length }))
    .returning('last')
    .executeTakeFirstOrThrow();
  const first = counter.last - customers.length + 1;

  const out: DemoDelivered[] = [];
  for (const [k, c] of customers.entries()) {
    // Three lines of 4–7 cases each, drawn around the catalogue so neighbours differ.
    const lines = [0, 1, 2].map((j) => {
      const p = products[(k * 2 + j * 5) % products.length]!;
      const cases = 4 + ((k + j) % 4);
      return { productId: p.id, code: p.code, casePack: p.case_pack, cases, qty: cases * p.case_pack };
    });
    const priced = lines.map((l) => ({ ...l, priceFen: book.priceOf(l.productId, c.id, orderDate) ?? 0 }));
    const units = priced.reduce((s, l) => s + l.qty, 0);
    const number = `SO-${day}-${String(first + k).padStart(5, '0')}`;
    const order = await db
      .insertInto('orders')
      .values({
        number,
        state: 'departed',
        channel: 'desk',
        reference: null,
        customer_code: c.code,
        customer_id: c.id,
        salesperson_id: salesId,
        order_date: orderDate,
        dispatch_date: dispatchDate,
        delivery_date: dispatchDate,
        promised_date: dispatchDate,
        emergency: 0,
        note: '',
        issues: '[]',
        first_time_qualified: 1,
        signature: `demo-delivered|${c.code}|${orderDate}`,
        import_id: null,
        import_line: null,
        line_count: priced.length,
        units,
        cases: priced.reduce((s, l) => s + l.cases, 0),
        loose_units: 0,
        amount_fen: priced.reduce((s, l) => s + l.qty * l.priceFen, 0),
        created_by: operatorId,
        created_at: new Date(departed.getTime() - 20 * hour).toISOString(),
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('order_lines')
      .values(
        priced.map((l, j) => ({
          order_id: order.id,
          line_no: j + 1,
          product_code: l.code,
          product_id: l.productId,
          entered_qty: l.cases,
          per: 'case',
          qty: l.qty,
          gift: 0,
          price_fen: l.priceFen,
        })),
      )
      .execute();
    const stop = await db
      .insertInto('trip_stops')
      .values({ trip_id: trip.id, customer_id: c.id, seq: k + 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('trip_orders')
      .values({ order_id: order.id, trip_id: trip.id, stop_id: stop.id, assigned_by: dispatcherId, assigned_at: at })
      .execute();
    out.push({
      orderId: order.id,
      number,
      customerId: c.id,
      lines: priced.map((l) => ({ productId: l.productId, casePack: l.casePack, qty: l.qty })),
    });
  }

  // The afternoon the trip came back: signed, and the last stop refused two cases of its first line.
  const operator = asUser(operatorId, 'operator', ['operator'], new Date(departed.getTime() + 7 * hour));
  for (const [k, o] of out.entries()) {
    if (k === out.length - 1) {
      const line = await db
        .selectFrom('order_lines')
        .select('id')
        .where('order_id', '=', o.orderId)
        .where('line_no', '=', 1)
        .executeTakeFirstOrThrow();
      await recordOutcome(operator, {
        orderId: o.orderId,
        outcome: 'refused',
        reason: 'damaged',
        note: '外箱压坏 Crushed outer case',
        signedBy: '店主',
        lines: [{ lineId: line.id, qty: 2 * o.lines[0]!.casePack }],
      });
    } else await recordOutcome(operator, { orderId: o.orderId, outcome: 'signed', signedBy: '店主', note: '' });
  }
  await returnTrip(
    asUser(dispatcherId, 'dispatcher', ['dispatcher'], new Date(departed.getTime() + 8 * hour)),
    trip.id,
  );
  return out;
}
