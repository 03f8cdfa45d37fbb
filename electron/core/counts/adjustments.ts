// The adjustment form 库存调整表 (R10): a separate record linked to the count,
// or made by hand for a manual adjustment. draft → submitted → approved
// (posted) / rejected. Only the CS manager decides, and not someone who took
// part — "the person who counts is not the person who approves". Approval posts
// every line through the one posting function, atomically: R5 refuses the
// whole form when any line would go below zero, and the request's transaction
// then leaves the form, the session and the ledger as they were.
import type { AdjustmentFormView, CountCause } from '../../../shared/contract/counts';
import type { StockStatus } from '../../../shared/domain';
import { AppError, isAppError } from '../../../shared/errors';
import type { ServiceContext } from '../context';
import type { Db } from '../db/schema';
import { postDocument } from '../stock/posting';
import { formView } from './adjustmentViews';
import { changed, clearConfirmations, nextNumber, userId } from './common';
import type { VarianceLine } from './variance';

export type ManualLine = {
  productId: number;
  status: StockStatus;
  locationId: number;
  qty: number;
  cause: CountCause;
  note?: string;
};

type FormRecord = {
  id: number;
  number: string;
  kind: string;
  session_id: number | null;
  state: string;
  created_by: number;
  submitted_by: number | null;
};

async function loadForm(db: Db, formId: number): Promise<FormRecord> {
  const f = await db
    .selectFrom('adjustment_forms')
    .select(['id', 'number', 'kind', 'session_id', 'state', 'created_by', 'submitted_by'])
    .where('id', '=', formId)
    .executeTakeFirst();
  if (!f) throw new AppError('adjustments.notFound', { formId });
  return f;
}

function requireFormState(f: FormRecord, allowed: string[]): void {
  if (allowed.includes(f.state)) return;
  if (f.state === 'approved' || f.state === 'rejected')
    throw new AppError('adjustments.readOnly', { number: f.number, state: f.state });
  throw new AppError('adjustments.wrongState', { number: f.number, state: f.state, expected: allowed });
}

async function insertLines(
  db: Db,
  formId: number,
  lines: (ManualLine & { countLineId: number | null; unitCostFen: number })[],
): Promise<void> {
  for (let i = 0; i < lines.length; i += 500) {
    await db
      .insertInto('adjustment_lines')
      .values(
        lines.slice(i, i + 500).map((l, j) => ({
          form_id: formId,
          line_no: i + j + 1,
          count_line_id: l.countLineId,
          product_id: l.productId,
          status: l.status,
          location_id: l.locationId,
          qty: l.qty,
          unit_cost_fen: l.unitCostFen,
          cause: l.cause,
          note: l.note ?? '',
        })),
      )
      .execute();
  }
}

