// The one typed client of the contract. Pages call
//   api.request('stock.balances', { includeZero: false })
// and get the reply type of that request, or an ApiError carrying the code and
// details to translate. The transport is chosen once, at start-up: the Electron
// preload's bridge when present, else the station host's WebSocket.
import { stationSocketPath } from '../../shared/contract/bridge';
import { stationNameParam } from '../../shared/station/stationName';
import { chosenStationName } from './stationName';
import type { EventMessage, EventName, Events } from '../../shared/contract/events';
import { requests, type RequestInput, type RequestName, type RequestReply } from '../../shared/contract/requests';
import type { SessionView } from '../../shared/contract/types';
import { ApiError } from './errors';
import { bridgeTransport, type ConnectionState, type Transport } from './transport';
import { webSocketTransport } from './wsTransport';

export { ApiError, isApiError, toApiError } from './errors';
export type { ConnectionState } from './transport';

/** sessionStorage: survives a reload of this tab, not a closed browser or a second tab. */
const tokenKey = 'cangwu.sessionToken';

/** Codes that mean "you are no longer logged in": the shell goes back to the login screen. */
const sessionLostCodes = new Set(['auth.required', 'auth.sessionExpired']);

export type ApiClient = {
  request<N extends RequestName>(name: N, input: RequestInput<N>): Promise<RequestReply<N>>;
  /** Every event from the core; returns the unsubscribe function. */
  onEvent(listener: (msg: EventMessage) => void): () => void;
  /** One event by name, payload typed. */
  on<N extends EventName>(name: N, listener: (payload: Events[N]) => void): () => void;
  /** After a reconnect events may have been missed: pages reload what they show. */
  onReconnected(listener: () => void): () => void;
  /** The session is gone (expired, or refused on resume): show the login screen. */
  onSessionLost(listener: () => void): () => void;
  connection: {
    get(): ConnectionState;
    subscribe(listener: () => void): () => void;
  };
  /** Whether the host has lost its database server (database.link): every window shows it. */
  database: {
    down(): boolean;
    subscribe(listener: () => void): () => void;
  };
  session: {
    token(): string | null;
    /** Keeps the token for reload and reconnect (null after logout). */
    remember(session: SessionView | null): void;
    /** auth.resume with the stored token; null when there is none or it is no longer valid. */
    resume(): Promise<SessionView | null>;
  };
};

function readToken(): string | null {
  try {
    return sessionStorage.getItem(tokenKey);
  } catch {
    return null; // storage disabled: the user logs in again after a reload
  }
}

function writeToken(token: string | null): void {
  try {
    if (token) sessionStorage.setItem(tokenKey, token);
    else sessionStorage.removeItem(tokenKey);
  } catch {
    // as above
  }
}

export function createApiClient(transport: Transport): ApiClient {
  const sessionLost = new Set<() => void>();
  const reconnected = new Set<() => void>();
  const notifySessionLost = () => {
    writeToken(null);
    for (const l of sessionLost) l();
  };

  // The host's database server (PostgreSQL): lost, then back. Back, pages read again
  // what they show, as after a reconnect of this window's own connection.
  let databaseDown = false;
  const databaseListeners = new Set<() => void>();
  transport.onEvent((msg) => {
    if (msg.name !== 'database.link') return;
    const down = msg.payload.state === 'down';
    if (down === databaseDown) return;
    databaseDown = down;
    for (const l of databaseListeners) l();
    if (!down) for (const l of reconnected) l();
  });

  transport.setReconnectHandshake(async (sendNow) => {
    const token = readToken();
    if (token) {
      const r = await sendNow('auth.resume', { token });
      if (!r.ok) notifySessionLost();
    }
    for (const l of reconnected) l();
  });

  async function request<N extends RequestName>(name: N, input: RequestInput<N>): Promise<RequestReply<N>> {
    const spec = requests[name];
    const result = await transport.send(name, input, { retryable: !spec.write });
    if (result.ok) return result.value as RequestReply<N>;
    const { code, details } = result.error;
    if (sessionLostCodes.has(code) && spec.access !== 'public') notifySessionLost();
    throw new ApiError(code, details ?? {});
  }

  return {
    request,
    onEvent: (listener) => transport.onEvent(listener),
    on(name, listener) {
      return transport.onEvent((msg) => {
        if (msg.name === name) listener(msg.payload as Events[typeof name]);
      });
    },
    onReconnected(listener) {
      reconnected.add(listener);
      return () => reconnected.delete(listener);
    },
    onSessionLost(listener) {
      sessionLost.add(listener);
      return () => sessionLost.delete(listener);
    },
    connection: {
      get: () => transport.getState(),
      subscribe: (listener) => transport.onState(listener),
    },
    database: {
      down: () => databaseDown,
      subscribe(listener) {
        databaseListeners.add(listener);
        return () => databaseListeners.delete(listener);
      },
    },
    session: {
      token: readToken,
      remember: (session) => writeToken(session?.token ?? null),
      async resume() {
        const token = readToken();
        if (!token) return null;
        try {
          const session = await request('auth.resume', { token });
          writeToken(session.token);
          return session;
        } catch {
          writeToken(null);
          return null;
        }
      },
    },
  };
}

/** The station socket, carrying the station name this browser chose (app/StationName.tsx), if any. */
function stationSocketUrl(): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const name = chosenStationName();
  const query = name === null ? '' : `?${stationNameParam}=${encodeURIComponent(name)}`;
  return `${scheme}://${location.host}${stationSocketPath}${query}`;
}

let instance: ApiClient | null = null;

/** The client of this window, created on first use. */
export function getApi(): ApiClient {
  if (!instance) {
    const transport = window.cangwu ? bridgeTransport(window.cangwu) : webSocketTransport(stationSocketUrl());
    instance = createApiClient(transport);
  }
  return instance;
}

/** `api.request(...)`, `api.onEvent(...)`: the same client, without calling getApi() first. */
export const api: ApiClient = {
  request: (name, input) => getApi().request(name, input),
  onEvent: (l) => getApi().onEvent(l),
  on: (name, l) => getApi().on(name, l),
  onReconnected: (l) => getApi().onReconnected(l),
  onSessionLost: (l) => getApi().onSessionLost(l),
  connection: {
    get: () => getApi().connection.get(),
    subscribe: (l) => getApi().connection.subscribe(l),
  },
  database: {
    down: () => getApi().database.down(),
    subscribe: (l) => getApi().database.subscribe(l),
  },
  session: {
    token: () => getApi().session.token(),
    remember: (s) => getApi().session.remember(s),
    resume: () => getApi().session.resume(),
  },
};
