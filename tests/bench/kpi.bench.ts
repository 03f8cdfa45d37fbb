// The KPI tracker of a month at the reference scale (issue 14 item 3): 5,200
// orders a day with their outcomes, ~19,000 ledger lines a day, 30 receipts a
// day, a daily dispatch report, a count session a week of 2,000 lines, over
// the month and three days either side (tests/helpers/kpiMonth.ts).
// kpi.tracker is timed through the contract's dispatcher as the supervisor's
// window calls it (p50 of 5 after one warm-up); the dashboard (this week and
// the seven before) likewise. Reference in the same run: the raw SQL that
// only counts the month's orders by order day — less than any KPI month reads.
import { generateKpiMonth } from '../helpers/kpiMonth';
import { benchWarehouse } from './benchWarehouse';
import { bench, percentile, timeRuns } from './report';

const limitMs = 2_000;
const month = '2026-11';

async function main() {
  const { core, caller: admin, productIds, binIds } = await benchWarehouse('kpi', 840);
  const must = async (caller: typeof admin, name: string, input: unknown) => {
    const r = await core.dispatch(caller, name, input);
    if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.error)}`);
    return r.value;
  };
  await must(admin, 'users.create', {
    username: 'sup',
    displayName: 'sup',
    roles: ['supervisor'],
    password: 'bench-password',
  });
  const supervisor = core.newCaller('sup');
  await must(supervisor, 'auth.login', { username: 'sup', secret: 'bench-password' });
  const sqlite = core.database.sqlite;
  const userId = (sqlite.prepare("SELECT id FROM users WHERE username = 'sup'").get() as { id: number }).id;
  const t0 = performance.now();
  await generateKpiMonth(core.database.db, {
    month,
    ordersPerDay: 5_200,
    receiptsPerDay: 30,
    movesPerDay: 19_000,
    countLinesPerSession: 2_000,
    userId,
    productIds,
    binIds,
  });
  const genMs = performance.now() - t0;
  sqlite.exec('ANALYZE');
  const counts = sqlite
    .prepare('SELECT (SELECT COUNT(*) FROM orders) AS o, (SELECT COUNT(*) FROM movements) AS m')
    .get() as {
    o: number;
    m: number;
  };

  const trackerMs = await timeRuns(5, () => must(supervisor, 'kpi.tracker', { month }));
  const dashboardMs = await timeRuns(3, () => must(supervisor, 'kpi.dashboard', {}));
  const raw = sqlite.prepare(
    "SELECT order_date, COUNT(*), SUM(first_time_qualified) FROM orders WHERE order_date BETWEEN '2026-11-01' AND '2026-11-30' GROUP BY order_date",
  );
  const rawMs = await timeRuns(5, () => raw.all());
  const note = `${counts.o} orders, ${counts.m} movements (generated in ${(genMs / 1000).toFixed(1)} s); limit ≤ ${limitMs} ms; raw month-of-orders count p50 ${percentile(rawMs, 50).toFixed(1)} ms`;
  bench('kpi_month_ms', percentile(trackerMs, 50), 'ms', note);
  bench('kpi_month_reference_ms', percentile(rawMs, 50), 'ms', 'raw SQL: the month’s orders counted by day');
  bench('kpi_dashboard_ms', percentile(dashboardMs, 50), 'ms', 'this week and the seven before, every KPI');
  await core.close();
  if (percentile(trackerMs, 50) > limitMs) process.exitCode = 1;
}

void main();
