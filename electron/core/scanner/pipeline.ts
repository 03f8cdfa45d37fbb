// The one scan pipeline: a frame (serial) or keys (wedge, typed) → decode →
// resolve → the station's active task → scan log → feedback event. Both kinds
// of input take this path, so a scan means the same whatever sent it.
//
// Whose scan it is: keys come from a window, so they are its user's. A serial
// scanner has no window; its scans are the station task's owner's — whoever
// chose the task (station.setTask, station.clearTask, counts.countAtStation).
// Not whoever last made a request from the station: on the station host every
// browser shares the host's station name, and an operator browsing the
// inventory must not turn a keeper's count scans into theirs. Scans never
// change the owner; only choosing (or starting over) the task does.
import { decodeScan, printable } from '../../../shared/barcode/decode';
import type {
  ScanOutcome,
  ScanResolution,
  ScanSourceKind,
  ScanView,
  StationPatch,
  StationState,
  TaskKind,
} from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { ServiceContext } from '../context';
import { DuplicateGuard } from './duplicateGuard';
import { resolveScan } from './resolve';
import { appendScan, lastUndoableScan, scanById, type ScanLogEntry } from './scanLog';
import { StationMemory } from './stationMemory';
import { ownerOf, type StoredTask, type TaskOwner } from './stationTasks';
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

/** Whom a scan is logged as. */
type ScanUser = TaskOwner;

/**
 * A serial scan is the owner's; keys are the window's user's. With nobody's
 * choice on record (a fresh station, or one stored before owners were), a
 * serial scan has no user: the lookup needs none, counting refuses it.
 */
function scanUser(ctx: ServiceContext, input: ScanInput, task: StoredTask): ScanUser | null {
  return input.sourceKind === 'serial' ? task.owner : ownerOf(ctx.caller.session);
}

/** Someone else's scan, for a task that is one person's work: refused, logged as theirs. */
function intrudes(task: StoredTask, user: ScanUser | null): boolean {
  return tasks[task.kind].ownerOnly && task.owner !== null && task.owner.userId !== user?.userId;
}

/** One station's scans in a batch: its task before them, and what they changed. */
type StationBatch = {
  before: StoredTask;
  /** Goods scans the task accepted: their rows are what a patch carries. */
  scanIds: number[];
  /** Something else happened (a command, a trip or bin scan): the whole state goes. */
  whole: boolean;
};

export class ScanPipeline {
  private readonly guard = new DuplicateGuard();
  /** The quantity key, per station: typed digits apply to the next product scan. */
  private readonly pendingQty = new Map<string, number>();
  private readonly memory = new StationMemory();

  constructor(private readonly scannerStatuses: () => ScannerStatus[]) {}

  async process(ctx: ServiceContext, input: ScanInput): Promise<ScanView> {
    const [scan] = await this.processBatch(ctx, [input]);
    return scan!;
  }

  /**
   * Frames in arrival order (several when they arrived while the previous
   * scan was being committed: a burst), recorded in one transaction, one
   * commit, then each announced with its station's state after the batch —
   * whole, or as a patch when only goods scans touched a task that patches.
   */
  async processBatch(ctx: ServiceContext, inputs: ScanInput[]): Promise<ScanView[]> {
    const scans: ScanView[] = [];
    const batches = new Map<string, StationBatch>();
    for (const input of inputs) {
      let batch = batches.get(input.station);
      if (!batch) {
        const before = await this.memory.task(ctx, input.station);
        batches.set(input.station, (batch = { before, scanIds: [], whole: false }));
      }
      scans.push(await this.record(ctx, input, batch));
    }
    const shown = new Map<string, { state: StationState } | { patch: StationPatch }>();
    for (const [station, batch] of batches) shown.set(station, await this.afterBatch(ctx, station, batch));
    for (const scan of scans) ctx.emit('scanner.scan', { station: scan.station, scan, ...shown.get(scan.station)! });
    return scans;
  }

  /** The station's state after a batch of its scans: a patch of the version before, or whole. */
  private async afterBatch(
    ctx: ServiceContext,
    station: string,
    batch: StationBatch,
  ): Promise<{ state: StationState } | { patch: StationPatch }> {
    const base = this.memory.version(ctx, station);
    const version = this.memory.bump(ctx, station);
    const after = await this.memory.task(ctx, station);
    const handler = tasks[after.kind];
    const task =
      !batch.whole && after.kind === batch.before.kind && handler.patch
        ? await handler.patch(ctx, batch.before.state, after.state, batch.scanIds)
        : null;
    if (!task) return { state: await this.build(ctx, station, version) };
    const { lastScans: _, ...frame } = await this.frame(ctx, station, after, version);
    return { patch: { ...frame, base, task } };
  }

