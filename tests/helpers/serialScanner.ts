// A real serial scanner for tests and benches, one way everywhere: a socat
// pty pair as the cable (tests/helpers/socat.ts), the scanner saved at a
// station through the contract (scanner.save, as an administrator would on the
// scanner screen), the core's own bridge opening the device end, and scans
// written on the host end as the gun sends them: the code and its terminator.
// Works against a core in the test's process (`askCore`) and against a station
// host over its WebSocket (any `(name, input) => reply` that throws on a refusal).
import fs from 'node:fs';
import path from 'node:path';
import type { ScannerConfig, ScannerStatus } from '../../shared/contract/scanning';
import type { Caller } from '../../electron/core/context';
import type { Core } from '../../electron/core/core';
import { newScanner } from './scannerConfig';
import { createPtyPair, type PtyPair } from './socat';

/** Asks the core for `name` as some user; the reply, or throws on a refusal. */
export type Ask = (name: string, input: unknown) => Promise<unknown>;

/** `core.dispatch` as `caller`, throwing on a refusal. */
export function askCore(core: Core, caller: Caller): Ask {
  return async (name, input) => {
    const r = await core.dispatch(caller, name, input);
    if (!r.ok) throw new Error(`${name} refused: ${JSON.stringify(r.error)}`);
    return r.value;
  };
}

/** Polls until `probe` holds; fails naming what it waited for. */
export async function until(what: string, probe: () => Promise<boolean> | boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * The host end of the cable: what the gun sends, code and terminator, in
 * order. Each write opens the end anew, so a cable unplugged and plugged back
 * (new /dev/pts behind the same name) needs nothing more.
 */
export class SerialCable {
  constructor(
    readonly hostPath: string,
    readonly terminator = '\r',
  ) {}

  /** One scan, written now (synchronously: a paced bench knows when it left). */
  scan(code: string): void {
    fs.writeFileSync(this.hostPath, Buffer.from(code + this.terminator, 'latin1'));
  }

  /**
   * Many scans, written in bursts as a keeper's trigger finger and the serial
   * line deliver them; the bridge frames them by the terminator, in order.
   */
  async scanAll(codes: string[], burst = 25): Promise<void> {
    for (let i = 0; i < codes.length; i += burst) {
      const chunk = codes.slice(i, i + burst).map((c) => c + this.terminator);
      fs.writeFileSync(this.hostPath, Buffer.from(chunk.join(''), 'latin1'));
      // A breath between bursts, so the station's screen keeps up with the line.
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

export type SerialScanner = {
  config: ScannerConfig;
  pair: PtyPair;
  cable: SerialCable;
  /** Until the core reports the scanner `state` (connected once plugged, disconnected after an unplug). */
  waitFor(state: ScannerStatus['state'], timeoutMs?: number): Promise<void>;
  /** Pulls the cable out (socat exits) and waits until the core says disconnected. */
  unplug(): Promise<void>;
  /** Plugs it back (the same device name) and waits until the core has reopened it. */
  plug(): Promise<void>;
  /** Writes `codes` on the line and waits until the station's scan log holds `total` scans. */
  scanAndWait(codes: string[], total: number): Promise<void>;
  /** Stops socat and removes the cable's folder. The scanner stays saved in the data. */
  close(): Promise<void>;
};

/**
 * Saves a serial scanner at `station` on a new socat cable in `dir` and waits
 * until the core's bridge has it open. `ask` must be an administrator's
 * (scanner.save); the scan log it reads afterwards is the station's.
 */
export async function plugSerialScanner(
  ask: Ask,
  opts: { dir: string; station: string; name?: string } & Partial<Pick<ScannerConfig, 'baudRate' | 'idleMs'>>,
): Promise<SerialScanner> {
  const cableDir = path.join(opts.dir, 'pty');
  const pair = await createPtyPair(cableDir);
  const config = (await ask(
    'scanner.save',
    newScanner({
      name: opts.name ?? 'Dock gun',
      station: opts.station,
      port: pair.device,
      ...(opts.baudRate !== undefined && { baudRate: opts.baudRate }),
      ...(opts.idleMs !== undefined && { idleMs: opts.idleMs }),
    }),
  )) as ScannerConfig;
  const cable = new SerialCable(pair.host);
  const waitFor = (state: ScannerStatus['state'], timeoutMs?: number) =>
    until(
      `scanner ${config.name} ${state}`,
      async () =>
        ((await ask('scanner.list', {})) as { status: ScannerStatus[] }).status.some(
          (s) => s.scannerId === config.id && s.state === state,
        ),
      timeoutMs,
    );
  const scanTotal = async () => ((await ask('scans.list', { offset: 0, limit: 1 })) as { total: number }).total;
  await waitFor('connected');
  return {
    config,
    pair,
    cable,
    waitFor,
    async unplug() {
      await pair.stop();
      await waitFor('disconnected');
    },
    async plug() {
      await pair.restart();
      await waitFor('connected');
    },
    async scanAndWait(codes, total) {
      await cable.scanAll(codes);
      await until(`${total} scans in the log`, async () => (await scanTotal()) >= total);
    },
    async close() {
      await pair.stop();
      fs.rmSync(cableDir, { recursive: true, force: true });
    },
  };
}
