// Bytes in, frames out: one scanner's byte stream cut into scans (issue 4,
// "Faults"). Pure apart from the idle timer, which is injected so unit tests
// run on a fake clock. Reads arrive in arbitrary pieces — a frame split across
// reads, two frames in one read, a CR in one read and its LF in the next — so
// all state lives here between pushes, never in the caller.
import type { ScannerTerminator } from '../../../../shared/contract/scanning';

export type FrameFault = 'frame.binary' | 'frame.tooLong' | 'frame.partialAtClose';

export type FramedBytes = {
  /** Without terminator, prefix and suffix. For a fault: the bytes as far as they went. */
  bytes: Buffer;
  /** The clock reading passed with the read that completed the frame. */
  lastByteAt: number;
  fault: FrameFault | null;
};

export type FramerTimers = {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
};

export type FramerOptions = {
  terminator: ScannerTerminator;
  /** For terminator 'idle': the frame ends after this many ms without a byte. */
  idleMs: number;
  prefix: string;
  suffix: string;
  maxFrameBytes: number;
  timers?: FramerTimers;
};

const CR = 0x0d;
const LF = 0x0a;
const TAB = 0x09;

const realTimers: FramerTimers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class Framer {
  private readonly buffer: Buffer;
  private length = 0;
  /** After an over-long frame: drop bytes until the next terminator, so its tail is not taken for a scan. */
  private discarding = false;
  /** The last byte ended a frame with CR: an LF right after it belongs to that terminator (CR mode, CR LF scanner). */
  private afterCr = false;
  private lastAt = 0;
  private idleTimer: unknown = null;
  private readonly prefix: Buffer;
  private readonly suffix: Buffer;
  private readonly timers: FramerTimers;

  constructor(
    private readonly options: FramerOptions,
    private readonly emit: (frame: FramedBytes) => void,
  ) {
    if (!(options.maxFrameBytes >= 1)) throw new RangeError('maxFrameBytes must be at least 1');
    // One byte more than the limit: in LF and CR LF modes the CR of the terminator is held until its LF arrives.
    this.buffer = Buffer.alloc(options.maxFrameBytes + 1);
    this.prefix = Buffer.from(options.prefix, 'utf8');
    this.suffix = Buffer.from(options.suffix, 'utf8');
    this.timers = options.timers ?? realTimers;
  }

  /** Bytes of an unfinished frame held since the last terminator. */
  get pending(): number {
    return this.length;
  }

  /** One read from the port; `at` is the clock reading when it arrived. */
  push(chunk: Uint8Array, at: number): void {
    if (chunk.length === 0) return;
    this.lastAt = at;
    const terminator = this.options.terminator;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (terminator === 'CR') {
        if (b === CR) {
          this.endFrame(at);
          this.afterCr = true;
          continue;
        }
        if (b === LF && this.afterCr) {
          this.afterCr = false;
          continue;
        }
        this.afterCr = false;
      } else if (terminator === 'LF' || terminator === 'CRLF') {
        // CR LF: the LF ends the frame and the CR before it goes. A bare LF
        // (the scanner sends LF only) ends it too; so, in LF mode, does CR LF.
        if (b === LF) {
          if (!this.discarding && this.length > 0 && this.buffer[this.length - 1] === CR) this.length--;
          this.endFrame(at);
          continue;
        }
      } else if (terminator === 'TAB') {
        if (b === TAB) {
          this.endFrame(at);
          continue;
        }
      }
      this.append(b, at);
    }
    if (terminator === 'idle') this.armIdle();
  }

  /**
   * The port closed (unplug, or the bridge shutting it). Bytes of an unfinished
   * frame are never a scan: they are returned as a 'frame.partialAtClose'
   * fault when `report` is set, and dropped either way.
   */
  close(report = true): FramedBytes | null {
    this.disarmIdle();
    const partial =
      this.length > 0 && !this.discarding
        ? {
            bytes: this.strip(Buffer.from(this.buffer.subarray(0, this.length))),
            lastByteAt: this.lastAt,
            fault: 'frame.partialAtClose' as const,
          }
        : null;
    this.length = 0;
    this.discarding = false;
    this.afterCr = false;
    if (partial && report) this.emit(partial);
    return partial;
  }

  private append(b: number, at: number): void {
    if (this.discarding) return;
    const max = this.options.maxFrameBytes;
    const lineMode = this.options.terminator === 'LF' || this.options.terminator === 'CRLF';
    const heldCr = lineMode && b === CR && this.length === max;
    if (this.length >= max && !heldCr) {
      // Over-long: report it once, with the bytes kept so far, and resync on the next terminator.
      this.emit({ bytes: Buffer.from(this.buffer.subarray(0, this.length)), lastByteAt: at, fault: 'frame.tooLong' });
      this.length = 0;
      this.discarding = true;
      return;
    }
    this.buffer[this.length++] = b;
  }

  private endFrame(at: number): void {
    if (this.discarding) {
      this.discarding = false;
      this.length = 0;
      return;
    }
    if (this.length === 0) return; // a terminator with nothing before it is not a scan
    const bytes = this.strip(Buffer.from(this.buffer.subarray(0, this.length)));
    this.length = 0;
    if (bytes.length === 0) return; // only the prefix/suffix: nothing was scanned
    this.emit({ bytes, lastByteAt: at, fault: isBinary(bytes) ? 'frame.binary' : null });
  }

  private strip(bytes: Buffer): Buffer {
    let start = 0;
    let end = bytes.length;
    if (this.prefix.length > 0 && bytes.subarray(0, this.prefix.length).equals(this.prefix)) start = this.prefix.length;
    if (
      this.suffix.length > 0 &&
      end - start >= this.suffix.length &&
      bytes.subarray(end - this.suffix.length, end).equals(this.suffix)
    )
      end -= this.suffix.length;
    return start === 0 && end === bytes.length ? bytes : bytes.subarray(start, end);
  }

  private armIdle(): void {
    this.disarmIdle();
    if (this.length === 0 && !this.discarding) return;
    this.idleTimer = this.timers.set(() => {
      this.idleTimer = null;
      this.endFrame(this.lastAt);
    }, this.options.idleMs);
  }

  private disarmIdle(): void {
    if (this.idleTimer === null) return;
    this.timers.clear(this.idleTimer);
    this.idleTimer = null;
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Binary garbage rather than a barcode: a control byte other than those barcode
 * data carries (EOT, FS, GS = FNC1, RS in ISO/IEC 15434 envelopes), DEL, or
 * bytes ≥ 0x80 that are not UTF-8 (a wrong baud rate or parity produces these).
 * Scanners set to send GBK for Chinese QR codes also land here: they must be
 * set to UTF-8, and the rejected scan in the log says so by its reason.
 */
export function isBinary(bytes: Uint8Array): boolean {
  let high = false;
  for (const b of bytes) {
    if (b < 0x20) {
      if (b !== 0x04 && b !== 0x1c && b !== 0x1d && b !== 0x1e) return true;
    } else if (b === 0x7f) return true;
    else if (b >= 0x80) high = true;
  }
  if (!high) return false;
  try {
    utf8.decode(bytes);
    return false;
  } catch {
    return true;
  }
}
