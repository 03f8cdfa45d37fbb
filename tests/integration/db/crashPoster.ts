// Run as a child process by crash.test.ts, which kills it with SIGKILL at
// random moments. Opens the core on a data folder and posts through the
// contract in a loop — receipts, and reversals of some of them (the
// correcting postings an adjustment makes) — each with an idempotency key.
// Prints `SEND <key> <request>` before each request and `ACK <key>` once its
// answer is in hand: what a client would have seen. First re-sends the
// requests the previous run sent without an answer (argv[4]), as clients
// retrying after the crash would. Several stations post at once (`streams`
// callers), so their requests share group commits (db/groupCommit.ts); each
// commit's size is printed as `GROUP <n>`.
import type { Caller } from '../../../electron/core/context';
import { openCore } from '../../../electron/core/core';

type Request = { name: 'receipts.post' | 'stock.reverseDocument'; input: Record<string, unknown> };

async function main() {
  const [dataDir, run, productsArg, retry] = process.argv.slice(2);
  const products = JSON.parse(productsArg!) as { productId: number; locationId: number }[];
  const streams = 3;
  const t0 = Date.now();
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const core = await openCore({
    dataDir: dataDir!,
    station: `crash-${run}`,
    log: () => {},
    groupCommit: { onGroup: (n) => out(`GROUP ${n}`) },
  });
  // One user who receives and may reverse, logged in once per station per life.
  const callers: Caller[] = [];
  for (let s = 0; s < streams; s++) {
    const caller = core.newCaller(`poster-${s}`);
    const login = await core.dispatch(caller, 'auth.login', { username: 'crash-poster', secret: 'secret-pass-1' });
    if (!login.ok) throw new Error(JSON.stringify(login));
    callers.push(caller);
  }
  if (process.env.CRASH_DEBUG) process.stderr.write(`opened+login ${Date.now() - t0} ms\n`);
  const send = async (caller: Caller, key: string, req: Request) => {
    out(`SEND ${key} ${Buffer.from(JSON.stringify(req)).toString('base64')}`);
    const r = await core.dispatch(caller, req.name, req.input);
    if (!r.ok) throw new Error(`${key}: ${JSON.stringify(r.error)}`);
    out(`ACK ${key}`);
    return r.value as { id: number };
  };
  if (retry) {
    const reqs = JSON.parse(Buffer.from(retry, 'base64').toString()) as Request[];
    await Promise.all(reqs.map((req, i) => send(callers[i % streams]!, String(req.input.idempotencyKey), req)));
  }
  out('READY');
  await Promise.all(
    callers.map(async (caller, s) => {
      for (let n = 0; ; n++) {
        const key = `crash-${run}-${s}-${n}`;
        const p = products[(n + s) % products.length]!;
        const receipt = await send(caller, key, {
          name: 'receipts.post',
          input: {
            deliveryNote: `QS-${run}-${s}-${n}`,
            arrivedAt: new Date().toISOString(),
            idempotencyKey: key,
            lines: [
              { productId: p.productId, status: 'good', locationId: p.locationId, qty: 1 + (n % 7) },
              {
                productId: products[(n + s + 1) % products.length]!.productId,
                status: 'good',
                locationId: p.locationId,
                qty: 2,
              },
            ],
          },
        });
        if (n % 3 === 2)
          await send(caller, `${key}-rev`, {
            name: 'stock.reverseDocument',
            input: { documentId: receipt.id, reason: '冲销测试', idempotencyKey: `${key}-rev` },
          });
      }
    }),
  );
}

main().catch((e: unknown) => {
  process.stderr.write(String((e as Error)?.stack ?? e));
  process.exit(1);
});
