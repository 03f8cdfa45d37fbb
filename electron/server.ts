// The station host: the core in plain Node, serving the built renderer and the
// same contract over HTTP(S) + WebSocket to browsers on the LAN (and to the
// end-to-end tests). Bound to 127.0.0.1 unless told otherwise; every client
// gets its own Caller, so its session is its own. The pieces live in
// electron/station/: static files, allowed host names (DNS rebinding), TLS,
// per-connection limits. Whatever a client sends, the host answers (4xx, an
// error reply or a close code) and keeps running.
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import { stationSocketPath, type ServerMessage } from '../shared/contract';
import { normalStationName, stationNameParam } from '../shared/station/stationName';
import type { Core } from './core/core';
import { EventOutbox } from './eventOutbox';
import { AllowedHosts, misdirectedText } from './station/allowedHosts';
import { sendBounded, serveConnection } from './station/connection';
import { defaultLimits, type ConnectionLimits } from './station/limits';
import { plain, requestPath, serveStatic } from './station/staticFiles';
import { loadTls, type TlsChoice, type TlsMaterial } from './station/tls';

export type StationHostOptions = {
  core: Core;
  rendererDir: string;
  host?: string;
  port?: number;
  /** Host names browsers may use besides loopback, this machine's names and addresses, and `host` (--allowed-host). */
  allowedHosts?: readonly string[];
  /** HTTPS + WSS: given PEM files, or a self-signed certificate kept in a data folder. Absent: plain HTTP. */
  tls?: TlsChoice;
  limits?: Partial<ConnectionLimits>;
  log?: (line: string) => void;
};

export type StationHost = {
  url: string;
  port: number;
  /** The TLS certificate in use, if any (its fingerprint is what stations check). */
  tls: Pick<TlsMaterial, 'fingerprint' | 'source' | 'certFile'> | null;
  /** The one-time first-run code, when the data folder has no users yet. */
  setupCode: string | null;
  /** What the administrator must be told at start (stderr): no TLS on a network, demo data on a network. */
  warnings: string[];
  close(): Promise<void>;
};

/** 127.0.0.0/8, ::1 and their IPv4-mapped forms: a browser on this machine. */
export function isLoopbackAddress(address: string): boolean {
  const a = address.startsWith('::ffff:') ? address.slice(7) : address;
  return a === '::1' || /^127\.\d+\.\d+\.\d+$/.test(a);
}

