// Issue 15's must-shows on a real PostgreSQL server (tests/helpers/postgres.ts):
// - pg_ledger_post_lines_per_s: the posting function (the one the SQLite host
//   runs, through the PostgreSQL write runner db/pgWrites.ts) posting 2,000
//   receipts of 15 lines, one transaction each, against
//   pg_raw_insert_rows_per_s: the same rows into the same table by one bare
//   prepared INSERT each, in one transaction, same server, same run — and their
//   ratio pg_ledger_post_ratio (limit >= 0.2);
// - pg_two_hosts_contended_posts_per_s: two station hosts — two processes,
//   each its own core on the one database (openCore, as `cangwu serve
//   --database` runs), four clients each — posting receipts, receipts taken
//   back, damage transfers and approved manual adjustments through
//   core.dispatch against the same 50 balances for 10 s
//   (tests/integration/stock/mixedPoster.ts, the two-host concurrency test's
//   hosts), with the negative balances, lost updates (ledger ≠ balance, and
//   balances ≠ opening + what the clients were told was posted) and duplicate
//   document numbers counted afterwards beside it (all must be 0).
import path from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import { openPostgres } from '../../electron/core/db/pgDialect';
import type { MovementLine } from '../../electron/core/stock/posting';
import { openCore, type Core } from '../../electron/core/core';
import type { Caller } from '../../electron/core/context';
import { bundleForNode } from '../helpers/bundle';
import { acknowledgedPostings, balanceKey, runMixedHosts } from '../helpers/mixedHosts';
import { pgPoster, pgSite } from '../helpers/pgSite';
import { tempDir } from '../helpers/tempDirs';
import { startPostgres } from '../helpers/postgres';
import { bench } from './report';

async function main() {
  const server = await startPostgres();
  try {
    // ---- one host, sequential receipts, against the bare insert ----------
    const s = await pgSite(server, 2000, 200);
    const host = openPostgres(s.url, { max: 4 });
    const post = pgPoster(host, s.userId);
    let seed = 1;
    const rand = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
    const doc = (): MovementLine[] =>
      Array.from({ length: 15 }, () => ({
        productId: s.products[rand(s.products.length)]!,
        status: 'good' as const,
        locationId: s.bins[rand(s.bins.length)]!,
        qty: 1 + rand(50),
      }));
    for (let i = 0; i < 200; i++) await post('receipt', `warm-${i}`, doc());
    const docs = 2000;
    const batches = Array.from({ length: docs }, doc);
    let t = performance.now();
    for (let i = 0; i < docs; i++) await post('receipt', `doc-${i}`, batches[i]!);
    const linesPerS = (docs * 15) / ((performance.now() - t) / 1000);

    const client = new pg.Client({ connectionString: s.url });
    await client.connect();
    const at = new Date().toISOString();
    const docId = Number((await client.query('SELECT MAX(id) AS id FROM documents')).rows[0].id);
    const insert = {
      name: 'raw-movement',
      text: 'INSERT INTO movements (document_id, type, product_id, status, location_id, qty, unit_cost_fen, at, user_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
    };
    await client.query('BEGIN');
    t = performance.now();
    for (const lines of batches)
      for (const l of lines)
        await client.query({
          ...insert,
          values: [docId, 'receipt', l.productId, l.status, l.locationId, l.qty, 100, at, s.userId],
        });
    const rawPerS = (docs * 15) / ((performance.now() - t) / 1000);
    await client.query('ROLLBACK');
    await client.end();
    await host.db.destroy();

    bench(
      'pg_ledger_post_lines_per_s',
      Math.round(linesPerS),
      'lines/s',
      `${docs} receipts of 15 lines, one transaction each, one host`,
    );
    bench(
      'pg_raw_insert_rows_per_s',
      Math.round(rawPerS),
      'rows/s',
      'same rows, one bare prepared INSERT each, one transaction, same server',
    );
    bench('pg_ledger_post_ratio', linesPerS / rawPerS, 'ratio', 'limit >= 0.2');

    // ---- two hosts, the same 50 balances, 10 s ---------------------------
    const seconds = 10;
    const site = await twoHostSite(await server.createDatabase());
    const results = await runMixedHosts(
      await bundleForNode(path.resolve('tests/integration/stock/mixedPoster.ts')),
      ['a', 'b'].map((h, i) => ({
        // Two machines: each its own data folder, the one database.
        dataDir: tempDir(`bench-host-${h}`),
        env: { ...process.env, CANGWU_DATABASE_URL: site.url },
        config: {
          label: `host-${h}`,
          seed: 7 + 31 * i,
          seconds,
          clients: 4,
          products: site.products,
          bins: site.bins,
          sharedReceipts: 20,
          password: site.password,
        },
      })),
    );
    const { postings, balances: expected } = acknowledgedPostings(results, site.opening);
    const { db } = openPostgres(site.url, { max: 2 });
    const negative = Number(
      (await sql<{ n: number }>`SELECT COUNT(*) AS n FROM balances WHERE qty < 0`.execute(db)).rows[0]!.n,
    );
    const lost = Number(
      (
        await sql<{ n: number }>`
          SELECT COUNT(*) AS n FROM (
            SELECT m.product_id, m.status, m.location_id, SUM(m.qty) AS ledger
            FROM movements m GROUP BY m.product_id, m.status, m.location_id) l
          LEFT JOIN balances b ON b.product_id = l.product_id AND b.status = l.status AND b.location_id = l.location_id
          WHERE COALESCE(b.qty, 0) <> l.ledger`.execute(db)
      ).rows[0]!.n,
    );
    const duplicates = Number(
      (
        await sql<{ n: number }>`
          SELECT COUNT(*) AS n FROM (SELECT number FROM documents GROUP BY number HAVING COUNT(*) > 1) d`.execute(db)
      ).rows[0]!.n,
    );
    // Lost the other way round: a balance that is not the opening stock plus what the clients were told was posted.
    const balances = await db.selectFrom('balances').select(['product_id', 'status', 'location_id', 'qty']).execute();
    const actual = new Map(
      balances
        .filter((b) => b.qty !== 0)
        .map((b) => [balanceKey({ productId: b.product_id, status: b.status, locationId: b.location_id }), b.qty]),
    );
    const unacknowledged = [...new Set([...actual.keys(), ...expected.keys()])].filter(
      (k) => actual.get(k) !== expected.get(k),
    ).length;
    const posted = Number((await sql<{ n: number }>`SELECT COUNT(*) AS n FROM documents`.execute(db)).rows[0]!.n);
    await db.destroy();
    const short = results.reduce((t, r) => t + r.refusedShort, 0);
    const requests = results.reduce((t, r) => t + r.requests, 0);
    // Every request posted, was refused short, or was a second approval refused as such: nothing else.
    const unexpected = results.flatMap((r) => r.unexpected);
    const otherwise = [...new Set(unexpected.map((u) => u.code))].join(', ');
    // The opening receipt is not part of the run.
    const runPostings = posted - 1;
    bench(
      'pg_two_hosts_contended_posts_per_s',
      runPostings / seconds,
      'posts/s',
      `two station hosts (two processes, each a core on the one database, 4 clients each posting receipts, ` +
        `receipts taken back, damage transfers and approved manual adjustments through core.dispatch) on the same ` +
        `50 balances for ${seconds} s: ${runPostings} documents posted (${postings.size} acknowledged), ${short} refused short, ` +
        `${requests} requests, ${unexpected.length} refused otherwise${otherwise && ` (${otherwise})`}; ` +
        `negative balances ${negative}, lost updates ${lost} (ledger ≠ balance), ` +
        `${unacknowledged} balances ≠ opening + acknowledged, duplicate document numbers ${duplicates}`,
    );
    if (
      negative !== 0 ||
      lost !== 0 ||
      unacknowledged !== 0 ||
      duplicates !== 0 ||
      unexpected.length !== 0 ||
      runPostings !== postings.size
    )
      process.exitCode = 1;
  } finally {
    server.stop();
  }
}

