// Test clients for the station host: a WebSocket client speaking the contract,
// and raw sockets for requests no well-behaved client would send.
import fs from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import path from 'node:path';
import WebSocket, { type ClientOptions } from 'ws';
import type { EventMessage, Result, ServerMessage } from '../../../shared/contract';
import { startStationHost, type StationHost, type StationHostOptions } from '../../../electron/server';
import { tempDataDir } from '../fixtures';

export class StationClient {
  private seq = 0;
  private pending = new Map<number, (r: Result<unknown>) => void>();
  readonly events: EventMessage[] = [];
  /** Replies to no pending request (protocol refusals carry id -1). */
  readonly other: ServerMessage[] = [];
  closeCode: number | null = null;
  constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const msg = JSON.parse(data.toString()) as ServerMessage;
      if ('event' in msg) this.events.push(msg.event);
      else if (this.pending.has(msg.id)) {
        const resolve = this.pending.get(msg.id)!;
        this.pending.delete(msg.id);
        resolve(msg.result);
      } else this.other.push(msg);
    });
    ws.on('close', (code) => (this.closeCode = code));
  }

  /** `query`: the socket address's query, e.g. `?station=Dock-2` (a browser's named station). */
  static open(url: string, opts: ClientOptions = {}, query = ''): Promise<StationClient> {
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}ws${query}`, opts);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new StationClient(ws)));
      ws.once('unexpected-response', (_req, res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => reject(new Error(`HTTP ${res.statusCode} ${body}`)));
      });
      ws.once('error', reject);
    });
  }

  /** Sends a request; resolves with its reply. */
  request(name: string, input: unknown): Promise<Result<unknown>> {
    const id = ++this.seq;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.ws.send(JSON.stringify({ id, name, input }));
    });
  }

  get waiting(): number {
    return this.pending.size;
  }

  close(): void {
    this.ws.terminate();
  }
}

export const until = async (cond: () => boolean, tries = 500) => {
  for (let i = 0; i < tries && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
  return cond();
};

/** Writes raw bytes to the host and collects everything it answers until it closes (or `ms` pass). */
export function rawExchange(
  port: number,
  bytes: string | Buffer,
  opts: { secure?: boolean; ms?: number } = {},
): Promise<string> {
  return new Promise((resolve) => {
    const socket = opts.secure
      ? tls.connect({ host: '127.0.0.1', port, rejectUnauthorized: false })
      : net.connect({ host: '127.0.0.1', port });
    let got = '';
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(got);
    };
    const timer = setTimeout(done, opts.ms ?? 1500);
    socket.on('data', (c: Buffer) => (got += c.toString('latin1')));
    socket.on('end', done);
    socket.on('close', done);
    socket.on('error', done);
    socket.write(bytes);
  });
}

/** The status code of a raw HTTP answer (0: none). */
export const statusOf = (answer: string) => Number(/^HTTP\/1\.[01] (\d{3})/.exec(answer)?.[1] ?? 0);

/** A renderer folder with an index page, for hosts under test. Removed by the returned cleanup. */
export function tempRenderer(): string {
  const dir = tempDataDir('cangwu-renderer');
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>仓务</title>');
  return dir;
}

export async function startTestHost(
  opts: Omit<StationHostOptions, 'rendererDir' | 'port'> & { rendererDir?: string },
): Promise<StationHost & { rendererDir: string; logged: string[] }> {
  const rendererDir = opts.rendererDir ?? tempRenderer();
  const logged: string[] = [];
  const host = await startStationHost({ port: 0, log: (l) => logged.push(l), ...opts, rendererDir });
  return { ...host, rendererDir, logged };
}

export const removeDir = (dir: string) => fs.rmSync(dir, { recursive: true, force: true });
