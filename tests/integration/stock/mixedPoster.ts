// Run as a separate process by mixedConcurrency.test.ts (and the pgLedger
// bench): one station host on the shared database — the data folder's SQLite
// file, or the PostgreSQL database of CANGWU_DATABASE_URL — with several
// clients, each logged in as a keeper, an operator and a CS manager, posting a
// random mix of stock movements through core.dispatch, the request path a
// window or browser takes:
// - receipts (keeper, receipts.post), some sent twice with the same idempotency
//   key — at once or one after the other — and some of a key set both hosts
//   share, so the same receipt arrives from both processes;
// - issues out of good stock: a receipt taken back (operator,
//   stock.reverseDocument, sometimes sent twice with its key) and damage found in a bin
//   (keeper damage.report, manager damage.approve: good → damaged) — the
//   dispatch issue proper (DI, the load check of an order on a trip) needs
//   orders released, assigned and scanned first, not a request a client can
//   repeat at random; orders/race.test.ts races the releases that reserve it;
// - manual adjustments 库存调整表, mostly decreases (operator
//   adjustments.createManual and .submit, manager adjustments.approve — sometimes
//   the approval twice at once: it must post once).
// It prints "ready" once logged in, starts on a line from its stdin (so both
// hosts start together), runs for the given seconds and prints one JSON line
// of what it was acknowledged.
import readline from 'node:readline';
import { openCore, type Core } from '../../../electron/core/core';
import type { Caller } from '../../../electron/core/context';
import { configuredDatabase } from '../../../electron/core/dataDir';

export type MixedPosterConfig = {
  label: string;
  seed: number;
  seconds: number;
  clients: number;
  products: number[];
  bins: number[];
  /** How many receipt keys both hosts draw from (`shared-receipt-<n>`). */
  sharedReceipts: number;
  password: string;
};

export type Delta = { productId: number; status: string; locationId: number; qty: number };

/** One acknowledged posting: the document it made (or answered again, for a replay) and its movements. */
export type Ack = {
  kind: 'receipt' | 'reversal' | 'damage' | 'adjustment';
  key: string;
  documentNo: string;
  /** Set where the reply names it (a receipt's row, a reversal's original's reversedBy, a form's document). */
  documentId: number | null;
  deltas: Delta[];
};

/** A request sent twice: both answers. */
export type Replay = { kind: Ack['kind']; key: string; first: string; second: string };

export type MixedPosterResult = {
  label: string;
  acks: Ack[];
  replays: Replay[];
  /** Requests refused stock.wouldGoNegative (R5): the other host or client took the stock first. */
  refusedShort: number;
  /** Second approvals refused because the first had approved (adjustments.readOnly, damage.notReported). */
  refusedTwice: number;
  /** Anything else a request was refused with: must stay empty. */
  unexpected: { request: string; code: string; details?: unknown }[];
  requests: number;
  /** Per request name: how many were sent and their total milliseconds. */
  timings: Record<string, { n: number; ms: number }>;
};

type Reply = Awaited<ReturnType<Core['dispatch']>>;

