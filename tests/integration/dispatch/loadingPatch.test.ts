// The load check's station view after each scan (issue 12, load_check_scan_p99_ms):
// a goods scan sends only what it changed — the orders it filled and its
// product — as a patch of the version the station holds, and the station
// screen that applies the patches (shared/station/patch.ts, as useStation does)
// shows exactly what the whole state shows. Anything else — the trip's
// barcode, an undo, a patch of a version the screen does not hold — goes whole.
import { afterEach, describe, expect, it } from 'vitest';
import type { Caller } from '../../../electron/core/context';
import type { EventMessage, Events, StationState } from '../../../shared/contract';
import { applyStationPatch } from '../../../shared/station/patch';
import { call } from '../fixtures';
import { loadingWarehouse, type LoadingWarehouse } from './loadingFixtures';

let lw: LoadingWarehouse;
afterEach(async () => lw?.w.core.close());

// Fixture barcodes: P001 unit 6901234567892, case 16901234567899 (24 a case); P002 unit 6902234567899.
const p1Unit = '6901234567892';
const p1Case = '16901234567899';
const p2Unit = '6902234567899';

type ScanEvent = Events['scanner.scan'];

/** Order A (stop 1): P001 ×30, P002 ×5; order B (stop 2): P001 ×10; both on one trip, the keeper at the load check. */
async function loadCheckStation() {
  lw = await loadingWarehouse();
  await lw.stockIn('P001', 'A-02', 100);
  await lw.stockIn('P002', 'A-03', 10);
  const a = await lw.order({
    lines: [
      { productCode: 'P001', qty: 30 },
      { productCode: 'P002', qty: 5 },
    ],
  });
  const b = await lw.order({ customerCode: 'C002', lines: [{ productCode: 'P001', qty: 10 }] });
  await call(lw.w.core, lw.op, 'orders.release', { orderIds: [a.id, b.id] });
  const trip = await lw.onTrip([a.id, b.id]);
  await call(lw.w.core, lw.keeper, 'dispatch.startPicking', { tripIds: [trip.tripId] });
  await call(lw.w.core, lw.keeper, 'station.setTask', { task: 'load' });
  const events: EventMessage[] = [];
  lw.w.core.subscribe((e) => events.push(e));
  const scan = (raw: string, who: Caller = lw.keeper) =>
    call(lw.w.core, who, 'scanner.submit', { raw, source: 'wedge', sourceName: 'Dock gun' });
  /** The scan events since `from`. */
  const scanEvents = (from = 0) =>
    events
      .slice(from)
      .filter((e): e is { name: 'scanner.scan'; payload: ScanEvent } => e.name === 'scanner.scan')
      .map((e) => e.payload);
  return { a: a.id, b: b.id, ...trip, events, scan, scanEvents };
}

/** What the station screen holds after each event, as useStation applies them (null: it would reload). */
function applyAll(held: StationState, events: ScanEvent[]): StationState | null {
  let state: StationState | null = held;
  for (const e of events) state = 'state' in e ? e.state : applyStationPatch(state, e.patch, e.scan);
  return state;
}

