// Run as a separate process by concurrency.test.ts: opens the same data folder
// as another station would and takes stock out one unit at a time.
import { openCore } from '../../../electron/core/core';
import { configuredDatabase } from '../../../electron/core/dataDir';
import type { ServiceContext } from '../../../electron/core/context';
import { postDocument } from '../../../electron/core/stock/posting';

async function main() {
  const [dataDir, productId, locationId, attempts, label] = process.argv.slice(2);
  const core = await openCore({
    dataDir: dataDir!,
    database: configuredDatabase(dataDir!),
    station: label!,
    log: () => {},
  });
  const caller = core.newCaller(label!);
  const login = await core.dispatch(caller, 'auth.login', { username: 'u-warehousekeeper', secret: 'secret-pass-1' });
  if (!login.ok) throw new Error(JSON.stringify(login));
  const root = core.database.db;
  let posted = 0;
  let refused = 0;
  for (let i = 0; i < Number(attempts); i++) {
    try {
      // The host's write runner: group commit on SQLite, a retried transaction on PostgreSQL.
      await core.database.writes((trx) => {
        const ctx: ServiceContext = {
          db: trx,
          root,
          caller,
          now: new Date(),
          request: 'test',
          timeZone: 'Asia/Shanghai',
          dataDir: dataDir!,
          emit: () => {},
          afterCommit: (fn) => fn(),
        };
        return postDocument(ctx, {
          type: 'dispatchIssue',
          idempotencyKey: `${label}-${i}`,
          lines: [{ productId: Number(productId), status: 'good', locationId: Number(locationId), qty: -1 }],
        });
      });
      posted++;
    } catch (e) {
      if ((e as { code?: string }).code !== 'stock.wouldGoNegative') throw e;
      refused++;
    }
  }
  await core.close();
  process.stdout.write(JSON.stringify({ posted, refused }));
}

main().catch((e) => {
  process.stderr.write(String(e?.stack ?? e));
  process.exit(1);
});