async function main() {
  const [dataDir, configJson] = process.argv.slice(2);
  const config = JSON.parse(configJson!) as MixedPosterConfig;
  const core = await openCore({
    dataDir: dataDir!,
    database: configuredDatabase(dataDir!),
    station: config.label,
    log: () => {},
  });
  let seed = config.seed;
  // The high bits of the LCG: its low bits repeat with a short period (the lowest alternates).
  const rand = (n: number) => Math.floor(((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * n);
  const pick = <T>(xs: T[]): T => xs[rand(xs.length)]!;

  const result: MixedPosterResult = {
    label: config.label,
    acks: [],
    replays: [],
    refusedShort: 0,
    refusedTwice: 0,
    unexpected: [],
    requests: 0,
    timings: {},
  };

  const login = async (client: number, role: string, username: string): Promise<Caller> => {
    const caller = core.newCaller(`${config.label}-${client}-${role}`);
    const r = await core.dispatch(caller, 'auth.login', { username, secret: config.password });
    if (!r.ok) throw new Error(`login ${username}: ${JSON.stringify(r.error)}`);
    return caller;
  };
  const clients = await Promise.all(
    Array.from({ length: config.clients }, async (_, c) => ({
      keeper: await login(c, 'keeper', 'u-warehousekeeper'),
      operator: await login(c, 'operator', 'u-operator'),
      manager: await login(c, 'manager', 'u-csmanager'),
      // This client's receipts not yet taken back (a receipt of the shared keys never is).
      receipts: [] as { documentId: number; deltas: Delta[] }[],
    })),
  );

  const send = async (caller: Caller, name: string, input: unknown): Promise<Reply> => {
    result.requests++;
    const t = performance.now();
    const r = await core.dispatch(caller, name, input);
    const s = (result.timings[name] ??= { n: 0, ms: 0 });
    s.n++;
    s.ms += performance.now() - t;
    return r;
  };
  /** The reply's value, or null after counting the refusal (in `expected`, or else as unexpected). */
  const accepted = <T>(name: string, r: Reply, expected: string[] = []): T | null => {
    if (r.ok) return r.value as T;
    if (r.error.code === 'stock.wouldGoNegative') result.refusedShort++;
    else if (expected.includes(r.error.code)) result.refusedTwice++;
    else result.unexpected.push({ request: name, code: r.error.code, details: r.error.details });
    return null;
  };
  /** Sends `input` once, or twice (at once or one after the other) as a retrying client would. */
  const sendMaybeTwice = async (caller: Caller, name: string, input: unknown): Promise<[Reply, Reply | null]> => {
    const how = rand(5);
    if (how === 0) {
      const [a, b] = await Promise.all([send(caller, name, input), send(caller, name, input)]);
      return [a, b];
    }
    const a = await send(caller, name, input);
    return [a, how === 1 ? await send(caller, name, input) : null];
  };
  const line = (sign: number, max: number): Delta => ({
    productId: pick(config.products),
    status: 'good',
    locationId: pick(config.bins),
    qty: sign * (1 + rand(max)),
  });

  let n = 0;
  type Client = (typeof clients)[number];
  /** `sharedKey`: a receipt of that shared key, or (false) one of this client's own; at random when not given. */
  const operations: ((c: Client, sharedKey?: number | false) => Promise<void>)[] = [
    // A receipt, its own key or one both hosts share.
    async (c, sharedKey) => {
      const shared = sharedKey === undefined ? rand(3) === 0 : sharedKey !== false;
      const k = typeof sharedKey === 'number' ? sharedKey : shared ? rand(config.sharedReceipts) : n++;
      const key = shared ? `shared-receipt-${k}` : `${config.label}-receipt-${k}`;
      // A shared key's receipt is the same on both hosts: its lines follow from its number.
      const deltas = shared
        ? [
            {
              productId: config.products[k % config.products.length]!,
              status: 'good',
              locationId: config.bins[k % config.bins.length]!,
              qty: 1 + (k % 4),
            },
          ]
        : Array.from({ length: 1 + rand(2) }, () => line(1, 4));
      const input = {
        deliveryNote: shared ? `SH-${k}` : `QS-${config.label}-${k}`,
        arrivedAt: new Date().toISOString(),
        idempotencyKey: key,
        lines: deltas,
      };
      const [a, b] = await sendMaybeTwice(c.keeper, 'receipts.post', input);
      const first = accepted<{ id: number; documentNo: string }>('receipts.post', a);
      const second = b && accepted<{ id: number; documentNo: string }>('receipts.post', b);
      if (first && second)
        result.replays.push({ kind: 'receipt', key, first: first.documentNo, second: second.documentNo });
      for (const got of [first, second]) {
        if (!got) continue;
        result.acks.push({ kind: 'receipt', key, documentNo: got.documentNo, documentId: got.id, deltas });
      }
      const got = first ?? second;
      if (got && !shared && !c.receipts.some((r) => r.documentId === got.id))
        c.receipts.push({ documentId: got.id, deltas });
    },
    // A receipt of this client taken back whole: an issue of what it brought in.
    async (c) => {
      if (c.receipts.length === 0) return;
      const receipt = c.receipts[rand(c.receipts.length)]!;
      const key = `${config.label}-reversal-${n++}`;
      const input = { documentId: receipt.documentId, reason: '送错货 退回', idempotencyKey: key };
      const [a, b] = await sendMaybeTwice(c.operator, 'stock.reverseDocument', input);
      const first = accepted<{ reversedBy: number | null }>('stock.reverseDocument', a);
      const second = b && accepted<{ reversedBy: number | null }>('stock.reverseDocument', b);
      if (first && second)
        result.replays.push({
          kind: 'reversal',
          key,
          first: String(first.reversedBy),
          second: String(second.reversedBy),
        });
      const deltas = receipt.deltas.map((d) => ({ ...d, qty: -d.qty }));
      for (const got of [first, second]) {
        if (!got) continue;
        result.acks.push({ kind: 'reversal', key, documentNo: '', documentId: got.reversedBy, deltas });
      }
      if (first ?? second) c.receipts.splice(c.receipts.indexOf(receipt), 1);
    },
    // Damage found in a bin: reported by the keeper, approved by the manager (good → damaged).
    async (c) => {
      const d = line(1, 6);
      const key = `${config.label}-damage-${n++}`;
      const report = accepted<{ id: number }>(
        'damage.report',
        await send(c.keeper, 'damage.report', {
          productId: d.productId,
          fromStatus: 'good',
          locationId: d.locationId,
          qty: d.qty,
          whereFound: 'bin',
          cause: 'crushed',
          suggestion: 'scrap',
          idempotencyKey: key,
        }),
      );
      if (!report) return;
      const [a, b] = await sendMaybeTwice(c.manager, 'damage.approve', { reportId: report.id });
      for (const r of [a, b]) {
        const got = r && accepted<{ transferDocumentNo: string | null }>('damage.approve', r, ['damage.notReported']);
        if (!got?.transferDocumentNo) continue;
        result.acks.push({
          kind: 'damage',
          key: `damage:${report.id}:approve`,
          documentNo: got.transferDocumentNo,
          documentId: null,
          deltas: [
            { ...d, qty: -d.qty },
            { ...d, status: 'damaged' },
          ],
        });
      }
    },
    // A manual adjustment, three times in four a decrease.
    async (c) => {
      const deltas = Array.from({ length: 1 + rand(2) }, () => line(rand(4) === 0 ? 1 : -1, 8));
      // Two lines of one balance are one change to it; the form keeps them apart all the same.
      const created = accepted<{ id: number; number: string }>(
        'adjustments.createManual',
        await send(c.operator, 'adjustments.createManual', {
          note: '盘点外调整',
          lines: deltas.map((d) => ({ ...d, cause: d.qty > 0 ? 'unrecordedReceipt' : 'theftOrLoss' })),
        }),
      );
      if (!created) return;
      if (!accepted('adjustments.submit', await send(c.operator, 'adjustments.submit', { formId: created.id }))) return;
      const [a, b] = await sendMaybeTwice(c.manager, 'adjustments.approve', { formId: created.id });
      for (const r of [a, b]) {
        const got =
          r &&
          accepted<{ documentId: number | null; documentNo: string | null }>('adjustments.approve', r, [
            'adjustments.readOnly',
          ]);
        if (!got) continue;
        result.acks.push({
          kind: 'adjustment',
          key: `adjustment-form:${created.number}`,
          documentNo: got.documentNo ?? '',
          documentId: got.documentId,
          deltas,
        });
      }
    },
  ];
  // Receipts and adjustments twice as often as the rest.
  const weights = [0, 0, 1, 2, 3, 3];

  process.stdout.write('ready\n');
  await new Promise<void>((resolve) =>
    readline.createInterface({ input: process.stdin }).once('line', () => resolve()),
  );
  const end = performance.now() + config.seconds * 1000;
  await Promise.all(
    clients.map(async (c, i) => {
      // Each client starts with a shared receipt the other host's client sends at the same moment,
      // then one of each kind (a receipt of its own first, for it to take back), then at random.
      await operations[0]!(c, i % config.sharedReceipts);
      await operations[0]!(c, false);
      for (const op of operations.slice(1)) await op(c);
      while (performance.now() < end) await operations[pick(weights)]!(c);
    }),
  );
  await core.close();
  // stdin stays open: leave without waiting for it, once the answer is out of the pipe.
  process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(0));
}

main().catch((e) => {
  process.stderr.write(String(e?.stack ?? e));
  process.exit(1);
});