/** A bind address only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || isLoopbackAddress(host.replace(/^\[|\]$/g, ''));
}

function refuseUpgrade(socket: Duplex, status: number, reason: string, text = ''): void {
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`,
  );
}

export async function startStationHost(opts: StationHostOptions): Promise<StationHost> {
  const { core } = opts;
  const log = opts.log ?? ((line) => console.log(line));
  const limits: ConnectionLimits = { ...defaultLimits, ...opts.limits };
  const rendererDir = path.resolve(opts.rendererDir);
  const host = opts.host ?? '127.0.0.1';
  const onNetwork = !isLoopbackHost(host);
  let port = 0;
  const allowed = new AllowedHosts(() => port, opts.tls !== undefined, [host, ...(opts.allowedHosts ?? [])]);
  // A generated certificate names every name the host answers to, so a station that trusts it is not told otherwise.
  const tls = opts.tls
    ? await loadTls('selfSignedIn' in opts.tls ? { ...opts.tls, alsoNames: allowed.list() } : opts.tls)
    : null;

  /** A bug in one request must not end the host for everyone: logged (with its stack), answered, survived. */
  const guard = (what: string, fn: () => void, fail: () => void) => {
    try {
      fn();
    } catch (e) {
      log(`station host: unexpected error in ${what}: ${e instanceof Error ? e.stack : String(e)}`);
      try {
        fail();
      } catch {
        // the connection is gone already
      }
    }
  };

  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse) =>
    guard(
      'an HTTP request',
      () => {
        if (!allowed.hostAllowed(req.headers.host)) return plain(res, 421, misdirectedText(req.headers.host));
        serveStatic(rendererDir, req, res);
      },
      () => (res.headersSent ? res.destroy() : plain(res, 500)),
    );
  const server = tls ? https.createServer({ cert: tls.cert, key: tls.key }, onRequest) : http.createServer(onRequest);
  // A request the HTTP parser cannot read (bad header, absurd line): 400, and the host goes on.
  server.on('clientError', (_err, socket: Duplex) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxMessageBytes });
  const clients = new Map<WebSocket, ReturnType<Core['newCaller']>>();
  const outbox = new EventOutbox(core);

  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) =>
    guard(
      'a WebSocket upgrade',
      () => {
        socket.on('error', () => socket.destroy());
        const origin = req.headers.origin;
        if (!allowed.hostAllowed(req.headers.host)) {
          log(`refused WebSocket to host ${req.headers.host ?? '-'}`);
          return refuseUpgrade(socket, 421, 'Misdirected Request', misdirectedText(req.headers.host));
        }
        // A browser always sends Origin on a WebSocket; without one it is not a browser (login still required).
        if (origin !== undefined && !allowed.originAllowed(origin)) {
          log(`refused WebSocket from origin ${origin}`);
          return refuseUpgrade(socket, 403, 'Forbidden', misdirectedText(safeHost(origin)));
        }
        if (requestPath(req.url) !== stationSocketPath) return refuseUpgrade(socket, 404, 'Not Found');
        wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
      },
      () => socket.destroy(),
    ),
  );

  wss.on('connection', (ws: WebSocket, req: http.IncomingMessage) => {
    const address = req.socket.remoteAddress ?? 'unknown';
    const caller = core.newCaller(
      `ws:${randomUUID()}`,
      { address, local: isLoopbackAddress(address) },
      namedStation(req.url) ?? undefined,
    );
    clients.set(ws, caller);
    serveConnection(ws, caller, core, limits, log);
    // The core's registry of live callers forgets it too (auth/live.ts).
    const gone = () => {
      clients.delete(ws);
      core.release(caller);
    };
    ws.on('close', gone);
    // Protocol errors (invalid UTF-8, an oversized frame) close the socket with their code; nothing more to do.
    ws.on('error', gone);
  });

  const unsubscribe = core.subscribe((event) => {
    // One serialisation for every window that gets the event unchanged.
    let text: string | null = null;
    for (const [ws, caller] of clients) {
      outbox.deliver(ws, caller, event, (shown) => {
        sendBounded(
          ws,
          shown === event
            ? (text ??= JSON.stringify({ event } satisfies ServerMessage))
            : JSON.stringify({ event: shown }),
          limits,
          log,
        );
      });
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 5310, host, () => resolve());
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const url = `${tls ? 'https' : 'http'}://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}/`;

  const warnings: string[] = [];
  core.setupGate.networkExposed = onNetwork;
  if (onNetwork && !tls)
    warnings.push(
      `WARNING: serving on ${host} WITHOUT TLS (--insecure-http): passwords, PINs and session tokens cross the ` +
        'network in clear text, readable by any machine on it. Use --tls-cert/--tls-key, or drop --insecure-http ' +
        'for a self-signed certificate.',
    );
  const status = await core.dispatch(core.newCaller('station-host'), 'setup.status', {});
  const state = status.ok ? (status.value as { initialized: boolean; demo: boolean }) : null;
  if (onNetwork && state?.demo)
    warnings.push(
      `WARNING: this data folder holds the DEMO warehouse, and its logins and passwords are shown to anyone who ` +
        `opens the console. It is served on ${host}: do not use it on a production network. ` +
        '警告：演示数据（登录密码公开），不要在生产网络上使用。',
    );
  const setupCode = state && !state.initialized ? core.setupGate.issueCode() : null;

  return {
    url,
    port,
    tls: tls && { fingerprint: tls.fingerprint, source: tls.source, certFile: tls.certFile },
    setupCode,
    warnings,
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

function safeHost(origin: string): string {
  try {
    return new URL(origin).host;
  } catch {
    return origin.slice(0, 100);
  }
}

/** The station a browser named itself with its socket's `?station=` (else null: the host's station). */
export function namedStation(rawUrl: string | undefined): string | null {
  try {
    return normalStationName(new URL(rawUrl ?? '/', 'http://station').searchParams.get(stationNameParam));
  } catch {
    return null;
  }
}
