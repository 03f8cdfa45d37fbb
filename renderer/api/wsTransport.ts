// The station host's WebSocket (shared/contract/protocol.ts): `{id, name, input}`
// out, `{id, result}` or `{event}` back. Reconnects with capped, jittered
// backoff; requests made while the socket is down wait in a queue, and after a
// reconnect the handshake (auth.resume) goes first.
import type { EventMessage } from '../../shared/contract/events';
import type { ServerMessage, WireRequest } from '../../shared/contract/protocol';
import type { Result } from '../../shared/contract/result';
import { ApiError } from './errors';
import type { ConnectionState, DirectSend, SendOptions, Transport } from './transport';

type Pending = {
  request: WireRequest;
  retryable: boolean;
  resolve: (r: Result<unknown>) => void;
  reject: (e: ApiError) => void;
};

const backoffMs = [500, 1000, 2000, 4000, 8000];
const maxBackoffMs = 10_000;

function delayFor(attempt: number): number {
  const base = backoffMs[attempt] ?? maxBackoffMs;
  // ±20% jitter so a room of stations does not reconnect in lockstep after a restart.
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

const lost = () => new ApiError('client.connectionLost');

export function webSocketTransport(url: string): Transport {
  let socket: WebSocket | null = null;
  let nextId = 1;
  /** Sent, waiting for the reply. */
  const inFlight = new Map<number, Pending>();
  /** Not yet sent: the socket is down or the handshake is running. */
  let queue: Pending[] = [];
  let ready = false;
  let everOpened = false;
  let closed = false;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let handshake: ((sendNow: DirectSend) => Promise<void>) | null = null;
  let state: ConnectionState = { kind: 'ws', status: 'connecting', attempt: 0, retryAt: null };
  const stateListeners = new Set<(s: ConnectionState) => void>();
  const eventListeners = new Set<(m: EventMessage) => void>();

  const setState = (patch: Partial<ConnectionState>) => {
    state = { ...state, ...patch };
    for (const l of stateListeners) l(state);
  };

  const transmit = (p: Pending) => {
    inFlight.set(p.request.id, p);
    socket?.send(JSON.stringify(p.request));
  };

  const flush = () => {
    const waiting = queue;
    queue = [];
    for (const p of waiting) transmit(p);
  };

  const sendNow: DirectSend = (name, input) =>
    new Promise((resolve, reject) => {
      if (!socket || socket.readyState !== WebSocket.OPEN) {
        reject(lost());
        return;
      }
      transmit({ request: { id: nextId++, name, input }, retryable: false, resolve, reject });
    });

  const onMessage = (ev: MessageEvent) => {
    let msg: ServerMessage;
    try {
      msg = JSON.parse(String(ev.data)) as ServerMessage;
    } catch {
      return;
    }
    if ('event' in msg) {
      for (const l of eventListeners) l(msg.event);
      return;
    }
    const p = inFlight.get(msg.id);
    if (!p) return;
    inFlight.delete(msg.id);
    p.resolve(msg.result);
  };

  const scheduleReconnect = () => {
    if (closed) return;
    const wait = delayFor(state.attempt);
    setState({ status: everOpened ? 'reconnecting' : 'connecting', retryAt: Date.now() + wait });
    retryTimer = setTimeout(() => {
      retryTimer = null;
      connect();
    }, wait);
  };

  const onClose = () => {
    socket = null;
    ready = false;
    // What was sent has no answer coming: reads go back in the queue (sent again
    // after the reconnect); a write's fate is unknown, so the caller is told.
    for (const p of inFlight.values()) {
      if (p.retryable) queue.push(p);
      else p.reject(lost());
    }
    inFlight.clear();
    queue.sort((a, b) => a.request.id - b.request.id);
    setState({ attempt: state.attempt + 1 });
    scheduleReconnect();
  };

  function connect() {
    if (closed) return;
    const ws = new WebSocket(url);
    socket = ws;
    ws.onmessage = onMessage;
    ws.onclose = onClose;
    // An error is always followed by close; the close handler does the work.
    ws.onerror = () => {};
    ws.onopen = async () => {
      const reconnected = everOpened;
      everOpened = true;
      setState({ status: 'open', attempt: 0, retryAt: null });
      if (reconnected && handshake) {
        try {
          await handshake(sendNow);
        } catch {
          // The handshake reports its own failures (the session layer logs out).
        }
      }
      if (socket !== ws) return; // closed again during the handshake
      ready = true;
      flush();
    };
  }

  // Come back at once when the machine's network does, instead of waiting out the backoff.
  const onOnline = () => {
    if (retryTimer !== null) {
      clearTimeout(retryTimer);
      retryTimer = null;
      connect();
    }
  };
  window.addEventListener('online', onOnline);

  connect();

  return {
    kind: 'ws',
    send(name: string, input: unknown, opts: SendOptions) {
      return new Promise((resolve, reject) => {
        const p: Pending = { request: { id: nextId++, name, input }, retryable: opts.retryable, resolve, reject };
        if (ready && socket?.readyState === WebSocket.OPEN) transmit(p);
        else queue.push(p);
      });
    },
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    getState: () => state,
    onState(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    setReconnectHandshake(h) {
      handshake = h;
    },
    close() {
      closed = true;
      window.removeEventListener('online', onOnline);
      if (retryTimer !== null) clearTimeout(retryTimer);
      socket?.close();
    },
  };
}
