// One station's WebSocket: its messages parsed defensively (whatever arrives,
// the answer is a reply or a close code, never an exception), its requests
// rate-limited and capped in flight, and a client that stops reading its
// socket disconnected instead of its replies piling up in memory.
import type { WebSocket } from 'ws';
import type { Result, ServerMessage } from '../../shared/contract';
import type { Caller } from '../core/context';
import type { Core } from '../core/core';
import { TokenBucket, type ConnectionLimits } from './limits';

type Parsed = { ok: true; id: number; name: string; input: unknown } | { ok: false; id: number; reason: string };

const refusal = (code: 'contract.invalidInput' | 'contract.rateLimited', details: Record<string, unknown>) =>
  ({ ok: false, error: { code, details } }) as Result<unknown>;

/** A wire request is `{ id, name, input }`: anything else is refused with the reason (and its id when it has one). */
export function parseWireRequest(data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean): Parsed {
  if (isBinary) return { ok: false, id: -1, reason: 'binary' };
  const text = Buffer.isBuffer(data)
    ? data.toString('utf8')
    : Array.isArray(data)
      ? Buffer.concat(data).toString('utf8')
      : Buffer.from(data).toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, id: -1, reason: 'notJson' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, id: -1, reason: 'notObject' };
  const { id, name, input } = value as Record<string, unknown>;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0) return { ok: false, id: -1, reason: 'badId' };
  if (typeof name !== 'string' || name.length === 0 || name.length > 100) return { ok: false, id, reason: 'badName' };
  return { ok: true, id, name, input: input ?? {} };
}

/** Sends unless the client has stopped reading; then it is cut off (true: sent). */
export function sendBounded(
  ws: WebSocket,
  text: string,
  limits: ConnectionLimits,
  log: (line: string) => void,
): boolean {
  if (ws.readyState !== ws.OPEN) return false;
  if (ws.bufferedAmount > limits.maxBufferedBytes) {
    log(`station client ${describe(ws)} is not reading its replies (${ws.bufferedAmount} bytes queued): disconnected`);
    ws.terminate();
    return false;
  }
  ws.send(text);
  return true;
}

const describe = (ws: WebSocket) =>
  (ws as unknown as { _socket?: { remoteAddress?: string } })._socket?.remoteAddress ?? 'unknown';

export function serveConnection(
  ws: WebSocket,
  caller: Caller,
  core: Core,
  limits: ConnectionLimits,
  log: (line: string) => void,
): void {
  const bucket = new TokenBucket(limits.burst, limits.perSecond);
  let inFlight = 0;
  const send = (msg: ServerMessage) => sendBounded(ws, JSON.stringify(msg), limits, log);

  ws.on('message', (data, isBinary) => {
    try {
      const req = parseWireRequest(data, isBinary);
      if (!req.ok) {
        // Not our protocol: answer once and keep the connection and the process alive.
        send({ id: req.id, result: refusal('contract.invalidInput', { reason: req.reason }) });
        return;
      }
      const wait = bucket.take();
      if (wait !== null) {
        send({ id: req.id, result: refusal('contract.rateLimited', { retryAfterSeconds: wait }) });
        return;
      }
      if (inFlight >= limits.maxInFlight) {
        send({ id: req.id, result: refusal('contract.rateLimited', { retryAfterSeconds: 1, inFlight }) });
        return;
      }
      inFlight++;
      core
        .dispatch(caller, req.name, req.input)
        .then(
          (result) => send({ id: req.id, result }),
          (e: unknown) => {
            // The dispatcher answers every error itself; reaching here is a bug: log it, answer, go on.
            log(`station host: request ${req.name} failed unexpectedly: ${e instanceof Error ? e.stack : String(e)}`);
            send({ id: req.id, result: { ok: false, error: { code: 'contract.internal' } } });
          },
        )
        .finally(() => inFlight--);
    } catch (e) {
      log(`station host: unexpected error on a message: ${e instanceof Error ? e.stack : String(e)}`);
    }
  });
}
