// Pick lists and the load check (issue 12 §4 §5, R5 R8): the pick list names
// the bins to take from, picking moves trip and orders, the load check takes
// the trip's barcode then the goods, refuses a wrong product or an over-scan
// at once, loads only a complete order — issuing exactly its reserved stock —
// and takes a short order off whole.
import { afterEach, describe, expect, it } from 'vitest';
import type { Caller } from '../../../electron/core/context';
import { withCheckDigit } from '../../../shared/barcode/gtin';
import { call, post, refusal } from '../fixtures';
import { loadingWarehouse, type LoadingWarehouse } from './loadingFixtures';

let lw: LoadingWarehouse;
afterEach(async () => lw?.w.core.close());

// Fixture barcodes: P001 unit 6901234567892, case 16901234567899 (24 a case); P002 unit 6902234567899.
const p1Unit = '6901234567892';
const p1Case = '16901234567899';
const p2Unit = '6902234567899';
const p3Unit = withCheckDigit('690333444555');

/**
 * Order A (天河便利店, stop 1): P001 ×30 and P002 ×5 as a gift; order B
 * (越秀超市, stop 2): P001 ×10. P001 sits in A-01 (5) and A-02 (100), the
 * gift P002 in G-01 (10). Both released (reserved) and put on one trip.
 */
async function setup() {
  lw = await loadingWarehouse();
  await lw.stockIn('P001', 'A-02', 100);
  await lw.stockIn('P001', 'A-01', 5);
  await lw.stockIn('P002', 'G-01', 10, 'gift');
  const a = await lw.order({
    lines: [
      { productCode: 'P001', qty: 30 },
      { productCode: 'P002', qty: 5, gift: true },
    ],
  });
  const b = await lw.order({ customerCode: 'C002', lines: [{ productCode: 'P001', qty: 10 }] });
  await call(lw.w.core, lw.op, 'orders.release', { orderIds: [a.id, b.id] });
  const trip = await lw.onTrip([a.id, b.id]);
  return { a: a.id, b: b.id, ...trip };
}

const scan = (who: Caller, raw: string) =>
  call(lw.w.core, who, 'scanner.submit', { raw, source: 'wedge', sourceName: 'Dock gun' });

async function startLoadCheck(tripId: number, number: string) {
  await call(lw.w.core, lw.keeper, 'dispatch.startPicking', { tripIds: [tripId] });
  await call(lw.w.core, lw.keeper, 'station.setTask', { task: 'load' });
  expect(await scan(lw.keeper, number)).toMatchObject({ outcome: 'accepted', resolution: { kind: 'trip' } });
}

async function orderState(id: number) {
  return (await call(lw.w.core, lw.op, 'orders.get', { orderId: id })).state;
}

describe('pick list', () => {
  it('lists every product with the bins to take it from in walking order, cases + loose, and the orders it serves', async () => {
    const { a, b, tripId, number } = await setup();
    const list = await call(lw.w.core, lw.keeper, 'dispatch.pickList', { tripIds: [tripId] });
    expect(list.trips.map((t) => [t.number, t.state, t.orders, t.stops])).toEqual([[number, 'planned', 2, 2]]);
    expect(
      list.lines.map((l) => [
        l.productCode,
        l.status,
        l.units,
        l.cases,
        l.loose,
        l.bins.map((x) => [x.locationCode, x.qty]),
      ]),
    ).toEqual([
      [
        'P001',
        'good',
        40,
        1,
        16,
        [
          ['A-01', 5],
          ['A-02', 35],
        ],
      ],
      ['P002', 'gift', 5, 0, 5, [['G-01', 5]]],
    ]);
    expect(list.lines[0]!.orders.map((o) => [o.orderId, o.qty])).toEqual([
      [a, 30],
      [b, 10],
    ]);
    expect(list.totals).toMatchObject({ lines: 2, orders: 2, units: 45 });
  });

  it('starting picking moves the trip and its orders to picking; a trip already loading is refused and nothing changes', async () => {
    const { a, b, tripId, number } = await setup();
    const [trip] = await call(lw.w.core, lw.keeper, 'dispatch.startPicking', { tripIds: [tripId] });
    expect(trip!.state).toBe('picking');
    expect([await orderState(a), await orderState(b)]).toEqual(['picking', 'picking']);
    await call(lw.w.core, lw.keeper, 'station.setTask', { task: 'load' });
    await scan(lw.keeper, number);
    const refused = await refusal(lw.w.core, lw.keeper, 'dispatch.startPicking', { tripIds: [tripId] });
    expect(refused).toMatchObject({ code: 'loading.tripNotPlanned', details: { number, state: 'loading' } });
  });
});

