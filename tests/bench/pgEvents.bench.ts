// Issue 15 §4: an event on host A until host B's bus has it, through one real
// PostgreSQL server (LISTEN/NOTIFY, electron/core/db/pgEvents.ts). The
// reference in the same run: a bare NOTIFY heard by a bare LISTEN client on
// the same server — what the database alone costs. Not yet the whole path the
// issue names (a posting on A to a browser of B): the cores do not run on
// PostgreSQL yet; this is the hop between them.
import pg from 'pg';
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
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      await new Promise<void>((resolve) => {
        heard = resolve;
        void notifier.query("SELECT pg_notify('bench', 'x')");
      });
      raw.push(performance.now() - t);
    }
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

    const p95 = percentile(hop, 95);
    bench(
      'pg_cross_host_event_ms_p95',
      p95,
      'ms',
      `limit <= 200; host A's bus to host B's bus through LISTEN/NOTIFY, ${runs} stock.changed of 15 lines; p50 ${percentile(hop, 50).toFixed(2)} ms`,
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

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