  /** Logs a scan as `user`'s and keeps it as one of the station's last scans. */
  private async log(ctx: ServiceContext, entry: Omit<ScanLogEntry, 'userId'>, user: ScanUser | null) {
    const id = await appendScan(ctx.db, { ...entry, userId: user?.userId ?? null });
    const { undoesId: _, ...shown } = entry;
    const scan: ScanView = { id, ...shown, userName: user?.displayName ?? '' };
    await this.memory.noteScan(ctx, scan);
    return scan;
  }

  /** Decode, resolve, apply to the task, log; `batch` learns what it changed. */
  private async record(ctx: ServiceContext, input: ScanInput, batch: StationBatch): Promise<ScanView> {
    const at = ctx.now.toISOString();
    const task = await this.memory.task(ctx, input.station);
    const handler = tasks[task.kind];
    const user = scanUser(ctx, input, task);
    const entry = {
      at,
      station: input.station,
      sourceKind: input.sourceKind,
      sourceName: input.sourceName,
      raw: printable(input.text),
      task: task.kind,
    };
    const log = async (
      outcome: ScanOutcome,
      reason: string | null,
      decoded: { symbology: string | null; summary: string | null },
      resolution: ScanResolution | null,
    ) =>
      this.log(
        ctx,
        { ...entry, outcome, reason, resolution, symbology: decoded.symbology, decoded: decoded.summary },
        user,
      );
    const none = { symbology: null, summary: null };

    if (input.fault) return log('rejected', input.fault, none, null);
    const decoded = decodeScan(input.text);
    const shown = { symbology: decoded.symbology?.name ?? null, summary: decoded.summary };
    if (!decoded.ok) return log('rejected', decoded.error, shown, null);

    const resolution = await resolveScan(ctx.db, decoded);
    if (resolution.kind === 'unknown') return log('unknown', 'scan.unknownBarcode', shown, resolution);
    // Commands too: another keeper's "undo" or "bin done" would be the counter's.
    if (intrudes(task, user)) return log('rejected', 'scan.notTaskOwner', shown, resolution);
    if (resolution.kind === 'command') {
      batch.whole = true;
      return this.command(ctx, input, task, user, entry, shown, resolution);
    }

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
    const scan = await this.log(
      ctx,
      {
        ...entry,
        outcome: 'accepted',
        reason: null,
        resolution: scaled,
        symbology: shown.symbology,
        decoded: shown.summary,
      },
      user,
    );
    const outcome = await handler.apply(ctx.db, task.state, scan.id, scaled);
    if (outcome.accepted) {
      // Goods change rows of the task's view; anything else (a trip, a bin, a session) its frame.
      if (scaled.kind === 'product') batch.scanIds.push(scan.id);
      else batch.whole = true;
      await this.memory.setTask(ctx, input.station, { ...task, state: outcome.state });
      if (handler.afterApply) await handler.afterApply(ctx, task.state, outcome.state);
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
    task: StoredTask,
    user: ScanUser | null,
    entry: Omit<ScanLogEntry, 'outcome' | 'reason' | 'resolution' | 'symbology' | 'decoded' | 'userId'>,
    shown: { symbology: string | null; summary: string | null },
    resolution: Extract<ScanResolution, { kind: 'command' }>,
  ) {
    const scan = await this.log(
      ctx,
      { ...entry, outcome: 'accepted', reason: null, resolution, symbology: shown.symbology, decoded: shown.summary },
      user,
    );
    if (resolution.command === 'UNDO') await this.takeBack(ctx, input.station, user);
    // A scanned "clear" starts the task over for the same owner: a scan never changes who owns it.
    if (resolution.command === 'CLEAR') await this.restart(ctx, input.station, task.owner);
    // DONE closes the current bin for the task; tasks without bins ignore it.
    if (resolution.command === 'DONE') {
      const done = tasks[task.kind].done;
      if (done) await this.memory.setTask(ctx, input.station, { ...task, state: done(task.state) });
    }
    return scan;
  }

  /**
   * The station's state as last sent, with its version. Read outside a
   * transaction its queries may interleave with a scan's transaction: read
   * again until no version was committed meanwhile, so the state is exactly
   * the version it carries.
   */
  async state(ctx: ServiceContext, station: string): Promise<StationState> {
    for (let attempt = 0; ; attempt++) {
      const version = this.memory.version(ctx, station);
      const state = await this.build(ctx, station, version);
      if (ctx.db !== ctx.root || this.memory.version(ctx, station) === version || attempt === 5) return state;
    }
  }

  private async build(ctx: ServiceContext, station: string, version: number): Promise<StationState> {
    const task = await this.memory.task(ctx, station);
    return { ...(await this.frame(ctx, station, task, version)), task: await tasks[task.kind].view(ctx, task.state) };
  }

  /** Everything of the state but the task's view: small, sent whole with every patch. */
  private async frame(ctx: ServiceContext, station: string, task: StoredTask, version: number) {
    return {
      station,
      pendingQty: this.pendingQty.get(station) ?? null,
      lastScans: await this.memory.recent(ctx, station),
      owner: task.owner,
      scanners: this.scannerStatuses().filter((s) => s.station === station),
      version,
    };
  }

  setQuantity(station: string, qty: number | null): void {
    if (qty === null) this.pendingQty.delete(station);
    else this.pendingQty.set(station, qty);
  }

  /** The state `kind` begins with for `owner` at the station. */
  private begin(ctx: ServiceContext, station: string, kind: TaskKind, owner: TaskOwner | null): Promise<unknown> {
    const task = tasks[kind];
    return task.start ? task.start(ctx.db, station, owner?.userId ?? null) : Promise.resolve(task.initial());
  }

  /** A window chooses the station's task: its user becomes the owner, and the station's serial scans theirs. */
  async setTask(ctx: ServiceContext, station: string, kind: TaskKind): Promise<StationState> {
    const current = await this.memory.task(ctx, station);
    const owner = ownerOf(ctx.caller.session);
    // Switching keeps nothing of the old task: finish (post) it first. The
    // same task keeps the station's work — unless it is one person's and
    // changes hands: the new owner starts their own, not inside another's bin.
    const sameHands = !tasks[kind].ownerOnly || current.owner?.userId === owner?.userId;
    const keep = current.kind === kind && sameHands;
    const state = keep ? current.state : await this.begin(ctx, station, kind, owner);
    await this.memory.setTask(ctx, station, { kind, state, owner });
    return this.changed(ctx, station);
  }

  /**
   * A window starts the station's task over (station.clearTask, and
   * counts.countAtStation for a station already counting): that is choosing
   * it again, so the caller becomes its owner.
   */
  async clear(ctx: ServiceContext, station: string): Promise<void> {
    await this.restart(ctx, station, ownerOf(ctx.caller.session));
  }

  private async restart(ctx: ServiceContext, station: string, owner: TaskOwner | null): Promise<void> {
    const { kind } = await this.memory.task(ctx, station);
    await this.memory.setTask(ctx, station, { kind, state: await this.begin(ctx, station, kind, owner), owner });
    this.pendingQty.delete(station);
  }

  /**
   * "Undo last scan" from a window (station.undoLastScan): logged as its user's.
   * On a station counting for someone else it is refused, as the scanned
   * CMD:UNDO is: it would take back the counter's scan.
   */
  async undoLast(ctx: ServiceContext, station: string): Promise<void> {
    const user = ownerOf(ctx.caller.session);
    const task = await this.memory.task(ctx, station);
    if (intrudes(task, user)) throw new AppError('scan.notTaskOwner', { owner: task.owner?.displayName ?? '' });
    await this.takeBack(ctx, station, user);
  }

  /**
   * The owner logs out: the station's serial scans are nobody's until someone
   * chooses the task again, so the next person at the scanner is never
   * credited with the last one's name (or the last one with theirs). The
   * task's work stays.
   */
  async release(ctx: ServiceContext, station: string, userId: number): Promise<void> {
    const task = await this.memory.task(ctx, station);
    if (task.owner?.userId !== userId) return;
    await this.memory.setTask(ctx, station, { ...task, owner: null });
    await this.changed(ctx, station);
  }

  /** Takes back the station's last accepted scan and logs that `user` did. */
  private async takeBack(ctx: ServiceContext, station: string, user: ScanUser | null): Promise<void> {
    const task = await this.memory.task(ctx, station);
    const target = await lastUndoableScan(ctx.db, station);
    if (target === null) throw new AppError('scan.nothingToUndo');
    const undone = await tasks[task.kind].undo(ctx.db, task.state, target);
    if (undone !== null) await this.memory.setTask(ctx, station, { ...task, state: undone });
    const original = await scanById(ctx.db, target);
    await this.log(
      ctx,
      {
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
        undoesId: target,
      },
      user,
    );
  }

  /**
   * A window's change to the station's task state beside the scans (the
   * receiving task's damaged mode): `fn` takes the state of a task of `kind`;
   * null when the station's task is another.
   */
  async updateTask(
    ctx: ServiceContext,
    station: string,
    kind: TaskKind,
    fn: (state: unknown) => unknown,
  ): Promise<StationState | null> {
    const task = await this.memory.task(ctx, station);
    if (task.kind !== kind) return null;
    await this.memory.setTask(ctx, station, { ...task, state: fn(task.state) });
    return this.changed(ctx, station);
  }

  async changed(ctx: ServiceContext, station: string): Promise<StationState> {
    const state = await this.build(ctx, station, this.memory.bump(ctx, station));
    ctx.emit('station.changed', state);
    return state;
  }
}
