// The counts being counted now (counting, recounting) and their bins, kept in
// memory: every posting asks whether a bin is locked, and every inventory read,
// station lookup and per-window stock event asks which bins a blind counter may
// not see. Reading count_sessions and count_lines for each of those was a query
// on a hot path; the set changes only when a count changes state, gains a
// counter or a recount keeper, or a counter finds goods in a bin the snapshot
// did not list.
//
// How the memory follows the database: every such change calls countsChanged
// with the handle it wrote through, inside its transaction. That drops what is
// held at once — not after commit: another request can only read once this
// transaction has released the connection (one connection, one transaction at
// a time), so the next load sees the committed or rolled-back state, and no
// posting can slip through between commit and an afterCommit callback. What the
// changing transaction itself loads is never kept (a rollback would leave it
// wrong); a load that began before a change is not kept either.
// The memory is this process's: a second process serving the same data folder
// (a second station host) follows only the count changes made through it. A
// token row read per posting, as the posting catalogue does, would carry them
// across at one query a posting, which the posting path was asked not to pay.
// On PostgreSQL (issue 15 §4) several hosts write one database as a matter of
// course, so nothing is held: the counts are read in the asking transaction
// each time (one indexed read of the few counting sessions; none, usually).
//
// Reading them is not enough there: under READ COMMITTED a posting on host B
// could read "no count", a count could start and commit on host A with its
// snapshot, and B's lines then land in a bin that count locks — and after its
// snapshot, under a ledger position the reconciliation takes for "before". So
// on PostgreSQL a count's start and recount and every posting share one
// transaction-scoped advisory lock, as writer and readers: postings take it
// shared (they never wait for each other), a count takes it exclusive, so it
// waits for the postings in flight to commit and the next ones wait for it,
// then read it. SQLite needs none of this: it has one writer at a time.
import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../db/portable';
import { AppError } from '../../../shared/errors';
import type { DB, Db } from '../db/schema';

export type ActiveCount = {
  sessionId: number;
  number: string;
  blind: boolean;
  lockBins: boolean;
  /** Who counts in it: the assigned counters and the recount keepers (blindness.ts). */
  counters: ReadonlySet<number>;
  /** The bins of its lines: the snapshot's, and any where a counter found goods the book did not place. */
  bins: ReadonlySet<number>;
};

export type LockedBin = { locationId: number; locationCode: string; sessionId: number; sessionNumber: string };

export type ActiveCounts = {
  sessions: readonly ActiveCount[];
  /** Bin → the count locking it against postings. */
  locked: ReadonlyMap<number, LockedBin>;
};

/** The states in which a count holds its bins (hidden when blind, locked when asked). */
const countedStates = ['counting', 'recounting'];

/** Bumped by every change, so a load that raced a change is not kept. One counter for every database: a change elsewhere costs a reload, never a stale answer. */
let generation = 0;
const held = new WeakMap<Kysely<DB>, { generation: number; counts: ActiveCounts }>();
/** Transactions that changed a count, until they end (their handle is never reused). */
const changing = new WeakSet<Db>();

/** Call on any change to which counts are counted, their counters or their bins, with the handle written through. */
export function countsChanged(db: Db): void {
  generation++;
  if (db.isTransaction) changing.add(db);
}

export async function activeCounts(ctx: { root: Kysely<DB>; db: Db }): Promise<ActiveCounts> {
  if (isPostgres(ctx.root)) return load(ctx.db);
  const mine = changing.has(ctx.db);
  const current = held.get(ctx.root);
  if (!mine && current && current.generation === generation) return current.counts;
  const at = generation;
  const counts = await load(ctx.db);
  if (!mine && at === generation) held.set(ctx.root, { generation: at, counts });
  return counts;
}

/** The advisory lock's key: any constant of our own ('cw' + 'count'). */
const countsLockKey = 0x6377_0c07;

/**
 * Called first by a change that makes bins counted (a count's start, a
 * recount), with the transaction it writes through: on PostgreSQL it waits
 * for the postings in flight and holds the next ones until it commits.
 */
export async function excludePostings(ctx: { root: Kysely<DB>; db: Db }): Promise<void> {
  if (isPostgres(ctx.root)) await sql`SELECT pg_advisory_xact_lock(${sql.lit(countsLockKey)})`.execute(ctx.db);
}

/** Refuses a posting that touches a bin locked by a count being counted (the count's own adjustment comes later). */
export async function refuseLockedBins(
  ctx: { root: Kysely<DB>; db: Db },
  lines: readonly { locationId: number }[],
): Promise<void> {
  // Before the counts are read: a count starting now is either committed and seen, or waits for this posting.
  if (isPostgres(ctx.root)) await sql`SELECT pg_advisory_xact_lock_shared(${sql.lit(countsLockKey)})`.execute(ctx.db);
  const { locked } = await activeCounts(ctx);
  if (locked.size === 0) return;
  for (const l of lines) {
    const lock = locked.get(l.locationId);
    if (lock) throw new AppError('stock.binLockedByCount', lock);
  }
}

async function load(db: Db): Promise<ActiveCounts> {
  const sessions = await db
    .selectFrom('count_sessions')
    .select(['id', 'number', 'blind', 'lock_bins'])
    .where('state', 'in', countedStates)
    .orderBy('id')
    .execute();
  if (sessions.length === 0) return { sessions: [], locked: new Map() };
  const ids = sessions.map((s) => s.id);
  const bins = await db
    .selectFrom('count_lines as l')
    .innerJoin('locations as loc', 'loc.id', 'l.location_id')
    .select(['l.session_id', 'l.location_id', 'loc.code'])
    .distinct()
    .where('l.session_id', 'in', ids)
    .execute();
  const counters = await db
    .selectFrom('count_counters')
    .select(['session_id', 'user_id'])
    .where('session_id', 'in', ids)
    .union(
      db
        .selectFrom('count_lines')
        .select(['session_id', (eb) => eb.ref('recount_by').$notNull().as('user_id')])
        .where('session_id', 'in', ids)
        .where('recount_by', 'is not', null),
    )
    .execute();
  const binsOf = groupBy(bins, (b) => b.session_id);
  const countersOf = groupBy(counters, (c) => c.session_id);
  const locked = new Map<number, LockedBin>();
  const active = sessions.map((s): ActiveCount => {
    const mine = binsOf.get(s.id) ?? [];
    // The oldest count names the lock when two lock one bin.
    if (s.lock_bins === 1)
      for (const b of mine)
        if (!locked.has(b.location_id))
          locked.set(b.location_id, {
            locationId: b.location_id,
            locationCode: b.code,
            sessionId: s.id,
            sessionNumber: s.number,
          });
    return {
      sessionId: s.id,
      number: s.number,
      blind: s.blind === 1,
      lockBins: s.lock_bins === 1,
      counters: new Set((countersOf.get(s.id) ?? []).map((c) => c.user_id)),
      bins: new Set(mine.map((b) => b.location_id)),
    };
  });
  return { sessions: active, locked };
}

function groupBy<T>(rows: T[], key: (row: T) => number): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const r of rows) {
    const list = out.get(key(r));
    if (list) list.push(r);
    else out.set(key(r), [r]);
  }
  return out;
}
