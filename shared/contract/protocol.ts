// Wire messages of the station host's WebSocket. Electron IPC carries the same
// request/result pair on channel `cangwu:request` and events on `cangwu:event`.
import type { Result } from './result';
import type { EventMessage } from './events';

export const ipcChannels = { request: 'cangwu:request', event: 'cangwu:event', savePdf: 'cangwu:save-pdf' } as const;

export type WireRequest = { id: number; name: string; input: unknown };
export type WireReply = { id: number; result: Result<unknown> };
export type WireEvent = { event: EventMessage };
export type ServerMessage = WireReply | WireEvent;
