// The stock count's figures (issue 5, "Must show"): a scan on the serial link
// → the counter's line, the snapshot of a 20,000-line scope, the variance of a
// 100,000-line count with 1,000 movements posted during it, and the
// reconciliation grid of 20,000 lines painted in Chromium (its first rows, and
// then every line). Each figure is printed with its limit and a floor measured
// in the same run (raw SQLite, the wire time of a frame), so a ratio holds on a
// noisy machine.
//
// BENCH_ONLY=scan|snapshot|variance|cause|grid runs one part (for profiling).
import { sql } from 'kysely';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { CountSessionView, CountSheet } from '../../shared/contract/counts';
import { openCore, type Core } from '../../electron/core/core';
import type { Caller, ServiceContext } from '../../electron/core/context';
import { wireTimeMs } from '../../electron/core/scanner/serial/wire';
import { postDocument } from '../../electron/core/stock/posting';
import { startStationHost } from '../../electron/server';
import { askCore, plugSerialScanner } from '../helpers/serialScanner';
import { connectStation } from '../helpers/stationClient';
import { bench, percentile } from './report';
import { tempDir } from '../helpers/tempDirs';

const password = 'bench-password';
const repoRoot = path.resolve(__dirname, '..', '..', '..');
const tmp = (label: string) => tempDir(`bench-${label}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]) => percentile(xs, 50);

async function until(cond: () => boolean, timeoutMs = 10_000) {
  const end = Date.now() + timeoutMs;
  while (!cond() && Date.now() < end) await sleep(5);
}

type Counting = {
  core: Core;
  admin: Caller;
  op: Caller;
  keeper: Caller;
  keeper2: Caller;
  ids: { op: number; keeper: number; keeper2: number };
  must<T = unknown>(caller: Caller, name: string, input: unknown): Promise<T>;
};

/** A data folder with an operator and two keepers, logged in through the contract. */
async function countingWarehouse(label: string, opts: { serial?: boolean; station?: string } = {}): Promise<Counting> {
  const core = await openCore({
    dataDir: tmp(label),
    station: opts.station ?? 'bench',
    serial: opts.serial ?? false,
    log: () => {},
  });
  const must = async <T>(caller: Caller, name: string, input: unknown): Promise<T> => {
    const r = await core.dispatch(caller, name, input);
    if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.error)}`);
    return r.value as T;
  };
  const admin = core.newCaller('admin');
  await must(admin, 'setup.createAdmin', { username: 'admin', displayName: 'admin', password });
  const user = async (username: string, role: string) => {
    await must(admin, 'users.create', { username, displayName: username, roles: [role], password });
    const caller = core.newCaller(username);
    await must(caller, 'auth.login', { username, secret: password });
    return caller;
  };
  const op = await user('operator', 'operator');
  const keeper = await user('keeper', 'warehouseKeeper');
  const keeper2 = await user('keeper2', 'warehouseKeeper');
  const ids = { op: op.session!.userId, keeper: keeper.session!.userId, keeper2: keeper2.session!.userId };
  return { core, admin, op, keeper, keeper2, ids, must };
}

/**
 * `lines` balance rows in a new zone WH1-C of 200 bins, built directly (a
 * consistent ledger and balances: one receipt movement per balance row) —
 * building them through the posting path is what the ledger bench measures.
 * Products go in by prepared INSERT; the catalogue_version triggers fire for
 * direct SQL as for the app. Each product sits in four bins.
 */
