// Through the station host over real sockets (issue 10 "must show"): one
// machine flooding wrong passwords for admin locks out that machine only; the
// administrator logs in from their own; a logout reaches every connection of
// the session. On Linux all of 127.0.0.0/8 is loopback: each client binds its
// socket to its own source address, so the host sees two machines.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { EventMessage, Result, ServerMessage, SessionView } from '../../../shared/contract';
import { startStationHost, type StationHost } from '../../../electron/server';
import { openWarehouse, password, tempDataDir, type Warehouse } from '../fixtures';

let w: Warehouse;
let host: StationHost;
const rendererDir = tempDataDir('renderer');
const clients: Client[] = [];
const logLines: string[] = [];

beforeAll(async () => {
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>仓务</title>');
  w = await openWarehouse();
  host = await startStationHost({ core: w.core, rendererDir, port: 0, log: (line) => logLines.push(line) });
});
afterAll(async () => {
  for (const c of clients) c.ws.close();
  await host.close();
  await w.core.close();
  fs.rmSync(w.core.dataDir, { recursive: true, force: true });
  fs.rmSync(rendererDir, { recursive: true, force: true });
});

class Client {
  private seq = 0;
  private pending = new Map<number, (r: Result<unknown>) => void>();
  readonly events: EventMessage[] = [];
  constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const msg = JSON.parse(data.toString()) as ServerMessage;
      if ('event' in msg) this.events.push(msg.event);
      else this.pending.get(msg.id)?.(msg.result);
    });
  }
  /** A connection from `localAddress`, as a browser on that machine would make it. */
  static open(localAddress: string): Promise<Client> {
    const ws = new WebSocket(`${host.url.replace('http', 'ws')}ws`, { localAddress });
    return new Promise((resolve, reject) => {
      ws.once('open', () => {
        const c = new Client(ws);
        clients.push(c);
        resolve(c);
      });
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

describe('logins through the station host', () => {
  it('keeps the administrator able to log in from their own machine while another floods wrong passwords', async () => {
    const flooder = await Client.open('127.0.0.2');
    const codes: string[] = [];
    for (let i = 0; i < 10; i++) {
      const r = await flooder.request('auth.login', { username: 'admin', secret: `guess-${i}` });
      codes.push(r.ok ? 'ok' : r.error.code);
    }
    expect(codes.slice(0, 4)).toEqual(Array(4).fill('auth.badCredentials'));
    expect(codes.slice(4)).toEqual(Array(6).fill('auth.lockedOut'));
    const right = await flooder.request('auth.login', { username: 'admin', secret: password });
    expect(right).toMatchObject({ ok: false, error: { code: 'auth.lockedOut' } });

    const desk = await Client.open('127.0.0.3');
    const mine = await desk.request('auth.login', { username: 'admin', secret: password });
    expect(mine).toMatchObject({ ok: true, value: { user: { username: 'admin' } } });
    expect((await desk.request('users.list', {})).ok).toBe(true);
  });

  it('ends a second connection resumed with the same token when the first logs out, and tells it', async () => {
    const first = await Client.open('127.0.0.4');
    const login = await first.request('auth.login', { username: 'admin', secret: password });
    expect(login.ok).toBe(true);
    const token = (login as { ok: true; value: SessionView }).value.token;
    const second = await Client.open('127.0.0.5');
    expect((await second.request('auth.resume', { token })).ok).toBe(true);
    expect((await second.request('stock.balances', {})).ok).toBe(true);

    expect((await first.request('auth.logout', {})).ok).toBe(true);
    expect(await until(() => second.events.some((e) => e.name === 'auth.sessionEnded'))).toBe(true);
    expect(second.events.find((e) => e.name === 'auth.sessionEnded')?.payload).toMatchObject({ reason: 'loggedOut' });
    expect(await second.request('stock.balances', {})).toMatchObject({ ok: false, error: { code: 'auth.required' } });
    expect(first.events.some((e) => e.name === 'auth.sessionEnded')).toBe(false);
    // The token travels only inside messages: never in the host's log, nor in what the core stored.
    expect(logLines.join('\n')).not.toContain(token);
    const stored = await w.core.database.db.selectFrom('sessions').selectAll().execute();
    const audit = await w.core.database.db.selectFrom('audit_log').selectAll().execute();
    expect(JSON.stringify([stored, audit])).not.toContain(token);
  });
});
