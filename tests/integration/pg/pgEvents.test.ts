// Live across hosts (issue 15 §4): two hosts' event buses joined through one
// real PostgreSQL server with LISTEN/NOTIFY — what one emits the other's
// windows hear once, large events arrive whole, and a lost listening
// connection comes back by itself.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventMessage } from '../../../shared/contract';
import {
  joinPeers,
  PartAssembler,
  partsOf,
  peerEventChannel,
  startPeerEvents,
  type PeerEvents,
  type PeerLink,
} from '../../../electron/core/db/pgEvents';
import { createEventBus, type EventBus } from '../../../electron/core/events';
import { startPostgres, type TestPostgres } from '../../helpers/postgres';

let server: TestPostgres;
let url: string;
const opened: PeerEvents[] = [];

beforeAll(async () => {
  server = await startPostgres();
  url = await server.createDatabase();
}, 60_000);
afterAll(async () => {
  for (const p of opened) await p.close();
  server?.stop();
});

type Host = { bus: EventBus; heard: EventMessage[]; links: PeerLink[]; peers: PeerEvents };

/** A host: its own bus, joined to the others through the database. */
async function host(): Promise<Host> {
  const bus = createEventBus();
  const heard: EventMessage[] = [];
  const links: PeerLink[] = [];
  bus.subscribe((m) => heard.push(m));
  let deliver: (m: EventMessage) => void = () => {};
  const peers = await startPeerEvents({ url, onEvent: (m) => deliver(m), onLink: (s) => links.push(s) });
  opened.push(peers);
  deliver = joinPeers(bus, peers).deliver;
  return { bus, heard, links, peers };
}

const until = async (cond: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
  return cond();
};

const stockChanged = (documentNo: string, keys = 1): EventMessage => ({
  name: 'stock.changed',
  payload: {
    documentId: 1,
    documentNo,
    keys: Array.from({ length: keys }, (_, i) => ({ productId: i + 1, status: 'good', locationId: 7, qty: 100 + i })),
  },
});

describe('events across hosts through PostgreSQL', () => {
  it("hands one host's event to the other's bus once, and keeps a request's progress at home", async () => {
    const a = await host();
    const b = await host();
    a.bus.emit('stock.changed', stockChanged('RC-1').payload as never);
    a.bus.emit('work.progress', { job: 'j', phase: 'p', done: 1, total: 2 });
    expect(await until(() => b.heard.some((m) => m.name === 'stock.changed'))).toBe(true);
    expect(b.heard.find((m) => m.name === 'stock.changed')).toEqual(stockChanged('RC-1'));
    // Give an echo time to come back: none does, on either side.
    await new Promise((r) => setTimeout(r, 300));
    expect(a.heard.filter((m) => m.name === 'stock.changed')).toHaveLength(1);
    expect(b.heard.filter((m) => m.name === 'stock.changed')).toHaveLength(1);
    expect(b.heard.some((m) => m.name === 'work.progress')).toBe(false);
  });

  it('delivers an event larger than a NOTIFY payload whole (a 500-line document)', async () => {
    const a = await host();
    const b = await host();
    const big = stockChanged('RC-大单', 500);
    expect(Buffer.byteLength(JSON.stringify(big))).toBeGreaterThan(8000);
    a.bus.emit('stock.changed', big.payload as never);
    expect(await until(() => b.heard.some((m) => m.name === 'stock.changed'))).toBe(true);
    expect(b.heard.find((m) => m.name === 'stock.changed')).toEqual(big);
  });

  it('reconnects a listening connection the server dropped, says so, and hears events again', async () => {
    const a = await host();
    const b = await host();
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      // The server ends every connection listening on the channel but A's publisher: B's listener among them.
      await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND query ILIKE $1`,
        [`LISTEN ${peerEventChannel}%`],
      );
    } finally {
      await admin.end();
    }
    expect(await until(() => b.links.includes('down') && b.links.at(-1) === 'up')).toBe(true);
    a.bus.emit('stock.changed', stockChanged('RC-after').payload as never);
    expect(
      await until(() => b.heard.some((m) => (m.payload as { documentNo?: string }).documentNo === 'RC-after')),
    ).toBe(true);
  });

  it('puts parts back together in any order and forgets an event whose parts stopped coming', () => {
    const msg = stockChanged('RC-parts', 300);
    const parts = partsOf('host-a', msg, 'id-1').map((p) => JSON.parse(p) as Parameters<PartAssembler['take']>[0]);
    expect(parts.length).toBeGreaterThan(2);
    for (const p of partsOf('host-a', msg)) expect(Buffer.byteLength(p)).toBeLessThan(8000);
    const assembler = new PartAssembler(1000);
    const shuffled = [...parts.slice(1).reverse(), parts[0]!];
    const results = shuffled.map((p) => assembler.take(p, 0));
    expect(results.slice(0, -1).every((r) => r === null)).toBe(true);
    expect(results.at(-1)).toEqual(msg);
    // A half-sent event is dropped once stale: its late last part alone does not complete it.
    assembler.take(parts[0]!, 0);
    assembler.take({ ...parts[0]!, id: 'other' }, 5000);
    expect(assembler.take(parts[1]!, 5000)).toBeNull();
  });
});
