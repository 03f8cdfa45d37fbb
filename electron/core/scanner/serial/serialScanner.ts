// One serial scanner's life: find its port, open it, cut its bytes into frames,
// notice when it goes away and get it back without anyone restarting anything
// (issue 4, "Faults"). An unplug shows up as a `close` carrying `disconnected`,
// as a read error (a pty whose other end closed reads EIO), or as nothing at
// all — so the device path is watched as well.
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { SerialPort } from 'serialport';
import type {
  ScannerConfig,
  ScannerRaw,
  ScannerState,
  ScannerStatus,
  SerialPortInfo,
} from '../../../../shared/contract/scanning';
import { Framer, type FramedBytes } from './framer';
import { findPortByUsbId } from './ports';

export type ScannerFrame = FramedBytes & { scannerId: number };

export type SerialScannerTiming = {
  /** How often the device path is checked, while connected and while waiting for it to appear. */
  watchMs: number;
  /** Delays between open attempts that fail although the path is there (busy, permissions); the last one repeats. */
  backoffMs: number[];
  /** How often a scanner configured by USB id looks for its port again (an enumeration spawns udevadm). */
  usbPollMs: number;
};

/**
 * Scanning must resume within 3 s of the device coming back (issue 4): a
 * missing path is looked for every 250 ms, and a failing open is retried at
 * most 2 s apart.
 */
export const defaultTiming: SerialScannerTiming = { watchMs: 250, backoffMs: [250, 500, 1000, 2000], usbPollMs: 1000 };

export type SerialScannerDeps = {
  onFrame(frame: ScannerFrame): void;
  onStatus(status: ScannerStatus): void;
  onRaw?(raw: ScannerRaw): void;
  log(message: string, detail?: unknown): void;
  maxFrameBytes: number;
  listPorts(): Promise<SerialPortInfo[]>;
  timing: SerialScannerTiming;
};

/** What identifies the device behind a path, to notice it went away or was replaced. */
type DeviceIdentity = { real: string; dev: number; ino: number; rdev: number };

export class SerialScanner {
  private state: ScannerState = 'connecting';
  private path: string | null;
  private detail: string | null = null;
  private since = new Date().toISOString();
  private port: SerialPort | null = null;
  private framer: Framer | null = null;
  private identity: DeviceIdentity | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private watch: ReturnType<typeof setInterval> | null = null;
  private failures = 0;
  private closed = false;
  private connecting: Promise<void> | null = null;
  private lastReadAt: number | null = null;

  constructor(
    readonly config: ScannerConfig,
    private readonly deps: SerialScannerDeps,
  ) {
    this.path = config.port;
  }

  start(): void {
    if (!this.config.enabled) {
      this.setStatus('disabled', null);
      return;
    }
    this.setStatus('connecting', null, true);
    this.connectSoon(0);
  }

  status(): ScannerStatus {
    return {
      scannerId: this.config.id,
      name: this.config.name,
      station: this.config.station,
      state: this.state,
      port: this.path,
      detail: this.detail,
      since: this.since,
    };
  }