function stockZone(w: Counting, lines: number): { zoneId: number; productIds: number[]; binIds: number[] } {
  const sqlite = w.core.database.sqlite;
  const at = new Date().toISOString();
  const bins = 200;
  const perProduct = 4;
  const products = Math.ceil(lines / perProduct);
  const warehouseId = (
    sqlite.prepare("SELECT id FROM locations WHERE kind = 'warehouse' ORDER BY id").get() as {
      id: number;
    }
  ).id;
  let zoneId = 0;
  sqlite.transaction(() => {
    zoneId = Number(
      sqlite
        .prepare("INSERT INTO locations (code, name, kind, parent_id) VALUES ('WH1-C', '盘点区', 'zone', ?)")
        .run(warehouseId).lastInsertRowid,
    );
    const bin = sqlite.prepare("INSERT INTO locations (code, name, kind, parent_id) VALUES (?, ?, 'bin', ?)");
    for (let b = 0; b < bins; b++) bin.run(`C-${String(b + 1).padStart(3, '0')}`, `盘点区 ${b + 1}`, zoneId);
    const product = sqlite.prepare(
      "INSERT INTO products (code, name_zh, name_en, unit, case_pack, unit_cost_fen, category, created_at, updated_at) VALUES (?, ?, ?, '个', 12, ?, '饮料', ?, ?)",
    );
    for (let i = 0; i < products; i++)
      product.run(`C${100000 + i}`, `商品${i}`, `Product ${i}`, 100 + (i % 900), at, at);
  })();
  const productIds = (
    sqlite.prepare("SELECT id FROM products WHERE code LIKE 'C%' ORDER BY id").all() as { id: number }[]
  ).map((p) => p.id);
  const binIds = (
    sqlite.prepare('SELECT id FROM locations WHERE parent_id = ? ORDER BY id').all(zoneId) as { id: number }[]
  ).map((l) => l.id);
  sqlite.transaction(() => {
    const docs = sqlite.prepare(
      "INSERT INTO documents (type, number, state, idempotency_key, created_by, created_at, posted_at) VALUES ('receipt', ?, 'posted', ?, ?, ?, ?)",
    );
    const mv = sqlite.prepare(
      "INSERT INTO movements (document_id, type, product_id, status, location_id, qty, unit_cost_fen, at, user_id) VALUES (?, 'receipt', ?, 'good', ?, ?, ?, ?, ?)",
    );
    const balance = sqlite.prepare(
      "INSERT INTO balances (product_id, status, location_id, qty) VALUES (?, 'good', ?, ?) ON CONFLICT DO UPDATE SET qty = qty + excluded.qty",
    );
    let docId = 0;
    for (let i = 0; i < lines; i++) {
      if (i % 20 === 0) docId = Number(docs.run(`BC-${i}`, `bench-count-${i}`, w.ids.op, at, at).lastInsertRowid);
      const p = i % products;
      const j = Math.floor(i / products);
      const productId = productIds[p]!;
      const binId = binIds[(p + j * (bins / perProduct)) % bins]!;
      const qty = 20 + (i % 80);
      mv.run(docId, productId, binId, qty, 100 + (p % 900), at, w.ids.op);
      balance.run(productId, binId, qty);
    }
  })();
  sqlite.pragma('optimize');
  return { zoneId, productIds, binIds };
}

function contextFor(core: Core, caller: Caller): ServiceContext {
  return {
    root: core.database.db,
    db: core.database.db,
    caller,
    now: new Date(),
    request: 'bench',
    timeZone: 'Asia/Shanghai',
    dataDir: core.dataDir,
    emit: () => {},
    afterCommit: (fn) => fn(),
  };
}

async function planCount(w: Counting, zoneId: number): Promise<CountSessionView> {
  return w.must<CountSessionView>(w.op, 'counts.plan', {
    scope: { area: 'zones', locationIds: [zoneId] },
    counters: [{ userId: w.ids.keeper }, { userId: w.ids.keeper2 }],
    toleranceUnits: 2,
  });
}

/**
 * Count entries as counts.enter (kind 'set', the counter's own count) writes
 * them, ledger_position included — appended directly: 100,000 requests through
 * the contract would take minutes and are not what is measured. `every`: one
 * line in so many is counted by both keepers (summed).
 */
