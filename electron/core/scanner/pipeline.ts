// The one scan pipeline: a frame (serial) or keys (wedge, typed) → decode →
// resolve → the station's active task → scan log → feedback event. Both kinds
// of input take this path, so a scan means the same whatever sent it.
import { decodeScan, printable } from '../../../shared/barcode/decode';
import type {
  ScanOutcome,
  ScanResolution,
  ScanSourceKind,
  ScanView,
  StationState,
  TaskKind,
} from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { ServiceContext } from '../context';
import { DuplicateGuard } from './duplicateGuard';
import { resolveScan } from './resolve';
import { appendScan, lastUndoableScan, scanById, type ScanLogEntry } from './scanLog';
import { StationMemory } from './stationMemory';
import { tasks } from './tasks';
import type { ScannerStatus } from '../../../shared/contract';

export type ScanInput = {
  station: string;
  sourceKind: ScanSourceKind;
  sourceName: string;
  /** The frame as text: UTF-8 when it is valid UTF-8, else byte for byte. */
  text: string;
  /** A frame the bridge could not take as a scan (binary, too long, cut by an unplug). */
  fault: string | null;
};

export class ScanPipeline {
  private readonly guard = new DuplicateGuard();
  /** The quantity key, per station: typed digits apply to the next product scan. */
  private readonly pendingQty = new Map<string, number>();
  private readonly memory = new StationMemory();

  constructor(private readonly scannerStatuses: () => ScannerStatus[]) {}

  async process(ctx: ServiceContext, input: ScanInput): Promise<{ scan: ScanView; state: StationState }> {
    const scan = await this.record(ctx, input);
    const state = await this.state(ctx, input.station);
    ctx.emit('scanner.scan', { station: input.station, scan, state });
    return { scan, state };
  }

  /**
   * Several frames that arrived while the previous scan was being committed
   * (a burst): recorded in order in one transaction, one commit, then each
   * announced with its station's state after the batch.
   */
  async processBatch(ctx: ServiceContext, inputs: ScanInput[]): Promise<void> {
    const scans: ScanView[] = [];
    for (const input of inputs) scans.push(await this.record(ctx, input));
    const states = new Map<string, StationState>();
    for (const { station } of scans) if (!states.has(station)) states.set(station, await this.state(ctx, station));
    for (const scan of scans)
      ctx.emit('scanner.scan', { station: scan.station, scan, state: states.get(scan.station)! });
  }

  /** Logs a scan and keeps it as one of the station's last scans. */
  private async log(ctx: ServiceContext, entry: ScanLogEntry): Promise<ScanView> {
    const id = await appendScan(ctx.db, entry);
    const { userId: _, undoesId: __, ...shown } = entry;
    const scan: ScanView = { id, ...shown, userName: ctx.caller.session?.displayName ?? '' };
    await this.memory.noteScan(ctx, scan);
    return scan;
  }

  /** Decode, resolve, apply to the task, log. */
  private async record(ctx: ServiceContext, input: ScanInput): Promise<ScanView> {
    const at = ctx.now.toISOString();
    const task = await this.memory.task(ctx, input.station);
    const handler = tasks[task.kind];
    const entry = {
      at,
      station: input.station,
      sourceKind: input.sourceKind,
      sourceName: input.sourceName,
      raw: printable(input.text),
      task: task.kind,
      userId: ctx.caller.session?.userId ?? null,
    };
    const log = async (
      outcome: ScanOutcome,
      reason: string | null,
      decoded: { symbology: string | null; summary: string | null },
      resolution: ScanResolution | null,
    ) =>
      this.log(ctx, {
        ...entry,
        outcome,
        reason,
        resolution,
        symbology: decoded.symbology,
        decoded: decoded.summary,
      });
    const none = { symbology: null, summary: null };

    if (input.fault) return log('rejected', input.fault, none, null);
    const decoded = decodeScan(input.text);
    const shown = { symbology: decoded.symbology?.name ?? null, summary: decoded.summary };
    if (!decoded.ok) return log('rejected', decoded.error, shown, null);

    const resolution = await resolveScan(ctx.db, decoded);
    if (resolution.kind === 'command') return this.command(ctx, input, entry, shown, resolution);
    if (resolution.kind === 'unknown') return log('unknown', 'scan.unknownBarcode', shown, resolution);

    const source = `${input.sourceKind}:${input.sourceName}`;
    if (!handler.countsRepeats && this.guard.isDuplicate(source, input.text, ctx.now.getTime())) {
      return log('duplicate', 'scan.duplicate', shown, resolution);
    }

    let scaled = resolution;
    const qtyKey = this.pendingQty.get(input.station);
    if (resolution.kind === 'product' && qtyKey !== undefined) {
      scaled = { ...resolution, qty: resolution.qty * qtyKey };
      this.pendingQty.delete(input.station);
    }
    const scan = await this.log(ctx, {
      ...entry,
      outcome: 'accepted',
      reason: null,
      resolution: scaled,
      symbology: shown.symbology,
      decoded: shown.summary,
    });
    const outcome = await handler.apply(ctx.db, task.state, scan.id, scaled);
    if (outcome.accepted) {
      await this.memory.setTask(ctx, input.station, { kind: task.kind, state: outcome.state });
      return scan;
    }
    // The task refused it (e.g. goods before a bin): the row says so.
    await ctx.db
      .updateTable('scan_log')
      .set({ outcome: 'rejected', reason: outcome.reason })
      .where('id', '=', scan.id)
      .execute();
    const refused: ScanView = { ...scan, outcome: 'rejected', reason: outcome.reason };
    await this.memory.noteScan(ctx, refused);
    return refused;
  }

