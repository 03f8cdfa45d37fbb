// The board in the window: live rows change only the lanes and pool they touch
// (so one change does not draw the board again), the pool is grouped the way
// the dispatcher reads it, fill bars turn amber at 90 % and red beyond, and a
// typed plate or trip number finds the trip.
import { describe, expect, it } from 'vitest';
import type { BoardOrder, BoardView, TripLane } from '../../../shared/contract/dispatch';
import {
  applyRows,
  fillLevel,
  findTrip,
  loadOf,
  moveLocally,
  openBoard,
  poolRows,
} from '../../../renderer/pages/dispatch/boardState';

const order = (id: number, over: Partial<BoardOrder> = {}): BoardOrder => ({
  id,
  number: `SO-${id}`,
  state: 'released',
  customerId: 100 + id,
  customerCode: `C${100 + id}`,
  customerName: `客户${id}`,
  area: '天河',
  route: 'TH-1',
  routeSeq: id,
  emergency: false,
  promisedDate: null,
  lineCount: 1,
  units: 10,
  cases: 2,
  loadCases: 2,
  weightG: 5000,
  unweighedLines: 0,
  amountFen: 1000,
  tripId: null,
  stopId: null,
  forced: false,
  ...over,
});
const trip = (id: number, plate: string, over: Partial<TripLane> = {}): TripLane => ({
  id,
  number: `T20261205-0${id}`,
  dispatchDate: '2026-12-05',
  vehicleId: id,
  plate,
  vehicleType: '4.2m',
  seq: 1,
  driverName: '王师傅',
  driverPhone: '',
  departTime: '07:00',
  state: 'planned',
  capacityCases: 100,
  capacityKg: 1000,
  capacityL: null,
  stops: [],
  totals: { stops: 0, orders: 0, loadCases: 0, units: 0, weightG: 0, amountFen: 0 },
  ...over,
});
const view = (orders: BoardOrder[], trips: TripLane[]): BoardView => ({
  dispatchDate: '2026-12-05',
  trips,
  orders,
  vehicles: [],
  canOverride: false,
});

describe('the board in the window', () => {
  it('keeps the lane a change did not touch, and the pool when only lanes changed', () => {
    const board = openBoard(
      view(
        [
          order(1),
          order(2, { tripId: 10, stopId: 5, state: 'assigned' }),
          order(3, { tripId: 11, stopId: 6, state: 'assigned' }),
        ],
        [
          trip(10, '粤A1', { stops: [{ id: 5, customerId: 102, seq: 1 }] }),
          trip(11, '粤A2', { stops: [{ id: 6, customerId: 103, seq: 1 }] }),
        ],
      ),
    );
    const moved = applyRows(board, {
      trips: [],
      orders: [order(2, { tripId: 11, stopId: 7, state: 'assigned' })],
      removedTripIds: [],
    });
    expect(moved.laneOrders.get(10)).toEqual([]);
    expect(
      moved.laneOrders
        .get(11)!
        .map((o) => o.id)
        .sort(),
    ).toEqual([2, 3]);
    expect(moved.pool).toBe(board.pool);

    const assigned = applyRows(moved, {
      trips: [],
      orders: [order(1, { tripId: 10, stopId: 8, state: 'assigned' })],
      removedTripIds: [],
    });
    expect(assigned.pool).toEqual([]);
    expect(assigned.laneOrders.get(11)).toBe(moved.laneOrders.get(11));
  });

  it('puts an order back in its place in the pool, and leaves the board as it is for a reply that changes nothing', () => {
    const board = openBoard(
      view([order(1), order(2, { tripId: 10, stopId: 5, state: 'assigned' }), order(3)], [trip(10, '粤A1')]),
    );
    const back = applyRows(board, { trips: [], orders: [order(2)], removedTripIds: [] });
    expect(back.pool.map((o) => o.id)).toEqual([1, 2, 3]);
    expect(applyRows(back, { trips: [], orders: [order(2)], removedTripIds: [] })).toBe(back);
  });

  it('drops an order the core no longer answers for (cancelled, another day)', () => {
    const board = openBoard(view([order(1), order(2)], []));
    const after = applyRows(board, { trips: [], orders: [], removedTripIds: [] }, [2]);
    expect(after.pool.map((o) => o.id)).toEqual([1]);
    expect(after.orders.has(2)).toBe(false);
  });

  it('shows a move at once, on no stop until the core answers', () => {
    const board = openBoard(view([order(1)], [trip(10, '粤A1')]));
    const moved = moveLocally(board, [1], 10);
    expect(moved.pool).toEqual([]);
    expect(moved.laneOrders.get(10)!.map((o) => [o.id, o.stopId])).toEqual([[1, null]]);
    expect(loadOf(moved.laneOrders.get(10)!)).toMatchObject({ stops: 1, orders: 1, loadCases: 2, weightG: 5000 });
  });

  it('puts emergency orders on top, then groups by area and route (pinyin order) with counts and totals', () => {
    const board = openBoard(
      view(
        [
          order(4),
          order(2, { emergency: true, area: '海珠', route: 'HZ-2' }),
          order(3, { area: '海珠', route: 'HZ-1' }),
          order(1),
        ],
        [],
      ),
    );
    const rows = poolRows(board.pool, new Set());
    expect(
      rows.map((r) => (r.kind === 'head' ? `${r.level}:${r.area}${r.route}:${r.totals.orders}` : r.order.id)),
      // Areas in pinyin order: 海珠 (hǎi) before 天河 (tiān).
    ).toEqual(['emergency::1', 2, 'area:海珠:1', 'route:海珠HZ-1:1', 3, 'area:天河:2', 'route:天河TH-1:2', 1, 4]);
    const folded = poolRows([order(1), order(4)], new Set(['r:天河|TH-1']));
    expect(folded.map((r) => r.key)).toEqual(['a:天河', 'r:天河|TH-1']);
    expect(folded[1]!.kind === 'head' && folded[1]!.orderIds).toEqual([1, 4]);
  });

  it('turns a fill bar amber from 90 % and red beyond capacity', () => {
    expect(fillLevel(89, 100)).toBe('ok');
    expect(fillLevel(90, 100)).toBe('near');
    expect(fillLevel(100, 100)).toBe('near');
    expect(fillLevel(101, 100)).toBe('over');
  });

  it('finds the trip by its number or by plate, an open trip first', () => {
    const trips = [
      trip(1, '粤A·D3100', { state: 'departed' }),
      trip(2, '粤A·D3100', { seq: 2, number: 'T20261205-02' }),
      trip(3, '粤A·D3137', { number: 'T20261205-03' }),
    ];
    expect(findTrip(trips, 't20261205-03')?.id).toBe(3);
    expect(findTrip(trips, '粤A·D3100')?.id).toBe(2);
    expect(findTrip(trips, 'D3137')?.id).toBe(3);
    expect(findTrip(trips, '粤B')).toBeNull();
  });
});
