// edr_export_ms_week (issue 17 "Must show": ≤ 1,000 ms): the principal's
// weekly data at the reference scale — a week of 6 working days × 5,200
// delivered orders of 5 lines each (156,000 lines, 5 % partly refused, 3 %
// with a gift line), 800 customers, 800 products with stock in three
// statuses — exported as the operator does: edr.week through the contract,
// the CSV file built (shared/reports/edrTable.ts) and the export logged.
// The orders and outcomes are generated in SQL with the foreign keys off (the
// bench needs their shape, not a dispatch history: no trips or vehicles).
// Reference in the same run: the sell-out aggregate alone in raw SQL.
import { edrCsv, edrSendOf } from '../../shared/reports/edrTable';
import { addDaysTo, lastFullWeek, weekDays } from '../../shared/reports/weeks';
import { today } from '../../electron/core/orders/dates';
import type { EdrWeek } from '../../shared/contract';
import { benchWarehouse } from './benchWarehouse';
import { bench, percentile, timeRuns } from './report';

const limitMs = 1000;

async function main() {
  const { core, caller: admin, productIds, binIds } = await benchWarehouse('edr', 800);
  const must = async (caller: typeof admin, name: string, input: unknown) => {
    const r = await core.dispatch(caller, name, input);
    if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.error)}`);
    return r.value;
  };
  await must(admin, 'users.create', {
    username: 'op',
    displayName: 'op',
    roles: ['operator'],
    password: 'bench-password',
  });
  const op = core.newCaller('op');
  await must(op, 'auth.login', { username: 'op', secret: 'bench-password' });
  const sqlite = core.database.sqlite;
  const zone = core.timeZone;
  const week = lastFullWeek(today(new Date(), zone));
  const { from } = weekDays(week);
  // Monday to Saturday of the last full week.
  const days = [0, 1, 2, 3, 4, 5].map((d) => addDaysTo(from, d));

  const t0 = performance.now();
  sqlite.pragma('foreign_keys = OFF');
  const at = new Date().toISOString();
  const insCustomer = sqlite.prepare('INSERT INTO customers (code, name, area, route, phone) VALUES (?, ?, ?, ?, ?)');
  const insOrder = sqlite.prepare(`INSERT INTO orders (number, state, channel, customer_code, customer_id, order_date,
      dispatch_date, delivery_date, emergency, note, issues, first_time_qualified, signature, line_count, units, cases,
      loose_units, amount_fen, created_by, created_at, updated_at)
      VALUES (?, 'delivered', 'file', ?, ?, ?, ?, ?, 0, '', '[]', 1, ?, 5, 0, 0, 0, 0, 1, ?, ?)`);
  const insLine =
    sqlite.prepare(`INSERT INTO order_lines (order_id, line_no, product_code, product_id, entered_qty, per,
      qty, gift, price_fen) VALUES (?, ?, ?, ?, ?, 'unit', ?, ?, ?)`);
  const insOutcome = sqlite.prepare(`INSERT INTO order_outcomes (order_id, trip_id, outcome, reason, delivered_date,
      recorded_by, recorded_at) VALUES (?, 1, ?, ?, ?, 1, ?)`);
  const insRefused = sqlite.prepare(`INSERT INTO refused_lines (line_id, order_id, trip_id, product_id, status, qty,
      amount_fen, reason, refused_at) VALUES (?, ?, 1, ?, 'good', ?, ?, 'damaged', ?)`);
  const insBalance = sqlite.prepare(
    'INSERT INTO balances (product_id, status, location_id, qty) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
  );
  let orders = 0;
  let lines = 0;
  sqlite.transaction(() => {
    for (let i = 0; i < 800; i++) insCustomer.run(`K${1000 + i}`, `客户${i}`, `区${i % 8}`, `R${i % 8}`, '');
    const customers = sqlite.prepare('SELECT id, code FROM customers ORDER BY id').all() as {
      id: number;
      code: string;
    }[];
    const products = sqlite.prepare('SELECT id, code FROM products ORDER BY id').all() as {
      id: number;
      code: string;
    }[];
    for (const day of days)
      for (let k = 0; k < 5200; k++) {
        orders++;
        const c = customers[orders % customers.length]!;
        const id = Number(
          insOrder.run(`SO-${day}-${k}`, c.code, c.id, day, day, day, `sig-${orders}`, at, at).lastInsertRowid,
        );
        const partly = orders % 20 === 0;
        insOutcome.run(id, partly ? 'partlyRefused' : 'signed', partly ? 'damaged' : null, day, at);
        for (let l = 1; l <= 5; l++) {
          lines++;
          const p = products[(orders * 7 + l * 13) % products.length]!;
          const qty = 6 + ((orders + l) % 30);
          const gift = l === 5 && orders % 33 === 0 ? 1 : 0;
          const lineId = Number(
            insLine.run(id, l, p.code, p.id, qty, qty, gift, gift ? 0 : 250 + (l % 7) * 10).lastInsertRowid,
          );
          if (partly && l === 1) insRefused.run(lineId, id, p.id, 2, 2 * 250, at);
        }
      }
    // The stock table reads the weekly report's closing (period figures, empty here) over these balances.
    for (const p of productIds) for (const s of ['good', 'damaged', 'gift']) insBalance.run(p, s, binIds[0]!, 10);
  })();
  sqlite.pragma('foreign_keys = ON');
  sqlite.exec('ANALYZE');
  const genMs = performance.now() - t0;

  let rows = 0;
  // The export as the page makes it: one request logs the week and answers its tables, the file is built.
  const exportMs = await timeRuns(5, async () => {
    const { data } = (await must(op, 'edr.recordExport', { week, format: 'csv' })) as { data: EdrWeek };
    rows = data.sellOut.length;
    return edrCsv(data, edrSendOf(data)).length;
  });
  const raw = sqlite.prepare(
    `SELECT l.product_id, o.customer_id, SUM(l.qty) FROM order_outcomes oc JOIN orders o ON o.id = oc.order_id
       JOIN order_lines l ON l.order_id = o.id
      WHERE oc.delivered_date BETWEEN ? AND ? AND oc.outcome <> 'refused' AND l.gift = 0
      GROUP BY l.product_id, o.customer_id`,
  );
  const rawMs = await timeRuns(5, () => raw.all(days[0], days[5]));
  bench(
    'edr_export_ms_week',
    percentile(exportMs, 50),
    'ms',
    `limit ≤ ${limitMs}; ${orders} orders, ${lines} lines in ${week}, ${rows} sell-out rows (product × customer); edr.recordExport (log + tables) + CSV; p95 ${percentile(exportMs, 95).toFixed(1)} ms`,
  );
  bench('edr_sell_out_raw_sql_ms', percentile(rawMs, 50), 'ms', 'reference: the sell-out GROUP BY alone in raw SQL');
  bench('edr_generate_ms', genMs, 'ms', 'generating the week');
  if (percentile(exportMs, 50) > limitMs) process.exitCode = 1;
  await core.close();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
