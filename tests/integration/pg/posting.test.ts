// The posting function on PostgreSQL (issue 15 §3, "R5 never negative across
// machines"): the same postDocument the SQLite host runs, on a real server,
// through the PostgreSQL write runner (db/pgWrites.ts). Alone: receipts and
// issues move the balances and the ledger, a shortfall is refused whole with
// its numbers, a replayed key posts nothing. Contended: two "hosts" — two
// connection pools, as two machines would have — post receipts, issues and
// adjustments against the same few balances at once, replaying some keys;
// afterwards no balance is negative, Σ ledger = balances for every key, every
// document number is unique and each day's numbers run 1..n without a gap,
// and every idempotency key posted once.
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type OpenedPostgres } from '../../../electron/core/db/pgDialect';
import type { DB } from '../../../electron/core/db/schema';
import type { MovementLine } from '../../../electron/core/stock/posting';
import { AppError, isAppError } from '../../../shared/errors';
import { pgPoster, pgSite } from '../../helpers/pgSite';
import { startPostgres, type TestPostgres } from '../../helpers/postgres';

let server: TestPostgres;
const opened: OpenedPostgres[] = [];

beforeAll(async () => {
  server = await startPostgres();
}, 60_000);
afterAll(async () => {
  for (const o of opened) await o.db.destroy();
  server?.stop();
});

/** A host's own connections to the site's database. */
function host(url: string): OpenedPostgres {
  const o = openPostgres(url, { max: 8 });
  opened.push(o);
  return o;
}

const site = (products: number, bins: number) => pgSite(server, products, bins);
const poster = pgPoster;

const ledgerAgainstBalances = async (db: Kysely<DB>) =>
  (
    await sql<{ k: string; ledger: number; balance: number }>`
      SELECT m.product_id || '|' || m.status || '|' || m.location_id AS k, SUM(m.qty) AS ledger,
             COALESCE(MAX(b.qty), 0) AS balance
      FROM movements m
      LEFT JOIN balances b ON b.product_id = m.product_id AND b.status = m.status AND b.location_id = m.location_id
      GROUP BY m.product_id, m.status, m.location_id`.execute(db)
  ).rows;

