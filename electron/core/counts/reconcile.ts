// Reconciliation 共同对帐 (R10): the operator and the keeper go through the
// variances together — recount lines outside tolerance by a different keeper
// (blind again), give every remaining variance a cause, and both confirm. The
// second confirmation generates the adjustment form from the variances.
import type {
  CountCause,
  ReconcileChange,
  ReconcileLines,
  ReconcileTotals,
  ReconcileView,
} from '../../../shared/contract/counts';
import { AppError } from '../../../shared/errors';
import { hasRole, type ServiceContext } from '../context';
import type { Db } from '../db/schema';
import { excludePostings } from './activeCounts';
import { createFormFromSession } from './adjustments';
import { bookVisible } from './blindness';
import { changed, clearConfirmations, loadSession, requireState, userId, type SessionRecord } from './common';
import { requireKeeper, sessionView } from './sessions';
import { heldTotals, keepTotals, replaceLines } from './totals';
import { computeLines, reconcileLines, totalsOf, type VarianceLine } from './variance';

/** The session, refused outright to a caller who may not see its book: a grid of nothing is no use. */
async function visibleSession(ctx: ServiceContext, sessionId: number): Promise<SessionRecord> {
  const s = await loadSession(ctx.db, sessionId);
  if (!(await bookVisible(ctx, s))) throw new AppError('counts.bookHidden', { number: s.number });
  return s;
}

export async function reconcileView(ctx: ServiceContext, sessionId: number): Promise<ReconcileView> {
  const s = await visibleSession(ctx, sessionId);
  const lines = await computeLines(ctx.db, s);
  const totals = totalsOf(lines);
  await keepTotals(ctx, s, totals);
  return { session: await sessionView(ctx, s.id, s, totals), ...reconcileLines(lines), totals };
}

/**
 * The first lines in walking order, for the grid to paint at once while
 * counts.reconcile works out every line and the totals (a second or more at
 * 100,000 lines). No totals and no session: both need every line.
 */
export async function reconcileFirst(
  ctx: ServiceContext,
  input: { sessionId: number; limit: number },
): Promise<ReconcileLines> {
  const s = await visibleSession(ctx, input.sessionId);
  return reconcileLines(await computeLines(ctx.db, s, await firstLineIds(ctx.db, s, input.limit)));
}

/**
 * Some lines of the reconciliation with the session's totals and record: the
 * reply to an edit, and what another window showing the reconciliation asks
 * for when an edit's event names the lines (issue 10: an edit of a
 * 20,000-line count answered with every line, 7.6 MB and a full working-out).
 */
export async function reconcileChange(
  ctx: ServiceContext,
  input: { sessionId: number; lineIds: number[] },
  /** An edit that changed the lines' figures: the totals before it, and the lines as they were. */
  replaced?: { totals: ReconcileTotals; before: VarianceLine[] },
): Promise<ReconcileChange> {
  const s = await visibleSession(ctx, input.sessionId);
  const lines = await computeLines(ctx.db, s, [...new Set(input.lineIds)]);
  const totals = replaced ? replaceLines(replaced.totals, replaced.before, lines) : await heldTotals(ctx, s);
  return { session: await sessionView(ctx, s.id, s, totals), ...reconcileLines(lines), totals };
}

