// The count session 盘点单 (R10): plan → start (snapshot) → count → finish →
// reconcile; list and the full record for history.
import type {
  AdjustmentFormState,
  CountCounterView,
  AbcClass,
  CountScope,
  CountScopePreview,
  CountSelection,
  CountSessionRow,
  CountSessionState,
  CountSessionView,
  ReconcileTotals,
} from '../../../shared/contract/counts';
import { AppError } from '../../../shared/errors';
import type { ServiceContext } from '../context';
import type { Db } from '../db/schema';
import { excludePostings } from './activeCounts';
import { listForms } from './adjustmentViews';
import { bookVisible } from './blindness';
import { changed, ledgerPosition, loadSession, nextNumber, requireState, userId, type SessionRecord } from './common';
import { previewScope, snapshotInScope, validateScope } from './scope';
import { heldTotals } from './totals';

export type PlanInput = {
  scope: CountScope;
  counters: { userId: number; zoneId?: number | null }[];
  blind?: boolean;
  /** Refuse postings to the counted bins while counting (issue 5: "for those who want it"). */
  lockBins?: boolean;
  toleranceUnits?: number | null;
  toleranceFen?: number | null;
  note?: string;
};

/** Counters are warehouse keepers (R10: the keeper counts). */
export async function requireKeeper(db: Db, id: number): Promise<string> {
  const user = await db
    .selectFrom('users as u')
    .innerJoin('user_roles as r', 'r.user_id', 'u.id')
    .select('u.display_name')
    .where('u.id', '=', id)
    .where('u.active', '=', 1)
    .where('r.role', '=', 'warehouseKeeper')
    .executeTakeFirst();
  if (!user) throw new AppError('counts.counterNotKeeper', { userId: id });
  return user.display_name;
}

