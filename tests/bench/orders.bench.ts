// Orders' figures (issue 11, "Must show"): an order file of 5,200 orders
// (~20,000 lines) parsed, qualified and written through orders.import, and
// releasing those 5,200 orders in one action (whole-order reservation, never
// negative). Each is printed with a floor measured in the same run: the same
// rows inserted raw with prepared statements in one transaction.
import { openCore, type Core } from '../../electron/core/core';
import type { Caller } from '../../electron/core/context';
import { bench } from './report';
import { tempDir } from '../helpers/tempDirs';

const password = 'bench-password';
const orders = 5200;
const productsN = 840;
const customersN = 800;

function rng(seed: number) {
  let a = seed >>> 0;
  return (lo: number, hi: number) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return lo + Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * (hi - lo + 1));
  };
}

async function warehouse(): Promise<{ core: Core; op: Caller; must: <T>(name: string, input: unknown) => Promise<T> }> {
  const core = await openCore({ dataDir: tempDir('bench-orders'), station: 'bench', log: () => {} });
  const admin = core.newCaller('admin');
  const must = async <T>(name: string, input: unknown, caller = admin): Promise<T> => {
    const r = await core.dispatch(caller, name, input);
    if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.error).slice(0, 500)}`);
    return r.value as T;
  };
  await must('setup.createAdmin', { username: 'admin', displayName: 'admin', password });
  for (const [username, roles] of [
    ['op', ['operator']],
    ['keeper', ['warehouseKeeper']],
    ['sales', ['salesperson']],
  ] as const)
    await must('users.create', { username, displayName: username, roles, password });
  const op = core.newCaller('op');
  await must('auth.login', { username: 'op', secret: password }, op);
  const keeper = core.newCaller('keeper');
  await must('auth.login', { username: 'keeper', secret: password }, keeper);

  const codes = Array.from({ length: productsN }, (_, i) => `P${10001 + i}`);
  await must(
    'products.import',
    { csv: ['code,name_zh,unit,case_pack,unit_cost', ...codes.map((c) => `${c},商品${c},个,12,2.00`)].join('\n') },
    op,
  );
  await must(
    'customers.import',
    {
      csv: [
        'code,name,area,route,stop_seq,salesperson',
        ...Array.from(
          { length: customersN },
          (_, i) => `C${1001 + i},客户${i},天河,TH-${i % 30},${1 + Math.floor(i / 30)},sales`,
        ),
      ].join('\n'),
    },
    op,
  );
  await must(
    'prices.import',
    { csv: ['product_code,price,valid_from', ...codes.map((c) => `${c},2.50,2020-01-01`)].join('\n') },
    op,
  );
  const products = await must<{ id: number; code: string }[]>('products.list', {}, op);
  const bins = (await must<{ id: number; kind: string }[]>('locations.list', {}, op)).filter((l) => l.kind === 'bin');
  for (let i = 0; i < products.length; i += 400)
    await must(
      'receipts.post',
      {
        deliveryNote: `QS-${i}`,
        arrivedAt: new Date().toISOString(),
        idempotencyKey: `bench-stock-${i}`,
        lines: products
          .slice(i, i + 400)
          .map((p) => ({ productId: p.id, status: 'good', locationId: bins[0]!.id, qty: 5000 })),
      },
      keeper,
    );
  return { core, op, must: (name, input) => must(name, input, op) };
}

function orderFile(dispatchDate: string): { csv: string; lines: number } {
  const int = rng(11);
  const rows = ['order_ref,customer_code,product_code,qty,dispatch_date'];
  for (let k = 0; k < orders; k++) {
    const n = int(1, 100) <= 85 ? int(3, 5) : int(1, 2);
    const seen = new Set<number>();
    for (let j = 0; j < n; j++) {
      let p = int(0, productsN - 1);
      while (seen.has(p)) p = int(0, productsN - 1);
      seen.add(p);
      rows.push(`R${k + 1},C${1001 + (k % customersN)},P${10001 + p},${int(1, 6)},${dispatchDate}`);
    }
  }
  return { csv: rows.join('\r\n'), lines: rows.length - 1 };
}

/** CPU time of this process (user + system): on a shared, loaded machine the wall time also holds waiting. */
const cpuMs = (u: NodeJS.CpuUsage) => Math.round((u.user + u.system) / 1000);

async function main() {
  const { core, must } = await warehouse();
  const dispatch = new Date(Date.now() + 2 * 86_400_000).toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' });
  const { csv, lines } = orderFile(dispatch);

  // Floor: the same orders and lines inserted raw, prepared statements, one transaction.
  const sqlite = core.database.sqlite;
  sqlite.exec(`CREATE TEMP TABLE raw_orders (id INTEGER PRIMARY KEY, ref TEXT, customer TEXT, dispatch TEXT);
    CREATE TEMP TABLE raw_lines (order_id INTEGER, product TEXT, qty INTEGER);
    CREATE TEMP TABLE raw_res (line INTEGER PRIMARY KEY, product TEXT, qty INTEGER)`);
  const rawRows = csv
    .split('\r\n')
    .slice(1)
    .map((l) => l.split(','));
  let t = performance.now();
  const insO = sqlite.prepare('INSERT INTO raw_orders (ref, customer, dispatch) VALUES (?, ?, ?)');
  const insL = sqlite.prepare('INSERT INTO raw_lines (order_id, product, qty) VALUES (?, ?, ?)');
  sqlite
    .transaction(() => {
      let last = '';
      let id = 0;
      for (const r of rawRows) {
        if (r[0] !== last) {
          id = Number(insO.run(r[0], r[1], r[4]).lastInsertRowid);
          last = r[0]!;
        }
        insL.run(id, r[2], Number(r[3]));
      }
    })
    .immediate();
  const rawImport = performance.now() - t;

  let cpu = process.cpuUsage();
  t = performance.now();
  const imported = await must<{ orders: number; lines: number; qualified: number }>('orders.import', {
    csv,
    fileName: 'bench.csv',
  });
  const importMs = performance.now() - t;
  const importCpu = process.cpuUsage(cpu);
  if (imported.orders !== orders || imported.qualified !== orders)
    throw new Error(`import: ${JSON.stringify(imported)}`);
  bench(
    'order_import_ms_5200',
    Math.round(importMs),
    'ms',
    `limit 3000; ${lines} lines; raw INSERT floor ${rawImport.toFixed(0)} ms; CPU ${cpuMs(importCpu)} ms`,
  );
  bench('order_import_rows_per_s', Math.round(lines / (importMs / 1000)), 'rows/s');

  const insR = sqlite.prepare('INSERT INTO raw_res (line, product, qty) VALUES (?, ?, ?)');
  t = performance.now();
  sqlite.transaction(() => rawRows.forEach((r, i) => insR.run(i, r[2], Number(r[3])))).immediate();
  const rawRelease = performance.now() - t;

  cpu = process.cpuUsage();
  t = performance.now();
  const released = await must<{ released: number[]; short: number[] }>('orders.release', { dispatchDate: dispatch });
  const releaseMs = performance.now() - t;
  const releaseCpu = process.cpuUsage(cpu);
  if (released.released.length !== orders)
    throw new Error(`release: ${released.released.length} ${released.short.length}`);
  bench(
    'order_release_ms_5200',
    Math.round(releaseMs),
    'ms',
    `limit 2000; raw INSERT floor ${rawRelease.toFixed(0)} ms; CPU ${cpuMs(releaseCpu)} ms`,
  );
  await core.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
