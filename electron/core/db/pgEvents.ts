// Live across hosts (issue 15 §4): hosts on one PostgreSQL database hear each
// other's events through LISTEN/NOTIFY — no server beyond the database. Each
// host publishes what its own core emits (a posting, an order change, a board
// move) and hands what the others publish to its own event bus, so every
// window of every host sees it as if it happened there.
//
// A NOTIFY payload is at most 8,000 bytes; an event can be larger (a 500-line
// document's stock keys). Larger ones go as numbered parts sent in ONE
// statement — PostgreSQL delivers a transaction's notifications together and
// in order — and are put back together by the listener.
//
// The listening connection is a client of its own (a pooled one would drop the
// LISTEN). When it is lost, events published meanwhile are lost to this host:
// it reconnects with backoff and says so (`onLink`), so the host can tell its
// windows to read again what they show.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { EventMessage } from '../../../shared/contract';

export const peerEventChannel = 'cangwu_events';

/** Characters per part: JSON of the part stays well below the 8,000-byte limit even for 3-byte UTF-8 text. */
const partChars = 2400;

type Part = { h: string; id: string; i: number; n: number; d: string };

export type PeerLink = 'up' | 'down';

export type PeerEventsOptions = {
  url: string;
  /** This host's id: its own notifications come back to it and are ignored. */
  hostId?: string;
  /** An event another host published. */
  onEvent(msg: EventMessage): void;
  /** The listening connection went down (events may be missed) or came back. */
  onLink?(state: PeerLink): void;
  log?(message: string, e?: unknown): void;
};

export type PeerEvents = {
  hostId: string;
  /** Sends `msg` to every other host; resolves once the server took it. */
  publish(msg: EventMessage): Promise<void>;
  close(): Promise<void>;
};

/** The event as NOTIFY payloads, in order. */
export function partsOf(hostId: string, msg: EventMessage, id: string = randomUUID()): string[] {
  const text = JSON.stringify(msg);
  const n = Math.max(1, Math.ceil(text.length / partChars));
  return Array.from({ length: n }, (_, i) =>
    JSON.stringify({ h: hostId, id, i, n, d: text.slice(i * partChars, (i + 1) * partChars) } satisfies Part),
  );
}

/** Puts parts back together; an event whose parts stop coming is dropped after `staleMs`. */
export class PartAssembler {
  private pending = new Map<string, { parts: string[]; got: number; at: number }>();
  constructor(private readonly staleMs = 30_000) {}

  /** The whole event once its last part arrived, else null. */
  take(part: Part, now = Date.now()): EventMessage | null {
    if (part.n === 1) return JSON.parse(part.d) as EventMessage;
    let entry = this.pending.get(part.id);
    if (!entry) {
      for (const [id, e] of this.pending) if (now - e.at > this.staleMs) this.pending.delete(id);
      entry = { parts: new Array<string>(part.n), got: 0, at: now };
      this.pending.set(part.id, entry);
    }
    if (entry.parts[part.i] === undefined) entry.got += 1;
    entry.parts[part.i] = part.d;
    if (entry.got < part.n) return null;
    this.pending.delete(part.id);
    return JSON.parse(entry.parts.join('')) as EventMessage;
  }
}

const retryMs = [250, 500, 1000, 2000, 5000];

export async function startPeerEvents(opts: PeerEventsOptions): Promise<PeerEvents> {
  const hostId = opts.hostId ?? randomUUID();
  const log = opts.log ?? (() => {});
  const assembler = new PartAssembler();
  let closed = false;
  let listener: pg.Client | null = null;
  let attempt = 0;
  let retryTimer: NodeJS.Timeout | null = null;

  const onNotification = (n: pg.Notification) => {
    if (n.channel !== peerEventChannel || !n.payload) return;
    try {
      const part = JSON.parse(n.payload) as Part;
      if (part.h === hostId) return;
      const msg = assembler.take(part);
      if (msg) opts.onEvent(msg);
    } catch (e) {
      log('peer events: an unreadable notification was ignored', e);
    }
  };

  const listen = async (): Promise<void> => {
    const client = new pg.Client({ connectionString: opts.url, connectionTimeoutMillis: 10_000 });
    client.on('notification', onNotification);
    // Errors surface as 'end' too; one handler does the reconnecting.
    client.on('error', (e) => log('peer events: the listening connection failed', e));
    client.on('end', () => {
      if (closed || listener !== client) return;
      listener = null;
      opts.onLink?.('down');
      scheduleReconnect();
    });
    await client.connect();
    await client.query(`LISTEN ${peerEventChannel}`);
    listener = client;
    attempt = 0;
  };

  const scheduleReconnect = () => {
    if (closed || retryTimer) return;
    const wait = retryMs[Math.min(attempt, retryMs.length - 1)]!;
    attempt += 1;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      listen().then(
        () => opts.onLink?.('up'),
        (e: unknown) => {
          log('peer events: reconnecting failed, trying again', e);
          scheduleReconnect();
        },
      );
    }, wait);
  };

  await listen();
  const publisher = new pg.Pool({ connectionString: opts.url, max: 1 });
  publisher.on('error', (e) => log('peer events: the publishing connection failed', e));

  return {
    hostId,
    async publish(msg) {
      const parts = partsOf(hostId, msg);
      // One statement: the parts arrive together and in order.
      const calls = parts.map((_, i) => `pg_notify('${peerEventChannel}', $${i + 1})`).join(', ');
      await publisher.query(`SELECT ${calls}`, parts);
    },
    async close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      const l = listener;
      listener = null;
      await Promise.all([l?.end().catch(() => undefined), publisher.end().catch(() => undefined)]);
    },
  };
}

/**
 * Events that stay on the host that made them: a request's progress belongs to
 * the window that asked; scanners and stations are the host's own (a serial
 * scanner belongs to the machine it is plugged into); the windows a session
 * ended on are named by this host's client ids.
 */
const hostOnly = new Set<string>([
  'work.progress',
  'scanner.status',
  'scanner.scan',
  'scanner.raw',
  'station.changed',
  'auth.sessionEnded',
  'database.link',
]);

/**
 * Joins a core's event bus to the other hosts: what the bus emits is published
 * (once: what came from a peer is not sent back), and what peers publish is
 * emitted on the bus. Returns the function that unjoins them.
 */
export function joinPeers(
  bus: { emit(name: string, payload: unknown): void; subscribe(l: (msg: EventMessage) => void): () => void },
  peers: Pick<PeerEvents, 'publish'>,
  log: (message: string, e?: unknown) => void = () => {},
): { deliver(msg: EventMessage): void; leave(): void } {
  // The bus calls its listeners synchronously: whatever it emits while a peer's event is being
  // delivered is that event, and goes back to no one.
  let delivering = false;
  const leave = bus.subscribe((msg) => {
    if (delivering || hostOnly.has(msg.name)) return;
    peers.publish(msg).catch((e: unknown) => log(`peer events: ${msg.name} was not sent to the other hosts`, e));
  });
  return {
    deliver(msg) {
      delivering = true;
      try {
        bus.emit(msg.name, msg.payload);
      } finally {
        delivering = false;
      }
    },
    leave,
  };
}