function enterCounts(w: Counting, sessionId: number, from: number, to: number, both = 10) {
  const sqlite = w.core.database.sqlite;
  const lines = sqlite
    .prepare('SELECT id, snapshot_qty FROM count_lines WHERE session_id = ? ORDER BY id LIMIT ? OFFSET ?')
    .all(sessionId, to - from, from) as { id: number; snapshot_qty: number }[];
  const position = (sqlite.prepare('SELECT ifnull(max(id), 0) AS p FROM movements').get() as { p: number }).p;
  const entry = sqlite.prepare(
    "INSERT INTO count_entries (line_id, round, user_id, kind, qty, ledger_position, scan_id, at) VALUES (?, 1, ?, 'set', ?, ?, NULL, ?)",
  );
  const at = new Date().toISOString();
  sqlite.transaction(() => {
    for (const [i, l] of lines.entries()) {
      // Most lines match; some are off by one (within tolerance), a few by more.
      const off = i % 50 === 0 ? -7 : i % 10 === 0 ? 1 : 0;
      const counted = Math.max(0, l.snapshot_qty + off);
      if (i % both === 0) {
        const half = Math.floor(counted / 2);
        entry.run(l.id, w.ids.keeper, half, position, at);
        entry.run(l.id, w.ids.keeper2, counted - half, position, at);
      } else entry.run(l.id, w.ids.keeper, counted, position, at);
    }
  })();
  return lines.length;
}

// ---------------------------------------------------------------- scan → line

