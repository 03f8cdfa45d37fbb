// Issue 15's must-shows on a real PostgreSQL server (tests/helpers/postgres.ts):
// - pg_ledger_post_lines_per_s: the posting function (the one the SQLite host
//   runs, through the PostgreSQL write runner db/pgWrites.ts) posting 2,000
//   receipts of 15 lines, one transaction each, against
//   pg_raw_insert_rows_per_s: the same rows into the same table by one bare
//   prepared INSERT each, in one transaction, same server, same run — and their
//   ratio pg_ledger_post_ratio (limit >= 0.2);
// - pg_two_hosts_contended_posts_per_s: two hosts' connection pools posting
//   issues, receipts and adjustments against the same 50 balances for 10 s,
//   with the negative balances and lost updates (ledger ≠ balance) counted
//   afterwards beside it (both must be 0).
// The two hosts are two pools in this one process (a pool is what a host
// holds); the server sees two sets of connections racing for the same rows.
import pg from 'pg';
import { sql } from 'kysely';
import { openPostgres } from '../../electron/core/db/pgDialect';
import type { MovementLine } from '../../electron/core/stock/posting';
import { isAppError } from '../../shared/errors';
import { pgPoster, pgSite } from '../helpers/pgSite';
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
    const c = await pgSite(server, 10, 5);
    const hosts = [openPostgres(c.url, { max: 6 }), openPostgres(c.url, { max: 6 })];
    const retries: string[] = [];
    const posters = hosts.map((h) => pgPoster(h, c.userId, retries));
    await posters[0]!(
      'receipt',
      'opening',
      c.products.flatMap((productId) =>
        c.bins.map((locationId) => ({ productId, status: 'good' as const, locationId, qty: 100 })),
      ),
    );
    const line = (sign: number): MovementLine => ({
      productId: c.products[rand(c.products.length)]!,
      status: 'good',
      locationId: c.bins[rand(c.bins.length)]!,
      qty: sign * (1 + rand(9)),
    });
    const seconds = 10;
    const end = performance.now() + seconds * 1000;
    const done = { posted: 0, short: 0 };
    let n = 0;
    await Promise.all(
      Array.from({ length: 8 }, async (_, w) => {
        const p = posters[w % 2]!;
        while (performance.now() < end) {
          const kind = rand(3);
          const lines = kind === 0 ? [line(1), line(1)] : kind === 1 ? [line(-1), line(-1)] : [line(1), line(-1)];
          try {
            await p(kind === 0 ? 'receipt' : kind === 1 ? 'dispatchIssue' : 'manualAdjustment', `c-${w}-${n++}`, lines);
            done.posted++;
          } catch (e) {
            if (isAppError(e) && e.code === 'stock.wouldGoNegative') done.short++;
            else if (!(isAppError(e) && e.code === 'stock.emptyDocument')) throw e;
          }
        }
      }),
    );
    const db = hosts[0]!.db;
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
    for (const h of hosts) await h.db.destroy();
    bench(
      'pg_two_hosts_contended_posts_per_s',
      done.posted / seconds,
      'posts/s',
      `two hosts (two pools, 8 posters) on the same 50 balances for ${seconds} s: ${done.posted} posted, ${done.short} refused short; ` +
        `negative balances ${negative}, lost updates ${lost}; ${retries.length} transactions retried (${[...new Set(retries)].join(', ') || 'none'})`,
    );
    if (negative !== 0 || lost !== 0) process.exitCode = 1;
  } finally {
    server.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
