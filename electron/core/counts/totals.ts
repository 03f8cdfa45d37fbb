// A session's reconciliation totals, kept in memory once counting is over
// (issue 10). An edit of the reconciliation (a cause, a recount request)
// answers with the lines it changed and the new totals; working the totals out
// from every line cost a 20,000-line count more than the 50 ms an edit may
// take. Once counting has finished nothing the totals read can change while
// the session stays in the same state:
// - the lines' rounds and counts change only by counting (counting/recounting)
//   or a recount request (which changes the state);
// - a movement posted after a line was counted has a larger id than the
//   ledger position of its count, so it is not in that line's book, and a line
//   not counted adds no quantity to the totals;
// - unit costs change the amounts: the catalogue token (migration 3, bumped by
//   a trigger on unit_cost_fen, from any connection) is part of the stamp.
// So the totals are kept under a stamp of the session's state, the time its
// counting finished (a new finish after a recount), its tolerance and the
// catalogue token — read from the database on each use, so a change made by
// another process serving the same data folder is seen as well. While a
// session can still be counted nothing is kept.
import type { Kysely } from 'kysely';
import type { ReconcileTotals } from '../../../shared/contract/counts';
import type { DB, Db } from '../db/schema';
import { addAccuracy } from './accuracy';
import type { SessionRecord } from './common';
import { sessionTotals, totalsOf, type VarianceLine } from './variance';

const countingStates = new Set(['planned', 'counting', 'recounting']);

type Held = { stamp: string; totals: ReconcileTotals };
const held = new WeakMap<Kysely<DB>, Map<number, Held>>();

async function stampOf(db: Db, s: SessionRecord): Promise<string | null> {
  if (countingStates.has(s.state)) return null;
  const row = await db
    .selectFrom('count_sessions as s')
    .select([
      's.state',
      's.counting_finished_at',
      's.tolerance_units',
      's.tolerance_fen',
      (eb) => eb.selectFrom('catalogue_version').select('token').where('id', '=', 1).as('token'),
    ])
    .where('s.id', '=', s.id)
    .executeTakeFirst();
  if (!row || countingStates.has(row.state)) return null;
  return JSON.stringify([row.state, row.counting_finished_at, row.tolerance_units, row.tolerance_fen, row.token]);
}

/** The session's totals: from memory when nothing they read has changed, else worked out (and kept). */
export async function heldTotals(ctx: { root: Kysely<DB>; db: Db }, s: SessionRecord): Promise<ReconcileTotals> {
  const stamp = await stampOf(ctx.db, s);
  const kept = stamp === null ? undefined : held.get(ctx.root)?.get(s.id);
  if (kept && kept.stamp === stamp) return kept.totals;
  const totals = await sessionTotals(ctx.db, s);
  if (stamp !== null) keep(ctx.root, s.id, stamp, totals);
  return totals;
}

/** Totals just worked out from every line (the full reconciliation): kept for the edits that follow. */
export async function keepTotals(
  ctx: { root: Kysely<DB>; db: Db },
  s: SessionRecord,
  totals: ReconcileTotals,
): Promise<void> {
  const stamp = await stampOf(ctx.db, s);
  if (stamp !== null) keep(ctx.root, s.id, stamp, totals);
}

function keep(root: Kysely<DB>, sessionId: number, stamp: string, totals: ReconcileTotals): void {
  let bySession = held.get(root);
  if (!bySession) held.set(root, (bySession = new Map()));
  bySession.set(sessionId, { stamp, totals });
}

/** `totals` with some lines' figures taken out (`before`) and their new figures put in (`after`). */
export function replaceLines(
  totals: ReconcileTotals,
  before: readonly VarianceLine[],
  after: readonly VarianceLine[],
): ReconcileTotals {
  return add(add(totals, totalsOf(before), -1), totalsOf(after), 1);
}

function add(a: ReconcileTotals, b: ReconcileTotals, sign: 1 | -1): ReconcileTotals {
  return {
    lines: a.lines + sign * b.lines,
    counted: a.counted + sign * b.counted,
    matched: a.matched + sign * b.matched,
    withinTolerance: a.withinTolerance + sign * b.withinTolerance,
    outOfTolerance: a.outOfTolerance + sign * b.outOfTolerance,
    notCounted: a.notCounted + sign * b.notCounted,
    recount: a.recount + sign * b.recount,
    varianceQty: a.varianceQty + sign * b.varianceQty,
    varianceAmountFen: a.varianceAmountFen + sign * b.varianceAmountFen,
    absVarianceAmountFen: a.absVarianceAmountFen + sign * b.absVarianceAmountFen,
    accuracy: addAccuracy(a.accuracy, {
      ...b.accuracy,
      linesCounted: sign * b.accuracy.linesCounted,
      linesWithinTolerance: sign * b.accuracy.linesWithinTolerance,
      amountCountedFen: sign * b.accuracy.amountCountedFen,
      amountWithinToleranceFen: sign * b.accuracy.amountWithinToleranceFen,
    }),
  };
}
