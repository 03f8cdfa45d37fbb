// A client of the station host speaking the contract over its WebSocket, as a
// browser station does (renderer/api): requests with their replies, and the
// events as they arrive with their size on the wire. For benches and tests
// that need the host's events without a browser.
import WebSocket from 'ws';
import type { EventMessage, ServerMessage } from '../../shared/contract';

export type StationClient = {
  /** The reply's value; throws on a refusal. */
  request<T = unknown>(name: string, input: unknown): Promise<T>;
  /** Every event this client is sent, with the bytes of its frame. */
  onEvent(listener: (event: EventMessage, bytes: number) => void): void;
  close(): void;
};

/** Opens a connection to the station host at `url` (its http(s) address). */
export async function connectStation(url: string): Promise<StationClient> {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}ws`);
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const pending = new Map<number, (result: unknown) => void>();
  const listeners: ((event: EventMessage, bytes: number) => void)[] = [];
  ws.on('message', (data: Buffer) => {
    const msg = JSON.parse(data.toString()) as ServerMessage;
    if ('event' in msg) for (const l of listeners) l(msg.event, data.length);
    else {
      pending.get(msg.id)?.(msg.result);
      pending.delete(msg.id);
    }
  });
  let nextId = 1;
  return {
    async request<T>(name: string, input: unknown): Promise<T> {
      const id = nextId++;
      const r = (await new Promise<unknown>((resolve) => {
        pending.set(id, resolve);
        ws.send(JSON.stringify({ id, name, input }));
      })) as { ok: boolean; value?: T; error?: unknown };
      if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.error)}`);
      return r.value as T;
    },
    onEvent: (listener) => void listeners.push(listener),
    close: () => ws.close(),
  };
}
