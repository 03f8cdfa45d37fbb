// Blind count (issue 5 ★): while a blind session is being counted, no reply to
// a counter carries a book quantity, a snapshot, movements since or a
// variance — a counter who knows the book counts towards it. The rule:
//   the book is hidden when the session is blind, in planned/counting/recounting,
//   and the caller either counts in it (assigned counter or recount keeper) or
//   holds neither the operator nor the CS manager role.
// So a keeper sees nothing until counting is finished; an operator watching the
// count sees the live reconciliation unless they are counting themselves.
import type { Events } from '../../../shared/contract';
import type { ServiceContext } from '../context';
import { hasRole } from '../context';
import type { Db } from '../db/schema';
import { activeCounts } from './activeCounts';
import type { SessionRecord } from './common';

const countingStates = new Set(['planned', 'counting', 'recounting']);

export async function countsIn(db: Db, sessionId: number, userId: number): Promise<boolean> {
  const counter = await db
    .selectFrom('count_counters')
    .select('id')
    .where('session_id', '=', sessionId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (counter) return true;
  const recount = await db
    .selectFrom('count_lines')
    .select('id')
    .where('session_id', '=', sessionId)
    .where('recount_by', '=', userId)
    .executeTakeFirst();
  return recount !== undefined;
}

export async function bookVisible(ctx: ServiceContext, s: SessionRecord): Promise<boolean> {
  if (!s.blind || !countingStates.has(s.state)) return true;
  const session = ctx.caller.session;
  if (!session || !watchesCounts(ctx)) return false;
  return !(await countsIn(ctx.db, s.id, session.userId));
}

/** The rule's role half: only an operator or a CS manager may watch a blind count (when not counting in it). */
function watchesCounts(ctx: ServiceContext): boolean {
  return hasRole(ctx, 'operator') || hasRole(ctx, 'csManager');
}

/**
 * Bins whose book the caller may not see now: the bins of every blind count
 * being counted whose book is hidden from them (the rule above). The inventory
 * grid and the lookup at a station leave these bins out, so a counter cannot
 * read the book off another screen. A whole bin is hidden, not only the
 * counted products: a product absent from the count sheet is still in the bin.
 * Served from memory (activeCounts.ts): it runs on every inventory read,
 * station lookup and stock event per window. A planned count has no bins yet.
 */
export async function hiddenBins(ctx: ServiceContext): Promise<ReadonlySet<number>> {
  const { sessions } = await activeCounts(ctx);
  const me = ctx.caller.session?.userId;
  const watcher = me !== undefined && watchesCounts(ctx);
  const hidden = new Set<number>();
  for (const s of sessions) {
    if (!s.blind || (watcher && !s.counters.has(me))) continue;
    for (const b of s.bins) hidden.add(b);
  }
  return hidden;
}

/**
 * A stock event as this caller may see it: a blind counter's windows get no
 * new balances of the bins being counted (the inventory grid applies them
 * live). Null when nothing of it is left to show.
 */
export async function stockEventFor(
  ctx: ServiceContext,
  payload: Events['stock.changed'],
): Promise<Events['stock.changed'] | null> {
  const hidden = await hiddenBins(ctx);
  if (hidden.size === 0) return payload;
  const keys = payload.keys.filter((k) => !hidden.has(k.locationId));
  return keys.length > 0 ? { ...payload, keys } : null;
}
