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
import { loadSession, type SessionRecord } from './common';

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
  if (!session) return false;
  if (!hasRole(ctx, 'operator') && !hasRole(ctx, 'csManager')) return false;
  return !(await countsIn(ctx.db, s.id, session.userId));
}

/**
 * Bins whose book the caller may not see now: the bins of every blind count
 * being counted whose book is hidden from them (the rule above). The inventory
 * grid and the lookup at a station leave these bins out, so a counter cannot
 * read the book off another screen. A whole bin is hidden, not only the
 * counted products: a product absent from the count sheet is still in the bin.
 */
export async function hiddenBins(ctx: ServiceContext): Promise<ReadonlySet<number>> {
  const sessions = await ctx.db
    .selectFrom('count_sessions')
    .select(['id'])
    .where('blind', '=', 1)
    .where('state', 'in', [...countingStates])
    .execute();
  const hidden = new Set<number>();
  for (const { id } of sessions) {
    if (await bookVisible(ctx, await loadSession(ctx.db, id))) continue;
    const bins = await ctx.db
      .selectFrom('count_lines')
      .select('location_id')
      .distinct()
      .where('session_id', '=', id)
      .execute();
    for (const b of bins) hidden.add(b.location_id);
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
