// Shared pieces of the count services: loading a session with its state
// checked, numbering, the audit entry and the refresh event that go with every
// state change.
import { sql } from 'kysely';
import type { CountScope, CountSessionState } from '../../../shared/contract/counts';
import { AppError } from '../../../shared/errors';
import { recordAudit } from '../audit/audit';
import { businessDay } from '../clock';
import { requireSession, type ServiceContext } from '../context';
import type { Db } from '../db/schema';
import { countsChanged } from './activeCounts';

export type SessionRecord = {
  id: number;
  number: string;
  state: CountSessionState;
  blind: boolean;
  scope: CountScope;
  toleranceUnits: number | null;
  toleranceFen: number | null;
  snapshotMovementId: number | null;
  raw: {
    created_by: number;
    operator_confirmed_by: number | null;
    keeper_confirmed_by: number | null;
  };
};

export async function loadSession(db: Db, sessionId: number): Promise<SessionRecord> {
  const s = await db.selectFrom('count_sessions').selectAll().where('id', '=', sessionId).executeTakeFirst();
  if (!s) throw new AppError('counts.notFound', { sessionId });
  return {
    id: s.id,
    number: s.number,
    state: s.state as CountSessionState,
    blind: s.blind === 1,
    scope: JSON.parse(s.scope) as CountScope,
    toleranceUnits: s.tolerance_units,
    toleranceFen: s.tolerance_fen,
    snapshotMovementId: s.snapshot_movement_id,
    raw: s,
  };
}

/** Throws counts.readOnly for a closed session, counts.wrongState when not in one of `allowed`. */
export function requireState(s: SessionRecord, allowed: readonly CountSessionState[]): void {
  if (allowed.includes(s.state)) return;
  if (s.state === 'closed' || s.state === 'cancelled')
    throw new AppError('counts.readOnly', { number: s.number, state: s.state });
  throw new AppError('counts.wrongState', { number: s.number, state: s.state, expected: [...allowed] });
}

/** PD-20261122-0001 / TZ-20261122-0001: per business day, on the documents' counter table. */
export async function nextNumber(ctx: ServiceContext, kind: 'countSession' | 'adjustmentForm'): Promise<string> {
  const day = businessDay(ctx.now, ctx.timeZone);
  const row = await ctx.db
    .insertInto('document_counters')
    .values({ type: kind, day, last: 1 })
    .onConflict((oc) => oc.columns(['type', 'day']).doUpdateSet({ last: sql<number>`document_counters.last + 1` }))
    .returning('last')
    .executeTakeFirstOrThrow();
  return `${kind === 'countSession' ? 'PD' : 'TZ'}-${day}-${String(row.last).padStart(4, '0')}`;
}

/** The ledger position: movements with a larger id were posted after this moment. */
export async function ledgerPosition(db: Db): Promise<number> {
  const r = await db
    .selectFrom('movements')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  return Number(r?.id ?? 0);
}

export function userId(ctx: ServiceContext): number {
  return requireSession(ctx).userId;
}

/**
 * Every state change: the audit log (who, when, before → after), the counts
 * held in memory dropped (activeCounts.ts: states, counters, recount keepers,
 * bins all change through here) and a refresh event after commit.
 */
export async function changed(
  ctx: ServiceContext,
  what: { entity: 'countSession' | 'adjustmentForm'; entityId: number; before?: unknown; after?: unknown },
  ids: { sessionId: number | null; formId: number | null; lineIds?: number[] },
): Promise<void> {
  await recordAudit(ctx, what);
  countsChanged(ctx.db);
  ctx.emit('counts.changed', ids);
}

/** Both confirmations taken back: the lines changed (a recount, a cause, a rejected form), so both look again. */
export const clearConfirmations = {
  operator_confirmed_by: null,
  operator_confirmed_at: null,
  keeper_confirmed_by: null,
  keeper_confirmed_at: null,
} as const;