  private async command(
    ctx: ServiceContext,
    input: ScanInput,
    entry: Omit<ScanLogEntry, 'outcome' | 'reason' | 'resolution' | 'symbology' | 'decoded'>,
    shown: { symbology: string | null; summary: string | null },
    resolution: Extract<ScanResolution, { kind: 'command' }>,
  ) {
    const scan = await this.log(ctx, {
      ...entry,
      outcome: 'accepted',
      reason: null,
      resolution,
      symbology: shown.symbology,
      decoded: shown.summary,
    });
    if (resolution.command === 'UNDO') await this.undoLast(ctx, input.station);
    if (resolution.command === 'CLEAR') await this.clear(ctx, input.station);
    // DONE closes the current bin for the task; tasks without bins ignore it.
    if (resolution.command === 'DONE') {
      const task = await this.memory.task(ctx, input.station);
      const done = tasks[task.kind].done;
      if (done) await this.memory.setTask(ctx, input.station, { kind: task.kind, state: done(task.state) });
    }
    return scan;
  }

  async state(ctx: ServiceContext, station: string): Promise<StationState> {
    const task = await this.memory.task(ctx, station);
    return {
      station,
      task: await tasks[task.kind].view(ctx, task.state),
      pendingQty: this.pendingQty.get(station) ?? null,
      lastScans: await this.memory.recent(ctx, station),
      scanners: this.scannerStatuses().filter((s) => s.station === station),
    };
  }

  setQuantity(station: string, qty: number | null): void {
    if (qty === null) this.pendingQty.delete(station);
    else this.pendingQty.set(station, qty);
  }

  async setTask(ctx: ServiceContext, station: string, kind: TaskKind): Promise<StationState> {
    const current = await this.memory.task(ctx, station);
    // Switching keeps nothing of the old task: finish (post) it first.
    if (current.kind !== kind) await this.memory.setTask(ctx, station, { kind, state: tasks[kind].initial() });
    return this.changed(ctx, station);
  }

  async clear(ctx: ServiceContext, station: string): Promise<void> {
    const current = await this.memory.task(ctx, station);
    await this.memory.setTask(ctx, station, { kind: current.kind, state: tasks[current.kind].initial() });
    this.pendingQty.delete(station);
  }

  /** "Undo last scan": takes back the station's last accepted scan and logs that it did. */
  async undoLast(ctx: ServiceContext, station: string): Promise<void> {
    const task = await this.memory.task(ctx, station);
    const target = await lastUndoableScan(ctx.db, station);
    if (target === null) throw new AppError('scan.nothingToUndo');
    const undone = await tasks[task.kind].undo(ctx.db, task.state, target);
    if (undone !== null) await this.memory.setTask(ctx, station, { kind: task.kind, state: undone });
    const original = await scanById(ctx.db, target);
    await this.log(ctx, {
      at: ctx.now.toISOString(),
      station,
      sourceKind: original.sourceKind,
      sourceName: original.sourceName,
      raw: original.raw,
      symbology: original.symbology,
      decoded: original.decoded,
      outcome: 'undone',
      reason: 'scan.undo',
      resolution: original.resolution,
      task: task.kind,
      userId: ctx.caller.session?.userId ?? null,
      undoesId: target,
    });
  }

  async changed(ctx: ServiceContext, station: string): Promise<StationState> {
    const state = await this.state(ctx, station);
    ctx.emit('station.changed', state);
    return state;
  }
}
