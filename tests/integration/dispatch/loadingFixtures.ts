// A warehouse with released orders on a trip, ready for its pick list and load
// check. The trip and its assignments are written straight into the tables of
// migration 010 (vehicle, trip, stops, trip orders; orders → assigned) until
// the board's services (dispatch.createTrip / dispatch.assign, branch
// h/board-core) are merged; then `onTrip` calls them instead.
import type { Caller } from '../../../electron/core/context';
import { call, newKey } from '../fixtures';
import { orderWarehouse, type OrderWarehouse } from '../orders/orderFixtures';

export type LoadingWarehouse = OrderWarehouse & {
  dispatcher: Caller;
  /** Puts `qty` of a product into a bin by its code (A-01 …). */
  stockIn(code: string, bin: string, qty: number, status?: 'good' | 'gift'): Promise<void>;
  /** A trip of tomorrow carrying these released orders, in this stop order; returns its id and number. */
  onTrip(orderIds: number[], plate?: string): Promise<{ tripId: number; number: string }>;
  balances(): Promise<Map<string, number>>;
  reserved(): Promise<Map<string, number>>;
};

let tripSeq = 0;

export async function loadingWarehouse(): Promise<LoadingWarehouse> {
  const ow = await orderWarehouse();
  const { w } = ow;
  const dispatcher = await w.as('dispatcher');
  const db = w.core.database.db;
  const bin = (code: string) => w.bins.find((b) => b.code === code)!.id;
  return {
    ...ow,
    dispatcher,
    async stockIn(code, binCode, qty, status = 'good') {
      await call(w.core, ow.keeper, 'receipts.post', {
        deliveryNote: `QS-${newKey().slice(-12)}`,
        arrivedAt: new Date().toISOString(),
        idempotencyKey: newKey(),
        lines: [{ productId: ow.product(code), status, locationId: bin(binCode), qty }],
      });
    },
    async onTrip(orderIds, plate = `粤A-${String(++tripSeq).padStart(5, '0')}`) {
      const at = new Date().toISOString();
      const admin = w.admin.session!.userId;
      const vehicle = await db
        .insertInto('vehicles')
        .values({
          plate,
          driver_name: '王师傅',
          driver_phone: '13800000000',
          capacity_cases: 500,
          capacity_kg: 3000,
          area: '天河',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const number = `T${ow.tomorrow.replaceAll('-', '')}-${String(tripSeq).padStart(2, '0')}`;
      const trip = await db
        .insertInto('trips')
        .values({
          number,
          dispatch_date: ow.tomorrow,
          vehicle_id: vehicle.id,
          seq: 1,
          driver_name: '王师傅',
          state: 'planned',
          created_by: admin,
          created_at: at,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const orders = await db.selectFrom('orders').select(['id', 'customer_id']).where('id', 'in', orderIds).execute();
      const stops = new Map<number, number>();
      for (const id of orderIds) {
        const customer = orders.find((o) => o.id === id)!.customer_id!;
        let stop = stops.get(customer);
        if (stop === undefined) {
          const s = await db
            .insertInto('trip_stops')
            .values({ trip_id: trip.id, customer_id: customer, seq: stops.size + 1 })
            .returning('id')
            .executeTakeFirstOrThrow();
          stops.set(customer, (stop = s.id));
        }
        await db
          .insertInto('trip_orders')
          .values({ order_id: id, trip_id: trip.id, stop_id: stop, assigned_by: admin, assigned_at: at })
          .execute();
      }
      await db.updateTable('orders').set({ state: 'assigned' }).where('id', 'in', orderIds).execute();
      return { tripId: trip.id, number };
    },
    async balances() {
      const rows = await call(w.core, ow.op, 'stock.balances', {});
      const out = new Map<string, number>();
      for (const r of rows) {
        const code = w.products.find((p) => p.id === r.productId)!.code;
        const binCode = w.bins.find((b) => b.id === r.locationId)?.code ?? String(r.locationId);
        out.set(`${code}|${r.status}|${binCode}`, r.qty);
      }
      return out;
    },
    async reserved() {
      const rows = await db.selectFrom('reserved_stock').select(['product_id', 'status', 'qty']).execute();
      return new Map(
        rows.map((r) => [`${w.products.find((p) => p.id === r.product_id)!.code}|${r.status}`, r.qty] as const),
      );
    },
  };
}
