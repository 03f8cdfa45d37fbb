// rfm_ms_year (issue 17 "Must show": ≤ 1,000 ms): the customer value analysis
// (analyses.customerValue through the contract, as the page asks it) over a
// year of orders at the reference scale — 250 working days × 5,200 orders
// (1.3M orders, 5 % partly refused, 2 % refused whole) for 800 customers with
// a skewed share of the business, and 5,000 return reports with their notes.
// The previous period (the year before) holds nothing here, so the comparison
// adds only its empty pass. Generated in SQL with the foreign keys off (the
// bench needs the rows' shape, not a dispatch history); migration 40's triggers
// keep the per-day customer figures from the outcomes as they are inserted.
// Reference in the same run: the bare GROUP BY customer over the year's
// delivered outcomes joined to their orders in raw SQL — what the analysis
// would cost without migration 40's per-day figures.
import { addDays, today } from '../../electron/core/orders/dates';
import { benchWarehouse } from './benchWarehouse';
import { bench, percentile } from './report';

const limitMs = 1000;
const perDay = 5200;
const workingDays = 250;

async function main() {
  const { core, caller: admin } = await benchWarehouse('rfm', 10);
  const must = async (caller: typeof admin, name: string, input: unknown) => {
    const r = await core.dispatch(caller, name, input);
    if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.error)}`);
    return r.value;
  };
  await must(admin, 'users.create', {
    username: 'cs',
    displayName: 'cs',
    roles: ['csManager'],
    password: 'bench-pw-1',
  });
  const cs = core.newCaller('cs');
  await must(cs, 'auth.login', { username: 'cs', secret: 'bench-pw-1' });
  const sqlite = core.database.sqlite;
  const to = addDays(today(new Date(), core.timeZone), -1);
  const from = addDays(to, -364);
  const n = perDay * workingDays;

  const t0 = performance.now();
  const at = new Date().toISOString();
  sqlite.pragma('foreign_keys = OFF');
  sqlite.transaction(() => {
    sqlite.exec(`WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i < 799)
      INSERT INTO customers (code, name, area, route, phone)
      SELECT 'K' || (1000 + i), '客户' || i, '区' || (i % 8), 'R' || (i % 8), '' FROM k`);
    // Day d of 250 spread over the 365 days to 'to'; the customer skewed (the product of two uniform picks).
    sqlite
      .prepare(
        `WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i < ? - 1),
         o AS (SELECT i, date(?, '-' || ((${workingDays - 1} - i / ${perDay}) * 365 / ${workingDays}) || ' days') AS day,
                      1 + (abs(random()) % 800) * (abs(random()) % 800) / 800 AS cid FROM k)
        INSERT INTO orders (number, state, channel, customer_code, customer_id, order_date, dispatch_date,
          delivery_date, emergency, note, issues, first_time_qualified, signature, line_count, units, cases,
          loose_units, amount_fen, created_by, created_at, updated_at)
        SELECT 'SO-' || i, 'delivered', 'file', 'K' || (999 + cid), cid, day, day, day, 0, '', '[]', 1, 'sig-' || i,
          5, 0, 0, 0, 5000 + abs(random()) % 200000, 1, ?, ? FROM o`,
      )
      .run(n, to, at, at);
    sqlite
      .prepare(
        `INSERT INTO order_outcomes (order_id, trip_id, outcome, reason, delivered_date, recorded_by, recorded_at)
        SELECT id, 1, CASE WHEN id % 20 = 0 THEN 'partlyRefused' WHEN id % 50 = 1 THEN 'refused' ELSE 'signed' END,
          CASE WHEN id % 20 = 0 OR id % 50 = 1 THEN 'damaged' END, order_date, 1, ? FROM orders`,
      )
      .run(at);
    sqlite
      .prepare(
        `INSERT INTO refused_lines (line_id, order_id, trip_id, product_id, status, qty, amount_fen, reason, refused_at)
        SELECT id, id, 1, 1, 'good', 1, amount_fen / 10, 'damaged', ? FROM orders WHERE id % 20 = 0`,
      )
      .run(at);
    sqlite
      .prepare(
        `WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 5000)
        INSERT INTO returns (number, kind, state, customer_id, reported_by, reported_at, checked_by, checked_at,
          has_differences, idempotency_key)
        SELECT 'RT-' || i, 'report', 'posted', 1 + abs(random()) % 800, 1, ?, 1, ?, 0, 'rt-' || i FROM k`,
      )
      .run(at, at);
    sqlite
      .prepare(
        `INSERT INTO return_notes (return_id, document_id, number, credit_fen, units_good, units_damaged, issued_by,
          issued_at, issued_date)
        SELECT id, id, 'RN-' || id, 1000 + abs(random()) % 50000, 1, 0, 1, ?, date(?, '-' || (id % 365) || ' days')
          FROM returns`,
      )
      .run(at, to);
  })();
  sqlite.pragma('foreign_keys = ON');
  sqlite.exec('ANALYZE');
  const genMs = performance.now() - t0;
  const delivered = (
    sqlite
      .prepare(`SELECT COUNT(*) AS n FROM order_outcomes WHERE delivered_date BETWEEN ? AND ? AND outcome <> 'refused'`)
      .get(from, to) as { n: number }
  ).n;

  const time = async (runs: number, fn: () => unknown) => {
    await fn();
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      await fn();
      samples.push(performance.now() - t);
    }
    return samples;
  };
  let summary = '';
  const analysisMs = await time(5, async () => {
    const a = (await must(cs, 'analyses.customerValue', { from, to })) as {
      customers: number;
      classes: { valueClass: string; customers: number; sharePct: number }[];
    };
    summary = `${a.customers} customers, ${a.classes.map((c) => `${c.valueClass} ${c.customers} (${c.sharePct.toFixed(0)} %)`).join(', ')}`;
  });
  const raw = sqlite.prepare(
    `SELECT o.customer_id, COUNT(*), MAX(oc.delivered_date), SUM(o.amount_fen)
       FROM order_outcomes oc JOIN orders o ON o.id = oc.order_id
      WHERE oc.delivered_date BETWEEN ? AND ? AND oc.outcome <> 'refused'
      GROUP BY o.customer_id`,
  );
  const rawMs = await time(5, () => raw.all(from, to));
  bench(
    'rfm_ms_year',
    percentile(analysisMs, 50),
    'ms',
    `limit ≤ ${limitMs}; ${n} orders (${delivered} delivered) ${from}..${to}; ${summary}; p95 ${percentile(analysisMs, 95).toFixed(1)} ms`,
  );
  bench(
    'rfm_raw_group_by_ms',
    percentile(rawMs, 50),
    'ms',
    'reference: GROUP BY customer over the outcomes joined to their orders, raw SQL',
  );
  bench('rfm_generate_ms', genMs, 'ms', 'generating the year');
  if (percentile(analysisMs, 50) > limitMs) process.exitCode = 1;
  await core.close();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
