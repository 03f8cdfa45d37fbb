// The station screen applying the load check's patches (shared/station/patch.ts):
// the scans of one serial burst share one patch — applied once, each scan noted
// in the last scans — and a patch that does not fit what the screen holds
// (another trip, a row it does not have) is refused so the screen reloads.
import { describe, expect, it } from 'vitest';
import type { LoadCheckOrder, LoadCheckView, ScanView, StationPatch, StationState } from '../../../shared/contract';
import { applyStationPatch, recentScans } from '../../../shared/station/patch';

const order = (orderId: number, expected: number, scanned: number, loaded = false): LoadCheckOrder => ({
  orderId,
  number: `SO-${orderId}`,
  customerCode: 'C001',
  customerName: '天河便利店',
  stopSeq: orderId,
  state: loaded ? 'loaded' : 'picking',
  expected,
  scanned,
  missing: expected - scanned,
  complete: scanned === expected,
  loaded,
  missingLines: scanned === expected ? [] : [{ productCode: 'P001', missing: expected - scanned }],
});

const scanView = (id: number): ScanView => ({
  id,
  at: '2026-12-05T01:00:00.000Z',
  station: 'DOCK-1',
  sourceKind: 'serial',
  sourceName: 'Dock gun',
  raw: '6901234567892',
  symbology: 'EAN-13',
  decoded: '6901234567892',
  outcome: 'accepted',
  reason: null,
  resolution: null,
  task: 'load',
  userName: 'keeper',
});

const check = (orders: LoadCheckOrder[]): LoadCheckView => ({
  trip: {
    id: 9,
    number: 'T20261205-01',
    dispatchDate: '2026-12-05',
    plate: '粤A·1',
    driverName: '王',
    driverPhone: '',
    departTime: '',
    state: 'loading',
    stops: 2,
    orders: orders.length,
    loaded: 0,
    units: 20,
  },
  orders,
  products: [
    {
      productId: 1,
      productCode: 'P001',
      productNameZh: '牛奶',
      productNameEn: 'Milk',
      unit: '瓶',
      casePack: 24,
      expected: 20,
      scanned: 0,
      missing: 20,
    },
  ],
  totals: { expected: 20, scanned: 0, missing: 20, complete: 0, loaded: 0 },
  readyToDepart: false,
});

const held: StationState = {
  station: 'DOCK-1',
  task: { kind: 'load', check: check([order(1, 10, 0), order(2, 10, 0)]) },
  pendingQty: null,
  lastScans: [scanView(1)],
  scanners: [],
  owner: { userId: 3, displayName: 'keeper' },
  version: 100,
};

/** Two units of P001 in one burst: both into order 1. */
const patch: StationPatch = {
  station: 'DOCK-1',
  pendingQty: null,
  scanners: [],
  owner: { userId: 3, displayName: 'keeper' },
  version: 101,
  base: 100,
  task: {
    kind: 'load',
    tripId: 9,
    orders: [order(1, 10, 2)],
    products: [{ ...check([]).products[0]!, scanned: 2, missing: 18 }],
  },
};

describe('applying a load-check patch at the station', () => {
  it('replaces the rows it carries, keeps the others as they were, and sums the totals from the orders', () => {
    const next = applyStationPatch(held, patch, scanView(2))!;
    expect(next.version).toBe(101);
    const view = next.task.kind === 'load' ? next.task.check! : null;
    expect(view?.orders.map((o) => [o.orderId, o.scanned])).toEqual([
      [1, 2],
      [2, 0],
    ]);
    // The untouched order is the same object: its row is not drawn again.
    expect(view?.orders[1]).toBe(held.task.kind === 'load' ? held.task.check!.orders[1] : null);
    expect(view?.totals).toEqual({ expected: 20, scanned: 2, missing: 18, complete: 0, loaded: 0 });
    expect(view?.products[0]).toMatchObject({ scanned: 2, missing: 18 });
  });

  it('applies the patch a burst’s scans share once, noting each scan in the last scans', () => {
    const first = applyStationPatch(held, patch, scanView(2))!;
    const second = applyStationPatch(first, patch, scanView(3))!;
    expect(second.task).toEqual(first.task);
    expect(second.lastScans.map((s) => s.id)).toEqual([3, 2, 1]);
  });

  it('keeps only the last scans the screen lists, and a scan refused after all in its place', () => {
    let state: StationState = held;
    for (let id = 2; id < 2 + recentScans + 3; id++) state = applyStationPatch(state, patch, scanView(id))!;
    expect(state.lastScans).toHaveLength(recentScans);
    const refused = { ...scanView(state.lastScans[0]!.id), outcome: 'rejected' as const, reason: 'loading.overScan' };
    const again = applyStationPatch(state, patch, refused)!;
    expect(again.lastScans[0]).toMatchObject({ outcome: 'rejected' });
    expect(again.lastScans).toHaveLength(recentScans);
  });

  it('refuses a patch of another version, another trip, or a row the view does not have', () => {
    expect(applyStationPatch({ ...held, version: 99 }, patch, scanView(2))).toBeNull();
    expect(applyStationPatch(held, { ...patch, task: { ...patch.task, tripId: 8 } }, scanView(2))).toBeNull();
    expect(
      applyStationPatch(held, { ...patch, task: { ...patch.task, orders: [order(7, 1, 1)] } }, scanView(2)),
    ).toBeNull();
    expect(applyStationPatch(null, patch, scanView(2))).toBeNull();
    expect(applyStationPatch({ ...held, station: 'DOCK-2' }, patch, scanView(2))).toBeNull();
  });
});
