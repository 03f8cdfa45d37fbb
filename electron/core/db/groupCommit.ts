// Group commit: the SQLite host's write path (issue 10, "the posting path has
// no margin"). Profiled, a 15-line posting spent ~43 % of its time in COMMIT:
// each commit appends every page it touched to the WAL (~25–32 pages of 4 KB:
// the movements' product-index leaves, the balances leaves), and one commit per
// document alone capped ledger_post_ratio below 0.25 (bench: bare prepared
// statements, one commit per document, reach only 0.13–0.22 of the raw insert
// rate). Pages shared by several documents are written once per COMMIT, so
// write requests that are already waiting when one starts — several stations
// posting at once — run one after another inside ONE transaction, each in its
// own SAVEPOINT, and share one COMMIT:
// - a request that fails (a refusal, a bug) rolls back its savepoint alone;
// - no request is answered, and none of its events is sent, before the COMMIT
//   that holds it (the caller resolves its promise only then), so a crash
//   loses only unanswered work, and a retried idempotency key posts once;
// - a failed COMMIT, or an error after which SQLite has rolled the whole
//   transaction back itself (disk full, I/O), fails every request of the group;
// - a lone request is never delayed by a timer: a group forms from the write
//   requests delivered in the same turn of the event loop (the batch starts on
//   setImmediate, after the I/O callbacks already waiting), and it is bounded by
//   count and by time, the rest forming the next group;
// - the transaction never stays open across a turn of the event loop the
//   requests did not themselves wait on, so reads never see a group's
//   uncommitted work.
// A PostgreSQL host (issue 15) runs each write in its own transaction
// (`perRequestWrites`): grouping is an SQLite-host concern behind WriteRunner.
import type Database from 'better-sqlite3';
import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import type { DB } from './schema';

/** Runs `fn` in a write transaction and resolves once that transaction has committed. */
export type WriteRunner = <T>(fn: (trx: Transaction<DB>) => Promise<T>) => Promise<T>;

/** One transaction per write request (the default; what a PostgreSQL host uses). */
export const perRequestWrites =
  (root: Kysely<DB>): WriteRunner =>
  (fn) =>
    root.transaction().execute(fn);

type Job = {
  fn: (trx: Transaction<DB>) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
};

// Compiled once: two of these run for every request.
const savepoint = CompiledQuery.raw('SAVEPOINT request');
const release = CompiledQuery.raw('RELEASE request');
const rollbackTo = CompiledQuery.raw('ROLLBACK TO request');

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

export type GroupCommitOptions = {
  /** At most this many requests share a COMMIT. */
  maxRequests?: number;
  /** No request joins a group that has been running this long. */
  maxMs?: number;
  /** Called with each group's size after its COMMIT (benches, tests). */
  onGroup?: (size: number) => void;
};

export function groupCommitWrites(
  root: Kysely<DB>,
  sqlite: Database.Database,
  { maxRequests = 32, maxMs = 20, onGroup }: GroupCommitOptions = {},
): WriteRunner {
  const waiting: Job[] = [];
  let scheduled = false;

  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => void runGroup());
  };

  async function runGroup(): Promise<void> {
    scheduled = false;
    if (waiting.length === 0) return;
    const group: { job: Job; outcome: Outcome }[] = [];
    const started = performance.now();
    let begun = false;
    let failure: { error: unknown } | null = null;
    try {
      await root.transaction().execute(async (trx) => {
        begun = true;
        while (waiting.length > 0 && group.length < maxRequests && performance.now() - started < maxMs) {
          const job = waiting.shift()!;
          await trx.executeQuery(savepoint);
          let outcome: Outcome;
          try {
            outcome = { ok: true, value: await job.fn(trx) };
          } catch (error) {
            outcome = { ok: false, error };
          }
          group.push({ job, outcome });
          // SQLite rolled the whole transaction back (SQLITE_FULL, IOERR, …): the group is lost.
          if (!sqlite.inTransaction) throw new GroupLost(outcome.ok ? null : outcome.error);
          if (outcome.ok) await trx.executeQuery(release);
          else await rollbackSavepoint(trx);
        }
      });
    } catch (e) {
      failure = { error: e instanceof GroupLost ? (e.requestError ?? e) : e };
    }
    // The transaction could not even begin (a read-only database, busy past the timeout): every
    // request waiting now would have failed the same way on its own, and is answered so.
    if (failure && !begun) {
      const outcome: Outcome = { ok: false, error: failure.error };
      group.push(...waiting.splice(0).map((job) => ({ job, outcome })));
    }
    // Requests that arrived while this group ran form the next one, after the reads waiting meanwhile.
    if (waiting.length > 0) schedule();
    if (!failure) onGroup?.(group.length);
    for (const { job, outcome } of group) {
      if (failure) job.reject(failure.error);
      else if (outcome.ok) job.resolve(outcome.value);
      else job.reject(outcome.error);
    }
  }

  return <T>(fn: (trx: Transaction<DB>) => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      waiting.push({ fn, resolve: resolve as (v: unknown) => void, reject });
      schedule();
    });
}

/** Undoes one request's writes; the group's transaction goes on. */
async function rollbackSavepoint(trx: Transaction<DB>): Promise<void> {
  await trx.executeQuery(rollbackTo);
  await trx.executeQuery(release);
}

class GroupLost extends Error {
  constructor(readonly requestError: unknown) {
    super('the group transaction was rolled back by SQLite');
  }
}
