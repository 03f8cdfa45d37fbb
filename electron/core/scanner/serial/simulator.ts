// The scanner simulator (issue 4, "Tools for people"): writes barcodes to a
// serial port — in demos and tests the host end of a socat pty pair, whose
// other end the bridge reads as if a scanner were plugged in. Frames are
// scheduled against one clock so a long run does not drift, and `rate: 'wire'`
// sends them back to back as fast as the baud rate allows (a burst).
import { performance } from 'node:perf_hooks';
import { SerialPort } from 'serialport';
import type { ScannerParity, ScannerTerminator } from '../../../../shared/contract/scanning';
import { parseScanText } from './scanText';
import { wireTimeMs } from './wire';

export type SimulatedScan = {
  /** Wait this long after the previous scan (from a script's "<ms>\t<code>" line); null: use the rate. */
  delayMs: number | null;
  /** The scan as text: "<GS>" and "\x1D" stand for control bytes (see scanText). */
  code: string;
};

/** One scan a line; "<delay ms>\t<code>" times it; blank lines and lines starting with # are skipped. */
export function parseScanScript(text: string): SimulatedScan[] {
  const scans: SimulatedScan[] = [];
  for (const raw of text.split(/\r?\n/)) {
    if (raw.trim() === '' || raw.startsWith('#')) continue;
    const timed = /^(\d+)\t(.*)$/.exec(raw);
    scans.push(timed ? { delayMs: Number(timed[1]), code: timed[2]! } : { delayMs: null, code: raw });
  }
  return scans;
}

export function terminatorBytes(terminator: ScannerTerminator): Buffer {
  switch (terminator) {
    case 'CR':
      return Buffer.from([0x0d]);
    case 'LF':
      return Buffer.from([0x0a]);
    case 'CRLF':
      return Buffer.from([0x0d, 0x0a]);
    case 'TAB':
      return Buffer.from([0x09]);
    case 'idle':
      return Buffer.alloc(0);
  }
}

export type SimulateOptions = {
  path: string;
  baudRate: number;
  dataBits?: 7 | 8;
  parity?: ScannerParity;
  stopBits?: 1 | 2;
  scans: SimulatedScan[];
  /** Scans a second, or 'wire': back to back at the baud rate. Script delays win over both. */
  rate: number | 'wire';
  terminator: ScannerTerminator;
  prefix?: string;
  suffix?: string;
  signal?: AbortSignal;
  /** After scan `index` was handed to the port; `at` is performance.now(). */
  onSent?(index: number, at: number): void;
};

/** Sends the scans; resolves with how many went out (fewer when aborted). */
export async function simulateScans(o: SimulateOptions): Promise<{ sent: number }> {
  const dataBits = o.dataBits ?? 8;
  const parity = o.parity ?? 'none';
  const stopBits = o.stopBits ?? 1;
  const end = terminatorBytes(o.terminator);
  const frames = o.scans.map((s) =>
    Buffer.concat([parseScanText(o.prefix ?? ''), parseScanText(s.code), parseScanText(o.suffix ?? ''), end]),
  );
  const port = new SerialPort({ path: o.path, baudRate: o.baudRate, dataBits, parity, stopBits, autoOpen: false });
  let failure: Error | null = null;
  port.on('error', (e) => (failure ??= e));
  await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
  // When each frame starts, in ms after the first: a script's delay, else the rate, never faster than the wire.
  const wire = (f: Buffer) => wireTimeMs(f.length, o.baudRate, dataBits, parity, stopBits);
  const starts: number[] = [];
  for (const [i, scan] of o.scans.entries()) {
    const before = i === 0 ? null : starts[i - 1]!;
    if (before === null) starts.push(scan.delayMs ?? 0);
    else if (scan.delayMs !== null) starts.push(before + scan.delayMs);
    else {
      const afterWire = before + wire(frames[i - 1]!);
      const byRate = o.rate === 'wire' || !(o.rate > 0) ? 0 : before + 1000 / o.rate;
      starts.push(Math.max(afterWire, byRate));
    }
  }
  let sent = 0;
  try {
    const t0 = performance.now();
    let i = 0;
    while (i < frames.length && !o.signal?.aborted && !failure) {
      const wait = t0 + starts[i]! - performance.now();
      if (wait > 0.5) await sleep(wait, o.signal);
      if (o.signal?.aborted) break;
      // Everything due by now goes in one write, as a UART's back-to-back output would arrive.
      const now = performance.now();
      let last = i;
      while (last + 1 < frames.length && t0 + starts[last + 1]! <= now) last++;
      await write(port, last === i ? frames[i]! : Buffer.concat(frames.slice(i, last + 1)));
      const at = performance.now();
      for (let k = i; k <= last; k++) o.onSent?.(k, at);
      sent = last + 1;
      i = last + 1;
    }
    if (failure) throw failure;
    await new Promise<void>((resolve) => port.drain(() => resolve()));
  } finally {
    await new Promise<void>((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve()));
  }
  return { sent };
}

function write(port: SerialPort, data: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    port.write(data, (e) => (e ? reject(e) : resolve()));
  });
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