/** The ids of the first lines in walking order (bin, product code, status), as computeLines sorts them. */
async function firstLineIds(db: Db, s: SessionRecord, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('count_lines as l')
    .innerJoin('locations as loc', 'loc.id', 'l.location_id')
    .innerJoin('products as p', 'p.id', 'l.product_id')
    .select('l.id')
    .where('l.session_id', '=', s.id)
    .orderBy('loc.code')
    .orderBy('p.code')
    .orderBy('l.status')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** ★ Recount by a different keeper, blind; the recount replaces the first count for these lines only. */
export async function requestRecount(
  ctx: ServiceContext,
  input: { sessionId: number; lineIds: number[]; keeperId: number },
): Promise<ReconcileChange> {
  // The recounted bins lock again: on PostgreSQL wait for another host's postings in flight (activeCounts.ts).
  await excludePostings(ctx);
  const s = await loadSession(ctx.db, input.sessionId);
  requireState(s, ['reconciling']);
  await requireKeeper(ctx.db, input.keeperId);
  const ids = [...new Set(input.lineIds)];
  const lines = await computeLines(ctx.db, s, ids);
  if (lines.length !== ids.length) throw new AppError('counts.lineNotFound', { number: s.number });
  for (const l of lines) {
    if (l.lineStatus !== 'outOfTolerance')
      throw new AppError('counts.notOutOfTolerance', { lineId: l.lineId, productCode: l.product.code });
    if (l.counts?.some((c) => c.userId === input.keeperId))
      throw new AppError('counts.sameRecounter', {
        lineId: l.lineId,
        productCode: l.product.code,
        locationCode: l.locationCode,
      });
  }
  // The totals as they stand, before the lines change (from memory while reconciling).
  const totals = await heldTotals(ctx, s);
  for (const l of lines) {
    await ctx.db
      .updateTable('count_lines')
      .set({ round: l.round + 1, recount_by: input.keeperId, cause: null, cause_note: '' })
      .where('id', '=', l.lineId)
      .execute();
  }
  await ctx.db
    .updateTable('count_sessions')
    .set({ state: 'recounting', ...clearConfirmations })
    .where('id', '=', s.id)
    .execute();
  await changed(
    ctx,
    {
      entity: 'countSession',
      entityId: s.id,
      before: { state: s.state },
      after: { state: 'recounting', keeperId: input.keeperId, lineIds: ids },
    },
    { sessionId: s.id, formId: null, lineIds: ids },
  );
  return reconcileChange(ctx, { sessionId: s.id, lineIds: ids }, { totals, before: lines });
}

export async function setCauses(
  ctx: ServiceContext,
  input: { sessionId: number; lines: { lineId: number; cause: CountCause | null; note?: string }[] },
): Promise<ReconcileChange> {
  const s = await loadSession(ctx.db, input.sessionId);
  requireState(s, ['reconciling']);
  for (const l of input.lines) {
    const r = await ctx.db
      .updateTable('count_lines')
      .set({ cause: l.cause, cause_note: l.note ?? '' })
      .where('id', '=', l.lineId)
      .where('session_id', '=', s.id)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1)
      throw new AppError('counts.lineNotFound', { number: s.number, lineId: l.lineId });
  }
  // A change after a confirmation needs confirming again.
  await ctx.db.updateTable('count_sessions').set(clearConfirmations).where('id', '=', s.id).execute();
  const lineIds = [...new Set(input.lines.map((l) => l.lineId))];
  await changed(
    ctx,
    { entity: 'countSession', entityId: s.id, after: { causes: input.lines } },
    { sessionId: s.id, formId: null, lineIds },
  );
  return reconcileChange(ctx, { sessionId: s.id, lineIds });
}

/**
 * One side of 共同对帐. The operator's and the keeper's confirmations are two
 * people; a user holding both roles confirms the side not yet confirmed, or the
 * one named in `as`.
 */
export async function confirmReconciliation(
  ctx: ServiceContext,
  input: { sessionId: number; as?: 'operator' | 'warehouseKeeper' },
): Promise<ReconcileView> {
  const s = await loadSession(ctx.db, input.sessionId);
  requireState(s, ['reconciling']);
  const me = userId(ctx);
  const lines = await computeLines(ctx.db, s);
  const missing = lines.filter((l) => l.varianceQty !== null && l.varianceQty !== 0 && l.cause === null);
  if (missing.length > 0)
    throw new AppError('counts.causeMissing', {
      lines: missing.length,
      lineIds: missing.slice(0, 50).map((l) => l.lineId),
    });

  const raw = s.raw;
  const side =
    input.as ??
    (hasRole(ctx, 'operator') && (!hasRole(ctx, 'warehouseKeeper') || raw.operator_confirmed_by === null)
      ? 'operator'
      : 'warehouseKeeper');
  if (!hasRole(ctx, side)) throw new AppError('auth.forbidden', { allowed: [side] });
  const other = side === 'operator' ? raw.keeper_confirmed_by : raw.operator_confirmed_by;
  if (other === me) throw new AppError('counts.sameConfirmer', { number: s.number });
  const at = ctx.now.toISOString();
  const set =
    side === 'operator'
      ? { operator_confirmed_by: me, operator_confirmed_at: at }
      : { keeper_confirmed_by: me, keeper_confirmed_at: at };
  const both = other !== null;
  const variances = lines.filter((l) => l.varianceQty !== null && l.varianceQty !== 0);
  const state = !both ? 'reconciling' : variances.length > 0 ? 'confirmed' : 'closed';
  await ctx.db
    .updateTable('count_sessions')
    .set({ ...set, state, ...(state === 'closed' ? { closed_at: at } : {}) })
    .where('id', '=', s.id)
    .execute();
  await changed(
    ctx,
    { entity: 'countSession', entityId: s.id, before: { state: s.state }, after: { state, confirmedAs: side } },
    { sessionId: s.id, formId: null },
  );
  // Both confirmed: the variances become an adjustment form (a separate record); nothing to adjust closes the count.
  if (state === 'confirmed') await createFormFromSession(ctx, s, variances);
  return reconcileView(ctx, s.id);
}
