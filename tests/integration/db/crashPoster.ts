// Run as a child process by crash.test.ts, which kills it with SIGKILL at
// random moments. Opens the core on a data folder and posts through the
// contract in a loop — receipts, and reversals of some of them (the
// correcting postings an adjustment makes) — each with an idempotency key.
// Prints `SEND <key> <request>` before each request and `ACK <key>` once its
// answer is in hand: what a client would have seen. First re-sends the
// request the previous run sent without an answer (argv[4]), as a client
// retrying after the crash would.
import { openCore } from '../../../electron/core/core';

type Request = { name: 'receipts.post' | 'stock.reverseDocument'; input: Record<string, unknown> };

async function main() {
  const [dataDir, run, productsArg, retry] = process.argv.slice(2);
  const products = JSON.parse(productsArg!) as { productId: number; locationId: number }[];
  const t0 = Date.now();
  const core = await openCore({ dataDir: dataDir!, station: `crash-${run}`, log: () => {} });
  // One user who receives and may reverse: one login (scrypt) per life.
  const caller = core.newCaller('poster');
  const login = await core.dispatch(caller, 'auth.login', { username: 'crash-poster', secret: 'secret-pass-1' });
  if (!login.ok) throw new Error(JSON.stringify(login));
  if (process.env.CRASH_DEBUG) process.stderr.write(`opened+login ${Date.now() - t0} ms\n`);
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const send = async (key: string, req: Request) => {
    out(`SEND ${key} ${Buffer.from(JSON.stringify(req)).toString('base64')}`);
    const r = await core.dispatch(caller, req.name, req.input);
    if (!r.ok) throw new Error(`${key}: ${JSON.stringify(r.error)}`);
    out(`ACK ${key}`);
    return r.value as { id: number };
  };
  if (retry) {
    const req = JSON.parse(Buffer.from(retry, 'base64').toString()) as Request;
    await send(String(req.input.idempotencyKey), req);
  }
  out('READY');
  for (let n = 0; ; n++) {
    const key = `crash-${run}-${n}`;
    const p = products[n % products.length]!;
    const receipt = await send(key, {
      name: 'receipts.post',
      input: {
        deliveryNote: `QS-${run}-${n}`,
        arrivedAt: new Date().toISOString(),
        idempotencyKey: key,
        lines: [
          { productId: p.productId, status: 'good', locationId: p.locationId, qty: 1 + (n % 7) },
          {
            productId: products[(n + 1) % products.length]!.productId,
            status: 'good',
            locationId: p.locationId,
            qty: 2,
          },
        ],
      },
    });
    if (n % 3 === 2)
      await send(`${key}-rev`, {
        name: 'stock.reverseDocument',
        input: { documentId: receipt.id, reason: '冲销测试', idempotencyKey: `${key}-rev` },
      });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(String((e as Error)?.stack ?? e));
  process.exit(1);
});
