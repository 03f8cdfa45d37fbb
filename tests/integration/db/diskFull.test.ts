// A posting that cannot be written — a full disk, a read-only disk — is
// refused with the real cause, translated, nothing half-written, and the
// console keeps answering reads. On a real small file system (a tmpfs mounted
// for the test); if mounting is refused the test says so in its name and uses
// SQLite's max_page_count, which makes SQLite report SQLITE_FULL the same way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkIntegrity } from '../../../electron/core/db/integrity';
import { balanceOf, call, newKey, openWarehouse, refusal, type Warehouse } from '../fixtures';
import { mountSmallDisk } from './smallDisk';

const disk = mountSmallDisk(24 * 1024 * 1024);
const how = disk ? 'on a full 24 MB tmpfs' : 'with max_page_count (mount refused)';
let w: Warehouse;
const logged: string[] = [];

beforeAll(async () => {
  w = await openWarehouse({
    ...(disk && { dataDir: disk.dir }),
    log: (m, e) => logged.push(`${m} ${String((e as Error)?.message ?? e)}`),
  });
});
afterAll(async () => {
  await w.core.close();
  disk?.remove();
});

function bigReceipt() {
  // 500 lines with long notes: more pages than any free space left.
  return {
    deliveryNote: 'QS-FULL',
    arrivedAt: new Date().toISOString(),
    note: 'x'.repeat(500),
    idempotencyKey: newKey(),
    lines: Array.from({ length: 500 }, (_, i) => ({
      productId: w.products[i % 3]!.id,
      status: 'good' as const,
      locationId: w.bins[i % w.bins.length]!.id,
      qty: 1,
    })),
  };
}

describe(`disk full ${how}`, () => {
  it('refuses the posting with db.diskFull, writes nothing of it, keeps reads working and posts again once there is room', async () => {
    const keeper = await w.as('warehouseKeeper');
    const before = await call(w.core, keeper, 'stock.balances', { includeZero: true });
    const movementsBefore = (await checkIntegrity(w.core.database.sqlite)).movements;
    // A WAL file that has restarted is written again over its own space, so a posting can
    // still fit on a full disk (and is then safely written): empty it first, as a WAL the
    // checkpointer has cut back is.
    w.core.database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    if (disk) disk.fill();
    else
      w.core.database.sqlite.pragma(
        `max_page_count = ${w.core.database.sqlite.pragma('page_count', { simple: true })}`,
      );

    const refused = [];
    for (let i = 0; i < 5; i++) refused.push(await refusal(w.core, keeper, 'receipts.post', bigReceipt()));
    expect(refused.map((r) => r.code)).toEqual(Array(5).fill('db.diskFull'));
    // The log names the cause, not "cannot rollback".
    expect(logged.some((l) => /db\.diskFull/.test(l) && /full/i.test(l))).toBe(true);
    expect(logged.some((l) => /cannot rollback/.test(l))).toBe(false);

    // Reads still answer, and nothing of the refused postings is there.
    const during = await call(w.core, keeper, 'stock.balances', { includeZero: true });
    expect(during).toEqual(before);
    expect(await checkIntegrity(w.core.database.sqlite)).toMatchObject({ ok: true, movements: movementsBefore });

    if (disk) disk.unfill();
    else w.core.database.sqlite.pragma('max_page_count = 1073741823');
    await call(w.core, keeper, 'receipts.post', bigReceipt());
    const after = await call(w.core, keeper, 'stock.balances', { includeZero: true });
    expect(balanceOf(after, w.products[0]!.id, w.bins[0]!.id)).toBeGreaterThan(
      balanceOf(before, w.products[0]!.id, w.bins[0]!.id),
    );
    expect((await checkIntegrity(w.core.database.sqlite)).ok).toBe(true);
  });

  // Linux refuses to remount a file system read-only while files on it are
  // open for writing (EBUSY), as the database is here: SQLite's query_only
  // gives the same SQLITE_READONLY a read-only disk gives.
  it('refuses the posting with db.readOnly when the database cannot be written (PRAGMA query_only; remount refused while open), reads still work', async () => {
    const keeper = await w.as('warehouseKeeper');
    const before = await call(w.core, keeper, 'stock.balances', { includeZero: true });
    w.core.database.sqlite.pragma('query_only = ON');
    try {
      const r = await refusal(w.core, keeper, 'receipts.post', bigReceipt());
      expect(r.code).toBe('db.readOnly');
      expect(await call(w.core, keeper, 'stock.balances', { includeZero: true })).toEqual(before);
    } finally {
      w.core.database.sqlite.pragma('query_only = OFF');
    }
    await call(w.core, keeper, 'receipts.post', bigReceipt());
    expect((await checkIntegrity(w.core.database.sqlite)).ok).toBe(true);
  });
});
