// The serial side of the scanner bridge: every configured serial scanner of
// this station, each on its own port, delivering frames and status changes to
// the scan pipeline (issue 4). Wedge scanners come in through the renderer and
// never reach this module.
import type { ScannerConfig, ScannerRaw, ScannerStatus, SerialPortInfo } from '../../../../shared/contract/scanning';
import { listSerialPorts } from './ports';
import { defaultTiming, SerialScanner, type SerialScannerTiming } from './serialScanner';

export { listSerialPorts } from './ports';

export type Frame = {
  scannerId: number;
  /** The frame's bytes without terminator and without the configured prefix/suffix. */
  bytes: Buffer;
  /** performance.now() when the frame's last byte was read — the start of scan-to-commit latency. */
  lastByteAt: number;
  /** Set when the frame is not a scan: binary garbage, over-long, or a partial frame cut by an unplug (the pipeline logs it as a rejected scan with this reason). */
  fault: null | 'frame.binary' | 'frame.tooLong' | 'frame.partialAtClose';
};

export type BridgeOptions = {
  onFrame(frame: Frame): void;
  onStatus(status: ScannerStatus): void;
  onRaw?(raw: ScannerRaw): void;
  log?(message: string, detail?: unknown): void;
  /** Max bytes in one frame (default 512). */
  maxFrameBytes?: number;
  /** Where scanners configured by USB id are looked up (default listSerialPorts); tests inject one. */
  listPorts?: () => Promise<SerialPortInfo[]>;
  /** Watch and retry intervals (default: resume within 3 s of the device coming back). */
  timing?: Partial<SerialScannerTiming>;
};

export class ScannerBridge {
  private scanners = new Map<number, SerialScanner>();
  /** Closes still running for replaced scanners: the new one opens the port after the old one let go of it. */
  private closing = new Set<Promise<void>>();
  private closed = false;

  constructor(private readonly options: BridgeOptions) {}

  /** Replace the configured scanners (opens/closes ports as needed). Unchanged scanners keep their connection. */
  configure(configs: ScannerConfig[]): void {
    if (this.closed) throw new Error('ScannerBridge is closed');
    const next = new Map<number, SerialScanner>();
    const released: Promise<void>[] = [];
    const wanted = new Map(configs.map((c) => [c.id, c]));
    for (const [id, scanner] of this.scanners) {
      const config = wanted.get(id);
      if (config && sameConfig(config, scanner.config)) continue;
      released.push(this.track(scanner.close()));
    }
    const allReleased = Promise.all(released);
    for (const config of configs) {
      const current = this.scanners.get(config.id);
      if (current && sameConfig(config, current.config)) {
        next.set(config.id, current);
        continue;
      }
      const scanner = new SerialScanner({ ...config }, this.deps());
      next.set(config.id, scanner);
      // A reconfigured scanner usually keeps its port, which the old one holds locked until it closes.
      if (released.length === 0) scanner.start();
      else void allReleased.then(() => !this.closed && this.scanners.get(config.id) === scanner && scanner.start());
    }
    this.scanners = next;
  }

  statuses(): ScannerStatus[] {
    return [...this.scanners.values()].map((s) => s.status());
  }

  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.scanners.values()];
    this.scanners.clear();
    await Promise.all([...all.map((s) => s.close()), ...this.closing]);
  }

  private track(p: Promise<void>): Promise<void> {
    this.closing.add(p);
    void p.finally(() => this.closing.delete(p));
    return p;
  }

  private deps() {
    const o = this.options;
    return {
      onFrame: (f: Frame) => o.onFrame(f),
      onStatus: (s: ScannerStatus) => {
        if (!this.closed) o.onStatus(s);
      },
      onRaw: o.onRaw ? (r: ScannerRaw) => o.onRaw?.(r) : undefined,
      log: (message: string, detail?: unknown) => o.log?.(message, detail),
      maxFrameBytes: o.maxFrameBytes ?? 512,
      listPorts: o.listPorts ?? (() => listSerialPorts({ log: o.log })),
      timing: { ...defaultTiming, ...o.timing },
    };
  }
}

function sameConfig(a: ScannerConfig, b: ScannerConfig): boolean {
  const keys = Object.keys(a) as (keyof ScannerConfig)[];
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}