/** Generated from the reconciled variances (counted lines with a variance), in draft. */
export async function createFormFromSession(
  ctx: ServiceContext,
  session: { id: number; number: string },
  lines: VarianceLine[],
): Promise<number> {
  const number = await nextNumber(ctx, 'adjustmentForm');
  const form = await ctx.db
    .insertInto('adjustment_forms')
    .values({
      number,
      kind: 'count',
      session_id: session.id,
      state: 'draft',
      note: session.number,
      created_by: userId(ctx),
      created_at: ctx.now.toISOString(),
      submitted_by: null,
      submitted_at: null,
      decided_by: null,
      decided_at: null,
      comment: null,
      document_id: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await insertLines(
    ctx.db,
    form.id,
    lines
      .filter((l) => l.varianceQty !== null && l.varianceQty !== 0)
      .map((l) => ({
        countLineId: l.lineId,
        productId: l.productId,
        status: l.status,
        locationId: l.locationId,
        qty: l.varianceQty!,
        unitCostFen: l.product.unitCostFen,
        cause: l.cause!,
        note: l.causeNote,
      })),
  );
  await changed(
    ctx,
    {
      entity: 'adjustmentForm',
      entityId: form.id,
      after: { number, kind: 'count', sessionId: session.id, state: 'draft' },
    },
    { sessionId: session.id, formId: form.id },
  );
  return form.id;
}

async function costed(db: Db, lines: ManualLine[]) {
  const products = await db
    .selectFrom('products')
    .select(['id', 'unit_cost_fen'])
    .where(
      'id',
      'in',
      lines.map((l) => l.productId),
    )
    .execute();
  const cost = new Map(products.map((p) => [p.id, p.unit_cost_fen]));
  const locations = await db
    .selectFrom('locations')
    .select('id')
    .where(
      'id',
      'in',
      lines.map((l) => l.locationId),
    )
    .execute();
  const known = new Set(locations.map((l) => l.id));
  return lines.map((l) => {
    const unitCostFen = cost.get(l.productId);
    if (unitCostFen === undefined) throw new AppError('stock.unknownProduct', { productId: l.productId });
    if (!known.has(l.locationId)) throw new AppError('stock.unknownLocation', { locationId: l.locationId });
    return { ...l, countLineId: null, unitCostFen };
  });
}

export async function createManualForm(
  ctx: ServiceContext,
  input: { note?: string; lines: ManualLine[] },
): Promise<AdjustmentFormView> {
  const lines = await costed(ctx.db, input.lines);
  const number = await nextNumber(ctx, 'adjustmentForm');
  const form = await ctx.db
    .insertInto('adjustment_forms')
    .values({
      number,
      kind: 'manual',
      session_id: null,
      state: 'draft',
      note: input.note ?? '',
      created_by: userId(ctx),
      created_at: ctx.now.toISOString(),
      submitted_by: null,
      submitted_at: null,
      decided_by: null,
      decided_at: null,
      comment: null,
      document_id: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await insertLines(ctx.db, form.id, lines);
  await changed(
    ctx,
    { entity: 'adjustmentForm', entityId: form.id, after: { number, kind: 'manual', state: 'draft', ...input } },
    { sessionId: null, formId: form.id },
  );
  return formView(ctx.db, form.id);
}

export async function updateManualForm(
  ctx: ServiceContext,
  input: { formId: number; note?: string; lines?: ManualLine[] },
): Promise<AdjustmentFormView> {
  const f = await loadForm(ctx.db, input.formId);
  requireFormState(f, ['draft']);
  if (f.kind !== 'manual') throw new AppError('adjustments.linkedToCount', { number: f.number });
  const before = await formView(ctx.db, f.id);
  if (input.note !== undefined)
    await ctx.db.updateTable('adjustment_forms').set({ note: input.note }).where('id', '=', f.id).execute();
  if (input.lines) {
    const lines = await costed(ctx.db, input.lines);
    await ctx.db.deleteFrom('adjustment_lines').where('form_id', '=', f.id).execute();
    await insertLines(ctx.db, f.id, lines);
  }
  await changed(
    ctx,
    { entity: 'adjustmentForm', entityId: f.id, before: { note: before.note, lines: before.lines }, after: input },
    { sessionId: null, formId: f.id },
  );
  return formView(ctx.db, f.id);
}

export async function submitForm(ctx: ServiceContext, formId: number): Promise<AdjustmentFormView> {
  const f = await loadForm(ctx.db, formId);
  requireFormState(f, ['draft']);
  const lines = await ctx.db
    .selectFrom('adjustment_lines')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('form_id', '=', f.id)
    .executeTakeFirstOrThrow();
  if (Number(lines.n) === 0) throw new AppError('stock.emptyDocument');
  await ctx.db
    .updateTable('adjustment_forms')
    .set({ state: 'submitted', submitted_by: userId(ctx), submitted_at: ctx.now.toISOString() })
    .where('id', '=', f.id)
    .execute();
  await changed(
    ctx,
    { entity: 'adjustmentForm', entityId: f.id, before: { state: f.state }, after: { state: 'submitted' } },
    { sessionId: f.session_id, formId: f.id },
  );
  return formView(ctx.db, f.id);
}

/** R10: why the caller may not decide this form, or null. */
async function involvement(db: Db, f: FormRecord, who: number): Promise<string | null> {
  if (f.created_by === who || f.submitted_by === who) return 'prepared';
  if (f.session_id === null) return null;
  const counted = await db
    .selectFrom('count_entries as e')
    .innerJoin('count_lines as l', 'l.id', 'e.line_id')
    .select('e.id')
    .where('l.session_id', '=', f.session_id)
    .where('e.user_id', '=', who)
    .executeTakeFirst();
  if (counted) return 'counted';
  const s = await db
    .selectFrom('count_sessions')
    .select(['operator_confirmed_by', 'keeper_confirmed_by'])
    .where('id', '=', f.session_id)
    .executeTakeFirstOrThrow();
  if (s.operator_confirmed_by === who || s.keeper_confirmed_by === who) return 'reconciled';
  // Confirmations are cleared when a form is rejected; the audit log remembers every earlier one.
  const reconciled = await db
    .selectFrom('audit_log')
    .select('id')
    .where('entity', '=', 'countSession')
    .where('entity_id', '=', String(f.session_id))
    .where('user_id', '=', who)
    .where('request', 'in', ['counts.confirm', 'counts.setCause', 'counts.requestRecount', 'counts.enter'])
    .executeTakeFirst();
  return reconciled ? 'reconciled' : null;
}

async function requireDecider(ctx: ServiceContext, f: FormRecord): Promise<number> {
  const who = userId(ctx);
  const reason = await involvement(ctx.db, f, who);
  if (reason) throw new AppError('adjustments.approverInvolved', { number: f.number, reason });
  return who;
}

export async function approveForm(
  ctx: ServiceContext,
  input: { formId: number; comment?: string },
): Promise<AdjustmentFormView> {
  const f = await loadForm(ctx.db, input.formId);
  requireFormState(f, ['submitted']);
  const who = await requireDecider(ctx, f);
  const lines = await ctx.db
    .selectFrom('adjustment_lines as l')
    .innerJoin('locations as loc', 'loc.id', 'l.location_id')
    .select(['l.line_no', 'l.product_id', 'l.status', 'l.location_id', 'loc.code', 'l.qty'])
    .where('l.form_id', '=', f.id)
    .orderBy('l.line_no')
    .execute();
  let posted;
  try {
    posted = await postDocument(ctx, {
      type: f.kind === 'count' ? 'countAdjustment' : 'manualAdjustment',
      idempotencyKey: `adjustment-form:${f.number}`,
      note: f.number,
      lines: lines.map((l) => ({
        productId: l.product_id,
        status: l.status as StockStatus,
        locationId: l.location_id,
        qty: l.qty,
      })),
    });
  } catch (e) {
    // R5: name the form line that would go below zero; nothing was posted and the
    // thrown error rolls the whole request back, so the form stays submitted.
    if (isAppError(e) && e.code === 'stock.wouldGoNegative') {
      const d = e.details as { productId?: number; locationCode?: string; status?: string };
      const line = lines.find(
        (l) => l.product_id === d.productId && l.status === d.status && l.code === d.locationCode && l.qty < 0,
      );
      throw new AppError('stock.wouldGoNegative', {
        ...e.details,
        formNumber: f.number,
        lineNo: line?.line_no ?? null,
      });
    }
    throw e;
  }
  await recordDecision(ctx, f, who, {
    state: 'approved',
    comment: input.comment ?? null,
    document: { id: posted.documentId, no: posted.documentNo },
  });
  return formView(ctx.db, f.id);
}

/** A rejected form stays as history; its session goes back to reconciliation, confirmations cleared. */
export async function rejectForm(
  ctx: ServiceContext,
  input: { formId: number; comment: string },
): Promise<AdjustmentFormView> {
  const f = await loadForm(ctx.db, input.formId);
  requireFormState(f, ['submitted']);
  const who = await requireDecider(ctx, f);
  await recordDecision(ctx, f, who, { state: 'rejected', comment: input.comment });
  return formView(ctx.db, f.id);
}

/**
 * The manager's decision, recorded on the form and in the audit log, and its
 * count session moved on: closed once approved (its stock is adjusted), or back
 * to reconciliation with both confirmations cleared when rejected, so operator
 * and keeper look at the lines again and confirm anew.
 */
async function recordDecision(
  ctx: ServiceContext,
  f: FormRecord,
  who: number,
  d: { state: 'approved' | 'rejected'; comment: string | null; document?: { id: number; no: string } },
): Promise<void> {
  const at = ctx.now.toISOString();
  await ctx.db
    .updateTable('adjustment_forms')
    .set({
      state: d.state,
      decided_by: who,
      decided_at: at,
      comment: d.comment,
      ...(d.document && { document_id: d.document.id }),
    })
    .where('id', '=', f.id)
    .execute();
  const refs = { sessionId: f.session_id, formId: f.id };
  await changed(
    ctx,
    {
      entity: 'adjustmentForm',
      entityId: f.id,
      before: { state: f.state },
      after: { state: d.state, comment: d.comment, ...(d.document && { documentNo: d.document.no }) },
    },
    refs,
  );
  if (f.session_id === null) return;
  const approved = d.state === 'approved';
  await ctx.db
    .updateTable('count_sessions')
    .set(approved ? { state: 'closed', closed_at: at } : { state: 'reconciling', ...clearConfirmations })
    .where('id', '=', f.session_id)
    .execute();
  await changed(
    ctx,
    {
      entity: 'countSession',
      entityId: f.session_id,
      before: { state: 'confirmed' },
      after: approved ? { state: 'closed', form: f.number } : { state: 'reconciling', rejectedForm: f.number },
    },
    refs,
  );
}
