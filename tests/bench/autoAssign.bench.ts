// Automatic assignment 自动排车 (issue 12, "Must show"): auto_assign_ms_5200 —
// the demo's day (its ≈5,200 orders of the next working day, released by the
// operator as on a morning; 30 vehicles, 800 customers on their routes) planned by dispatch.autoAssignPreview through the
// core, ≤ 1,000 ms (median of runs). Beside it, in the same run: the pure
// planner alone on the same orders and vehicles, and the board query of the
// day (dispatch.board), the floor any plan from the database stands on. Then
// the plan's quality: vehicles used beside the lower bound (the fewest
// vehicles, largest first, whose summed capacities cover both the cases and
// the kg), over the bound (≤ 2), mean and max fill, routes split, orders
// left in the pool (0 when the fleet's capacity suffices), the route-first
// plan's vehicles beside them (what mixing heavy and light routes saved); and
// accepting the plan (one transaction of createTrip/assignOrders) as a reference.
import { openCore } from '../../electron/core/core';
import {
  perDimensionLowerBound,
  planAssignment,
  type PlanBin,
  type PlanOrder,
} from '../../electron/core/dispatch/autoAssign/plan';
import type { AutoAssignPlan, BoardView } from '../../shared/contract';
import { tempDir } from '../helpers/tempDirs';
import { bench, percentile, timeSync } from './report';

const runs = 7;
const median = (xs: number[]) => percentile(xs, 50);

