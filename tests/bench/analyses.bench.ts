// The monthly analyses at the reference scale (issue 13 "Must show"): a month
// of 20,000 damage lines and 20,000 return lines (three previous months of
// 2,000 each for the trend), generated following migrations 15/16 with their
// ledger documents and movements. analyses.damage and analyses.returns are
// timed through the contract's dispatcher, as the operator's window calls
// them (p50 and p95 of 9 runs after one warm-up). Reference in the same run:
// the raw SQL aggregate of the same month alone (one GROUP BY over the lines).
import { generateAnalysesMonth } from '../helpers/analysesMonth';
import { benchWarehouse } from './benchWarehouse';
import { bench, percentile, timeRuns } from './report';

const limitMs = 500;
const month = '2026-11';

async function main() {
  const { core, caller: admin, productIds, binIds } = await benchWarehouse('analyses', 500);
  const must = async (caller: typeof admin, name: string, input: unknown) => {
    const r = await core.dispatch(caller, name, input);
    if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.error)}`);
    return r.value;
  };
  const as = async (username: string, role: string) => {
    await must(admin, 'users.create', { username, displayName: username, roles: [role], password: 'bench-password' });
    const c = core.newCaller(username);
    await must(c, 'auth.login', { username, secret: 'bench-password' });
    return c;
  };
  const operator = await as('op', 'operator');
  await as('mgr', 'csManager');
  for (const u of ['sp1', 'sp2', 'sp3', 'sp4', 'sp5']) await as(u, 'salesperson');
  const sqlite = core.database.sqlite;
  const id = (u: string) => (sqlite.prepare('SELECT id FROM users WHERE username = ?').get(u) as { id: number }).id;
  const t0 = performance.now();
  const made = await generateAnalysesMonth(core.database.db, {
    month,
    damageLines: 20_000,
    returnLines: 20_000,
    previousLines: 2_000,
    userId: id('op'),
    managerId: id('mgr'),
    salespersonIds: ['sp1', 'sp2', 'sp3', 'sp4', 'sp5'].map(id),
    productIds,
    binIds,
  });
  const genMs = performance.now() - t0;
  sqlite.exec('ANALYZE');

  const damageMs = await timeRuns(9, () => must(operator, 'analyses.damage', { month }));
  const returnMs = await timeRuns(9, () => must(operator, 'analyses.returns', { month }));
  const rawDamage = sqlite.prepare(
    `SELECT product_id, cause, suggestion, COUNT(*), SUM(qty), SUM(amount_fen) FROM damage_reports
     WHERE entered_date BETWEEN '2026-11-01' AND '2026-11-30' GROUP BY product_id, cause, suggestion`,
  );
  const rawReturns = sqlite.prepare(
    `SELECT r.kind, r.salesperson_id, l.product_id, COALESCE(l.check_reason, l.reason) AS reason, COUNT(*),
       SUM(l.qty_good), SUM(l.qty_damaged), SUM(l.credit_fen)
     FROM return_notes n JOIN returns r ON r.id = n.return_id JOIN return_lines l ON l.return_id = n.return_id
     WHERE n.issued_date BETWEEN '2026-11-01' AND '2026-11-30' GROUP BY 1, 2, 3, 4`,
  );
  const rawDamageMs = await timeRuns(9, () => rawDamage.all());
  const rawReturnMs = await timeRuns(9, () => rawReturns.all());
  const note = (s: number[], raw: number[]) =>
    `limit ≤ ${limitMs} ms; p95 ${percentile(s, 95).toFixed(1)} ms; raw SQL aggregate p50 ${percentile(raw, 50).toFixed(1)} ms`;
  bench(
    'monthly_damage_analysis_ms',
    percentile(damageMs, 50),
    'ms',
    `${made.damageReports} damage lines in all; ${note(damageMs, rawDamageMs)}`,
  );
  bench(
    'monthly_damage_analysis_raw_sql_ms',
    percentile(rawDamageMs, 50),
    'ms',
    'reference: the GROUP BY of the month alone',
  );
  bench(
    'monthly_return_analysis_ms',
    percentile(returnMs, 50),
    'ms',
    `${made.returnLines} return lines in all; ${note(returnMs, rawReturnMs)}`,
  );
  bench(
    'monthly_return_analysis_raw_sql_ms',
    percentile(rawReturnMs, 50),
    'ms',
    'reference: the GROUP BY of the month alone',
  );
  bench('monthly_analyses_generate_ms', genMs, 'ms', 'generating the four months with their ledger documents');
  await core.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
