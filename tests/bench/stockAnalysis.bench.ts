// The stock analysis report 库存分析报表 (issue 14 item 2) over the weekly report
// bench's ledger of 1,000,000 movements, 800 products × 3 statuses (its
// builder, tests/bench/weeklyLedger.ts). Measured through the contract as an
// operator asks it, as of today with the defaults (median of 7, after a warm
// ask). Limit: 300 ms like the weekly report. The reference, same run: the
// same figures by aggregates over the whole ledger — on hand, issues in the
// windows, the last movement and the inflows to damaged/gift per product ×
// status — the way the peers' stock-ageing reports compute them.
import type Database from 'better-sqlite3';
import { addDays, today } from '../../electron/core/orders/dates';
import type { StockAnalysis } from '../../shared/contract';
import { benchWarehouse } from './benchWarehouse';
import { bench, percentile } from './report';
import { writeLedger } from './weeklyLedger';

const zone = 'Asia/Shanghai';
const limitMs = 300;

function naiveAnalysis(sqlite: Database.Database, date: string, weeks: number) {
  const at = (day: string) => new Date(`${day}T00:00:00+08:00`).toISOString();
  const end = at(addDays(date, 1));
  const w28 = at(addDays(date, -27));
  const wN = at(addDays(date, 1 - 7 * weeks));
  const totals = sqlite
    .prepare(
      `SELECT product_id, status, SUM(qty), SUM(qty * unit_cost_fen), MAX(at),
              SUM(CASE WHEN at >= @w28 AND type IN ('dispatchIssue','giftIssue') THEN -qty * unit_cost_fen ELSE 0 END),
              SUM(CASE WHEN at >= @wN AND type IN ('dispatchIssue','giftIssue') THEN -qty ELSE 0 END)
         FROM movements WHERE at < @end GROUP BY product_id, status`,
    )
    .raw()
    .all({ end, w28, wN });
  const inflows = sqlite
    .prepare(
      `SELECT product_id, status, date(at, '+8 hours') AS day, SUM(qty) FROM movements
        WHERE at < @end AND qty > 0 AND status IN ('damaged', 'gift') GROUP BY 1, 2, 3`,
    )
    .raw()
    .all({ end });
  return totals.length + inflows.length;
}

async function main() {
  const { core, caller, productIds, binIds } = await benchWarehouse('stock-analysis-1m', 800);
  const sqlite = core.database.sqlite;
  const built = writeLedger(sqlite, productIds, binIds, 1_000_000, 120);
  const r = await core.dispatch(caller, 'users.create', {
    username: 'op',
    displayName: '操作员',
    roles: ['operator'],
    password: 'bench-password',
  });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  const operator = core.newCaller('op');
  const login = await core.dispatch(operator, 'auth.login', { username: 'op', secret: 'bench-password' });
  if (!login.ok) throw new Error(JSON.stringify(login.error));
  const ask = async () => {
    const t = performance.now();
    const res = await core.dispatch(operator, 'reports.stockAnalysis', {});
    if (!res.ok) throw new Error(JSON.stringify(res.error));
    return [res.value as StockAnalysis, performance.now() - t] as const;
  };
  await ask(); // warm: statements compiled, pages cached
  const samples: number[] = [];
  let report: StockAnalysis | undefined;
  for (let i = 0; i < 7; i++) {
    const [rep, ms] = await ask();
    report = rep;
    samples.push(ms);
  }
  const ms = percentile(samples, 50);
  const a = report!;
  bench(
    'stock_analysis_ms_1m',
    ms,
    'ms',
    `${built.movements} movements; ${a.slowMovers.length} slow, ${a.idle.length} idle, ${a.aged.length} aged, ${a.topDays.length} top, ${a.oldCodes.length} old codes; limit <= ${limitMs}`,
  );
  const n: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    naiveAnalysis(sqlite, today(new Date(), zone), a.weeks);
    n.push(performance.now() - t);
  }
  const naiveMs = percentile(n, 50);
  bench('stock_analysis_naive_ms_1m', naiveMs, 'ms', 'the same figures by aggregates over the whole ledger');
  bench('stock_analysis_speedup', naiveMs / ms, 'x', 'naive / figures');
  await core.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
