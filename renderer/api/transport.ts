// How requests reach the core. The renderer does not care which (GUIDE: "the
// renderer does not care which"): the Electron preload's `window.cangwu`, or the
// station host's WebSocket. Both carry the same `Result` and the same events.
import type { CangwuBridge } from '../../shared/contract/bridge';
import type { EventMessage } from '../../shared/contract/events';
import type { Result } from '../../shared/contract/result';

export type ConnectionStatus = 'connecting' | 'open' | 'reconnecting';

export type ConnectionState = {
  kind: 'ipc' | 'ws';
  status: ConnectionStatus;
  /** Failed attempts since the connection was last open. */
  attempt: number;
  /** When the next attempt starts (epoch ms), while reconnecting. */
  retryAt: number | null;
};

export type SendOptions = {
  /** A read may be sent again after a reconnect; a write's outcome is unknown and is not. */
  retryable: boolean;
};

export interface Transport {
  readonly kind: 'ipc' | 'ws';
  /**
   * The core's result. Rejects only with ApiError('client.connectionLost'): a
   * write was in flight when the socket dropped, so its outcome is unknown.
   */
  send(name: string, input: unknown, opts: SendOptions): Promise<Result<unknown>>;
  onEvent(listener: (msg: EventMessage) => void): () => void;
  getState(): ConnectionState;
  onState(listener: (state: ConnectionState) => void): () => void;
  /**
   * Runs after a *re*-connection, before any queued request goes out: the
   * station host gives every socket a fresh caller, so the session must be
   * resumed first or the queued requests would be refused as anonymous.
   */
  setReconnectHandshake(handshake: ((sendNow: DirectSend) => Promise<void>) | null): void;
  close(): void;
}

/** Sends at once on the open socket, bypassing the queue (used by the handshake only). */
export type DirectSend = (name: string, input: unknown) => Promise<Result<unknown>>;

declare global {
  interface Window {
    /** Present in the Electron window (electron/preload.ts); absent in a browser. */
    cangwu?: CangwuBridge;
  }
}

/** Electron: IPC through the preload. It never disconnects while the window lives. */
export function bridgeTransport(bridge: CangwuBridge): Transport {
  const state: ConnectionState = { kind: 'ipc', status: 'open', attempt: 0, retryAt: null };
  return {
    kind: 'ipc',
    send: (name, input) => bridge.request(name, input),
    onEvent: (listener) => bridge.onEvent(listener),
    getState: () => state,
    onState: () => () => {},
    setReconnectHandshake: () => {},
    close: () => {},
  };
}