describe('load check', () => {
  it('wants the trip barcode first, and a planned trip (not picked) cannot be load-checked', async () => {
    const { number } = await setup();
    await call(lw.w.core, lw.keeper, 'station.setTask', { task: 'load' });
    expect(await scan(lw.keeper, p1Unit)).toMatchObject({ outcome: 'rejected', reason: 'loading.scanTripFirst' });
    expect(await scan(lw.keeper, number)).toMatchObject({ outcome: 'rejected', reason: 'loading.tripNotReady' });
  });

  it('shows per order and per product expected, scanned and missing as goods are scanned, a case filling orders in stop order', async () => {
    const { a, b, tripId, number } = await setup();
    await startLoadCheck(tripId, number);
    let state = await call(lw.w.core, lw.keeper, 'station.state', {});
    expect(state.task).toMatchObject({ kind: 'load', check: { trip: { number, state: 'loading' } } });
    await scan(lw.keeper, p1Case); // 24 → order A
    await call(lw.w.core, lw.keeper, 'station.setQuantity', { qty: 10 });
    await scan(lw.keeper, p1Unit); // 10: 6 complete A's P001, 4 go to B
    state = await call(lw.w.core, lw.keeper, 'station.state', {});
    if (state.task.kind !== 'load' || !state.task.check) throw new Error('no load check');
    const check = state.task.check;
    expect(check.orders.map((o) => [o.orderId, o.expected, o.scanned, o.missing, o.complete])).toEqual([
      [a, 35, 30, 5, false],
      [b, 10, 4, 6, false],
    ]);
    expect(check.orders[0]!.missingLines).toEqual([{ productCode: 'P002', missing: 5 }]);
    expect(check.products.map((p) => [p.productCode, p.expected, p.scanned, p.missing])).toEqual([
      ['P001', 40, 34, 6],
      ['P002', 5, 0, 5],
    ]);
    expect(check.totals).toMatchObject({ expected: 45, scanned: 34, missing: 11, complete: 0, loaded: 0 });
  });

  it('refuses a product of no order of this trip and an over-scan at once, changing nothing', async () => {
    const { tripId, number } = await setup();
    await startLoadCheck(tripId, number);
    await call(lw.w.core, lw.keeper, 'station.setQuantity', { qty: 38 });
    await scan(lw.keeper, p1Unit);
    const before = await call(lw.w.core, lw.keeper, 'dispatch.loadCheck', { tripId });
    // P003 is on no order of the trip: given a barcode so the scan resolves to it.
    await call(lw.w.core, lw.op, 'barcodes.link', { code: p3Unit, productId: lw.product('P003'), level: 'unit' });
    expect(await scan(lw.keeper, p3Unit)).toMatchObject({ outcome: 'rejected', reason: 'loading.productNotOnTrip' });
    // Two P001 still missing on the trip: a case of 24 is too many.
    expect(await scan(lw.keeper, p1Case)).toMatchObject({ outcome: 'rejected', reason: 'loading.overScan' });
    await call(lw.w.core, lw.keeper, 'station.setQuantity', { qty: 3 });
    expect(await scan(lw.keeper, p1Unit)).toMatchObject({ outcome: 'rejected', reason: 'loading.overScan' });
    expect(await call(lw.w.core, lw.keeper, 'dispatch.loadCheck', { tripId })).toEqual(before);
  });

  it('refuses to load an incomplete order (R8) and writes nothing; loads a complete one issuing exactly its reserved stock', async () => {
    const { a, b, tripId, number } = await setup();
    await startLoadCheck(tripId, number);
    await scan(lw.keeper, p1Case);
    const balances0 = await lw.balances();
    const reserved0 = await lw.reserved();
    const incomplete = await refusal(lw.w.core, lw.keeper, 'dispatch.loadOrder', { orderId: a });
    expect(incomplete).toMatchObject({ code: 'loading.orderIncomplete' });
    expect(incomplete.details).toMatchObject({
      lines: [
        { productCode: 'P001', missing: 6 },
        { productCode: 'P002', missing: 5 },
      ],
    });
    expect(await lw.balances()).toEqual(balances0);
    expect(await lw.reserved()).toEqual(reserved0);
    expect(await orderState(a)).toBe('picking');

    await call(lw.w.core, lw.keeper, 'station.setQuantity', { qty: 6 });
    await scan(lw.keeper, p1Unit);
    await call(lw.w.core, lw.keeper, 'station.setQuantity', { qty: 5 });
    await scan(lw.keeper, p2Unit);
    const view = await call(lw.w.core, lw.keeper, 'dispatch.loadOrder', { orderId: a });
    expect(view.orders.find((o) => o.orderId === a)).toMatchObject({ loaded: true, state: 'loaded' });
    expect(await orderState(a)).toBe('loaded');
    expect(await orderState(b)).toBe('picking');
    // The bins of the pick list fall by exactly the order's lines: A-01 first (5), then A-02 (25); the gift from G-01.
    const balances1 = await lw.balances();
    expect(balances1.get('P001|good|A-01') ?? 0).toBe(0);
    expect(balances1.get('P001|good|A-02')).toBe(75);
    expect(balances1.get('P002|gift|G-01')).toBe(5);
    // Its reservation is consumed: reserved stock falls by the same amounts.
    const reserved1 = await lw.reserved();
    expect(reserved0.get('P001|good')! - (reserved1.get('P001|good') ?? 0)).toBe(30);
    expect(reserved0.get('P002|gift')! - (reserved1.get('P002|gift') ?? 0)).toBe(5);
    // Movements of the right types: one dispatch issue for its lines, one gift issue for its gift line.
    const moves = await call(lw.w.core, lw.op, 'stock.movements', { offset: 0, limit: 20, sort: 'desc' });
    const issued = moves.rows.filter((m) => m.type === 'dispatchIssue' || m.type === 'giftIssue');
    expect(issued.map((m) => [m.type, m.productCode, m.status, m.locationCode, m.qty]).sort()).toEqual(
      [
        ['dispatchIssue', 'P001', 'good', 'A-01', -5],
        ['dispatchIssue', 'P001', 'good', 'A-02', -25],
        ['giftIssue', 'P002', 'gift', 'G-01', -5],
      ].sort(),
    );
    expect(new Set(issued.filter((m) => m.type === 'dispatchIssue').map((m) => m.documentNo)).size).toBe(1);
    expect((await refusal(lw.w.core, lw.keeper, 'dispatch.loadOrder', { orderId: a })).code).toBe(
      'loading.alreadyLoaded',
    );
  });

  it('takes a short order off whole: back to the pool (reservation kept) or to the confirmation list (reservation ended)', async () => {
    const { a, b, tripId, number } = await setup();
    await startLoadCheck(tripId, number);
    await call(lw.w.core, lw.keeper, 'station.setQuantity', { qty: 34 });
    await scan(lw.keeper, p1Unit); // A's 30 + 4 of B's
    const reserved0 = await lw.reserved();

    let view = await call(lw.w.core, lw.keeper, 'dispatch.takeOff', { orderId: b, to: 'pool', reason: '缺货' });
    expect(view.orders.map((o) => o.orderId)).toEqual([a]);
    expect(view.products.find((p) => p.productCode === 'P001')).toMatchObject({ expected: 30, scanned: 30 });
    expect(await orderState(b)).toBe('released');
    expect(await lw.reserved()).toEqual(reserved0);
    const board = await call(lw.w.core, lw.op, 'orders.get', { orderId: b });
    expect(board.events.at(-1)).toMatchObject({ kind: 'takenOff', detail: { to: 'pool', reason: '缺货' } });

    view = await call(lw.w.core, lw.keeper, 'dispatch.takeOff', {
      orderId: a,
      to: 'confirmationList',
      reason: '赠品缺货',
    });
    expect(view.orders).toEqual([]);
    expect(await orderState(a)).toBe('short');
    const reserved1 = await lw.reserved();
    expect(reserved0.get('P001|good')! - (reserved1.get('P001|good') ?? 0)).toBe(30);
    expect(reserved1.get('P002|gift') ?? 0).toBe(0);
  });

  it('when every order is loaded or taken off the trip is ready to depart', async () => {
    const { a, b, tripId, number } = await setup();
    await startLoadCheck(tripId, number);
    await call(lw.w.core, lw.keeper, 'station.setQuantity', { qty: 30 });
    await scan(lw.keeper, p1Unit);
    await call(lw.w.core, lw.keeper, 'station.setQuantity', { qty: 5 });
    await scan(lw.keeper, p2Unit);
    await call(lw.w.core, lw.keeper, 'dispatch.loadOrder', { orderId: a });
    const view = await call(lw.w.core, lw.keeper, 'dispatch.takeOff', { orderId: b, to: 'pool', reason: 'short' });
    expect(view).toMatchObject({ readyToDepart: true, totals: { loaded: 1 } });
  });

  it('R5: a posting that took the stock meanwhile makes loading refuse with the shortfall, and nothing is written', async () => {
    const { a, tripId, number } = await setup();
    await startLoadCheck(tripId, number);
    await call(lw.w.core, lw.keeper, 'station.setQuantity', { qty: 30 });
    await scan(lw.keeper, p1Unit);
    await call(lw.w.core, lw.keeper, 'station.setQuantity', { qty: 5 });
    await scan(lw.keeper, p2Unit);
    // Another writer issues the gift stock out of G-01 first (straight through postDocument).
    await post(lw.w, lw.keeper, {
      type: 'giftIssue',
      idempotencyKey: 'elsewhere-gift-1',
      lines: [
        {
          productId: lw.product('P002'),
          status: 'gift',
          locationId: lw.w.bins.find((x) => x.code === 'G-01')!.id,
          qty: -8,
        },
      ],
    });
    const balances0 = await lw.balances();
    const reserved0 = await lw.reserved();
    const r = await refusal(lw.w.core, lw.keeper, 'dispatch.loadOrder', { orderId: a });
    expect(r).toMatchObject({ code: 'stock.wouldGoNegative', details: { productCode: 'P002', shortfall: 3 } });
    expect(await lw.balances()).toEqual(balances0);
    expect(await lw.reserved()).toEqual(reserved0);
    expect(await orderState(a)).toBe('picking');
  });

  it('undo takes back exactly the last goods scan', async () => {
    const { tripId, number } = await setup();
    await startLoadCheck(tripId, number);
    await scan(lw.keeper, p1Case);
    await scan(lw.keeper, p1Unit);
    await call(lw.w.core, lw.keeper, 'station.undoLastScan', {});
    const view = await call(lw.w.core, lw.keeper, 'dispatch.loadCheck', { tripId });
    expect(view.totals.scanned).toBe(24);
  });
});
