// A bridge wired to plain arrays, one pty pair per test, and a way to wait for
// what a user would see (the frames, the status) without fixed sleeps.
import fs from 'node:fs';
import { SerialPort } from 'serialport';
import type { ScannerRaw, ScannerStatus } from '../../../shared/contract/scanning';
import { ScannerBridge, type BridgeOptions, type Frame } from '../../../electron/core/scanner/serial/bridge';
import { createPtyPair, type PtyPair } from '../../helpers/socat';
import { tempDir } from '../../helpers/tempDirs';

export { scannerConfig } from '../../helpers/scannerConfig';

export type Rig = {
  dir: string;
  bridge: ScannerBridge;
  frames: Frame[];
  statuses: ScannerStatus[];
  raws: ScannerRaw[];
  logs: { message: string; detail?: unknown }[];
  /** Frames as text, faults as "<fault>:<text>". */
  texts(scannerId?: number): string[];
  waitFor<T>(what: string, probe: () => T | undefined | null | false, timeoutMs?: number): Promise<T>;
  waitForState(scannerId: number, state: ScannerStatus['state'], timeoutMs?: number): Promise<ScannerStatus>;
  close(): Promise<void>;
};

export { tempDir } from '../../helpers/tempDirs';

export function makeRig(options: Partial<BridgeOptions> = {}): Rig {
  const dir = tempDir('scanner');
  const frames: Frame[] = [];
  const statuses: ScannerStatus[] = [];
  const raws: ScannerRaw[] = [];
  const logs: { message: string; detail?: unknown }[] = [];
  const bridge = new ScannerBridge({
    onFrame: (f) => frames.push(f),
    onStatus: (s) => statuses.push(s),
    onRaw: (r) => raws.push(r),
    log: (message, detail) => logs.push({ message, detail }),
    ...options,
  });
  const waitFor = async <T>(what: string, probe: () => T | undefined | null | false, timeoutMs = 5000): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = probe();
      if (v !== undefined && v !== null && v !== false) return v;
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  return {
    dir,
    bridge,
    frames,
    statuses,
    raws,
    logs,
    texts: (scannerId) =>
      frames
        .filter((f) => scannerId === undefined || f.scannerId === scannerId)
        .map((f) => (f.fault ? `${f.fault}:${f.bytes.toString('latin1')}` : f.bytes.toString('utf8'))),
    waitFor,
    waitForState: (scannerId, state, timeoutMs) =>
      waitFor(
        `scanner ${scannerId} ${state}`,
        () => bridge.statuses().find((s) => s.scannerId === scannerId && s.state === state),
        timeoutMs,
      ),
    close: async () => {
      await bridge.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The simulator's side of the cable: an open port on the host end. */
export async function openHost(
  pair: PtyPair,
): Promise<{ write(data: string | Buffer): Promise<void>; close(): Promise<void> }> {
  const port = new SerialPort({ path: pair.host, baudRate: 115200, autoOpen: false });
  port.on('error', () => {}); // an unplug test pulls the cable out from under it
  await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
  return {
    write: (data) =>
      new Promise<void>((resolve, reject) =>
        port.write(typeof data === 'string' ? Buffer.from(data, 'latin1') : data, (e) => (e ? reject(e) : resolve())),
      ),
    close: () => new Promise<void>((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve())),
  };
}

export { createPtyPair };