  /** Stop for good (reconfigured or shutting down). An unfinished frame is dropped and logged, not reported. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.clearTimers();
    await this.connecting;
    const partial = this.framer?.close(false);
    if (partial)
      this.deps.log(`scanner ${this.config.name}: partial frame dropped at close`, partial.bytes.toString('hex'));
    this.framer = null;
    const port = this.port;
    this.port = null;
    if (port) await closePort(port);
  }

  private connectSoon(ms: number): void {
    if (this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.connecting = this.connect()
        .catch((e: unknown) => {
          // Bad options (serialport throws on some in its constructor) or a bug: keep retrying, never throw.
          this.deps.log(`scanner ${this.config.name}: connect failed`, e instanceof Error ? e.stack : String(e));
          this.fail(this.path, e instanceof Error ? openErrorDetail(e, this.path ?? '') : 'error', this.nextBackoff());
        })
        .finally(() => {
          this.connecting = null;
        });
    }, ms);
  }

  private async connect(): Promise<void> {
    const { config, deps } = this;
    let path = config.port;
    if (path === null) {
      let ports: SerialPortInfo[] = [];
      try {
        ports = await deps.listPorts();
      } catch (e) {
        deps.log(`scanner ${config.name}: listing ports failed`, String(e));
      }
      if (this.closed) return;
      const found = findPortByUsbId(ports, config.usbVendorId ?? '', config.usbProductId ?? '');
      if (!found) {
        this.fail(null, 'usbIdNotFound', deps.timing.usbPollMs);
        return;
      }
      path = found.path;
    }
    this.path = path;
    // A device node that is not there cannot be opened: wait for it cheaply, and try as soon as it appears.
    if (isDevicePath(path) && !fs.existsSync(path)) {
      // After an unplug its node is gone: still "unplugged" for the status bar, not a new fault.
      this.failures = 0;
      this.fail(path, this.detail === 'unplugged' ? 'unplugged' : 'ENOENT', deps.timing.watchMs);
      return;
    }
    const port = new SerialPort({
      path,
      baudRate: config.baudRate,
      dataBits: config.dataBits,
      parity: config.parity,
      stopBits: config.stopBits,
      autoOpen: false,
      // Exclusive: a second reader (a CLI `scanner listen`, another console) would steal half the bytes.
      lock: true,
    });
    // Without a listener an 'error' event would throw and take the main process down.
    port.on('error', (e) => this.onPortError(port, e));
    const opened = await new Promise<Error | null>((resolve) => port.open((e) => resolve(e)));
    if (opened) {
      this.fail(path, openErrorDetail(opened, path), this.nextBackoff());
      deps.log(`scanner ${config.name}: cannot open ${path}`, opened.message);
      return;
    }
    if (this.closed) {
      await closePort(port);
      return;
    }
    this.port = port;
    this.identity = isDevicePath(path) ? deviceIdentity(path) : null;
    this.failures = 0;
    this.lastReadAt = null;
    this.framer = new Framer(
      {
        terminator: config.terminator,
        idleMs: config.idleMs,
        prefix: config.prefix,
        suffix: config.suffix,
        maxFrameBytes: deps.maxFrameBytes,
      },
      (frame) => this.deliver(frame),
    );
    port.on('data', (chunk: Buffer) => this.onData(port, chunk));
    port.on('close', (e: (Error & { disconnected?: boolean }) | null) => {
      if (this.port === port) this.lost(e?.disconnected ? `close: ${e.message}` : 'closed without an error');
    });
    if (this.identity) this.watch = setInterval(() => this.checkDevice(port), deps.timing.watchMs);
    this.setStatus('connected', path);
    deps.log(`scanner ${config.name}: connected on ${path}`);
  }

  private onData(port: SerialPort, chunk: Buffer): void {
    if (this.port !== port || !this.framer) return;
    const at = performance.now();
    if (this.deps.onRaw) {
      const gapsMs = new Array<number>(chunk.length).fill(0);
      if (this.lastReadAt !== null) gapsMs[0] = Math.round((at - this.lastReadAt) * 10) / 10;
      this.deps.onRaw({ scannerId: this.config.id, at: new Date().toISOString(), hex: hexPairs(chunk), gapsMs });
    }
    this.lastReadAt = at;
    this.framer.push(chunk, at);
  }

  private deliver(frame: FramedBytes): void {
    if (frame.fault) {
      const what = frame.fault === 'frame.partialAtClose' ? 'partial frame dropped at disconnect' : 'rejected frame';
      this.deps.log(`scanner ${this.config.name}: ${what} (${frame.fault})`, frame.bytes.toString('hex'));
    }
    try {
      this.deps.onFrame({ scannerId: this.config.id, ...frame });
    } catch (e) {
      // The pipeline's problem must not stop this scanner's reads.
      this.deps.log(`scanner ${this.config.name}: onFrame threw`, e instanceof Error ? e.stack : String(e));
    }
  }

  private onPortError(port: SerialPort, e: Error): void {
    this.deps.log(`scanner ${this.config.name}: port error`, e.message);
    if (this.port === port) this.lost(`error: ${e.message}`);
  }

  /** The device path gone, or now leading to another device: an unplug that raised no port event. */
  private checkDevice(port: SerialPort): void {
    if (this.port !== port || !this.identity || !this.path) return;
    const now = deviceIdentity(this.path);
    if (now === null) this.lost('device path disappeared');
    else if (!sameDevice(now, this.identity)) this.lost(`device path now leads to ${now.real}`);
  }

