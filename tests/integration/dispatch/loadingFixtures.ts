// A warehouse with released orders on a trip, ready for its pick list and load
// check: the dispatcher makes the vehicle and the trip and assigns the orders
// through the board's own requests.
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
      const vehicle = await call(w.core, dispatcher, 'vehicles.save', {
        plate,
        capacityCases: 500,
        capacityKg: 3000,
        driverName: '王师傅',
        driverPhone: '13800000000',
      });
      const trip = await call(w.core, dispatcher, 'dispatch.createTrip', {
        dispatchDate: ow.tomorrow,
        vehicleId: vehicle.id,
      });
      await call(w.core, dispatcher, 'dispatch.assign', { tripId: trip.id, orderIds });
      return { tripId: trip.id, number: trip.number };
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
