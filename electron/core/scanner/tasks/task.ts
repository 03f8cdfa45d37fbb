// A station's active task: what its scans mean. The later workflows (count
// sheets, return checks, load checks) plug in here as new task kinds.
import type { ScanResolution, TaskKind, TaskPatch, TaskView } from '../../../../shared/contract';
import type { ServiceContext } from '../../context';
import type { Db } from '../../db/schema';

export type TaskOutcome<S> = { accepted: true; state: S } | { accepted: false; reason: string };

export type Task<S> = {
  kind: TaskKind;
  /** Counting-style tasks: the same code again means one more, so the duplicate guard stands aside. */
  countsRepeats: boolean;
  /**
   * One person's work (a count: their entries, their bin, their progress on
   * the screen): scans by anyone but the task's owner are refused, never mixed
   * into it. Tasks that are the station's work (receiving, lookup) take anyone's.
   */
  ownerOnly: boolean;
  initial(): S;
  /**
   * The state the task begins with when someone chooses it at a station (or
   * starts it over), for `userId` — so the station screen shows the work at
   * once, not after the first scan. Without it, initial().
   */
  start?(db: Db, station: string, userId: number | null): Promise<S>;
  apply(db: Db, state: S, scanId: number, resolution: ScanResolution): Promise<TaskOutcome<S>>;
  /**
   * Takes back the effect of `scanId` (in the scan's transaction, so a task
   * that stores its work in its own tables can delete it); null when that
   * scan changed nothing undoable.
   */
  undo(db: Db, state: S, scanId: number): Promise<S | null>;
  /** "Bin done" (CMD:DONE): the state with the current bin closed; tasks without bins leave it out. */
  done?(state: S): S;
  /**
   * After an accepted scan, in its transaction, with the request's context:
   * for a task whose scan changes what other screens show (the load check
   * moves a trip to loading: every board hears of it).
   */
  afterApply?(ctx: ServiceContext, before: S, after: S): Promise<void>;
  /** What the station screen shows; `ctx` says who is looking (a blind counter sees no book). */
  view(ctx: ServiceContext, state: S): Promise<TaskView>;
  /**
   * For a task whose view is big: what the accepted goods scans `scanIds`
   * (taking the state from `before` to `after`) changed in it, so the event
   * carries that instead of the whole view; null when the whole view must go
   * (another trip). Without it, every scan sends the whole view.
   */
  patch?(ctx: ServiceContext, before: S, after: S, scanIds: readonly number[]): Promise<TaskPatch | null>;
};
