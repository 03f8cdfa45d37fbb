// `cangwu scanner list | listen | simulate` (issue 4, "Tools for people"): see
// which serial ports a station has, watch what a scanner sends (each frame
// decoded, as JSON lines for diagnosing a station remotely), and play the
// scanner — barcodes, or a timed script of them — into a port such as the host
// end of a socat pair, for demos and tests. Data on stdout, status on stderr;
// Ctrl+C stops listen and simulate cleanly.
import fs from 'node:fs';
import path from 'node:path';
import { decodeScan, type DecodeResult } from '../../shared/barcode/decode';
import {
  scannerTerminators,
  type ScannerConfig,
  type ScannerStatus,
  type ScannerTerminator,
  type SerialPortInfo,
} from '../../shared/contract/scanning';
import { ScannerBridge, listSerialPorts, type Frame } from '../core/scanner/serial/bridge';
import { showBytes } from '../core/scanner/serial/scanText';
import { parseScanScript, simulateScans, type SimulatedScan } from '../core/scanner/serial/simulator';
import { say, UsageError } from './usage';

export const scannerUsage = `  cangwu scanner list [--json]                  serial ports (marks those found without udev enumeration)
  cangwu scanner listen --port P [--baud B] [--terminator CR|LF|CRLF|TAB|idle] [--json]
                                                print each frame a scanner sends, decoded (JSON lines with --json)
  cangwu scanner simulate --port P [--file F] [--rate N/s|wire] [--baud B] [--terminator CR] [codes...]
                                                play a scanner: write codes, or a file of them ("<ms>\\t<code>" lines
                                                set the timing), to a port such as the host end of a socat pair;
                                                <GS>, <CR>, \\xNN in a code stand for those bytes
`;

export type ScannerFlags = {
  port?: string;
  baud?: string;
  json?: boolean;
  file?: string;
  rate?: string;
  terminator?: string;
};

/** Where the command writes and what stops it; tests pass their own. */
export type ScannerCommandIo = {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** Aborted by Ctrl+C (SIGINT) or SIGTERM when not given. */
  signal?: AbortSignal;
};

