// What the daily dispatch report lists as left behind (R9, issue 12 §7): an
// order taken off a trip of the day at the load check (with its trip and the
// keeper's reason), and — once every trip of the day has departed — an order
// still waiting for one. While trips are still to leave, the orders waiting for
// them are no exception (the demo day's report listed all ~5,300 of them).
import { afterEach, describe, expect, it } from 'vitest';
import type { ReportException } from '../../../shared/contract';
import { call } from '../fixtures';
import { dispatchWarehouse, type DispatchWarehouse } from './fixtures';

let dw: DispatchWarehouse;
afterEach(async () => dw?.w.core.close());

// The fixture's P001 case barcode (24 units a case).
const p1Case = '16901234567899';

const scan = (raw: string) =>
  call(dw.w.core, dw.keeper, 'scanner.submit', { raw, source: 'wedge', sourceName: 'Dock gun' });

/** Picking, then the load check of the trip at the station: its barcode and `cases` case scans (stops in order). */
async function loadCheck(trip: { id: number; number: string }, cases: number) {
  await call(dw.w.core, dw.keeper, 'dispatch.startPicking', { tripIds: [trip.id] });
  await call(dw.w.core, dw.keeper, 'station.setTask', { task: 'load' });
  expect(await scan(trip.number)).toMatchObject({ outcome: 'accepted' });
  for (let i = 0; i < cases; i++) expect(await scan(p1Case)).toMatchObject({ outcome: 'accepted' });
}

const load = (orderId: number) => call(dw.w.core, dw.keeper, 'dispatch.loadOrder', { orderId });
const depart = (tripId: number) => call(dw.w.core, dw.dispatcher, 'dispatch.depart', { tripId });
const takeOff = (orderId: number, to: 'pool' | 'confirmationList', reason: string) =>
  call(dw.w.core, dw.keeper, 'dispatch.takeOff', { orderId, to, reason });

async function exceptions() {
  const report = await call(dw.w.core, dw.keeper, 'dispatch.report', { dispatchDate: dw.tomorrow });
  return report.exceptions.map((e: ReportException) => ({
    number: e.orderNumber,
    kind: e.kind,
    state: e.state,
    trip: e.tripNumber,
    reason: e.takeOffReason,
  }));
}

/**
 * Trip T1 of tomorrow: A (C001, 1 case of P001) and C (C001, 24 P002) at stop
 * 1, B (C002, 2 cases of P001) at stop 2; W (C002, 48 P002) released for
 * tomorrow in the pool; trip T2 planned on another vehicle. Only P001 is
 * scanned here, so C is always short.
 */
async function day() {
  dw = await dispatchWarehouse();
  const t1 = await dw.trip();
  const t2 = await dw.trip();
  const a = await dw.released(1);
  const b = await dw.released(2, { customerCode: 'C002' });
  const c = await dw.released(1, { lines: [{ productCode: 'P002', qty: 24 }] });
  const waiting = await dw.released(1, { customerCode: 'C002', lines: [{ productCode: 'P002', qty: 48 }] });
  await call(dw.w.core, dw.dispatcher, 'dispatch.assign', { tripId: t1.id, orderIds: [a.id, b.id, c.id] });
  return { t1, t2, a, b, c, waiting };
}

describe('left behind on the daily dispatch report', () => {
  it('lists an order taken off at the load check, to the pool or the confirmation list, with its trip and reason; not those waiting for a trip', async () => {
    const { t1, a, b, c, waiting } = await day();
    await loadCheck(t1, 1); // A whole; B and C short
    await load(a.id);
    await takeOff(b.id, 'pool', '缺一箱，改天再送');
    await takeOff(c.id, 'confirmationList', '库存不足');
    expect(await exceptions()).toEqual([
      { number: b.number, kind: 'takenOff', state: 'released', trip: t1.number, reason: '缺一箱，改天再送' },
      { number: c.number, kind: 'takenOff', state: 'short', trip: t1.number, reason: '库存不足' },
    ]);
    expect((await call(dw.w.core, dw.op, 'orders.get', { orderId: waiting.id })).state).toBe('released');
  });

  it('once every trip of the day has departed, lists the order still waiting; an order taken off and loaded on another trip of the day is not', async () => {
    const { t1, t2, a, b, c, waiting } = await day();
    await loadCheck(t1, 2); // A whole and 1 of B's 2 cases
    await load(a.id);
    await takeOff(b.id, 'pool', '缺一箱');
    await takeOff(c.id, 'pool', '装不下');
    await depart(t1.id);
    // T2 has not left: the waiting order may still go today.
    expect((await exceptions()).map((e) => [e.number, e.kind])).toEqual([
      [b.number, 'takenOff'],
      [c.number, 'takenOff'],
    ]);

    // B goes on T2 after all, and T2 departs: B went today; W never did.
    await call(dw.w.core, dw.dispatcher, 'dispatch.assign', { tripId: t2.id, orderIds: [b.id] });
    await loadCheck(t2, 2);
    await load(b.id);
    await depart(t2.id);
    expect(await exceptions()).toEqual([
      { number: c.number, kind: 'takenOff', state: 'released', trip: t1.number, reason: '装不下' },
      { number: waiting.number, kind: 'leftBehind', state: 'released', trip: null, reason: null },
    ]);
  });

  it('keeps an order taken off on the day it was taken off, though it has moved to another day since', async () => {
    const { t1, a, b, c } = await day();
    await loadCheck(t1, 3); // A and B whole; C short
    await load(a.id);
    await load(b.id);
    await takeOff(c.id, 'pool', '客户改期');
    await call(dw.w.core, dw.op, 'orders.takeBack', { orderId: c.id });
    const later = new Date(Date.parse(`${dw.tomorrow}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    await call(dw.w.core, dw.op, 'orders.update', { orderId: c.id, dispatchDate: later });
    expect((await exceptions()).map((e) => [e.number, e.kind, e.state, e.trip])).toEqual([
      [c.number, 'takenOff', 'qualified', t1.number],
    ]);
  });
});
