// Scanner bytes for the scanner test screen, pure: the scanner.raw event's hex
// back to bytes, bytes as readable text (the scanner-text notation defined in
// shared/barcode/controlText.ts: <CR>, <GS>, …, \xNN, \\ — that of the scan
// log and of `cangwu scanner listen`), frames cut the way the core's framer
// cuts them, and the wizard's guess at a scanner's terminator and prefix from
// one scan.
import { showText } from '../../../shared/barcode/controlText';
import type { ScannerConfig, ScannerTerminator } from '../../../shared/contract/scanning';

export function hexToBytes(hex: string): number[] {
  return hex
    .split(/\s+/)
    .filter(Boolean)
    .map((h) => parseInt(h, 16))
    .filter((b) => Number.isInteger(b) && b >= 0 && b <= 255);
}

export const byteHex = (b: number) => b.toString(16).toUpperCase().padStart(2, '0');

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Bytes as a string the decoder takes: UTF-8 when valid, else one character per byte (as the core does). */
export function bytesToString(bytes: readonly number[]): string {
  try {
    return utf8.decode(new Uint8Array(bytes));
  } catch {
    return String.fromCharCode(...bytes);
  }
}

/** Bytes as readable text. */
export const showBytes = (bytes: readonly number[]) => showText(bytesToString(bytes));

/** A string as UTF-8 bytes (prefix and suffix are compared as bytes, as in the core's framer). */
const encode = (s: string) => [...new TextEncoder().encode(s)];

export type TimedByte = { b: number; gapMs: number };

export type LocalFrame = { bytes: number[]; text: string; terminated: boolean };

type FrameSettings = Pick<ScannerConfig, 'terminator' | 'idleMs' | 'prefix' | 'suffix'>;

const terminatorBytes: Record<Exclude<ScannerTerminator, 'idle'>, number[]> = {
  CR: [0x0d],
  LF: [0x0a],
  CRLF: [0x0d, 0x0a],
  TAB: [0x09],
};

function endsWith(a: number[], tail: number[]): boolean {
  if (tail.length === 0 || a.length < tail.length) return false;
  return tail.every((b, i) => a[a.length - tail.length + i] === b);
}

function strip(bytes: number[], s: FrameSettings): number[] {
  let out = bytes;
  const p = encode(s.prefix);
  const x = encode(s.suffix);
  if (p.length > 0 && p.every((b, i) => out[i] === b)) out = out.slice(p.length);
  if (x.length > 0 && endsWith(out, x)) out = out.slice(0, out.length - x.length);
  return out;
}

/**
 * Cuts a byte stream into frames with a scanner's settings, the way the core
 * does (electron/core/scanner/serial/framer.ts), to show what those settings
 * would make of the bytes: the last frame may be unfinished (terminated false).
 */
export function cutFrames(stream: readonly TimedByte[], s: FrameSettings): LocalFrame[] {
  const frames: LocalFrame[] = [];
  let cur: number[] = [];
  const push = (terminated: boolean) => {
    const bytes = strip(cur, s);
    frames.push({ bytes, text: bytesToString(bytes), terminated });
    cur = [];
  };
  for (const { b, gapMs } of stream) {
    if (s.terminator === 'idle') {
      if (cur.length > 0 && gapMs >= s.idleMs) push(true);
      cur.push(b);
      continue;
    }
    cur.push(b);
    const term = terminatorBytes[s.terminator];
    if (endsWith(cur, term)) {
      cur = cur.slice(0, cur.length - term.length);
      push(true);
    } else if (s.terminator === 'CR' && cur.length === 1 && b === 0x0a && frames.length > 0) {
      // A CR LF scanner set to CR: the LF after the CR is no frame of its own.
      cur = [];
    }
  }
  if (cur.length > 0) push(s.terminator === 'idle');
  return frames.filter((f) => f.bytes.length > 0 || !f.terminated);
}

export type WizardProposal = {
  terminator: ScannerTerminator;
  idleMs: number | null;
  prefix: string;
  suffix: string;
  /** The AIM symbology identifier found (']E0'), when the scanner sends one. */
  aim: string | null;
  /** The data between prefix and suffix, as text. */
  data: string;
  /** How sure the guess is: 'digits' = a product barcode was found in the bytes. */
  basis: 'aim' | 'digits' | 'none';
};

/** AIM identifier: ']', a symbology letter, a modifier character. */
const aimPattern = /\][A-Za-z][0-9A-Za-z]/;

/**
 * From one test scan (ideally a product's EAN-13), what the scanner sends
 * around the data: the terminator at the end (CR, LF, CR LF, Tab; none =
 * frames end by a pause), anything before the AIM identifier or the digits (a
 * prefix configured in the scanner, STX, a scanner id) and anything after
 * the digits (a suffix).
 */
export function proposeSettings(stream: readonly TimedByte[]): WizardProposal {
  let bytes = stream.map((x) => x.b);
  let terminator: ScannerTerminator = 'idle';
  for (const t of ['CRLF', 'CR', 'LF', 'TAB'] as const) {
    if (endsWith(bytes, terminatorBytes[t])) {
      terminator = t;
      bytes = bytes.slice(0, bytes.length - terminatorBytes[t].length);
      break;
    }
  }
  let idleMs: number | null = null;
  if (terminator === 'idle') {
    // A pause three times the longest gap inside the scan, at least 50 ms (USB reads), at most 2 s.
    const maxGap = Math.max(0, ...stream.slice(1).map((x) => x.gapMs));
    idleMs = Math.min(2000, Math.max(50, Math.ceil(maxGap * 3)));
  }
  const text = bytesToString(bytes);
  const aim = aimPattern.exec(text);
  if (aim) {
    const rest = text.slice(aim.index);
    // After an EAN/UPC identifier the data is digits: anything after them is a suffix.
    const digitsAfter = /^\][A-Za-z][0-9A-Za-z](\d+)(.*)$/s.exec(rest);
    const suffix = aim[0].startsWith(']E') && digitsAfter ? (digitsAfter[2] ?? '') : '';
    return {
      terminator,
      idleMs,
      prefix: text.slice(0, aim.index),
      suffix,
      aim: aim[0],
      data: rest.slice(0, rest.length - suffix.length),
      basis: 'aim',
    };
  }
  // No identifier: the longest run of 8+ digits is the barcode (a GTIN).
  const runs = [...text.matchAll(/\d{8,}/g)].sort((a, b) => b[0].length - a[0].length);
  const run = runs[0];
  if (run?.index !== undefined) {
    return {
      terminator,
      idleMs,
      prefix: text.slice(0, run.index),
      suffix: text.slice(run.index + run[0].length),
      aim: null,
      data: run[0],
      basis: 'digits',
    };
  }
  return { terminator, idleMs, prefix: '', suffix: '', aim: null, data: text, basis: 'none' };
}
