// The one object the Electron preload exposes as `window.cangwu`. The renderer's
// API client uses it when present and the station host's WebSocket otherwise.
import type { EventMessage } from './events';
import type { Result } from './result';

export type CangwuBridge = {
  request(name: string, input: unknown): Promise<Result<unknown>>;
  onEvent(listener: (msg: EventMessage) => void): () => void;
};

/** The WebSocket path of the station host. */
export const stationSocketPath = '/ws';