async function scanToLine() {
  const baud = 115200;
  const scans = 1000;
  const station = 'COUNT-1';
  const w = await countingWarehouse('count-scan', { serial: true, station });
  const { core, op } = w;
  await w.must(w.admin, 'products.import', {
    csv: 'code,name_zh,unit,case_pack,unit_cost,unit_barcode\nB1,商品一,个,12,1.00,6901234567892\nB2,商品二,个,12,1.00,6902234567899\n',
  });
  const products = await w.must<{ id: number; code: string }[]>(w.admin, 'products.list', {});
  const locations = await w.must<{ id: number; code: string }[]>(w.admin, 'locations.list', {});
  const bin = locations.find((l) => l.code === 'A-01')!.id;
  const zoneA = locations.find((l) => l.code === 'WH1-A')!.id;
  const b1 = products.find((p) => p.code === 'B1')!.id;
  const b2 = products.find((p) => p.code === 'B2')!.id;
  await w.must(op, 'receipts.post', {
    deliveryNote: 'QS-BENCH-1',
    arrivedAt: new Date().toISOString(),
    idempotencyKey: 'bench-scan-stock',
    lines: [
      { productId: b1, status: 'good', locationId: bin, qty: 600 },
      { productId: b2, status: 'good', locationId: bin, qty: 600 },
    ],
  });
  const planned = await w.must<CountSessionView>(op, 'counts.plan', {
    scope: { area: 'zones', locationIds: [zoneA] },
    counters: [{ userId: w.ids.keeper }],
  });
  await w.must(op, 'counts.start', { sessionId: planned.id });
  // The station's serial scans become the keeper's when the keeper chooses the
  // count at the station below (whoever asks anything meanwhile).
  const scanner = await plugSerialScanner(askCore(core, w.admin), {
    dir: core.dataDir,
    station,
    name: 'Count gun',
    baudRate: baud,
    idleMs: 50,
  });

  const host = await startStationHost({ core, rendererDir: core.dataDir, port: 0, log: () => {} });
  const client = await connectStation(host.url);
  const { request } = client;
  const received: { at: number; outcome: string; code: string; task: string; binUnits: number }[] = [];
  client.onEvent((event) => {
    if (event.name !== 'scanner.scan') return;
    const { scan } = event.payload;
    // The count task's view is small: it always comes whole.
    const task = 'state' in event.payload ? event.payload.state.task : null;
    received.push({
      at: performance.now(),
      outcome: scan.outcome,
      code: scan.raw,
      task: task?.kind ?? 'patch',
      binUnits: task?.kind === 'count' ? task.binUnits : -1,
    });
  });
  // The keeper logs in at the station and counts there: serial scans are theirs.
  await request('auth.login', { username: 'keeper', secret: password });
  await request('counts.countAtStation', { sessionId: planned.id });

  scanner.cable.scan('A-01');
  await until(() => received.length === 1);
  if (received[0]?.outcome !== 'accepted') throw new Error(`bin label not accepted: ${JSON.stringify(received[0])}`);

  const frames = ['6901234567892', '6902234567899'];
  const frameBytes = frames[0]!.length + 1;
  /** `n` scans at 20/s on the cable; what arrived, and each scan's time to its event. */
  const paced = async (n: number) => {
    const start = received.length;
    const sentAt: number[] = [];
    const t0 = performance.now();
    for (let i = 0; i < n; i++) {
      // Paced against the clock, so a slow scan does not stretch the run below 20/s.
      const due = t0 + i * 50;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      scanner.cable.scan(frames[i % 2]!);
      sentAt.push(performance.now());
    }
    await until(() => received.length >= start + n, 30_000);
    await sleep(300); // anything doubled would arrive now
    const got = received.slice(start);
    return { got, latencies: got.slice(0, n).map((r, i) => r.at - sentAt[i]!) };
  };
  const { got, latencies } = await paced(scans);
  const lost = Math.max(0, scans - got.length);
  const doubled = Math.max(0, got.length - scans);
  const rejected = got.filter((r) => r.outcome !== 'accepted').length;
  const notCount = got.filter((r) => r.task !== 'count').length;
  const lastBinUnits = got[got.length - 1]?.binUnits ?? -1;

  // The counter's lines afterwards: one unit per scan of each product, no more, no less.
  const sheet = await request<CountSheet>('counts.sheet', { sessionId: planned.id });
  const myQty = (productId: number) =>
    sheet.lines.find((l) => l.productId === productId && l.locationId === bin)?.myQty ?? null;
  const scansOf = (k: number) => Math.ceil((scans - k) / 2);
  const linesRight = myQty(b1) === scansOf(0) && myQty(b2) === scansOf(1);

  bench('count_scan_to_line_p50_ms', percentile(latencies, 50), 'ms');
  bench(
    'count_scan_to_line_p99_ms',
    percentile(latencies, 99),
    'ms',
    `limit <= 10; ${scans} scans at 20/s; lost ${lost}, doubled ${doubled}, not accepted ${rejected}, ` +
      `event state not the count task ${notCount}; sheet myQty B1 ${myQty(b1)}/${scansOf(0)} scans, ` +
      `B2 ${myQty(b2)}/${scansOf(1)} scans (${linesRight ? 'equal' : 'NOT EQUAL'}); bin units ${lastBinUnits}`,
  );
  bench('count_scan_wire_floor_ms', wireTimeMs(frameBytes, baud), 'ms', `${frameBytes} bytes at ${baud} baud, 8N1`);
  if (!linesRight || lost > 0 || doubled > 0) process.exitCode = 1;

  // Late in a long count: the keeper has scanned 20,000 units more (entries written as the
  // scanner writes them). A scan must cost what it cost at the start, not grow with the
  // counter's earlier scans (it did: 28 ms a scan after 20,000, before count_tallies).
  const earlier = 20_000;
  const line = await core.database.db
    .selectFrom('count_lines')
    .select(['id', 'round'])
    .where('session_id', '=', planned.id)
    .where('product_id', '=', b1)
    .executeTakeFirstOrThrow();
  await sql`WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ${earlier})
    INSERT INTO count_entries (line_id, round, user_id, kind, qty, ledger_position, at)
    SELECT ${line.id}, ${line.round}, ${w.ids.keeper}, 'add', 1, 0, ${new Date().toISOString()} FROM k`.execute(
    core.database.db,
  );
  const late = await paced(200);
  const lateRejected = late.got.filter((r) => r.outcome !== 'accepted').length;
  bench(
    'count_scan_to_line_p99_ms_after_20k_scans',
    percentile(late.latencies, 99),
    'ms',
    `limit <= 10; 200 scans at 20/s after ${earlier} earlier scans by the counter; p50 ` +
      `${percentile(late.latencies, 50).toFixed(2)} ms; lost ${Math.max(0, 200 - late.got.length)}, ` +
      `not accepted ${lateRejected}`,
  );

  client.close();
  await host.close();
  await core.close();
  await scanner.close();
}

// ---------------------------------------------------------------- snapshot