export async function runScannerCommand(
  sub: string,
  args: string[],
  flags: ScannerFlags,
  io: ScannerCommandIo = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  try {
    switch (sub) {
      case 'list':
        return await list(flags, io);
      case 'listen':
        return await withStopSignal(io, (signal) => listen(flags, io, signal));
      case 'simulate':
        return await withStopSignal(io, (signal) => simulate(args, flags, io, signal));
      default:
        io.stderr.write(`usage:\n${scannerUsage}`);
        return 2;
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`${e.message}\n\nusage:\n${scannerUsage}`);
      return 2;
    }
    // A port that cannot be opened, a file that cannot be read: one line a person can act on.
    io.stderr.write(`cangwu: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

async function list(flags: ScannerFlags, io: ScannerCommandIo): Promise<number> {
  const ports = await listSerialPorts();
  if (flags.json) {
    io.stdout.write(`${JSON.stringify(ports, null, 2)}\n`);
    return 0;
  }
  if (ports.length === 0) io.stdout.write('no serial ports found\n');
  for (const p of ports) io.stdout.write(`${describePort(p)}\n`);
  if (ports.some((p) => p.found === 'fallback'))
    io.stdout.write('(fallback: found in /dev, not enumerated by udev, so no USB ids)\n');
  return 0;
}

function describePort(p: SerialPortInfo): string {
  const ids = p.vendorId && p.productId ? `usb ${p.vendorId}:${p.productId}` : '';
  const about = [p.manufacturer, p.serialNumber ? `s/n ${p.serialNumber}` : null, ids].filter(Boolean).join(', ');
  return `${p.path}${about ? `  ${about}` : ''}${p.found === 'fallback' ? '  (fallback)' : ''}`;
}

async function listen(flags: ScannerFlags, io: ScannerCommandIo, signal: AbortSignal): Promise<number> {
  const port = requirePort(flags);
  const config: ScannerConfig = {
    id: 1,
    name: port,
    station: 'cli',
    port,
    usbVendorId: null,
    usbProductId: null,
    baudRate: parseBaud(flags.baud),
    dataBits: 8,
    parity: 'none',
    stopBits: 1,
    terminator: parseTerminator(flags.terminator),
    idleMs: 50,
    prefix: '',
    suffix: '',
    enabled: true,
  };
  const bridge = new ScannerBridge({
    onFrame: (frame) =>
      io.stdout.write(`${flags.json ? JSON.stringify(frameRecord(port, frame)) : frameLine(frame)}\n`),
    onStatus: (s) => io.stderr.write(`${statusLine(s)}\n`),
  });
  bridge.configure([config]);
  io.stderr.write(`listening on ${port} at ${config.baudRate} baud, terminator ${config.terminator}; Ctrl+C stops\n`);
  await new Promise<void>((resolve) =>
    signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve()),
  );
  await bridge.close();
  return 0;
}

/** One frame as a JSON line: what came in and what the decoder makes of it. */
export function frameRecord(
  port: string,
  frame: Frame,
): { at: string; port: string; raw: string; hex: string; fault: Frame['fault']; decoded: DecodeResult | null } {
  return {
    at: new Date().toISOString(),
    port,
    raw: showBytes(frame.bytes),
    hex: frame.bytes.toString('hex'),
    fault: frame.fault,
    decoded: frame.fault ? null : decodeScan(frame.bytes.toString('utf8')),
  };
}

function frameLine(frame: Frame): string {
  const time = new Date().toISOString().slice(11, 23);
  const raw = showBytes(frame.bytes);
  if (frame.fault) return `${time}  ${raw}  ✗ ${frame.fault}`;
  const d = decodeScan(frame.bytes.toString('utf8'));
  return d.ok
    ? `${time}  ${raw}  → ${d.kind} ${d.summary}`
    : `${time}  ${raw}  ✗ ${d.error}${d.detail ? ` (${d.detail})` : ''}`;
}

function statusLine(s: ScannerStatus): string {
  return `scanner ${s.name}: ${s.state}${s.detail ? ` (${s.detail})` : ''}`;
}

async function simulate(
  args: string[],
  flags: ScannerFlags,
  io: ScannerCommandIo,
  signal: AbortSignal,
): Promise<number> {
  const port = requirePort(flags);
  const scans: SimulatedScan[] = [];
  if (flags.file) scans.push(...parseScanScript(fs.readFileSync(path.resolve(flags.file), 'utf8')));
  scans.push(...args.map((code) => ({ delayMs: null, code })));
  if (scans.length === 0) throw new UsageError('simulate needs codes or --file F');
  const rate = parseRate(flags.rate);
  const baudRate = parseBaud(flags.baud);
  const { sent } = await simulateScans({
    path: port,
    baudRate,
    scans,
    rate,
    terminator: parseTerminator(flags.terminator),
    signal,
  });
  const what = `${sent} of ${scans.length} scan${scans.length === 1 ? '' : 's'} to ${port}`;
  if (flags.json) io.stdout.write(`${JSON.stringify({ port, sent, total: scans.length, stopped: signal.aborted })}\n`);
  else io.stderr.write(signal.aborted ? `stopped: sent ${what}\n` : `sent ${what}\n`);
  return 0;
}

/** The caller's signal, or one that Ctrl+C / SIGTERM aborts for the length of the command. */
async function withStopSignal(io: ScannerCommandIo, run: (signal: AbortSignal) => Promise<number>): Promise<number> {
  if (io.signal) return run(io.signal);
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await run(stop.signal);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

function requirePort(flags: ScannerFlags): string {
  if (!flags.port) throw new UsageError('--port is required (see `cangwu scanner list`)');
  return flags.port;
}

export function parseBaud(value: string | undefined): number {
  if (value === undefined) return 9600;
  const baud = Number(value);
  if (!Number.isInteger(baud) || baud < 300 || baud > 921_600)
    throw new UsageError(say(`--baud must be 300–921600, not "${value}"`, '波特率无效'));
  return baud;
}

export function parseTerminator(value: string | undefined): ScannerTerminator {
  if (value === undefined) return 'CR';
  const t = scannerTerminators.find((x) => x.toLowerCase() === value.toLowerCase().replace(/[\s+-]/g, ''));
  if (!t)
    throw new UsageError(
      say(`--terminator must be one of ${scannerTerminators.join(', ')}, not "${value}"`, '结束符无效'),
    );
  return t;
}

/** "20", "20/s" or "wire" (back to back at the baud rate). Default: 5 scans a second, a brisk human. */
export function parseRate(value: string | undefined): number | 'wire' {
  if (value === undefined) return 5;
  if (value === 'wire' || value === 'max') return 'wire';
  const rate = Number(value.replace(/\/s$/, ''));
  if (!(rate > 0) || !Number.isFinite(rate))
    throw new UsageError(say(`--rate must be N/s (N > 0) or wire, not "${value}"`, '速率无效'));
  return rate;
}