describe('posting on PostgreSQL', () => {
  it('moves balances and ledger, refuses a shortfall whole with its numbers, and answers a replay without posting', async () => {
    const s = await site(3, 2);
    const o = host(s.url);
    const post = poster(o, s.userId);
    const [p1, p2] = s.products as [number, number];
    const [b1, b2] = s.bins as [number, number];
    const receipt = await post('receipt', 'r-1', [
      { productId: p1, status: 'good', locationId: b1, qty: 24 },
      { productId: p2, status: 'good', locationId: b2, qty: 6 },
    ]);
    expect(receipt.documentNo).toMatch(/^RC-\d{8}-0001$/);
    expect(receipt.keys.map((k) => k.qty)).toEqual([24, 6]);
    const refused = await post('dispatchIssue', 'i-1', [
      { productId: p1, status: 'good', locationId: b1, qty: -10 },
      { productId: p2, status: 'good', locationId: b2, qty: -7 },
    ]).catch((e: unknown) => e);
    expect(isAppError(refused) && (refused as AppError).code).toBe('stock.wouldGoNegative');
    expect((refused as AppError).details).toMatchObject({
      productCode: 'P101',
      available: 6,
      requested: 7,
      shortfall: 1,
    });
    const issued = await post('dispatchIssue', 'i-2', [{ productId: p1, status: 'good', locationId: b1, qty: -10 }]);
    const replay = await post('dispatchIssue', 'i-2', [{ productId: p1, status: 'good', locationId: b1, qty: -10 }]);
    expect([replay.replayed, replay.documentNo]).toEqual([true, issued.documentNo]);
    const balances = await o.db.selectFrom('balances').select(['product_id', 'qty']).orderBy('product_id').execute();
    expect(balances).toEqual([
      { product_id: p1, qty: 14 },
      { product_id: p2, qty: 6 },
    ]);
    expect((await ledgerAgainstBalances(o.db)).every((r) => r.ledger === r.balance)).toBe(true);
    // Quantities come back as numbers, never strings (BIGINT on this dialect).
    expect(typeof balances[0]!.qty).toBe('number');
  });

  it('keeps two hosts posting against the same balances at once above zero, with no lost update and no gap', async () => {
    const s = await site(4, 3);
    const a = host(s.url);
    const b = host(s.url);
    const retries: string[] = [];
    const posters = [poster(a, s.userId, retries), poster(b, s.userId, retries)];
    // Opening stock: 40 of each product in each bin.
    await posters[0]!(
      'receipt',
      'open',
      s.products.flatMap((productId) =>
        s.bins.map((locationId) => ({ productId, status: 'good' as const, locationId, qty: 40 })),
      ),
    );
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return Math.floor((seed / 2147483648) * n);
    };
    const line = (sign: number): MovementLine => ({
      productId: s.products[rnd(s.products.length)]!,
      status: 'good',
      locationId: s.bins[rnd(s.bins.length)]!,
      qty: sign * (1 + rnd(9)),
    });
    const outcomes = { posted: 0, replayed: 0, short: 0 };
    const keys = new Set<string>();
    const worker = async (w: number) => {
      const post = posters[w % 2]!;
      for (let i = 0; i < 60; i++) {
        const kind = rnd(3);
        // Every fifth request replays the key of one posted before (a retried request, a second host).
        const key = i % 5 === 4 && keys.size > 0 ? [...keys][rnd(keys.size)]! : `w${w}-${i}`;
        const lines =
          kind === 0 ? [line(1), line(1)] : kind === 1 ? [line(-1), line(-1), line(-1)] : [line(1), line(-1)];
        const type = kind === 0 ? 'receipt' : kind === 1 ? 'dispatchIssue' : 'manualAdjustment';
        try {
          const r = await post(type, key, lines);
          if (r.replayed) outcomes.replayed++;
          else {
            outcomes.posted++;
            keys.add(key);
          }
        } catch (e) {
          if (isAppError(e) && e.code === 'stock.wouldGoNegative') outcomes.short++;
          else if (isAppError(e) && e.code === 'stock.emptyDocument') continue;
          else throw e;
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, (_, w) => worker(w)));

    expect(outcomes.posted).toBeGreaterThan(100);
    expect(outcomes.short).toBeGreaterThan(0);
    expect(outcomes.replayed).toBeGreaterThan(0);
    const db = a.db;
    const negative = await db.selectFrom('balances').select('qty').where('qty', '<', 0).execute();
    expect(negative).toEqual([]);
    const mismatched = (await ledgerAgainstBalances(db)).filter((r) => r.ledger !== r.balance);
    expect(mismatched).toEqual([]);
    // Each posted key once; numbers unique and, per type and day, 1..n with no gap.
    const docs = await db.selectFrom('documents').select(['number', 'idempotency_key', 'type']).execute();
    expect(docs).toHaveLength(outcomes.posted + 1);
    expect(new Set(docs.map((d) => d.idempotency_key)).size).toBe(docs.length);
    expect(new Set(docs.map((d) => d.number)).size).toBe(docs.length);
    const byPrefix = new Map<string, number[]>();
    for (const d of docs) {
      const [prefix, day, n] = d.number.split('-') as [string, string, string];
      byPrefix.set(`${prefix}-${day}`, [...(byPrefix.get(`${prefix}-${day}`) ?? []), Number(n)]);
    }
    for (const ns of byPrefix.values())
      expect(ns.sort((x, y) => x - y)).toEqual(Array.from({ length: ns.length }, (_, i) => i + 1));
    // Whatever the server aborted (a deadlock, a key committed first) was retried, never lost.
    expect(retries.every((r) => ['40001', '40P01', '23505'].includes(r))).toBe(true);
  }, 60_000);
});