async function snapshot() {
  const lines = 20_000;
  const w = await countingWarehouse('count-snapshot');
  const sqlite = w.core.database.sqlite;
  const { zoneId } = stockZone(w, lines);
  // Warm-up on the same data: a first session started and cancelled (statement caches, page cache).
  const warm = await planCount(w, zoneId);
  await w.must(w.op, 'counts.start', { sessionId: warm.id });
  await w.must(w.op, 'counts.cancel', { sessionId: warm.id, reason: 'warm-up' });

  const runs: number[] = [];
  let built = 0;
  for (let i = 0; i < 3; i++) {
    const planned = await planCount(w, zoneId);
    const t = performance.now();
    const started = await w.must<CountSessionView>(w.op, 'counts.start', { sessionId: planned.id });
    runs.push(performance.now() - t);
    built = started.lineCount;
    await w.must(w.op, 'counts.cancel', { sessionId: planned.id, reason: 'bench' });
  }
  // The floor: the same rows copied by one INSERT … SELECT in one transaction.
  const floorRuns: number[] = [];
  const sessionId = (await planCount(w, zoneId)).id;
  const bins = (sqlite.prepare('SELECT id FROM locations WHERE parent_id = ?').all(zoneId) as { id: number }[]).map(
    (b) => b.id,
  );
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    sqlite.exec('SAVEPOINT floor');
    sqlite
      .prepare(
        `INSERT INTO count_lines (session_id, product_id, location_id, status, snapshot_qty, expected)
         SELECT ?, product_id, location_id, status, qty, 1 FROM balances
         WHERE location_id IN (${bins.join(',')}) AND qty > 0`,
      )
      .run(sessionId);
    floorRuns.push(performance.now() - t);
    sqlite.exec('ROLLBACK TO floor; RELEASE floor');
  }
  bench(
    'count_snapshot_ms_20k',
    median(runs),
    'ms',
    `limit <= 300; counts.start of ${built} lines (200 bins), median of 3 [${runs.map((r) => r.toFixed(0)).join(', ')}]`,
  );
  bench('count_snapshot_raw_sql_ms_20k', median(floorRuns), 'ms', 'the same rows by one INSERT … SELECT');
  await w.core.close();
}

// ---------------------------------------------------------------- variance

