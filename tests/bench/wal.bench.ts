// The WAL's size under sustained posting (issue 10: it reached 1.6 GB in about
// 12 s, checkpointed but never truncated until the host closed). Posts
// receipts for 10 s through the posting function with the host's own
// checkpointer running, then reports the WAL's size after the run and the
// largest it reached, beside the limits that should hold it.
import fs from 'node:fs';
import { walTruncateAboveBytes } from '../../electron/core/db/checkpointer';
import { journalSizeLimitBytes } from '../../electron/core/db/open';
import { postDocument, type MovementLine } from '../../electron/core/stock/posting';
import { benchContext, benchWarehouse } from './benchWarehouse';
import { bench } from './report';

const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;

async function main() {
  const { core, caller, productIds, binIds } = await benchWarehouse('wal', 2000);
  let seed = 7;
  const rand = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
  const doc = (): MovementLine[] =>
    Array.from({ length: 50 }, () => ({
      productId: productIds[rand(productIds.length)]!,
      status: 'good' as const,
      locationId: binIds[rand(binIds.length)]!,
      qty: 1 + rand(50),
    }));
  const walFile = `${core.database.file}-wal`;
  const walSize = () => (fs.existsSync(walFile) ? fs.statSync(walFile).size : 0);
  const root = core.database.db;
  const seconds = 10;
  const until = performance.now() + seconds * 1000;
  let docs = 0;
  let largest = 0;
  while (performance.now() < until) {
    await root
      .transaction()
      .execute((trx) =>
        postDocument(
          { ...benchContext(core, caller), db: trx },
          { type: 'receipt', idempotencyKey: `wal-${docs}`, lines: doc() },
        ),
      );
    docs++;
    if (docs % 50 === 0) largest = Math.max(largest, walSize());
  }
  // One checkpointer interval after the run, the host still open.
  await new Promise((resolve) => setTimeout(resolve, 2500));
  const after = walSize();
  const limits = `journal_size_limit ${mb(journalSizeLimitBytes)}, truncate above ${mb(walTruncateAboveBytes)}`;
  bench('wal_bytes_after_sustained_posting', after, 'bytes', `${docs} receipts of 50 lines in ${seconds} s; ${limits}`);
  bench('wal_bytes_peak_sustained_posting', largest, 'bytes', limits);
  await core.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