async function main() {
  const core = await openCore({
    dataDir: tempDir('bench-auto-assign'),
    station: 'bench',
    serial: false,
    log: () => {},
  });
  const must = async <T>(caller: ReturnType<typeof core.newCaller>, name: string, input: unknown): Promise<T> => {
    const r = await core.dispatch(caller, name, input);
    if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.error)}`);
    return r.value as T;
  };
  await must(core.newCaller('bench'), 'setup.loadDemo', {});
  const dispatcher = core.newCaller('dispatcher');
  await must(dispatcher, 'auth.login', { username: 'dispatcher', secret: 'demo1234' });
  // The demo's day is its next working day; the operator releases the whole day (R4), as on a morning.
  const op = core.newCaller('operator');
  await must(op, 'auth.login', { username: 'operator', secret: 'demo1234' });
  const listed = await must<{ dispatchDate: string | null }[]>(op, 'orders.list', {});
  const perDay = new Map<string, number>();
  for (const o of listed) if (o.dispatchDate) perDay.set(o.dispatchDate, (perDay.get(o.dispatchDate) ?? 0) + 1);
  const tomorrow = [...perDay.entries()].sort((a, b) => b[1] - a[1])[0]![0];
  await must(op, 'orders.release', { dispatchDate: tomorrow });
  // Stock covers only part of the demo day; the planner needs no reservation, so
  // the bench puts the rest of the day's orders (of known customers) in the pool
  // too — the whole day, ≈5,200 orders. The demo fleet (300–600 cases) cannot
  // carry a whole day of it (≈18,000 case places), so its capacities are scaled
  // by the smallest quarter step that leaves the fleet 15 % spare: the plan is
  // then judged on a day the fleet can carry (0 unassigned expected).
  // Left out: the demo's 25 oversized test orders (DX-05…, 200 cases each, up
  // to 8 t — there to show R4, stock that cannot cover an order: no stock can
  // ever release them). They are a quarter of the day's cases and half its kg
  // in 25 orders; a day with them is measured after, as a reference (a heavy
  // day: see the heavy_day lines).
  const sqlite = core.database.sqlite;
  const oversized = "reference LIKE 'DX-05%'";
  sqlite
    .prepare(
      `UPDATE orders SET state = 'released' WHERE dispatch_date = ? AND customer_id IS NOT NULL AND state IN ('qualified', 'short', 'held', 'awaitingConfirmation') AND NOT ${oversized}`,
    )
    .run(tomorrow);
  const heldBack = sqlite
    .prepare(`SELECT id, state FROM orders WHERE dispatch_date = ? AND customer_id IS NOT NULL AND ${oversized}`)
    .all(tomorrow) as { id: number; state: string }[];

  const boardMs: number[] = [];
  let board: BoardView | null = null;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    board = await must<BoardView>(dispatcher, 'dispatch.board', { dispatchDate: tomorrow });
    boardMs.push(performance.now() - t);
  }
  let pool = board!.orders.filter((o) => o.state === 'released' && o.tripId === null);
  const need = pool.reduce((s, o) => s + o.loadCases, 0) * 1.15;
  const needKg = (pool.reduce((s, o) => s + o.weightG, 0) / 1000) * 1.15;
  const fleet = board!.vehicles.reduce((s, v) => s + v.capacityCases, 0);
  const fleetKgNow = board!.vehicles.reduce((s, v) => s + v.capacityKg, 0);
  const scale = Math.max(1, Math.ceil(Math.max(need / fleet, needKg / fleetKgNow) * 4) / 4);
  sqlite
    .prepare(
      'UPDATE vehicles SET capacity_cases = CAST(capacity_cases * ? AS INTEGER), capacity_kg = CAST(capacity_kg * ? AS INTEGER)',
    )
    .run(scale, scale);
  board = await must<BoardView>(dispatcher, 'dispatch.board', { dispatchDate: tomorrow });
  pool = board.orders.filter((o) => o.state === 'released' && o.tripId === null);

  const previewMs: number[] = [];
  let plan: AutoAssignPlan | null = null;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    plan = await must<AutoAssignPlan>(dispatcher, 'dispatch.autoAssignPreview', { dispatchDate: tomorrow });
    previewMs.push(performance.now() - t);
  }

  // The pure planner on the same pool and vehicles (largest first, as the service orders new trips).
  const orders: PlanOrder[] = pool.map((o) => ({ ...o, lat: null, lng: null }));
  const bins: PlanBin[] = [...board!.vehicles]
    .sort((a, b) => b.capacityCases - a.capacityCases || b.capacityKg - a.capacityKg || a.plate.localeCompare(b.plate))
    .map((v) => ({
      key: `vehicle:${v.id}`,
      tripId: null,
      vehicleId: v.id,
      capacityCases: v.capacityCases,
      capacityG: v.capacityKg * 1000,
      loadedCases: 0,
      loadedG: 0,
      tier: 0,
    }));
  const pureMs: number[] = [];
  for (let i = 0; i < runs; i++) pureMs.push(timeSync(() => planAssignment({ orders, bins }))[1]);

  const q = plan!.quality;
  const cases = pool.reduce((s, o) => s + o.loadCases, 0);
  const kg = pool.reduce((s, o) => s + o.weightG, 0) / 1000;
  const fleetCases = bins.reduce((s, b) => s + b.capacityCases, 0);
  const fleetKg = bins.reduce((s, b) => s + b.capacityG, 0) / 1000;
  const fits = cases <= fleetCases && kg <= fleetKg;
  bench(
    'auto_assign_ms_5200',
    median(previewMs),
    'ms',
    `limit 1000; ${pool.length} pool orders, ${bins.length} vehicles; median of ${runs}, max ${Math.max(...previewMs).toFixed(0)}`,
  );
  bench('auto_assign_pure_ms_5200', median(pureMs), 'ms', 'reference: the planner alone, same pool and vehicles');
  bench('auto_assign_board_query_ms', median(boardMs), 'ms', 'reference: dispatch.board of the same day');
  bench(
    'auto_assign_vehicles_lower_bound',
    q.lowerBound,
    'vehicles',
    `pool ${cases} cases / ${kg.toFixed(0)} kg; fleet ${fleetCases} cases / ${fleetKg.toFixed(0)} kg (demo capacities × ${scale})`,
  );
  bench(
    'auto_assign_vehicles_lower_bound_per_dimension',
    perDimensionLowerBound(bins, cases, kg * 1000),
    'vehicles',
    'reference: cases and kg each alone, largest first (provable, looser)',
  );
  // What the fleet carries of this day's mix: each vehicle's cases, or its kg at
  // the day's kg per case if that is less (the demo draws a vehicle's cases and
  // kg independently, so many are full in kg long before in cases). Not a proof
  // (orders differ in density) — the reference the over-bound line is read with.
  const perCase = (kg * 1000) / Math.max(1, cases);
  const effective = bins.map((b) => Math.min(b.capacityCases, b.capacityG / perCase)).sort((a, b) => b - a);
  let acc = 0;
  let effectiveBound = effective.length;
  for (let i = 0; i < effective.length; i++) {
    acc += effective[i]!;
    if (acc >= cases) {
      effectiveBound = i + 1;
      break;
    }
  }
  bench(
    'auto_assign_vehicles_mix_reference',
    effectiveBound,
    'vehicles',
    `reference: fewest vehicles whose min(cases, kg ÷ ${(perCase / 1000).toFixed(2)} kg per case) cover the cases`,
  );
  bench('auto_assign_vehicles_used', q.vehiclesUsed, 'vehicles');
  bench(
    'auto_assign_vehicles_route_first',
    q.routeFirst.vehiclesUsed,
    'vehicles',
    `reference: the best plan packing whole route groups, ${q.routeFirst.routesSplit} routes split`,
  );
  bench('auto_assign_vehicles_over_bound', q.overBound, 'vehicles', 'limit 2');
  bench('auto_assign_fill_mean_pct', q.meanFillPct, '%', 'per used vehicle, the larger of cases and kg');
  bench('auto_assign_fill_max_pct', q.maxFillPct, '%');
  bench('auto_assign_routes_split', q.routesSplit, 'routes');
  bench(
    'auto_assign_unassigned',
    q.unassigned,
    'orders',
    fits ? 'limit 0: the fleet can carry the pool' : 'the pool exceeds the fleet: what is left cannot fit',
  );

  // The heavy day: the same pool with the oversized test orders forced in.
  // Packing whole stops and orders cannot reach the both-dimensions bound here
  // (each such order fills a van on kg at a fifth of its cases): reference only.
  sqlite
    .prepare(`UPDATE orders SET state = 'released' WHERE id IN (${heldBack.map((o) => o.id).join(',') || 'NULL'})`)
    .run();
  const heavyMs: number[] = [];
  let heavy: AutoAssignPlan | null = null;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    heavy = await must<AutoAssignPlan>(dispatcher, 'dispatch.autoAssignPreview', { dispatchDate: tomorrow });
    heavyMs.push(performance.now() - t);
  }
  const hq = heavy!.quality;
  bench(
    'auto_assign_heavy_day_ms',
    median(heavyMs),
    'ms',
    `reference: ${heavy!.considered} orders with the ${heldBack.length} oversized test orders; median of 3`,
  );
  bench(
    'auto_assign_heavy_day_vehicles_used',
    hq.vehiclesUsed,
    'vehicles',
    `reference: lower bound ${hq.lowerBound}, over ${hq.overBound}; route-first ${hq.routeFirst.vehiclesUsed}; routes split ${hq.routesSplit}; unassigned ${hq.unassigned}`,
  );
  for (const o of heldBack) sqlite.prepare('UPDATE orders SET state = ? WHERE id = ?').run(o.state, o.id);

  const t = performance.now();
  await must(dispatcher, 'dispatch.autoAssignAccept', {
    dispatchDate: tomorrow,
    assignments: plan!.trips.map((tr) => ({ tripId: tr.tripId, vehicleId: tr.vehicleId, orderIds: tr.orderIds })),
  });
  bench('auto_assign_accept_ms_5200', performance.now() - t, 'ms', 'reference: the plan applied in one transaction');
  await core.close();

  const failed = median(previewMs) > 1000 || q.overBound > 2 || (fits && q.unassigned > 0);
  if (failed) process.stderr.write('auto-assign bench: a limit was not met\n');
  process.exitCode = failed ? 1 : 0;
}

void main().catch((e) => {
  console.error(e);
  process.exit(1);
});
