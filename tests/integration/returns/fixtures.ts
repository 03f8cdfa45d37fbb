// Delivered orders for the return chain's tests (issue 13), reached the real
// way: the board, the load check's scans, departure and the delivery outcome.
import { call } from '../fixtures';
import { dispatchWarehouse } from '../dispatch/fixtures';

/** The fixture's P001: its unit barcode and its case barcode (24 units a case); P002's unit barcode. */
export const p1Unit = '6901234567892';
export const p1Case = '16901234567899';
export const p2Unit = '6902234567899';

/** Orders a (C001, 1 case of P001) and b (C001, 2 cases) signed; c (C002, 1 case) refused 10 units. */
export async function deliveredWarehouse() {
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
  return { dw, a, b, c, trip };
}
