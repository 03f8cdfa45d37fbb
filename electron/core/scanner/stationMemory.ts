// Each station's active task and its last scans, kept in memory beside the
// database. Every scan used to read both back (the task twice, the last 12
// scans with their JSON): about 300 µs of a ~1.2 ms scan, measured. The
// database stays the record — every change is written in the scan's
// transaction, so a restart loses nothing — and the memory follows it:
// a transaction sees its own changes at once, other requests only after
// commit (ctx.afterCommit), and a rollback leaves the memory as it was.
// Only the pipeline writes station_tasks and scan_log, so nothing else can
// make the memory stale. The task's owner (stationTasks.ts) is held with it:
// a serial scan finds its user here, with no read of its own.
import type { ScanView } from '../../../shared/contract';
import type { ServiceContext } from '../context';
import type { Db } from '../db/schema';
import { noteScan, recentScans } from '../../../shared/station/patch';
import { lastScans } from './scanLog';
import { loadTask, saveTask, type StoredTask } from './stationTasks';

type Held = { task?: StoredTask; recent?: ScanView[]; version?: number };

/**
 * Station view versions start at the core's start time in milliseconds, so a
 * window still holding a version from before a restart never finds its
 * number again (it reloads on reconnect anyway).
 */
const firstVersion = Date.now();

export class StationMemory {
  private readonly committed = new Map<string, Held>();
  /** Changes of transactions still open, by their handle. */
  private readonly open = new WeakMap<Db, Map<string, Held>>();

  private pending(ctx: ServiceContext, station: string): Held {
    let byStation = this.open.get(ctx.db);
    if (!byStation) {
      byStation = new Map();
      this.open.set(ctx.db, byStation);
      const changes = byStation;
      ctx.afterCommit(() => {
        for (const [s, held] of changes) this.committed.set(s, { ...this.committed.get(s), ...held });
      });
    }
    let held = byStation.get(station);
    if (!held) byStation.set(station, (held = {}));
    return held;
  }

  private seen(ctx: ServiceContext, station: string): Held {
    return { ...this.committed.get(station), ...this.open.get(ctx.db)?.get(station) };
  }

  /** What was read from the database: committed when read outside a transaction, else the transaction's until it commits. */
  private remember(ctx: ServiceContext, station: string, held: Held): void {
    if (ctx.db === ctx.root) this.committed.set(station, { ...this.committed.get(station), ...held });
    else Object.assign(this.pending(ctx, station), held);
  }

  async task(ctx: ServiceContext, station: string): Promise<StoredTask> {
    const held = this.seen(ctx, station).task;
    if (held) return held;
    const task = await loadTask(ctx.db, station);
    this.remember(ctx, station, { task });
    return task;
  }

  async setTask(ctx: ServiceContext, station: string, task: StoredTask): Promise<void> {
    await saveTask(ctx.db, station, task, ctx.now.toISOString());
    this.pending(ctx, station).task = task;
  }

  /** The version of the station's view last sent (committed, or this transaction's). */
  version(ctx: ServiceContext, station: string): number {
    return this.seen(ctx, station).version ?? firstVersion;
  }

  /** The next version, for a state or patch about to be sent: it holds once the transaction commits. */
  bump(ctx: ServiceContext, station: string): number {
    const next = this.version(ctx, station) + 1;
    if (ctx.db === ctx.root) this.committed.set(station, { ...this.committed.get(station), version: next });
    else this.pending(ctx, station).version = next;
    return next;
  }

  /** The station's last scans, newest first. */
  async recent(ctx: ServiceContext, station: string): Promise<ScanView[]> {
    const held = this.seen(ctx, station).recent;
    if (held) return held;
    const recent = await lastScans(ctx.db, station, recentScans);
    this.remember(ctx, station, { recent });
    return recent;
  }

  /** A scan just logged (or its row changed): at the head of the list, or in its place. */
  async noteScan(ctx: ServiceContext, scan: ScanView): Promise<void> {
    // The same rule as the station screen's when it applies a patch.
    this.pending(ctx, scan.station).recent = noteScan(await this.recent(ctx, scan.station), scan);
  }
}
