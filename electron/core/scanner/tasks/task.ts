// A station's active task: what its scans mean. The later workflows (count
// sheets, return checks, load checks) plug in here as new task kinds.
import type { ScanResolution, TaskKind, TaskView } from '../../../../shared/contract';
import type { ServiceContext } from '../../context';
import type { Db } from '../../db/schema';

export type TaskOutcome<S> = { accepted: true; state: S } | { accepted: false; reason: string };

export type Task<S> = {
  kind: TaskKind;
  /** Counting-style tasks: the same code again means one more, so the duplicate guard stands aside. */
  countsRepeats: boolean;
  initial(): S;
  apply(db: Db, state: S, scanId: number, resolution: ScanResolution): Promise<TaskOutcome<S>>;
  /**
   * Takes back the effect of `scanId` (in the scan's transaction, so a task
   * that stores its work in its own tables can delete it); null when that
   * scan changed nothing undoable.
   */
  undo(db: Db, state: S, scanId: number): Promise<S | null>;
  /** "Bin done" (CMD:DONE): the state with the current bin closed; tasks without bins leave it out. */
  done?(state: S): S;
  /** What the station screen shows; `ctx` says who is looking (a blind counter sees no book). */
  view(ctx: ServiceContext, state: S): Promise<TaskView>;
};
