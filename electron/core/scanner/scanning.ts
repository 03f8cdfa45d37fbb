// Scanning in the core: the serial bridge's frames and the windows' wedge
// scans both run through the one pipeline, one scan at a time per core so
// each station sees its scans in the order they were made.
import { isUtf8 } from 'node:buffer';
import type { ScannerConfig, ScannerStatus } from '../../../shared/contract';
import { localOrigin, type Caller, type ServiceContext } from '../context';
import type { ServiceRunner } from '../contract/dispatcher';
import type { Db } from '../db/schema';
import type { EventBus } from '../events';
import { ScanPipeline, type ScanInput } from './pipeline';
import { listScannerConfigs } from './scannerConfigs';
import { ScannerBridge, type Frame } from './serial/bridge';

export type ScanningOptions = {
  run: ServiceRunner;
  bus: EventBus;
  /** Only the hosts that own the station's ports (Electron, the station host) open them; the CLI does not. */
  serial: boolean;
  log: (message: string, detail?: unknown) => void;
};

export class Scanning {
  readonly pipeline: ScanPipeline;
  private readonly bridge: ScannerBridge | null;
  private readonly status = new Map<number, ScannerStatus>();
  private configs: ScannerConfig[] = [];

  constructor(private readonly opts: ScanningOptions) {
    this.pipeline = new ScanPipeline(() => this.statuses());
    this.bridge = opts.serial
      ? new ScannerBridge({
          onFrame: (frame) => this.onFrame(frame),
          onStatus: (s) => {
            this.status.set(s.scannerId, s);
            opts.bus.emit('scanner.status', s);
          },
          onRaw: (raw) => opts.bus.emit('scanner.raw', raw),
          log: opts.log,
        })
      : null;
  }

  async start(db: Db): Promise<void> {
    await this.apply(await listScannerConfigs(db));
  }

  /** Applies saved scanner settings to the bridge (after scanner.save / scanner.remove). */
  async apply(configs: ScannerConfig[]): Promise<void> {
    this.configs = configs;
    const ids = new Set(configs.map((c) => c.id));
    for (const id of [...this.status.keys()]) if (!ids.has(id)) this.status.delete(id);
    if (this.bridge) this.bridge.configure(configs);
    for (const s of this.bridge?.statuses() ?? []) this.status.set(s.scannerId, s);
  }

  statuses(): ScannerStatus[] {
    if (this.bridge) return [...this.status.values()];
    // Without a bridge (the CLI) every configured scanner is simply not open here.
    return this.configs.map((c) => ({
      scannerId: c.id,
      name: c.name,
      station: c.station,
      state: c.enabled ? 'disconnected' : 'disabled',
      port: c.port,
      detail: null,
      since: new Date(0).toISOString(),
    }));
  }

  submit(ctx: ServiceContext, input: ScanInput) {
    return this.pipeline.process(ctx, input);
  }

  private pending: { caller: Caller; input: ScanInput }[] = [];
  /** The drain in progress, if any: one at a time keeps scans in arrival order. */
  private draining: Promise<void> | null = null;

  private onFrame(frame: Frame): void {
    const config = this.configs.find((c) => c.id === frame.scannerId);
    if (!config) return;
    const station = config.station;
    // No session: a scanner is not a window. The pipeline logs each frame as
    // its station task's owner's (pipeline.ts), read from the station memory
    // in the frame's own transaction — so a batch holding several stations'
    // frames credits each to its own station's owner.
    const caller: Caller = { session: null, station, clientId: `serial:${config.id}`, origin: localOrigin };
    const text = isUtf8(frame.bytes) ? frame.bytes.toString('utf8') : frame.bytes.toString('latin1');
    this.pending.push({
      caller,
      input: { station, sourceKind: 'serial', sourceName: config.name, text, fault: frame.fault },
    });
    this.draining ??= this.drain().finally(() => (this.draining = null));
  }

  /** Frames that queue up during a commit go in the next transaction together: one commit for a burst. */
  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, 50);
      const r = await this.opts.run(batch[0]!.caller, 'scanner.frame', true, (ctx) =>
        this.pipeline.processBatch(
          ctx,
          batch.map((b) => b.input),
        ),
      );
      if (!r.ok) this.opts.log('serial scans not processed', r.error);
    }
  }

  async close(): Promise<void> {
    await this.bridge?.close();
    await this.draining;
  }
}