async function ok<T>(core: Core, caller: Caller, name: string, input: unknown): Promise<T> {
  const r = await core.dispatch(caller, name, input);
  if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.error)}`);
  return r.value as T;
}

/**
 * The two hosts' warehouse, set up through the contract by a core of its own
 * (closed before the hosts start): 10 products × 5 bins of 30 each — little
 * enough that the hosts' issues and adjustments run some balances short — and the
 * keeper, operator and CS manager the hosts' clients log in as.
 */
async function twoHostSite(url: string) {
  const password = 'bench-pass-1';
  const core = await openCore({ dataDir: tempDir('bench-setup'), database: url, station: 'setup', log: () => {} });
  try {
    const admin = core.newCaller('admin');
    await ok(core, admin, 'setup.createAdmin', { username: 'admin', displayName: '管理员', password });
    await ok(core, admin, 'products.import', {
      csv: [
        'code,name_zh,name_en,spec,unit,case_pack,unit_cost,category,active',
        ...Array.from({ length: 10 }, (_, i) => `H${100 + i},商品${i},Product ${i},1,瓶,12,1.50,饮料,1`),
      ].join('\n'),
    });
    const products = (await ok<{ id: number }[]>(core, admin, 'products.list', {})).map((p) => p.id);
    const bins = (await ok<{ id: number; kind: string }[]>(core, admin, 'locations.list', {}))
      .filter((l) => l.kind === 'bin')
      .slice(0, 5)
      .map((l) => l.id);
    for (const [username, role] of [
      ['u-warehousekeeper', 'warehouseKeeper'],
      ['u-operator', 'operator'],
      ['u-csmanager', 'csManager'],
    ] as const)
      await ok(core, admin, 'users.create', { username, displayName: role, roles: [role], password });
    const keeper = core.newCaller('keeper');
    await ok(core, keeper, 'auth.login', { username: 'u-warehousekeeper', secret: password });
    const lines = products.flatMap((productId) =>
      bins.map((locationId) => ({ productId, status: 'good' as const, locationId, qty: 30 })),
    );
    await ok(core, keeper, 'receipts.post', {
      deliveryNote: 'OPENING',
      arrivedAt: new Date().toISOString(),
      idempotencyKey: 'bench-opening',
      lines,
    });
    return { url, password, products, bins, opening: new Map(lines.map((l) => [balanceKey(l), l.qty])) };
  } finally {
    await core.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
