// The stock core's figures (issue 3): posting throughput against SQLite's own
// insert rate, single-posting latency, the inventory grid's query and a ledger
// page at a million movements, and the demo load.
import { openCore, type CoreOptions } from '../../electron/core/core';
import type { Caller } from '../../electron/core/context';
import { BalanceIndex } from '../../electron/core/stock/balanceIndex';
import { pageMovements } from '../../electron/core/stock/queries';
import { postDocument, type MovementLine } from '../../electron/core/stock/posting';
import { groupCommitWrites } from '../../electron/core/db/groupCommit';
import { bench, percentile } from './report';
import { tempDir } from '../helpers/tempDirs';
import { benchContext, benchWarehouse } from './benchWarehouse';

const warehouse = (products: number, options: Partial<CoreOptions> = {}) => benchWarehouse('ledger', products, options);

/** Stations posting at once in the grouped phases, each a caller of its own (BENCH_STATIONS to vary). */
const stations = Number(process.env.BENCH_STATIONS ?? 4);

async function postingThroughput() {
  const groups: number[] = [];
  const { core, caller, productIds, binIds } = await warehouse(2000, {
    groupCommit: { onGroup: (n) => groups.push(n) },
  });
  const root = core.database.db;
  const base = benchContext(core, caller);
  let seed = 1;
  const rand = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
  const doc = (): MovementLine[] =>
    Array.from({ length: 15 }, () => ({
      productId: productIds[rand(productIds.length)]!,
      status: 'good' as const,
      locationId: binIds[rand(binIds.length)]!,
      qty: 1 + rand(50),
    }));

  // Warm-up: statement cache, page cache.
  for (let i = 0; i < 200; i++)
    await root
      .transaction()
      .execute((trx) =>
        postDocument({ ...base, db: trx }, { type: 'receipt', idempotencyKey: `warm-${i}`, lines: doc() }),
      );

  // Each phase starts from an empty WAL, so neither inherits the other's backlog.
  core.database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  const docs = 3000;
  const batches = Array.from({ length: docs }, doc);
  let t = performance.now();
  for (let i = 0; i < docs; i++) {
    await root
      .transaction()
      .execute((trx) =>
        postDocument({ ...base, db: trx }, { type: 'receipt', idempotencyKey: `doc-${i}`, lines: batches[i]! }),
      );
  }
  const postSeconds = (performance.now() - t) / 1000;
  const linesPerS = (docs * 15) / postSeconds;

  // The floor: the same rows into the same table by one prepared INSERT in one transaction.
  const sqlite = core.database.sqlite;
  const docId = (sqlite.prepare('SELECT MAX(id) AS id FROM documents').get() as { id: number }).id;
  const userId = caller.session!.userId;
  const raw = sqlite.prepare(
    'INSERT INTO movements (document_id, type, product_id, status, location_id, qty, unit_cost_fen, at, user_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const at = new Date().toISOString();
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  t = performance.now();
  sqlite.transaction(() => {
    for (const lines of batches)
      for (const l of lines) raw.run(docId, 'receipt', l.productId, l.status, l.locationId, l.qty, 100, at, userId);
  })();
  const rawPerS = (docs * 15) / ((performance.now() - t) / 1000);

  // The same postings by `stations` callers at once through the SQLite host's write runner (the one
  // the dispatcher uses): the same work as the sequential figure, each document in its own savepoint,
  // the documents waiting at once sharing a COMMIT (db/groupCommit.ts).
  const writes = groupCommitWrites(root, sqlite);
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  t = performance.now();
  await Promise.all(
    Array.from({ length: stations }, async (_, s) => {
      for (let i = s; i < docs; i += stations)
        await writes((trx) =>
          postDocument({ ...base, db: trx }, { type: 'receipt', idempotencyKey: `grouped-${i}`, lines: batches[i]! }),
        );
    }),
  );
  const groupedPerS = (docs * 15) / ((performance.now() - t) / 1000);

  // The real load: several stations (docks receiving, loading, counting) posting at once, each its
  // own caller, through the whole request path (core.dispatch: the contract's parsing, the role check,
  // the receipt, its audit row, the events) — the same documents, 3,000 of 15 lines. Write requests
  // waiting at once share a COMMIT (db/groupCommit.ts); each is answered only after it.
  const r = await core.dispatch(caller, 'users.create', {
    username: 'poster',
    displayName: 'poster',
    roles: ['warehouseKeeper', 'operator'],
    password: 'poster-password',
  });
  if (!r.ok) throw new Error(JSON.stringify(r));
  const callers: Caller[] = [];
  for (let s = 0; s < stations; s++) {
    const c = core.newCaller(`station-${s}`);
    const login = await core.dispatch(c, 'auth.login', { username: 'poster', secret: 'poster-password' });
    if (!login.ok) throw new Error(JSON.stringify(login));
    callers.push(c);
  }
  const arrivedAt = new Date().toISOString();
  const post = async (c: Caller, i: number, lines = batches[i]!) => {
    const r = await core.dispatch(c, 'receipts.post', {
      deliveryNote: `BN-${i}`,
      arrivedAt,
      idempotencyKey: `station-doc-${i}`,
      lines: lines.map((l) => ({
        productId: l.productId,
        status: l.status,
        locationId: l.locationId,
        qty: l.qty,
      })),
    });
    if (!r.ok) throw new Error(JSON.stringify(r));
  };
  for (let i = 0; i < 100; i++) await post(callers[0]!, docs + i, doc()); // warm-up of the request path
  groups.length = 0;
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  t = performance.now();
  await Promise.all(
    callers.map(async (c, s) => {
      for (let i = s; i < docs; i += stations) await post(c, i);
    }),
  );
  const stationsPerS = (docs * 15) / ((performance.now() - t) / 1000);
  const meanGroup = groups.reduce((a, b) => a + b, 0) / groups.length;

  // A second reference, not the limit: the same documents written by prepared statements, one
  // transaction each (the document number, the document, its movements, the balances), with none of the
  // posting's checks. What separates it from the one-transaction floor is the commit per document:
  // each writes the pages it touched to the WAL (~25 of 4 KB for 15 lines, 15 of them leaves of the
  // movements' product index), which is system-call time, not JavaScript. The posting's own share is
  // the gap between this figure and ledger_post_lines_per_s.
  const begin = sqlite.prepare('BEGIN IMMEDIATE');
  const commit = sqlite.prepare('COMMIT');
  const counter = sqlite.prepare(
    "INSERT INTO document_counters (type, day, last) VALUES ('floor', '1', 1) ON CONFLICT (type, day) DO UPDATE SET last = last + 1 RETURNING last",
  );
  const document = sqlite.prepare(
    "INSERT INTO documents (type, number, state, idempotency_key, created_by, created_at, posted_at) VALUES ('receipt', ?, 'posted', ?, ?, ?, ?) RETURNING id",
  );
  const balance = sqlite.prepare(
    'INSERT INTO balances (product_id, status, location_id, qty) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET qty = qty + excluded.qty RETURNING qty',
  );
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  t = performance.now();
  for (const [i, lines] of batches.entries()) {
    begin.run();
    const { last } = counter.get() as { last: number };
    const { id } = document.get(`FL-${last}`, `floor-${i}`, userId, at, at) as { id: number };
    for (const l of lines) raw.run(id, 'receipt', l.productId, l.status, l.locationId, l.qty, 100, at, userId);
    for (const l of lines) balance.get(l.productId, l.status, l.locationId, l.qty);
    commit.run();
  }
  const perDocPerS = (docs * 15) / ((performance.now() - t) / 1000);

  bench(
    'ledger_post_lines_per_s',
    Math.round(linesPerS),
    'lines/s',
    `${docs} documents of 15 lines, one transaction each`,
  );
  bench('raw_insert_rows_per_s', Math.round(rawPerS), 'rows/s', 'same rows, one prepared INSERT, one transaction');
  bench(
    'ledger_post_ratio_sequential',
    linesPerS / rawPerS,
    'ratio',
    'one caller, postDocument alone, one transaction and one COMMIT per document',
  );
  bench(
    `ledger_post_ratio_grouped_${stations}`,
    groupedPerS / rawPerS,
    'ratio',
    `the same postings by ${stations} callers at once, postDocument alone, sharing COMMITs (group commit)`,
  );
  bench(
    `ledger_post_lines_per_s_stations_${stations}`,
    Math.round(stationsPerS),
    'lines/s',
    `${stations} stations at once through core.dispatch receipts.post; ${groups.length} commits, ` +
      `${meanGroup.toFixed(2)} write requests per commit on average (the stations' receipts and, after each ` +
      `commit, R4's automatic retry of short orders, orders.autoRetry)`,
  );
  bench(
    'ledger_post_ratio',
    stationsPerS / rawPerS,
    'ratio',
    `limit >= 0.25; ${stations} stations posting at once through the request path (group commit); ` +
      `one caller alone: ledger_post_ratio_sequential`,
  );
  bench(
    'ledger_doc_txn_floor_lines_per_s',
    Math.round(perDocPerS),
    'lines/s',
    `reference: the same documents by prepared statements, one transaction each, no checks; ` +
      `posting / this ${(linesPerS / perDocPerS).toFixed(2)}`,
  );
  bench(
    'ledger_doc_txn_floor_ratio',
    perDocPerS / rawPerS,
    'ratio',
    'the transaction floor / raw insert: what one COMMIT per document allows at best, with no checks, ' +
      'no period figures, no audit and no request path; a sequential ratio cannot pass it',
  );

  // Latency of one single-line document per transaction.
  const samples: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const line = [
      { productId: productIds[rand(productIds.length)]!, status: 'good' as const, locationId: binIds[0]!, qty: 1 },
    ];
    const s = performance.now();
    await root
      .transaction()
      .execute((trx) =>
        postDocument({ ...base, db: trx }, { type: 'receipt', idempotencyKey: `single-${i}`, lines: line }),
      );
    samples.push(performance.now() - s);
  }
  bench('post_single_p50_ms', percentile(samples, 50), 'ms');
  bench('post_single_p99_ms', percentile(samples, 99), 'ms', 'limit <= 3');
  await core.close();
}