async function variance() {
  const lines = 100_000;
  const moves = 1_000;
  const w = await countingWarehouse('count-variance');
  const sqlite = w.core.database.sqlite;
  const t0 = performance.now();
  const { zoneId, productIds, binIds } = stockZone(w, lines);
  const planned = await planCount(w, zoneId);
  const started = await w.must<CountSessionView>(w.op, 'counts.start', { sessionId: planned.id });
  const sessionId = started.id;

  // Work does not stop during the count: 1,000 movements (receipts and
  // dispatches, one line each) through the one posting function, half before
  // the lines are counted and half after, on lines in scope.
  const base = contextFor(w.core, w.op);
  const db = w.core.database.db;
  const inScope = sqlite
    .prepare('SELECT product_id, location_id FROM count_lines WHERE session_id = ? ORDER BY id')
    .all(sessionId) as { product_id: number; location_id: number }[];
  const post = async (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const line = inScope[(i * 97) % inScope.length]!;
      const qty = i % 2 === 0 ? 5 : -3;
      await db.transaction().execute((trx) =>
        postDocument(
          { ...base, db: trx, now: new Date() },
          {
            type: qty > 0 ? 'receipt' : 'dispatchIssue',
            idempotencyKey: `bench-variance-${i}`,
            lines: [{ productId: line.product_id, status: 'good', locationId: line.location_id, qty }],
          },
        ),
      );
    }
  };
  let counted = enterCounts(w, sessionId, 0, 45_000);
  await post(0, moves / 2);
  counted += enterCounts(w, sessionId, 45_000, 95_000);
  await post(moves / 2, moves);
  await w.must(w.op, 'counts.finishCounting', { sessionId });
  sqlite.pragma('optimize');
  const movementsSince = (
    sqlite
      .prepare(
        'SELECT count(*) AS n FROM movements WHERE id > (SELECT snapshot_movement_id FROM count_sessions WHERE id = ?)',
      )
      .get(sessionId) as { n: number }
  ).n;
  process.stderr.write(
    `# built ${lines} lines (${productIds.length} products x 4 of ${binIds.length} bins), ${counted} counted, ` +
      `${movementsSince} movements since the snapshot, in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
  );

  const snapshotAt = (
    sqlite.prepare('SELECT snapshot_movement_id AS id FROM count_sessions WHERE id = ?').get(sessionId) as {
      id: number;
    }
  ).id;
  const runs: number[] = [];
  let size = 0;
  let summary = '';
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const view = await w.must<{ lines: unknown[]; totals: Record<string, number> }>(w.op, 'counts.reconcile', {
      sessionId,
    });
    runs.push(performance.now() - t);
    size = view.lines.length;
    const tt = view.totals;
    summary = `matched ${tt.matched}, within ${tt.withinTolerance}, out ${tt.outOfTolerance}, not counted ${tt.notCounted}`;
  }
  // The floor: reading the same lines, entries and movements since in raw SQLite.
  const floorRuns: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    sqlite
      .prepare(
        `SELECT l.*, p.code, p.name_zh, p.unit_cost_fen, loc.code FROM count_lines l
         JOIN products p ON p.id = l.product_id JOIN locations loc ON loc.id = l.location_id WHERE l.session_id = ?`,
      )
      .all(sessionId);
    sqlite
      .prepare('SELECT e.* FROM count_entries e JOIN count_lines l ON l.id = e.line_id WHERE l.session_id = ?')
      .all(sessionId);
    sqlite.prepare('SELECT * FROM movements WHERE id > ?').all(snapshotAt);
    floorRuns.push(performance.now() - t);
  }
  bench(
    'count_variance_ms_100k_lines',
    median(runs),
    'ms',
    `limit <= 1000; counts.reconcile of ${size} lines, ${movementsSince} movements since; median of 5 ` +
      `[${runs.map((r) => r.toFixed(0)).join(', ')}]; ${summary}`,
  );
  bench('count_variance_raw_read_ms_100k', median(floorRuns), 'ms', 'lines, entries and movements read by raw SQL');
  await w.core.close();
}

// ---------------------------------------------------------------- cause edit

/**
 * A cause given to one line of a 20,000-line reconciliation (issue 10): the
 * reply carries the changed line and the totals, not every line. Beside it,
 * in the same run, the full reconciliation (counts.reconcile), which is what
 * each edit answered with before. A recount request of one line is timed too.
 */
async function causeEdit() {
  const lines = 20_000;
  const w = await countingWarehouse('count-cause');
  const { zoneId } = stockZone(w, lines);
  const planned = await planCount(w, zoneId);
  const sessionId = planned.id;
  await w.must(w.op, 'counts.start', { sessionId });
  enterCounts(w, sessionId, 0, 18_000);
  await w.must(w.op, 'counts.finishCounting', { sessionId });
  w.core.database.sqlite.pragma('optimize');
  type Reply = {
    lines: { lineId: number; lineStatus: string; varianceQty: number | null; counts?: { userId: number }[] }[];
  };
  const full = await w.must<Reply>(w.op, 'counts.reconcile', { sessionId });
  const variances = full.lines.filter((l) => l.varianceQty !== null && l.varianceQty !== 0);
  const outside = full.lines.filter((l) => l.lineStatus === 'outOfTolerance');
  // A recount goes to a keeper who did not count the line: both counters counted these.
  const recounter = await w.must<{ id: number }>(w.admin, 'users.create', {
    username: 'keeper3',
    displayName: 'keeper3',
    roles: ['warehouseKeeper'],
    password,
  });

  const fullRuns: number[] = [];
  let fullBytes = 0;
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const v = await w.must(w.op, 'counts.reconcile', { sessionId });
    fullRuns.push(performance.now() - t);
    fullBytes = JSON.stringify(v).length;
  }
  const causes = ['miscount', 'unrecordedReceipt', 'theftOrLoss', null] as const;
  const editRuns: number[] = [];
  let editBytes = 0;
  let editLines = 0;
  for (let i = 0; i < 30; i++) {
    const line = variances[(i * 37) % variances.length]!;
    const t = performance.now();
    const r = await w.must<{ lines: unknown[] }>(w.op, 'counts.setCauses', {
      sessionId,
      lines: [{ lineId: line.lineId, cause: causes[i % causes.length], note: `bench ${i}` }],
    });
    editRuns.push(performance.now() - t);
    editBytes = JSON.stringify(r).length;
    editLines = r.lines.length;
  }
  const recountRuns: number[] = [];
  for (let i = 0; i < 5; i++) {
    const line = outside[(i * 11) % outside.length]!;
    const t = performance.now();
    await w.must(w.op, 'counts.requestRecount', { sessionId, lineIds: [line.lineId], keeperId: recounter.id });
    recountRuns.push(performance.now() - t);
    // Back to reconciling for the next request (no recount entered: the line stays to recount).
    await w.must(w.op, 'counts.finishCounting', { sessionId });
  }
  bench(
    'reconcile_cause_edit_ms_20k',
    median(editRuns),
    'ms',
    `limit <= 50; counts.setCauses of one line in a ${lines}-line count, median of ${editRuns.length} ` +
      `[p90 ${percentile(editRuns, 90).toFixed(1)}]; reply ${editLines} line(s), ${(editBytes / 1e3).toFixed(1)} kB`,
  );
  bench(
    'reconcile_full_reply_ms_20k',
    median(fullRuns),
    'ms',
    `reference: counts.reconcile of every line, median of ${fullRuns.length}; ${(fullBytes / 1e6).toFixed(1)} MB`,
  );
  bench(
    'reconcile_recount_request_ms_20k',
    median(recountRuns),
    'ms',
    `counts.requestRecount of one line, median of ${recountRuns.length}`,
  );
  await w.core.close();
  fs.rmSync(w.core.dataDir, { recursive: true, force: true });
}

// ---------------------------------------------------------------- grid paint

async function gridPaint() {
  const lines = 20_000;
  const rendererDir = path.join(repoRoot, 'dist', 'renderer');
  if (!fs.existsSync(path.join(rendererDir, 'index.html'))) throw new Error('dist/renderer missing: npm run build');
  const w = await countingWarehouse('count-grid');
  const { zoneId } = stockZone(w, lines);
  const planned = await planCount(w, zoneId);
  const sessionId = planned.id;
  await w.must(w.op, 'counts.start', { sessionId });
  enterCounts(w, sessionId, 0, 18_000);
  await w.must(w.op, 'counts.finishCounting', { sessionId });

  const host = await startStationHost({ core: w.core, rendererDir, port: 0, log: () => {} });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  // When each large WebSocket message (a reply of thousands of lines) arrived: splits the time to
  // first paint into the core and the wire, and the page's own work.
  await page.addInitScript(() => {
    const log: { at: number; bytes: number }[] = [];
    (window as unknown as { __ws: typeof log }).__ws = log;
    const Native = window.WebSocket;
    window.WebSocket = class extends Native {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        this.addEventListener('message', (e: MessageEvent) => {
          const bytes = typeof e.data === 'string' ? e.data.length : 0;
          if (bytes > 100_000) log.push({ at: performance.now(), bytes });
        });
      }
    };
  });
  await page.goto(host.url);
  await page.getByTestId('login-screen').waitFor();
  await page.getByTestId('login-username').fill('operator');
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-password').press('Enter');
  await page.getByTestId('topbar').waitFor();

  // In the page: the time from the action that opens the reconciliation to the
  // first data row of its grid in the DOM, then the frame that paints it. A
  // large count paints its first lines in walking order (counts.reconcileFirst)
  // while every line and the totals load (counts.reconcile): the first rows are
  // real lines with their figures, and the time until every line is in the grid
  // with the summary shown (data-loaded="all") is reported beside it.
  await page.evaluate(() => {
    const rowSelector = '[data-testid="count-reconcile-grid"] .ag-row:not(.ag-row-pinned)';
    const allSelector = '[data-testid="count-reconcile"][data-loaded="all"] [data-testid="count-reconcile-summary"]';
    (window as unknown as { __open: (how: string) => Promise<number> }).__open = (how: string) =>
      new Promise<number>((resolve) => {
        const t0 = performance.now();
        const w = window as unknown as {
          __ws: { at: number; bytes: number }[];
          __reply: number;
          __all: Promise<number>;
        };
        w.__ws.length = 0;
        const afterPaint = (then: (ms: number) => void) =>
          requestAnimationFrame(() => setTimeout(() => then(performance.now() - t0), 0));
        w.__all = new Promise<number>((all) => {
          const observer = new MutationObserver(() => {
            if (!document.querySelector(allSelector)) return;
            observer.disconnect();
            afterPaint((ms) => {
              w.__reply = (w.__ws.at(-1)?.at ?? NaN) - t0;
              all(ms);
            });
          });
          observer.observe(document.body, { childList: true, subtree: true, attributes: true });
        });
        const observer = new MutationObserver(() => {
          if (!document.querySelector(rowSelector)) return;
          observer.disconnect();
          afterPaint(resolve);
        });
        observer.observe(document.body, { childList: true, subtree: true });
        if (how.startsWith('#')) location.hash = how;
        else (document.querySelector(`[data-testid="${how}"]`) as HTMLElement).click();
      });
  });
  const open = (how: string) =>
    page.evaluate((h) => (window as unknown as { __open: (how: string) => Promise<number> }).__open(h), how);
  const allIn = () => page.evaluate(() => (window as unknown as { __all: Promise<number> }).__all);

  // First open: the session's address (the reconciliation is the operator's first tab).
  const first = await open(`#/counts?session=${sessionId}`);
  await allIn();
  const shown = await page.getByTestId('count-reconcile-grid').locator('.ag-row:not(.ag-row-pinned)').count();
  const runs: number[] = [];
  const allRuns: number[] = [];
  const replies: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 7; i++) {
    // Leave for the history tab (the grid unmounts), then come back.
    await page.getByTestId('count-tab-history').click();
    await page.getByTestId('count-history').waitFor();
    await page.getByTestId('count-reconcile-grid').waitFor({ state: 'detached' });
    runs.push(await open('count-tab-reconcile'));
    allRuns.push(await allIn());
    replies.push(await page.evaluate(() => (window as unknown as { __reply: number }).__reply));
    bytes = await page.evaluate(() => (window as unknown as { __ws: { bytes: number }[] }).__ws.at(-1)?.bytes ?? 0);
  }
  // BENCH_PROFILE=dir: a CPU profile of the page over one more open, for Chrome's profiler or a script.
  if (process.env.BENCH_PROFILE) {
    const cdp = await context.newCDPSession(page);
    await page.getByTestId('count-tab-history').click();
    await page.getByTestId('count-reconcile-grid').waitFor({ state: 'detached' });
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.start');
    await open('count-tab-reconcile');
    await allIn();
    const { profile } = await cdp.send('Profiler.stop');
    fs.mkdirSync(process.env.BENCH_PROFILE, { recursive: true });
    fs.writeFileSync(path.join(process.env.BENCH_PROFILE, 'reconcile.cpuprofile'), JSON.stringify(profile));
  }
  const summary = (await page.getByTestId('count-reconcile-summary').textContent()) ?? '';
  fs.mkdirSync(path.join(repoRoot, 'test-results', 'bench'), { recursive: true });
  await page.screenshot({ path: path.join(repoRoot, 'test-results', 'bench', 'reconcile-20k.png') });
  bench(
    'reconcile_grid_first_paint_ms_20k',
    median(runs),
    'ms',
    `limit <= 500; ${lines} lines, tab click → first data row painted, median of ${runs.length} ` +
      `[${runs.map((r) => r.toFixed(0)).join(', ')}]; first open by address ${first.toFixed(0)} ms; ` +
      `${shown} rows in the DOM`,
  );
  bench(
    'reconcile_grid_all_lines_ms_20k',
    median(allRuns),
    'ms',
    `every line in the grid and the summary shown, median of ${allRuns.length} ` +
      `[${allRuns.map((r) => r.toFixed(0)).join(', ')}]; counts.reconcile reply in the page after ` +
      `${median(replies).toFixed(0)} ms (${(bytes / 1e6).toFixed(1)} MB); ${summary.replace(/\s+/g, ' ').slice(0, 120)}`,
  );
  await browser.close();
  await host.close();
  await w.core.close();
}

// CommonJS bundle: no top-level await.
void (async () => {
  const only = process.env.BENCH_ONLY;
  if (!only || only === 'scan') await scanToLine();
  if (!only || only === 'snapshot') await snapshot();
  if (!only || only === 'variance') await variance();
  if (!only || only === 'cause') await causeEdit();
  if (!only || only === 'grid') await gridPaint();
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
