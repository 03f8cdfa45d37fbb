// The daily dispatch report at the reference size (issue 12 §7, R9): the demo
// day (≈5,200 orders of tomorrow, 30 vehicles) released, one trip per vehicle
// filled within capacity, then dispatch.report computed through the contract
// (median of 9): every trip with its customers and loads, every exception.
// Nothing has departed, so every order is an exception (left behind): the
// report's worst case. Beside it, in the same run, dispatch.board of the same
// day through the same contract (the same orders read): the reference; and
// dispatch.submitReport, which computes it once more and freezes it.
import { openCore } from '../../electron/core/core';
import type { BoardView, DispatchReport } from '../../shared/contract';
import { tempDir } from '../helpers/tempDirs';
import { bench, percentile, timeRuns } from './report';

const limitMs = 1000;

async function main() {
  const core = await openCore({ dataDir: tempDir('bench-report'), station: 'bench', log: () => {} });
  const must = async <T>(caller: ReturnType<typeof core.newCaller>, name: string, input: unknown): Promise<T> => {
    const r = await core.dispatch(caller, name, input);
    if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.error).slice(0, 500)}`);
    return r.value as T;
  };
  const as = async (username: string) => {
    const c = core.newCaller(username);
    await must(c, 'auth.login', { username, secret: 'demo1234' });
    return c;
  };
  await must(core.newCaller('setup'), 'setup.loadDemo', {});
  const [dispatcher, operator, keeper] = [await as('dispatcher'), await as('operator'), await as('keeper')];
  const { date } = core.database.sqlite
    .prepare('SELECT dispatch_date AS date FROM orders GROUP BY dispatch_date ORDER BY COUNT(*) DESC LIMIT 1')
    .get() as { date: string };
  await must(operator, 'orders.release', { dispatchDate: date });
  const first = await must<BoardView>(dispatcher, 'dispatch.board', { dispatchDate: date });
  const pool = first.orders.filter((o) => o.tripId === null);
  let next = 0;
  for (const v of first.vehicles) {
    const trip = await must<{ id: number }>(dispatcher, 'dispatch.createTrip', { dispatchDate: date, vehicleId: v.id });
    const ids: number[] = [];
    let [cases, grams] = [0, 0];
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

  let report: DispatchReport | null = null;
  const reportMs = await timeRuns(
    9,
    async () => {
      report = await must<DispatchReport>(keeper, 'dispatch.report', { dispatchDate: date });
    },
    0,
  );
  const boardMs = await timeRuns(9, () => must(dispatcher, 'dispatch.board', { dispatchDate: date }), 0);
  const t = performance.now();
  await must(keeper, 'dispatch.submitReport', { dispatchDate: date, note: 'bench' });
  const submitMs = performance.now() - t;
  const frozenMs = await timeRuns(9, () => must(keeper, 'dispatch.report', { dispatchDate: date }), 0);
  const r = report! as DispatchReport;
  const stops = r.trips.reduce((n, x) => n + x.stops.length, 0);
  bench(
    'dispatch_report_ms_5200',
    percentile(reportMs, 50),
    'ms',
    `${r.trips.length} trips, ${stops} stops, ${r.exceptions.length} exceptions; limit ≤ ${limitMs} ms; p95 ${percentile(reportMs, 95).toFixed(1)} ms`,
  );
  bench(
    'dispatch_report_board_reference_ms',
    percentile(boardMs, 50),
    'ms',
    'reference: dispatch.board of the same day',
  );
  bench('dispatch_report_submit_ms', submitMs, 'ms', 'submit: computed once more and frozen as JSON');
  bench('dispatch_report_frozen_ms', percentile(frozenMs, 50), 'ms', 'the submitted report read back');
  await core.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
