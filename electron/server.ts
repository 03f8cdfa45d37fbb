// The station host: the core in plain Node, serving the built renderer and the
// same contract over HTTP + WebSocket to browsers on the LAN (and to the
// end-to-end tests). Bound to 127.0.0.1 unless told otherwise; every client
// gets its own Caller, so its session is its own; a foreign Origin is refused.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import { stationSocketPath, type ServerMessage, type WireRequest } from '../shared/contract';
import type { Core } from './core/core';
import { EventOutbox } from './eventOutbox';
import { contentSecurityPolicy } from './csp';

export type StationHostOptions = {
  core: Core;
  rendererDir: string;
  host?: string;
  port?: number;
  log?: (line: string) => void;
};

export type StationHost = { url: string; port: number; close(): Promise<void> };

/** Large enough for a products CSV import, small enough to refuse a flood. */
const maxMessageBytes = 25 * 1024 * 1024;

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
};

function serveStatic(rendererDir: string, req: http.IncomingMessage, res: http.ServerResponse): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405).end();
    return;
  }
  const url = new URL(req.url ?? '/', 'http://station');
  let file = path.normalize(path.join(rendererDir, decodeURIComponent(url.pathname)));
  if (!file.startsWith(rendererDir)) {
    res.writeHead(403).end();
    return;
  }
  // A client-side route (or the root) gets the app itself.
  if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(rendererDir, 'index.html');
  if (!fs.existsSync(file)) {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' }).end('renderer not built: run npm run build\n');
    return;
  }
  const ext = path.extname(file);
  res.writeHead(200, {
    'content-type': contentTypes[ext] ?? 'application/octet-stream',
    'content-security-policy': contentSecurityPolicy,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    // Hashed asset names may be cached; index.html must not be, so an update shows at once.
    'cache-control': ext === '.html' ? 'no-store' : 'public, max-age=31536000, immutable',
  });
  if (req.method === 'HEAD') res.end();
  else fs.createReadStream(file).pipe(res);
}

/** 127.0.0.0/8, ::1 and their IPv4-mapped forms: a browser on this machine. */
export function isLoopbackAddress(address: string): boolean {
  const a = address.startsWith('::ffff:') ? address.slice(7) : address;
  return a === '::1' || /^127\.\d+\.\d+\.\d+$/.test(a);
}

/** A browser always sends Origin on a WebSocket; it must be this host's own. */
export function originAllowed(origin: string | undefined, hostHeader: string | undefined): boolean {
  if (origin === undefined) return true; // not a browser (a diagnostic client); login still required
  try {
    const o = new URL(origin);
    return (o.protocol === 'http:' || o.protocol === 'https:') && o.host === hostHeader;
  } catch {
    return false;
  }
}

export async function startStationHost(opts: StationHostOptions): Promise<StationHost> {
  const { core } = opts;
  const log = opts.log ?? ((line) => console.log(line));
  const rendererDir = path.resolve(opts.rendererDir);
  const server = http.createServer((req, res) => serveStatic(rendererDir, req, res));
  const wss = new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes });
  const clients = new Map<WebSocket, ReturnType<Core['newCaller']>>();
  const outbox = new EventOutbox(core);

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://station');
    if (url.pathname !== stationSocketPath || !originAllowed(req.headers.origin, req.headers.host)) {
      log(`refused WebSocket from origin ${req.headers.origin ?? '-'} to ${url.pathname}`);
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  wss.on('connection', (ws: WebSocket, req: http.IncomingMessage) => {
    const address = req.socket.remoteAddress ?? 'unknown';
    const caller = core.newCaller(`ws:${randomUUID()}`, { address, local: isLoopbackAddress(address) });
    clients.set(ws, caller);
    const send = (msg: ServerMessage) => ws.readyState === ws.OPEN && ws.send(JSON.stringify(msg));
    ws.on('message', async (data) => {
      let req: WireRequest;
      try {
        req = JSON.parse(data.toString()) as WireRequest;
        if (typeof req !== 'object' || req === null || typeof req.id !== 'number') throw new Error('shape');
      } catch {
        // Not our protocol: answer once and keep the connection and the process alive.
        send({
          id: -1,
          result: { ok: false, error: { code: 'contract.invalidInput', details: { reason: 'notJson' } } },
        });
        return;
      }
      const result = await core.dispatch(caller, req.name, req.input);
      send({ id: req.id, result });
    });
    // The core's registry of live callers forgets it too (auth/live.ts).
    const gone = () => {
      clients.delete(ws);
      core.release(caller);
    };
    ws.on('close', gone);
    ws.on('error', gone);
  });

  const unsubscribe = core.subscribe((event) => {
    // One serialisation for every window that gets the event unchanged.
    let text: string | null = null;
    for (const [ws, caller] of clients) {
      outbox.deliver(ws, caller, event, (shown) => {
        if (ws.readyState !== ws.OPEN) return;
        ws.send(
          shown === event
            ? (text ??= JSON.stringify({ event } satisfies ServerMessage))
            : JSON.stringify({ event: shown }),
        );
      });
    }
  });

  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 5310, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const url = `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}/`;
  return {
    url,
    port,
    async close() {
      unsubscribe();
      for (const ws of clients.keys()) ws.terminate();
      wss.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Browsers keep idle HTTP connections open; do not wait for them to time out.
      server.closeAllConnections();
      await closed;
    },
  };
}
