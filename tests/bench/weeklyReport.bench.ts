// The weekly stock report from the period figures (issue 14 "Must show"): a
// ledger of 1,000,000 movements (and one of 10,000,000: a busy year or two),
// 800 products × 3 statuses, written with raw prepared inserts in one
// transaction and the figures built by migration 020's own INSERT … SELECT …
// GROUP BY. Measured through the contract as a supervisor asks it (median of 7),
// for the last complete week. The reference, same run: the same figures by one
// aggregate over the whole ledger — what ERPNext's Stock Balance and Odoo's
// stock reports do — and the ratio between them.
//
// WEEKLY_10M=0 skips the 10M ledger (≈ 3 minutes to build on two busy cores).
import type Database from 'better-sqlite3';
import { addDays, isoWeek, today } from '../../electron/core/orders/dates';
import type { WeeklyReport } from '../../shared/contract';
import { benchWarehouse } from './benchWarehouse';
import { bench, percentile } from './report';
import { writeLedger } from './weeklyLedger';

const zone = 'Asia/Shanghai';
const limitMs1m = 300;
const limitMs10m = 1000;
const minSpeedup = 10;

/** The naive reference: every figure of the report by one aggregate over the whole ledger. */
function naiveReport(sqlite: Database.Database, from: string, to: string, windowFrom: string) {
  const at = (day: string) => new Date(`${day}T00:00:00+08:00`).toISOString();
  const [f, t, w] = [at(from), at(addDays(to, 1)), at(windowFrom)];
  const col = (types: string) =>
    `SUM(CASE WHEN m.at >= @f AND m.at < @t AND m.type IN (${types}) THEN m.qty ELSE 0 END),
     SUM(CASE WHEN m.at >= @f AND m.at < @t AND m.type IN (${types}) THEN m.qty * m.unit_cost_fen ELSE 0 END)`;
  return sqlite
    .prepare(
      `SELECT m.product_id, m.status,
              SUM(CASE WHEN m.at < @f THEN m.qty ELSE 0 END), SUM(CASE WHEN m.at < @f THEN m.qty * m.unit_cost_fen ELSE 0 END),
              ${col("'receipt'")}, ${col("'dispatchIssue'")}, ${col("'giftIssue'")}, ${col("'returnReceipt'")},
              ${col("'damageTransfer'")}, ${col("'disposal'")}, ${col("'countAdjustment'")},
              ${col("'manualAdjustment','opening','statusTransfer'")},
              SUM(CASE WHEN m.at < @t THEN m.qty ELSE 0 END), SUM(CASE WHEN m.at < @t THEN m.qty * m.unit_cost_fen ELSE 0 END),
              SUM(CASE WHEN m.at >= @w AND m.at < @t AND m.type IN ('dispatchIssue','giftIssue') THEN -m.qty * m.unit_cost_fen ELSE 0 END)
         FROM movements m
        GROUP BY m.product_id, m.status`,
    )
    .raw()
    .all({ f, t, w });
}

async function scale(label: string, total: number, days: number, limitMs: number, naive: boolean) {
  const { core, caller, productIds, binIds } = await benchWarehouse(`weekly-${label}`, 800);
  const sqlite = core.database.sqlite;
  const built = writeLedger(sqlite, productIds, binIds, total, days);
  bench(
    `weekly_report_build_s_${label}`,
    (built.loadMs + built.indexMs + built.buildMs) / 1000,
    's',
    `${built.movements} movements: load ${(built.loadMs / 1000).toFixed(1)} s, indexes ${(built.indexMs / 1000).toFixed(1)} s, figures ${(built.buildMs / 1000).toFixed(1)} s (${built.figures} figure rows, migration 020's INSERT … SELECT)`,
  );

  const r = await core.dispatch(caller, 'users.create', {
    username: 'boss',
    displayName: '主管',
    roles: ['supervisor'],
    password: 'bench-password',
  });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  const supervisor = core.newCaller('boss');
  const login = await core.dispatch(supervisor, 'auth.login', { username: 'boss', secret: 'bench-password' });
  if (!login.ok) throw new Error(JSON.stringify(login.error));
  const ask = async (week: string) => {
    const t = performance.now();
    const res = await core.dispatch(supervisor, 'reports.weekly', { week });
    if (!res.ok) throw new Error(JSON.stringify(res.error));
    return [res.value as WeeklyReport, performance.now() - t] as const;
  };
  const week = isoWeek(addDays(today(new Date(), zone), -7));
  const samples: number[] = [];
  let report: WeeklyReport | undefined;
  await ask(week); // warm: statements compiled, pages cached, as for any second report of the day
  for (let i = 0; i < 7; i++) {
    const [rep, ms] = await ask(week);
    report = rep;
    samples.push(ms);
  }
  const ms = percentile(samples, 50);
  bench(
    `weekly_report_ms_${label}`,
    ms,
    'ms',
    `${week}, ${report!.rows.length} lines (800 products x 3 statuses), ${built.movements} movements; limit <= ${limitMs}`,
  );
  const oldWeek = isoWeek(addDays(today(new Date(), zone), -Math.floor(days / 2)));
  const old: number[] = [];
  for (let i = 0; i < 3; i++) old.push((await ask(oldWeek))[1]);
  bench(`weekly_report_mid_history_ms_${label}`, percentile(old, 50), 'ms', `${oldWeek}, half-way back in the ledger`);

  if (naive) {
    const n: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      naiveReport(sqlite, report!.from, report!.to, report!.issueWindowFrom);
      n.push(performance.now() - t);
    }
    const naiveMs = percentile(n, 50);
    bench(`weekly_report_naive_ms_${label}`, naiveMs, 'ms', 'the same figures by one aggregate over the whole ledger');
    bench(`weekly_report_speedup`, naiveMs / ms, 'x', `naive / figures; limit >= ${minSpeedup}`);
  }
  await core.close();
}

async function main() {
  await scale('1m', 1_000_000, 120, limitMs1m, true);
  if (process.env.WEEKLY_10M !== '0') await scale('10m', 10_000_000, 400, limitMs10m, false);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
