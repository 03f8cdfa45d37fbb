// The one object the Electron preload exposes as `window.cangwu`. The renderer's
// API client uses it when present and the station host's WebSocket otherwise.
import type { EventMessage } from './events';
import type { Result } from './result';

export type CangwuBridge = {
  request(name: string, input: unknown): Promise<Result<unknown>>;
  onEvent(listener: (msg: EventMessage) => void): () => void;
  /**
   * The desktop only: the page as it would print (A4, the print styles) saved
   * as a PDF where the user chooses, then opened. Browsers print through
   * their own dialog, which saves PDFs too.
   */
  savePdf?(fileName: string): Promise<SavePdfResult>;
};

export type SavePdfResult = { saved: true; file: string } | { saved: false; reason: 'cancelled' | 'failed' };

/** The WebSocket path of the station host. */
export const stationSocketPath = '/ws';
