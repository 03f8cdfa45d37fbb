// The board of a day over the real core (issue 12, "Must show" — the server's
// share of dispatch_board_load_ms; the browser benches are the board page's):
// dispatch_board_rpc_ms — the demo day (≈5,200 orders of tomorrow, 30
// vehicles) with one trip per vehicle filled to capacity, dispatch.board
// answered through the contract (median of 15). Beside it, in the same run,
// the raw SQL of the same reads (orders with customers and trips, the grouped
// load query, trips, stops) with prepared statements: the floor.
// dispatch_assign_rpc_ms_p95 — one order put on a full lane at that size, with
// reading the same lane and order back (dispatch.boardRows) beside it.
import { openCore } from '../../electron/core/core';
import type { BoardView } from '../../shared/contract';
import { tempDir } from '../helpers/tempDirs';
import { bench, percentile } from './report';

const limitMs = 1500;

async function main() {
  const core = await openCore({ dataDir: tempDir('bench-dispatch'), station: 'bench', log: () => {} });
  const must = async <T>(caller: ReturnType<typeof core.newCaller>, name: string, input: unknown): Promise<T> => {
    const r = await core.dispatch(caller, name, input);
    if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.error).slice(0, 500)}`);
    return r.value as T;
  };
  await must(core.newCaller('setup'), 'setup.loadDemo', {});
  const dispatcher = core.newCaller('dispatcher');
  await must(dispatcher, 'auth.login', { username: 'dispatcher', secret: 'demo1234' });
  const sqlite = core.database.sqlite;
  // The demo's day of orders is tomorrow's; the operator releases it (most of it is only qualified).
  const { date } = sqlite
    .prepare('SELECT dispatch_date AS date FROM orders GROUP BY dispatch_date ORDER BY COUNT(*) DESC LIMIT 1')
    .get() as { date: string };
  const operator = core.newCaller('operator');
  await must(operator, 'auth.login', { username: 'operator', secret: 'demo1234' });
  await must(operator, 'orders.release', { dispatchDate: date });

  // One trip per vehicle, filled greedily in pool order (emergency first, by route) within capacity.
  const first = await must<BoardView>(dispatcher, 'dispatch.board', { dispatchDate: date });
  const pool = first.orders.filter((o) => o.tripId === null);
  let next = 0;
  for (const v of first.vehicles) {
    const trip = await must<{ id: number }>(dispatcher, 'dispatch.createTrip', { dispatchDate: date, vehicleId: v.id });
    const ids: number[] = [];
    let cases = 0;
    let grams = 0;
    while (next < pool.length) {
      const o = pool[next]!;
      if (cases + o.loadCases > v.capacityCases || grams + o.weightG > v.capacityKg * 1000) break;
      cases += o.loadCases;
      grams += o.weightG;
      ids.push(o.id);
      next += 1;
    }
    if (ids.length) await must(dispatcher, 'dispatch.assign', { tripId: trip.id, orderIds: ids });
  }

  const samples: number[] = [];
  let view: BoardView | null = null;
  for (let i = 0; i < 15; i++) {
    const t = performance.now();
    view = await must<BoardView>(dispatcher, 'dispatch.board', { dispatchDate: date });
    samples.push(performance.now() - t);
  }
  const states = ['released', 'assigned', 'picking', 'loaded', 'departed', 'delivered', 'refused'];
  const marks = states.map(() => '?').join(',');
  const ordersSql = sqlite.prepare(`
    SELECT o.id, o.number, o.state, o.customer_id, o.customer_code, c.name, c.area, c.route, c.stop_seq, o.emergency,
      o.promised_date, o.line_count, o.units, o.cases, o.amount_fen, t.trip_id, t.stop_id, t.forced
    FROM orders o LEFT JOIN customers c ON c.id = o.customer_id LEFT JOIN trip_orders t ON t.order_id = o.id
    WHERE o.dispatch_date = ? AND o.state IN (${marks})`);
  const loadsSql = sqlite.prepare(`
    SELECT l.order_id, SUM(l.qty / p.case_pack + (l.qty % p.case_pack > 0)),
      SUM(CASE WHEN p.case_weight_g IS NOT NULL THEN (l.qty / p.case_pack) * p.case_weight_g + (l.qty % p.case_pack) * COALESCE(p.unit_weight_g, 0)
               ELSE l.qty * COALESCE(p.unit_weight_g, 0) END),
      SUM(p.unit_weight_g IS NULL AND NOT (p.case_weight_g IS NOT NULL AND l.qty % p.case_pack = 0))
    FROM order_lines l JOIN products p ON p.id = l.product_id
    WHERE l.qty IS NOT NULL AND l.order_id IN (SELECT id FROM orders WHERE dispatch_date = ? AND state IN (${marks}))
    GROUP BY l.order_id`);
  const tripsSql = sqlite.prepare(
    'SELECT t.*, v.plate, v.capacity_cases FROM trips t JOIN vehicles v ON v.id = t.vehicle_id WHERE t.dispatch_date = ?',
  );
  const stopsSql = sqlite.prepare(
    'SELECT s.* FROM trip_stops s JOIN trips t ON t.id = s.trip_id WHERE t.dispatch_date = ? ORDER BY s.trip_id, s.seq',
  );
  const raw: number[] = [];
  for (let i = 0; i < 15; i++) {
    const t = performance.now();
    ordersSql.all(date, ...states);
    loadsSql.all(date, ...states);
    tripsSql.all(date);
    stopsSql.all(date);
    raw.push(performance.now() - t);
  }
  const assigned = view!.orders.filter((o) => o.tripId !== null).length;
  const note = `${view!.orders.length} orders (${assigned} on ${view!.trips.length} trips); limit ≤ ${limitMs} ms for the whole board in Chromium`;
  bench(
    'dispatch_board_rpc_ms',
    percentile(samples, 50),
    'ms',
    `${note}; p95 ${percentile(samples, 95).toFixed(1)} ms`,
  );
  bench('dispatch_board_raw_sql_ms', percentile(raw, 50), 'ms', 'reference: the same reads, raw prepared statements');

  // One order dragged back to its lane at this size: the write, its events and the rows the reply carries.
  const lane = view!.trips.find((t) => t.totals.orders > 0)!;
  const order = view!.orders.find((o) => o.tripId === lane.id)!;
  const assignMs: number[] = [];
  const rowsMs: number[] = [];
  for (let i = 0; i < 40; i++) {
    await must(dispatcher, 'dispatch.unassign', { orderIds: [order.id] });
    let t = performance.now();
    await must(dispatcher, 'dispatch.assign', { tripId: lane.id, orderIds: [order.id] });
    assignMs.push(performance.now() - t);
    t = performance.now();
    await must(dispatcher, 'dispatch.boardRows', { dispatchDate: date, tripIds: [lane.id], orderIds: [order.id] });
    rowsMs.push(performance.now() - t);
  }
  bench(
    'dispatch_assign_rpc_ms_p95',
    percentile(assignMs, 95),
    'ms',
    `one order onto a lane of ${lane.totals.orders} orders, through the contract (the page's ≤ 100 ms includes it)`,
  );
  bench('dispatch_board_rows_rpc_ms_p95', percentile(rowsMs, 95), 'ms', 'reference: reading back that lane and order');
  await core.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