describe('the load check at the station after each scan', () => {
  it('sends only the rows a goods scan changed, and the screen built from them shows what the whole state shows', async () => {
    const s = await loadCheckStation();
    await s.scan(s.number);
    const [tripScan] = s.scanEvents();
    // The trip's barcode opens the trip: the whole view.
    expect(tripScan && 'state' in tripScan).toBe(true);
    const opened = (tripScan as { state: StationState }).state;

    await s.scan(p1Case); // 24 of A's 30
    await s.scan(p1Case); // 24 more, but only 16 are missing (A's 6, B's 10): an over-scan, refused
    await s.scan(p1Unit); // 25 of A's 30
    await s.scan(p2Unit); // 1 of A's 5 of P002
    const goods = s.scanEvents().slice(1);
    expect(goods).toHaveLength(4);
    expect(goods.every((e) => 'patch' in e)).toBe(true);
    const patches = goods.map((e) => (e as { patch: Extract<ScanEvent, { patch: unknown }>['patch'] }).patch);
    // Each carries the rows it changed, not the trip's.
    expect(
      patches.map((p) => [p.task.orders.map((o) => o.orderId), p.task.products.map((x) => x.productCode)]),
    ).toEqual([
      [[s.a], ['P001']],
      [[], []], // refused: nothing changed
      [[s.a], ['P001']],
      [[s.a], ['P002']],
    ]);
    expect(patches[0]!.task.orders[0]).toMatchObject({ expected: 35, scanned: 24, missing: 11, complete: false });
    expect(goods[1]!.scan).toMatchObject({ outcome: 'rejected', reason: 'loading.overScan' });

    const shown = applyAll(opened, goods);
    const whole = await call(lw.w.core, lw.keeper, 'station.state', {});
    expect(shown).toEqual(whole);
    expect(shown?.task).toMatchObject({ kind: 'load', check: { totals: { expected: 45, scanned: 26, missing: 19 } } });
    expect(shown?.lastScans.map((x) => x.outcome).slice(0, 5)).toEqual([
      'accepted',
      'accepted',
      'rejected',
      'accepted',
      'accepted',
    ]);
  });

  it('a scan filling two orders patches both; completing the trip shows every order complete', async () => {
    const s = await loadCheckStation();
    await s.scan(s.number);
    const opened = (s.scanEvents()[0] as { state: StationState }).state;
    const from = s.events.length;
    await s.scan(p1Case);
    await call(lw.w.core, lw.keeper, 'station.setQuantity', { qty: 16 });
    await s.scan(p1Unit); // A's last 6 and B's 10
    await call(lw.w.core, lw.keeper, 'station.setQuantity', { qty: 5 });
    await s.scan(p2Unit);
    // The quantity key's state went whole in between (station.changed): the screen takes each in order.
    let held: StationState | null = opened;
    for (const e of s.events.slice(from)) {
      if (e.name === 'station.changed') held = e.payload;
      if (e.name === 'scanner.scan') held = applyAll(held!, [e.payload]);
    }
    const both = s.scanEvents(from)[1]!;
    expect('patch' in both && both.patch.task.orders.map((o) => o.orderId)).toEqual([s.a, s.b]);
    expect(held).toEqual(await call(lw.w.core, lw.keeper, 'station.state', {}));
    expect(held?.task).toMatchObject({
      check: { totals: { expected: 45, scanned: 45, missing: 0, complete: 2 }, orders: [{ complete: true }, {}] },
    });
  });

  it('a patch of a version the screen does not hold is not applied: the screen asks for the whole state', async () => {
    const s = await loadCheckStation();
    await s.scan(s.number);
    const opened = (s.scanEvents()[0] as { state: StationState }).state;
    await s.scan(p1Unit);
    await s.scan(p1Unit);
    const [, first, second] = s.scanEvents();
    // The screen missed the first scan's patch: the second does not apply to what it holds.
    expect('patch' in second! && applyStationPatch(opened, second.patch, second.scan)).toBeNull();
    // In order, both apply.
    expect(applyAll(opened, [first!, second!])).toEqual(await call(lw.w.core, lw.keeper, 'station.state', {}));
  });

  it('undo sends the whole state with the next version, and the next goods scan patches that', async () => {
    const s = await loadCheckStation();
    await s.scan(s.number);
    await s.scan(p1Case);
    const before = await call(lw.w.core, lw.keeper, 'station.state', {});
    const undone = await call(lw.w.core, lw.keeper, 'station.undoLastScan', {});
    expect(undone.version).toBeGreaterThan(before.version);
    expect(undone.task).toMatchObject({ check: { totals: { scanned: 0 } } });
    const from = s.events.length;
    await s.scan(p1Unit);
    const [next] = s.scanEvents(from);
    expect(next && 'patch' in next && next.patch.base).toBe(undone.version);
    expect(applyAll(undone, [next!])?.task).toMatchObject({ check: { totals: { scanned: 1 } } });
  });
});