  /**
   * The connection is gone: report a cut frame, release the port, and start
   * looking for the device again. However it was noticed, the status bar says
   * 'unplugged'; the log keeps how.
   */
  private lost(how: string): void {
    const port = this.port;
    if (!port) return;
    this.port = null;
    if (this.watch) clearInterval(this.watch);
    this.watch = null;
    this.identity = null;
    this.framer?.close(true); // reports a cut frame through deliver()
    this.framer = null;
    if (port.isOpen) void closePort(port);
    this.deps.log(`scanner ${this.config.name}: disconnected`, how);
    this.setStatus('disconnected', this.path, false, 'unplugged');
    this.failures = 0;
    this.connectSoon(this.deps.timing.watchMs);
  }

  private fail(path: string | null, detail: string, retryMs: number): void {
    this.path = path ?? this.path;
    this.setStatus('disconnected', this.path, false, detail);
    this.connectSoon(retryMs);
  }

  private nextBackoff(): number {
    const steps = this.deps.timing.backoffMs;
    const ms = steps[Math.min(this.failures, steps.length - 1)] ?? 1000;
    this.failures++;
    return ms;
  }

  private setStatus(state: ScannerState, path: string | null, force = false, detail: string | null = null): void {
    if (this.closed) return;
    if (!force && state === this.state && path === this.path && detail === this.detail) return;
    if (state !== this.state || force) this.since = new Date().toISOString();
    this.state = state;
    this.path = path ?? this.path;
    this.detail = detail;
    this.deps.onStatus(this.status());
  }

  private clearTimers(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.watch) clearInterval(this.watch);
    this.timer = null;
    this.watch = null;
  }
}

/** Unix device nodes can be watched; Windows COM names cannot. */
function isDevicePath(path: string): boolean {
  return path.startsWith('/');
}

function deviceIdentity(path: string): DeviceIdentity | null {
  try {
    const st = fs.statSync(path);
    return { real: fs.realpathSync(path), dev: st.dev, ino: st.ino, rdev: st.rdev };
  } catch {
    return null;
  }
}

function sameDevice(a: DeviceIdentity, b: DeviceIdentity): boolean {
  return a.real === b.real && a.dev === b.dev && a.ino === b.ino && a.rdev === b.rdev;
}

function closePort(port: SerialPort): Promise<void> {
  return new Promise((resolve) => {
    if (!port.isOpen) return resolve();
    port.close(() => resolve());
  });
}

function errorCode(e: Error): string | null {
  const code = (e as NodeJS.ErrnoException).code;
  return typeof code === 'string' ? code : null;
}

/** A short reason for the status bar tooltip; the bindings' errors carry only a message. */
function openErrorDetail(e: Error, path: string): string {
  const code = errorCode(e);
  if (code) return code;
  const m = e.message;
  if (/cannot lock port/i.test(m)) return 'EBUSY';
  if (/permission denied/i.test(m)) return 'EACCES';
  if (/no such file|cannot find/i.test(m) || (isDevicePath(path) && !fs.existsSync(path))) return 'ENOENT';
  if (/baud/i.test(m)) return 'badBaudRate';
  return m.slice(0, 80);
}

function hexPairs(bytes: Buffer): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += (i ? ' ' : '') + bytes[i]!.toString(16).toUpperCase().padStart(2, '0');
  return s;
}
