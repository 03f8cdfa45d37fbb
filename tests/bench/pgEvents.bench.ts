// Issue 15 §4: a posting on host A until host B's client has its event, two
// cores on one real PostgreSQL database (LISTEN/NOTIFY,
// electron/core/db/pgEvents.ts): A's receipts.post through the whole request
// path, committed, published; B's bus, then B's per-window view of it
// (core.eventFor, what B's host sends down a browser's socket — the socket
// itself is not in the figure). References in the same run: the bus-to-bus
// hop alone, and a bare NOTIFY heard by a bare LISTEN client on the same
// server — what the database alone costs.
import pg from 'pg';
import { openCore, type Core } from '../../electron/core/core';
import type { Caller } from '../../electron/core/context';
import { tempDir } from '../helpers/tempDirs';
import type { EventMessage } from '../../shared/contract';
import { joinPeers, startPeerEvents } from '../../electron/core/db/pgEvents';
import { createEventBus } from '../../electron/core/events';
import { startPostgres } from '../helpers/postgres';
import { bench, percentile } from './report';

const runs = 300;

async function main() {
  const server = await startPostgres();
  try {
    const url = await server.createDatabase();

    // Reference: one client NOTIFYs, another LISTENs.
    const listener = new pg.Client({ connectionString: url });
    const notifier = new pg.Client({ connectionString: url });
    await Promise.all([listener.connect(), notifier.connect()]);
    await listener.query('LISTEN bench');
    let heard: (() => void) | null = null;
    listener.on('notification', () => heard?.());
    const raw: number[] = [];
    // The listener may hear a NOTIFY before its sender has the reply: the last reply is awaited
    // before the sender ends (ending it first failed the bench, now and then, with "Connection terminated").
    let sent: Promise<unknown> = Promise.resolve();
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      await new Promise<void>((resolve) => {
        heard = resolve;
        sent = notifier.query("SELECT pg_notify('bench', 'x')");
      });
      raw.push(performance.now() - t);
    }
    await sent;
    await Promise.all([listener.end(), notifier.end()]);

    // Host A's bus to host B's bus, a posting's stock.changed of 15 lines.
    const busA = createEventBus();
    const busB = createEventBus();
    const peersA = await startPeerEvents({ url, onEvent: (m) => joinA.deliver(m) });
    const peersB = await startPeerEvents({ url, onEvent: (m) => joinB.deliver(m) });
    const joinA = joinPeers(busA, peersA);
    const joinB = joinPeers(busB, peersB);
    let arrived: (() => void) | null = null;
    busB.subscribe((m) => m.name === 'stock.changed' && arrived?.());
    const payload = {
      documentId: 1,
      documentNo: 'RC-20261205-0001',
      keys: Array.from({ length: 15 }, (_, i) => ({ productId: i + 1, status: 'good', locationId: 3, qty: 40 + i })),
    } as Extract<EventMessage, { name: 'stock.changed' }>['payload'];
    const hop: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      await new Promise<void>((resolve) => {
        arrived = resolve;
        busA.emit('stock.changed', payload);
      });
      hop.push(performance.now() - t);
    }
    joinA.leave();
    joinB.leave();
    await Promise.all([peersA.close(), peersB.close()]);

    const posting = await postingToOtherHost(await server.createDatabase());
    bench(
      'pg_cross_host_event_ms_p95',
      percentile(posting, 95),
      'ms',
      `limit <= 200; a 15-line receipt posted on host A (core.dispatch receipts.post) until host B's client has its ` +
        `stock.changed (B's core.eventFor), two cores on one database; ${posting.length} postings; p50 ` +
        `${percentile(posting, 50).toFixed(2)} ms`,
    );
    bench(
      'pg_bus_hop_ms_p95',
      percentile(hop, 95),
      'ms',
      `reference: host A's bus to host B's bus alone, ${runs} stock.changed of 15 lines; p50 ${percentile(hop, 50).toFixed(2)} ms`,
    );
    bench(
      'pg_notify_roundtrip_ms_p95',
      percentile(raw, 95),
      'ms',
      `reference: a bare NOTIFY to a bare LISTEN on the same server; p50 ${percentile(raw, 50).toFixed(2)} ms`,
    );
  } finally {
    server.stop();
  }
}

const productsCsv = [
  'code,name_zh,name_en,spec,unit,case_pack,unit_cost,category,active',
  ...Array.from({ length: 30 }, (_, i) => `B${100 + i},商品${i},Product ${i},1,瓶,12,1.50,饮料,1`),
].join('\n');

async function ok<T>(core: Core, caller: Caller, name: string, input: unknown): Promise<T> {
  const r = await core.dispatch(caller, name, input);
  if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.error)}`);
  return r.value as T;
}

/** Milliseconds from each posting on A until B's client has it, two cores on the database at `url`. */
async function postingToOtherHost(url: string): Promise<number[]> {
  const a = await openCore({ dataDir: tempDir('bench-host-a'), database: url, station: 'A', log: () => {} });
  const b = await openCore({ dataDir: tempDir('bench-host-b'), database: url, station: 'B', log: () => {} });
  try {
    const admin = a.newCaller('admin');
    await ok(a, admin, 'setup.createAdmin', { username: 'admin', displayName: '管理员', password: 'bench-pass-1' });
    await ok(a, admin, 'products.import', { csv: productsCsv });
    const products = await ok<{ id: number }[]>(a, admin, 'products.list', {});
    const bins = (await ok<{ id: number; kind: string }[]>(a, admin, 'locations.list', {})).filter(
      (l) => l.kind === 'bin',
    );
    await ok(a, admin, 'users.create', {
      username: 'keeper',
      displayName: '仓管',
      roles: ['warehouseKeeper'],
      password: 'bench-pass-1',
    });
    const keeperA = a.newCaller('keeper-a');
    await ok(a, keeperA, 'auth.login', { username: 'keeper', secret: 'bench-pass-1' });
    const keeperB = b.newCaller('keeper-b');
    await ok(b, keeperB, 'auth.login', { username: 'keeper', secret: 'bench-pass-1' });

    let arrived: ((documentNo: string) => void) | null = null;
    b.subscribe((msg) => {
      if (msg.name !== 'stock.changed') return;
      void Promise.resolve(b.eventFor(keeperB, msg)).then((seen) => {
        if (seen?.name === 'stock.changed') arrived?.(seen.payload.documentNo);
      });
    });
    const times: number[] = [];
    for (let i = 0; i < 120; i++) {
      const lines = Array.from({ length: 15 }, (_, k) => ({
        productId: products[(i + k) % products.length]!.id,
        status: 'good',
        locationId: bins[k % bins.length]!.id,
        qty: 1 + k,
      }));
      const t = performance.now();
      const heard = new Promise<string>((resolve) => (arrived = resolve));
      const posted = await ok<{ documentNo: string }>(a, keeperA, 'receipts.post', {
        deliveryNote: `BN-${i}`,
        arrivedAt: new Date().toISOString(),
        idempotencyKey: `bench-cross-${i}`,
        lines,
      });
      let no = await heard;
      while (no !== posted.documentNo) no = await new Promise<string>((resolve) => (arrived = resolve));
      if (i >= 20) times.push(performance.now() - t); // the first twenty warm both cores
    }
    return times;
  } finally {
    await a.close();
    await b.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
