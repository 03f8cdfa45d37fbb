// Run as a separate process by race.test.ts: a second operator's station on
// the same data folder, releasing one order through the contract.
import { openCore } from '../../../electron/core/core';
import { configuredDatabase } from '../../../electron/core/dataDir';

async function main() {
  const [dataDir, orderId, label] = process.argv.slice(2);
  const core = await openCore({
    dataDir: dataDir!,
    database: configuredDatabase(dataDir!),
    station: label!,
    log: () => {},
  });
  const caller = core.newCaller(label!);
  const login = await core.dispatch(caller, 'auth.login', { username: 'u-operator', secret: 'secret-pass-1' });
  if (!login.ok) throw new Error(JSON.stringify(login));
  const r = await core.dispatch(caller, 'orders.release', { orderIds: [Number(orderId)] });
  await core.close();
  process.stdout.write(JSON.stringify(r));
}

main().catch((e) => {
  process.stderr.write(String(e?.stack ?? e));
  process.exit(1);
});