async function queriesAtScale() {
  const products = 20_000;
  const movements = 1_000_000;
  const { core, caller, productIds, binIds } = await warehouse(products);
  const sqlite = core.database.sqlite;
  const userId = caller.session!.userId;
  const t0 = performance.now();
  // Built directly (a consistent ledger and balances) — building a million
  // movements through the posting path is what the throughput figure measures.
  sqlite.transaction(() => {
    const docs = sqlite.prepare(
      "INSERT INTO documents (type, number, state, idempotency_key, created_by, created_at, posted_at) VALUES ('receipt', ?, 'posted', ?, ?, ?, ?)",
    );
    const mv = sqlite.prepare(
      "INSERT INTO movements (document_id, type, product_id, status, location_id, qty, unit_cost_fen, at, user_id) VALUES (?, 'receipt', ?, ?, ?, ?, ?, ?, ?)",
    );
    const statuses = ['good', 'damaged', 'gift'] as const;
    const at = new Date().toISOString();
    let docId = 0;
    for (let i = 0; i < movements; i++) {
      if (i % 20 === 0) docId = Number(docs.run(`BN-${i}`, `bench-${i}`, userId, at, at).lastInsertRowid);
      const p = productIds[i % products]!;
      const s = statuses[Math.floor(i / products) % 3]!;
      mv.run(docId, p, s, binIds[p % binIds.length]!, 1 + (i % 7), 100, at, userId);
    }
    sqlite.exec(
      'INSERT INTO balances (product_id, status, location_id, qty) SELECT product_id, status, location_id, SUM(qty) FROM movements GROUP BY 1, 2, 3',
    );
  })();
  sqlite.pragma('optimize');
  process.stderr.write(`# built ${movements} movements in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);

  const db = core.database.db;
  const index = new BalanceIndex(() => sqlite.pragma('data_version', { simple: true }) as number);
  let t = performance.now();
  const rows = (await index.list(db)).length;
  const coldMs = performance.now() - t;
  // Steady state: the grid asks again after each posting; the index catches up on the new movements.
  const base = benchContext(core, caller);
  const runs: number[] = [];
  for (let i = 0; i < 20; i++) {
    const lines = Array.from({ length: 15 }, (_, k) => ({
      productId: productIds[((i * 15 + k) * 7) % products]!,
      status: 'good' as const,
      locationId: binIds[0]!,
      qty: 3,
    }));
    await db
      .transaction()
      .execute((trx) => postDocument({ ...base, db: trx }, { type: 'receipt', idempotencyKey: `q-${i}`, lines }));
    t = performance.now();
    await index.list(db);
    runs.push(performance.now() - t);
  }
  bench(
    'balances_query_ms',
    percentile(runs, 50),
    'ms',
    `${rows} balance rows (${products} products x 3 statuses), ${movements} movements, after a 15-line posting; limit <= 100`,
  );
  bench('balances_cold_load_ms', coldMs, 'ms', 'first request after start-up: all rows from SQLite');

  const pages: number[] = [];
  for (const offset of [0, 1000, 250_000, 500_000, 750_000, 999_900]) {
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      const page = await pageMovements(db, { offset, limit: 100 });
      pages.push(performance.now() - t);
      if (page.rows.length !== 100) throw new Error(`page at ${offset} had ${page.rows.length} rows`);
    }
  }
  bench('ledger_page_ms', percentile(pages, 99), 'ms', 'p99 of 100-row pages at offsets 0…999,900; limit <= 20');
  await core.close();
}

async function demoLoad() {
  const core = await openCore({ dataDir: tempDir('bench-demo'), station: 'bench', log: () => {} });
  const t = performance.now();
  const r = await core.dispatch(core.newCaller('bench'), 'setup.loadDemo', {});
  if (!r.ok) throw new Error(JSON.stringify(r));
  bench('demo_load_s', (performance.now() - t) / 1000, 's');
  await core.close();
}

// CommonJS bundle: no top-level await.
void (async () => {
  // BENCH_ONLY=posting|queries|demo runs one part (for profiling).
  const only = process.env.BENCH_ONLY;
  if (!only || only === 'posting') await postingThroughput();
  if (!only || only === 'queries') await queriesAtScale();
  if (!only || only === 'demo') await demoLoad();
})();
