// The station host over a real socket: the same contract as Electron's IPC,
// login per client, foreign origins refused, events fanned out live.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { EventMessage, Result, ServerMessage } from '../../../shared/contract';
import { startStationHost, type StationHost } from '../../../electron/server';
import { openWarehouse, password, tempDataDir, type Warehouse } from '../fixtures';

let w: Warehouse;
let host: StationHost;
const rendererDir = tempDataDir('renderer');

beforeAll(async () => {
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>仓务</title>');
  w = await openWarehouse();
  await w.as('warehouseKeeper');
  host = await startStationHost({ core: w.core, rendererDir, port: 0, log: () => {} });
});
afterAll(async () => {
  await host.close();
  await w.core.close();
});

class Client {
  private seq = 0;
  private pending = new Map<number, (r: Result<unknown>) => void>();
  readonly events: EventMessage[] = [];
  readonly other: ServerMessage[] = [];
  constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const msg = JSON.parse(data.toString()) as ServerMessage;
      if ('event' in msg) this.events.push(msg.event);
      else if (this.pending.has(msg.id)) this.pending.get(msg.id)!(msg.result);
      else this.other.push(msg);
    });
  }
  static open(origin?: string): Promise<Client> {
    const ws = new WebSocket(`${host.url.replace('http', 'ws')}ws`, origin ? { origin } : {});
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new Client(ws)));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      ws.once('error', reject);
    });
  }
  request(name: string, input: unknown): Promise<Result<unknown>> {
    const id = ++this.seq;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.ws.send(JSON.stringify({ id, name, input }));
    });
  }
}

const until = async (cond: () => boolean) => {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
  return cond();
};

describe('station host', () => {
  it('binds to 127.0.0.1 by default and serves the console', async () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const res = await fetch(host.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await res.text()).toContain('仓务');
    expect((await fetch(`${host.url}inventory/deep/link`)).status).toBe(200); // client-side route → the app
  });

  it('never serves files outside the renderer folder', async () => {
    const res = await fetch(`${host.url}..%2f..%2f..%2fetc%2fpasswd`);
    expect(await res.text()).not.toContain('root:');
  });

  it('refuses a WebSocket from a foreign origin', async () => {
    await expect(Client.open('http://evil.example')).rejects.toThrow('HTTP 403');
    const own = await Client.open(host.url.replace(/\/$/, ''));
    own.ws.close();
  });

  it('requires login per client, and a second client sees the first one’s receipt live', async () => {
    const a = await Client.open();
    const b = await Client.open();
    expect(await a.request('stock.balances', {})).toMatchObject({ ok: false, error: { code: 'auth.required' } });
    expect(await a.request('auth.login', { username: 'u-warehousekeeper', secret: password })).toMatchObject({
      ok: true,
    });
    expect(await b.request('stock.balances', {})).toMatchObject({ ok: false, error: { code: 'auth.required' } });
    await b.request('auth.login', { username: 'u-warehousekeeper', secret: password });
    const posted = await a.request('receipts.post', {
      deliveryNote: 'QS-WS-1',
      arrivedAt: new Date().toISOString(),
      idempotencyKey: 'ws-receipt-0001',
      lines: [{ productId: w.products[0]!.id, status: 'good', locationId: w.bins[0]!.id, qty: 7 }],
    });
    expect(posted.ok).toBe(true);
    expect(await until(() => b.events.some((e) => e.name === 'stock.changed'))).toBe(true);
    const changed = b.events.find((e) => e.name === 'stock.changed')!;
    expect(changed.payload).toMatchObject({ keys: [{ productId: w.products[0]!.id, qty: 7 }] });
    a.ws.close();
    b.ws.close();
  });

  it('answers garbage with a typed error and keeps the connection and the host alive', async () => {
    const c = await Client.open();
    c.ws.send('{not json');
    c.ws.send(Buffer.from([0, 159, 146, 150]));
    expect(await until(() => c.other.length === 2)).toBe(true);
    expect(c.other[0]).toMatchObject({ id: -1, result: { ok: false, error: { code: 'contract.invalidInput' } } });
    expect(await c.request('setup.status', {})).toMatchObject({ ok: true, value: { initialized: true } });
    c.ws.close();
  });
});