export async function planSession(ctx: ServiceContext, input: PlanInput): Promise<CountSessionView> {
  await validateScope(ctx.db, input.scope);
  for (const c of input.counters) {
    await requireKeeper(ctx.db, c.userId);
    if (c.zoneId !== undefined && c.zoneId !== null) {
      const zone = await ctx.db.selectFrom('locations').select('kind').where('id', '=', c.zoneId).executeTakeFirst();
      if (zone?.kind !== 'zone') throw new AppError('counts.invalidScope', { locationId: c.zoneId, expected: 'zone' });
    }
  }
  const number = await nextNumber(ctx, 'countSession');
  const at = ctx.now.toISOString();
  const row = await ctx.db
    .insertInto('count_sessions')
    .values({
      number,
      state: 'planned',
      blind: input.blind === false ? 0 : 1,
      lock_bins: input.lockBins === true ? 1 : 0,
      scope: JSON.stringify(input.scope),
      tolerance_units: input.toleranceUnits ?? null,
      tolerance_fen: input.toleranceFen ?? null,
      note: input.note ?? '',
      created_by: userId(ctx),
      created_at: at,
      started_by: null,
      started_at: null,
      snapshot_movement_id: null,
      counting_finished_at: null,
      operator_confirmed_by: null,
      operator_confirmed_at: null,
      keeper_confirmed_by: null,
      keeper_confirmed_at: null,
      closed_at: null,
      cancelled_reason: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const seen = new Set<string>();
  for (const c of input.counters) {
    const k = `${c.userId}|${c.zoneId ?? 0}`;
    if (seen.has(k)) continue;
    seen.add(k);
    await ctx.db
      .insertInto('count_counters')
      .values({ session_id: row.id, user_id: c.userId, zone_id: c.zoneId ?? null })
      .execute();
  }
  await changed(
    ctx,
    { entity: 'countSession', entityId: row.id, after: { number, state: 'planned', ...input } },
    { sessionId: row.id, formId: null },
  );
  return sessionView(ctx, row.id);
}

/** How many lines the scope would give if a count started now: the plan form shows it before saving. */
export async function previewPlan(ctx: ServiceContext, scope: CountScope): Promise<CountScopePreview> {
  await validateScope(ctx.db, scope);
  return previewScope(ctx.db, scope, ctx.now, ctx.timeZone);
}

/**
 * ★ Snapshot: the book per (product, bin, status) in scope, and the ledger
 * position it was read at. An ABC class filter is classified here, in the same
 * transaction, from the same ledger the snapshot reads — not at planning, when
 * the classes may be days old — and recorded with the session.
 */
export async function startSession(ctx: ServiceContext, sessionId: number): Promise<CountSessionView> {
  // On PostgreSQL, before the position is read: no posting of another host is half-way (activeCounts.ts).
  await excludePostings(ctx);
  const s = await loadSession(ctx.db, sessionId);
  requireState(s, ['planned']);
  // Same write transaction: no posting can land between the position and the balances read.
  const position = await ledgerPosition(ctx.db);
  const snapshotLines = await snapshotInScope(ctx.db, s.id, s.scope, ctx.now, ctx.timeZone);
  const at = ctx.now.toISOString();
  await ctx.db
    .updateTable('count_sessions')
    .set({ state: 'counting', started_by: userId(ctx), started_at: at, snapshot_movement_id: position })
    .where('id', '=', s.id)
    .execute();
  // The audit keeps the size of the snapshot, not its quantities: the log is readable by more people.
  await changed(
    ctx,
    {
      entity: 'countSession',
      entityId: s.id,
      before: { state: s.state },
      after: { state: 'counting', snapshotLines, ledgerPosition: position },
    },
    { sessionId: s.id, formId: null },
  );
  return sessionView(ctx, s.id);
}

export async function finishCounting(ctx: ServiceContext, sessionId: number): Promise<CountSessionView> {
  const s = await loadSession(ctx.db, sessionId);
  requireState(s, ['counting', 'recounting']);
  await ctx.db
    .updateTable('count_sessions')
    .set({ state: 'reconciling', counting_finished_at: ctx.now.toISOString() })
    .where('id', '=', s.id)
    .execute();
  await changed(
    ctx,
    { entity: 'countSession', entityId: s.id, before: { state: s.state }, after: { state: 'reconciling' } },
    { sessionId: s.id, formId: null },
  );
  return sessionView(ctx, s.id);
}

export async function cancelSession(ctx: ServiceContext, sessionId: number, reason: string): Promise<CountSessionView> {
  const s = await loadSession(ctx.db, sessionId);
  requireState(s, ['planned', 'counting', 'recounting', 'reconciling']);
  await ctx.db
    .updateTable('count_sessions')
    .set({ state: 'cancelled', cancelled_reason: reason, closed_at: ctx.now.toISOString() })
    .where('id', '=', s.id)
    .execute();
  await changed(
    ctx,
    { entity: 'countSession', entityId: s.id, before: { state: s.state }, after: { state: 'cancelled', reason } },
    { sessionId: s.id, formId: null },
  );
  return sessionView(ctx, s.id);
}

export type ListInput = {
  state?: CountSessionState;
  from?: string;
  to?: string;
  userId?: number;
  search?: string;
  limit?: number;
};

export async function listSessions(ctx: ServiceContext, input: ListInput): Promise<CountSessionRow[]> {
  return sessionRows(ctx.db, input);
}

async function sessionRows(
  db: Db,
  input: ListInput & { id?: number },
  /** The line counts when the caller knows them (from the totals): two scans of the lines spared. */
  known?: { lineCount: number; countedLineCount: number },
): Promise<CountSessionRow[]> {
  let q = db
    .selectFrom('count_sessions as s')
    .innerJoin('users as c', 'c.id', 's.created_by')
    .select([
      's.id',
      's.number',
      's.state',
      's.blind',
      's.lock_bins',
      's.scope',
      's.created_at',
      'c.display_name as createdBy',
      's.started_at',
      's.counting_finished_at',
      's.closed_at',
    ])
    .$if(!known, (qb) =>
      qb.select([
        (eb) =>
          eb
            .selectFrom('count_lines as l')
            .select((e) => e.fn.countAll<number>().as('n'))
            .whereRef('l.session_id', '=', 's.id')
            .as('lineCount'),
        (eb) =>
          eb
            .selectFrom('count_lines as l')
            .select((e) => e.fn.countAll<number>().as('n'))
            .whereRef('l.session_id', '=', 's.id')
            .where((e) =>
              e.exists(
                e
                  .selectFrom('count_tallies as x')
                  .select('x.line_id')
                  .whereRef('x.line_id', '=', 'l.id')
                  .whereRef('x.round', '=', 'l.round'),
              ),
            )
            .as('countedLineCount'),
      ]),
    );
  if (input.id !== undefined) q = q.where('s.id', '=', input.id);
  if (input.state) q = q.where('s.state', '=', input.state);
  if (input.from) q = q.where('s.created_at', '>=', new Date(input.from).toISOString());
  if (input.to) q = q.where('s.created_at', '<', new Date(input.to).toISOString());
  if (input.userId !== undefined) {
    const who = input.userId;
    q = q.where((eb) =>
      eb.or([
        eb('s.created_by', '=', who),
        eb('s.started_by', '=', who),
        eb('s.operator_confirmed_by', '=', who),
        eb('s.keeper_confirmed_by', '=', who),
        eb.exists(
          eb
            .selectFrom('count_counters as k')
            .select('k.id')
            .whereRef('k.session_id', '=', 's.id')
            .where('k.user_id', '=', who),
        ),
      ]),
    );
  }
  if (input.search) {
    const like = `%${input.search.replace(/[%_\\]/g, (m) => `\\${m}`)}%`;
    q = q.where((eb) =>
      eb.or([eb('s.number', 'like', like), eb('s.note', 'like', like), eb('c.display_name', 'like', like)]),
    );
  }
  const rows = await q
    .orderBy('s.id', 'desc')
    .limit(input.limit ?? 500)
    .execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const counters = await db
    .selectFrom('count_counters as k')
    .innerJoin('users as u', 'u.id', 'k.user_id')
    .leftJoin('locations as z', 'z.id', 'k.zone_id')
    .select(['k.session_id', 'k.user_id', 'u.display_name', 'k.zone_id', 'z.code'])
    .where('k.session_id', 'in', ids)
    .orderBy('k.id')
    .execute();
  const forms = await db
    .selectFrom('adjustment_forms')
    .select(['id', 'number', 'state', 'session_id'])
    .where('session_id', 'in', ids)
    .where('state', '<>', 'rejected')
    .execute();
  return rows.map((r) => {
    const form = forms.find((f) => f.session_id === r.id);
    return {
      id: r.id,
      number: r.number,
      state: r.state as CountSessionState,
      blind: r.blind === 1,
      lockBins: r.lock_bins === 1,
      scope: JSON.parse(r.scope) as CountScope,
      createdAt: r.created_at,
      createdBy: r.createdBy,
      startedAt: r.started_at,
      countingFinishedAt: r.counting_finished_at,
      closedAt: r.closed_at,
      counters: counters
        .filter((c) => c.session_id === r.id)
        .map((c): CountCounterView => ({
          userId: c.user_id,
          userName: c.display_name,
          zoneId: c.zone_id,
          zoneCode: c.code ?? null,
        })),
      lineCount: Number(r.lineCount ?? known?.lineCount ?? 0),
      countedLineCount: Number(r.countedLineCount ?? known?.countedLineCount ?? 0),
      formId: form?.id ?? null,
      formNumber: form?.number ?? null,
      formState: (form?.state as AdjustmentFormState | undefined) ?? null,
    };
  });
}

/** The ABC selection recorded at the snapshot, as products per class; null when there is none. */
async function selectionOf(db: Db, sessionId: number): Promise<CountSelection | null> {
  const rows = await db
    .selectFrom('count_selection')
    .select((eb) => ['abc_class', 'window_from', 'window_to', eb.fn.countAll<number>().as('n')])
    .where('session_id', '=', sessionId)
    .groupBy(['abc_class', 'window_from', 'window_to'])
    .execute();
  const first = rows[0];
  if (!first) return null;
  const products: CountSelection['products'] = {};
  for (const r of rows) products[r.abc_class as AbcClass] = Number(r.n);
  return { windowFrom: first.window_from, windowTo: first.window_to, products };
}

async function userName(db: Db, id: number | null): Promise<string | null> {
  if (id === null) return null;
  const u = await db.selectFrom('users').select('display_name').where('id', '=', id).executeTakeFirst();
  return u?.display_name ?? null;
}

/** The full record: plan, counters, times, confirmations, history, forms, and the book totals when visible. */
export async function sessionView(
  ctx: ServiceContext,
  sessionId: number,
  known?: SessionRecord,
  /** The totals when the caller has just computed them (the reconciliation does). */
  totals?: ReconcileTotals,
): Promise<CountSessionView> {
  const s = known ?? (await loadSession(ctx.db, sessionId));
  const [row] = await sessionRows(
    ctx.db,
    { id: s.id },
    totals && { lineCount: totals.lines, countedLineCount: totals.counted },
  );
  const raw = await ctx.db.selectFrom('count_sessions').selectAll().where('id', '=', s.id).executeTakeFirstOrThrow();
  const visible = await bookVisible(ctx, s);
  const history = await ctx.db
    .selectFrom('audit_log as a')
    .leftJoin('users as u', 'u.id', 'a.user_id')
    .select(['a.at', 'u.display_name', 'a.request'])
    .where('a.entity', '=', 'countSession')
    .where('a.entity_id', '=', String(s.id))
    .orderBy('a.id')
    .execute();
  const confirmation = async (by: number | null, at: string | null) =>
    by === null || at === null ? null : { userId: by, userName: (await userName(ctx.db, by)) ?? '', at };
  const view: CountSessionView = {
    ...row!,
    toleranceUnits: raw.tolerance_units,
    toleranceFen: raw.tolerance_fen,
    note: raw.note,
    startedBy: await userName(ctx.db, raw.started_by),
    operatorConfirmation: await confirmation(raw.operator_confirmed_by, raw.operator_confirmed_at),
    keeperConfirmation: await confirmation(raw.keeper_confirmed_by, raw.keeper_confirmed_at),
    cancelledReason: raw.cancelled_reason,
    bookVisible: visible,
    history: history.map((h) => ({ at: h.at, userName: h.display_name ?? '', action: h.request })),
    forms: visible ? await listForms(ctx.db, { sessionId: s.id }) : [],
    selection: await selectionOf(ctx.db, s.id),
    recountKeepers: (
      await ctx.db
        .selectFrom('count_lines as l')
        .innerJoin('users as u', 'u.id', 'l.recount_by')
        .select('u.display_name')
        .distinct()
        .where('l.session_id', '=', s.id)
        .orderBy('u.display_name')
        .execute()
    ).map((u) => u.display_name),
  };
  // Totals once counting has finished: while keepers count, nothing reads them, and working out
  // every line for each counts.get and counts.sheet (a reload per typed count, in every open
  // window) would cost the core a second per reload at 100,000 lines.
  if (visible && raw.counting_finished_at !== null) view.totals = totals ?? (await heldTotals(ctx, s));
  return view;
}
