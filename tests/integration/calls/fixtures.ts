// A warehouse with a day of deliveries to follow up (issue 16 §4): orders a
// and b of C001 signed, c of C002 refused 10 units, all delivered today; CS
// staff to share calls among.
import type { Caller } from '../../../electron/core/context';
import { call, password } from '../fixtures';
import { dispatchWarehouse, type DispatchWarehouse } from '../dispatch/fixtures';

const p1Case = '16901234567899';

export type CallsWarehouse = DispatchWarehouse & {
  a: { id: number; number: string };
  b: { id: number; number: string };
  c: { id: number; number: string };
  /** The business day the outcomes were recorded on. */
  day: string;
  /** A CS person (operator) of that name, logged in, with their user id. */
  staff(username: string): Promise<{ caller: Caller; id: number }>;
  userId(username: string): Promise<number>;
};

export async function callsWarehouse(): Promise<CallsWarehouse> {
  const dw = await dispatchWarehouse();
  const { w, keeper, dispatcher, op } = dw;
  const trip = await dw.trip();
  const a = await dw.released(1);
  const b = await dw.released(2);
  const c = await dw.released(1, { customerCode: 'C002' });
  await call(w.core, dispatcher, 'dispatch.assign', { tripId: trip.id, orderIds: [a.id, b.id, c.id] });
  await call(w.core, keeper, 'dispatch.startPicking', { tripIds: [trip.id] });
  await call(w.core, keeper, 'station.setTask', { task: 'load' });
  const scan = (raw: string) =>
    call(w.core, keeper, 'scanner.submit', { raw, source: 'wedge', sourceName: 'Dock gun' });
  await scan(trip.number);
  for (let i = 0; i < 4; i++) await scan(p1Case);
  for (const o of [a, b, c]) await call(w.core, keeper, 'dispatch.loadOrder', { orderId: o.id });
  await call(w.core, dispatcher, 'dispatch.depart', { tripId: trip.id });
  await call(w.core, op, 'dispatch.recordOutcome', { orderId: a.id, outcome: 'signed', signedBy: '张三' });
  await call(w.core, op, 'dispatch.recordOutcome', { orderId: b.id, outcome: 'signed', signedBy: '张三' });
  const cLine = (await call(w.core, op, 'orders.get', { orderId: c.id })).lines[0]!;
  await call(w.core, op, 'dispatch.recordOutcome', {
    orderId: c.id,
    outcome: 'refused',
    reason: 'damaged',
    note: '外箱压坏',
    lines: [{ lineId: cLine.id, qty: 10 }],
  });
  const day = (await call(w.core, op, 'customers.overview', { customerId: dw.customer('C002') })).orders[0]!
    .deliveredDate!;
  const userId = async (username: string) =>
    (await call(w.core, w.admin, 'users.list', {})).find((u) => u.username === username)!.id;
  return {
    ...dw,
    a,
    b,
    c,
    day,
    userId,
    async staff(username) {
      await call(w.core, w.admin, 'users.create', { username, displayName: username, roles: ['operator'], password });
      const caller = w.core.newCaller(username);
      await call(w.core, caller, 'auth.login', { username, secret: password });
      return { caller, id: await userId(username) };
    },
  };
}
