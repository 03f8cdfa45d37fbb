// R5 under concurrency: several processes (stations on one data folder) take
// the same stock at once. Exactly the stock on hand goes out; nothing goes
// below zero; ledger and balances agree.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleForNode } from '../../helpers/bundle';
import { checkIntegrity } from '../../../electron/core/db/integrity';
import { balanceOf, call, childEnv, openWarehouse, receive, type Warehouse } from '../fixtures';

const run = promisify(execFile);
let bundle: string;
let w: Warehouse;

beforeAll(async () => {
  bundle = await bundleForNode(path.resolve(__dirname, 'concurrentPoster.ts'));
  w = await openWarehouse();
});
afterAll(async () => w.core.close());

describe('concurrent postings', () => {
  it('four stations taking 40 units each from a stock of 100 issue exactly 100 and never go negative', async () => {
    const keeper = await w.as('warehouseKeeper');
    await receive(w, keeper, [{ product: 0, bin: 0, qty: 100 }]);
    const results = await Promise.all(
      [1, 2, 3, 4].map((n) =>
        run(
          process.execPath,
          [bundle, w.core.dataDir, String(w.products[0]!.id), String(w.bins[0]!.id), '40', `station-${n}`],
          { env: childEnv(w.core) },
        ).then((r) => JSON.parse(r.stdout) as { posted: number; refused: number }),
      ),
    );
    expect(results.reduce((s, r) => s + r.posted, 0)).toBe(100);
    expect(results.reduce((s, r) => s + r.refused, 0)).toBe(60);
    expect(
      balanceOf(await call(w.core, keeper, 'stock.balances', { includeZero: true }), w.products[0]!.id, w.bins[0]!.id),
    ).toBe(0);
    expect((await checkIntegrity(w.core.database.db)).findings).toEqual([]);
  });
});
