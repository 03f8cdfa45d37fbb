// A warehouse ready to dispatch (issue 12), on top of the orders slice's
// (tests/integration/orders/orderFixtures.ts): a dispatcher, P001 and P002
// weighed (P001 600 g a bottle, 24 a case: 14.4 kg a case; P002 260 g),
// plenty of both in stock, and helpers for vehicles, trips and released
// orders of tomorrow. Shared by the board, loading and delivery tests.
import type { Caller } from '../../../electron/core/context';
import type { RequestInput, RequestReply, TripLane, VehicleRow } from '../../../shared/contract';
import { call, password } from '../fixtures';
import { orderWarehouse, type OrderWarehouse } from '../orders/orderFixtures';

export type DispatchWarehouse = OrderWarehouse & {
  dispatcher: Caller;
  /** A vehicle (a fresh plate unless given), saved by the dispatcher. */
  vehicle(input?: Partial<RequestInput<'vehicles.save'>>): Promise<VehicleRow>;
  /** A trip of tomorrow on `vehicleId` (a new vehicle of 100 cases / 2,000 kg when omitted). */
  trip(vehicleId?: number, input?: Partial<RequestInput<'dispatch.createTrip'>>): Promise<TripLane>;
  /** A released order of tomorrow: `cases` cases of P001 for `customerCode` (C001 by default); the same customer and lines twice is a duplicate (held). */
  released(cases: number, input?: Partial<RequestInput<'orders.create'>>): Promise<RequestReply<'orders.create'>>;
  /** A second dispatcher holding the right to force beyond capacity (users.dispatch_override). */
  overrider(): Promise<Caller>;
  board(caller?: Caller): Promise<RequestReply<'dispatch.board'>>;
};

let plates = 0;

export async function dispatchWarehouse(): Promise<DispatchWarehouse> {
  const ow = await orderWarehouse();
  const { w } = ow;
  const dispatcher = await w.as('dispatcher');
  await call(w.core, w.admin, 'products.update', { id: ow.product('P001'), unitWeightG: 600 });
  await call(w.core, w.admin, 'products.update', { id: ow.product('P002'), unitWeightG: 260 });
  await ow.stock('P001', 24 * 2000);
  await ow.stock('P002', 24 * 500);
  const vehicle: DispatchWarehouse['vehicle'] = (input = {}) =>
    call(w.core, dispatcher, 'vehicles.save', {
      plate: `粤A·T${String(++plates).padStart(4, '0')}`,
      vehicleType: '4.2米厢式',
      capacityCases: 100,
      capacityKg: 2000,
      driverName: '测试司机',
      driverPhone: '13900000000',
      ...input,
    });
  let overrider: Caller | null = null;
  return {
    ...ow,
    dispatcher,
    vehicle,
    async trip(vehicleId, input = {}) {
      const v = vehicleId ?? (await vehicle()).id;
      return call(w.core, dispatcher, 'dispatch.createTrip', { dispatchDate: ow.tomorrow, vehicleId: v, ...input });
    },
    async released(cases, input = {}) {
      const o = await ow.order({ lines: [{ productCode: 'P001', qty: cases * 24 }], ...input });
      await call(w.core, ow.op, 'orders.release', { orderIds: [o.id] });
      return o;
    },
    async overrider() {
      if (overrider) return overrider;
      await call(w.core, w.admin, 'users.create', {
        username: 'lead',
        displayName: '调度主管',
        roles: ['dispatcher'],
        password,
      });
      const lead = (await call(w.core, w.admin, 'users.list', {})).find((u) => u.username === 'lead')!;
      await call(w.core, w.admin, 'users.setDispatchOverride', { userId: lead.id, allowed: true, reason: '调度主管' });
      overrider = w.core.newCaller('lead');
      await call(w.core, overrider, 'auth.login', { username: 'lead', secret: password });
      return overrider;
    },
    board: (caller = dispatcher) => call(w.core, caller, 'dispatch.board', { dispatchDate: ow.tomorrow }),
  };
}
