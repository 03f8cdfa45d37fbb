// The damage register 残损登记 (issue 13 §Damage 1–2, R11 R13 R5).
//
// A report is raised in state 'reported' where the damage is found; the CS
// manager — never the reporter — approves it (a damage transfer good/gift →
// damaged in the same bin, through postDocument, so R5 refuses it naming the
// product and bin when the stock is gone) or rejects it with a reason.
//
// openDamageReport is for goods ALREADY in damaged stock by a posted document
// (a receipt's damaged line, a return note's damaged part): the report names
// that document (origin_document_id), its entered_date is set at once, and its
// approval posts nothing more. Such a report cannot be rejected: the stock
// moved with a document of its own, and rejecting the report must not leave
// the register disagreeing with the ledger — the correction is reversing the
// origin document (damage.originNotRejectable).
import type { DamageReportInput, DamageReportView } from '../../../shared/contract';
import type { DisposalKind, DamageWhereFound } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { recordAudit } from '../audit/audit';
import { today } from '../orders/dates';
import { requireSession, type ServiceContext } from '../context';
import { nextRegisterNumber } from '../stock/numbering';
import { postDocument } from '../stock/posting';
import { checkCause } from './causes';
import { readReport, reportRecord } from './views';

const emitReport = (ctx: ServiceContext, reportId: number) =>
  ctx.emit('damage.changed', { reportIds: [reportId], disposalIds: [], clientId: ctx.caller.clientId });

type NewReport = {
  productId: number;
  fromStatus: 'good' | 'gift';
  locationId: number;
  qty: number;
  whereFound: DamageWhereFound;
  cause: string;
  causeNote?: string;
  suggestion: DisposalKind;
  note?: string;
  foundBy?: number;
  orderId?: number;
  tripId?: number;
  countSessionId?: number;
  idempotencyKey: string;
};

/** Checks and inserts a report; returns its id (the existing one when the key was used already). */
async function insertReport(
  ctx: ServiceContext,
  r: NewReport,
  origin: { documentId: number } | null,
): Promise<{ id: number; replayed: boolean }> {
  const session = requireSession(ctx);
  const existing = await ctx.db
    .selectFrom('damage_reports')
    .select('id')
    .where('idempotency_key', '=', r.idempotencyKey)
    .executeTakeFirst();
  if (existing) return { id: existing.id, replayed: true };

  await checkCause(ctx.db, r.cause, r.causeNote ?? '');
  const product = await ctx.db
    .selectFrom('products')
    .select(['id', 'unit_cost_fen'])
    .where('id', '=', r.productId)
    .executeTakeFirst();
  if (!product) throw new AppError('stock.unknownProduct', { productId: r.productId });
  const location = await ctx.db
    .selectFrom('locations')
    .select(['code', 'kind'])
    .where('id', '=', r.locationId)
    .executeTakeFirst();
  if (!location) throw new AppError('stock.unknownLocation', { locationId: r.locationId });
  if (location.kind !== 'bin') throw new AppError('damage.notABin', { location: location.code });
  const foundBy = r.foundBy ?? session.userId;
  if (foundBy !== session.userId) {
    const finder = await ctx.db
      .selectFrom('users')
      .select('id')
      .where('id', '=', foundBy)
      .where('active', '=', 1)
      .executeTakeFirst();
    if (!finder) throw new AppError('damage.unknownFinder', { userId: foundBy });
  }

  const at = ctx.now.toISOString();
  const day = today(ctx.now, ctx.timeZone);
  const number = await nextRegisterNumber(ctx.db, 'damageReport', 'BS', ctx.now, ctx.timeZone);
  const row = await ctx.db
    .insertInto('damage_reports')
    .values({
      number,
      state: 'reported',
      product_id: r.productId,
      from_status: r.fromStatus,
      location_id: r.locationId,
      qty: r.qty,
      unit_cost_fen: product.unit_cost_fen,
      amount_fen: r.qty * product.unit_cost_fen,
      where_found: r.whereFound,
      cause: r.cause,
      cause_note: r.causeNote ?? '',
      suggestion: r.suggestion,
      note: r.note ?? '',
      found_by: foundBy,
      reported_by: session.userId,
      reported_at: at,
      reported_date: day,
      entered_date: origin ? day : null,
      order_id: r.orderId ?? null,
      trip_id: r.tripId ?? null,
      count_session_id: r.countSessionId ?? null,
      origin_document_id: origin?.documentId ?? null,
      idempotency_key: r.idempotencyKey,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(ctx, {
    entity: 'damageReport',
    entityId: number,
    after: {
      state: 'reported',
      productId: r.productId,
      fromStatus: r.fromStatus,
      locationId: r.locationId,
      qty: r.qty,
      cause: r.cause,
      suggestion: r.suggestion,
      whereFound: r.whereFound,
      originDocumentId: origin?.documentId ?? null,
    },
  });
  emitReport(ctx, row.id);
  return { id: row.id, replayed: false };
}

/** damage.report: a report raised in a form or at a station; nothing moves until the manager approves. */
export async function raiseReport(ctx: ServiceContext, input: DamageReportInput): Promise<DamageReportView> {
  const { id } = await insertReport(ctx, { ...input, causeNote: input.causeNote, note: input.note }, null);
  return readReport(ctx.db, id);
}

export type OriginDamage = {
  /** The posted document that put the goods into damaged stock (a receipt, a return note). */
  originDocumentId: number;
  productId: number;
  locationId: number;
  qty: number;
  whereFound: DamageWhereFound;
  cause: string;
  causeNote?: string;
  suggestion: DisposalKind;
  /** The status the goods would have had (a gift line's goods: 'gift'); 'good' by default. */
  fromStatus?: 'good' | 'gift';
  note?: string;
  orderId?: number;
  tripId?: number;
  /** Unique per report: e.g. `${document key}:damage:${line}`. A replay returns the first report. */
  idempotencyKey: string;
};

/**
 * For other slices (receiving, a return note): goods already in damaged stock by
 * `originDocumentId` get their damage report, state 'reported', entered_date
 * the business day now. Call inside the same request (transaction) that posted
 * the document. Returns the report's id and number.
 */
export async function openDamageReport(ctx: ServiceContext, d: OriginDamage): Promise<{ id: number; number: string }> {
  const { id } = await insertReport(
    ctx,
    {
      productId: d.productId,
      fromStatus: d.fromStatus ?? 'good',
      locationId: d.locationId,
      qty: d.qty,
      whereFound: d.whereFound,
      cause: d.cause,
      causeNote: d.causeNote,
      suggestion: d.suggestion,
      note: d.note,
      orderId: d.orderId,
      tripId: d.tripId,
      idempotencyKey: d.idempotencyKey,
    },
    { documentId: d.originDocumentId },
  );
  const r = await reportRecord(ctx.db, id);
  return { id, number: r.number };
}

/** The report, checked to be in 'reported' and not the caller's own. */
async function decidable(ctx: ServiceContext, reportId: number) {
  const session = requireSession(ctx);
  const r = await ctx.db.selectFrom('damage_reports').selectAll().where('id', '=', reportId).executeTakeFirst();
  if (!r) throw new AppError('damage.unknownReport', { reportId });
  if (r.state !== 'reported') throw new AppError('damage.notReported', { number: r.number, state: r.state });
  if (r.reported_by === session.userId) throw new AppError('damage.ownReport', { number: r.number });
  return { r, userId: session.userId };
}

/** damage.approve (R11, R5). */
export async function approveReport(ctx: ServiceContext, reportId: number): Promise<DamageReportView> {
  const { r, userId } = await decidable(ctx, reportId);
  const at = ctx.now.toISOString();
  let transfer: { id: number; no: string } | null = null;
  if (r.origin_document_id === null) {
    const posted = await postDocument(ctx, {
      type: 'damageTransfer',
      idempotencyKey: `damage:${r.id}:approve`,
      note: r.number,
      lines: [
        { productId: r.product_id, status: r.from_status as 'good' | 'gift', locationId: r.location_id, qty: -r.qty },
        { productId: r.product_id, status: 'damaged', locationId: r.location_id, qty: r.qty },
      ],
    });
    transfer = { id: posted.documentId, no: posted.documentNo };
  }
  await ctx.db
    .updateTable('damage_reports')
    .set({
      state: 'approved',
      decided_by: userId,
      decided_at: at,
      ...(transfer ? { transfer_document_id: transfer.id, entered_date: today(ctx.now, ctx.timeZone) } : {}),
    })
    .where('id', '=', r.id)
    .execute();
  await recordAudit(ctx, {
    entity: 'damageReport',
    entityId: r.number,
    before: { state: 'reported' },
    after: { state: 'approved', transferDocumentNo: transfer?.no ?? null },
  });
  emitReport(ctx, r.id);
  return readReport(ctx.db, r.id);
}

/** damage.reject: nothing moves. A report whose goods came in damaged with a document cannot be rejected. */
export async function rejectReport(ctx: ServiceContext, reportId: number, reason: string): Promise<DamageReportView> {
  const { r, userId } = await decidable(ctx, reportId);
  if (r.origin_document_id !== null) {
    const doc = await ctx.db
      .selectFrom('documents')
      .select('number')
      .where('id', '=', r.origin_document_id)
      .executeTakeFirstOrThrow();
    throw new AppError('damage.originNotRejectable', { number: r.number, documentNo: doc.number });
  }
  await ctx.db
    .updateTable('damage_reports')
    .set({ state: 'rejected', decided_by: userId, decided_at: ctx.now.toISOString(), reject_reason: reason })
    .where('id', '=', r.id)
    .execute();
  await recordAudit(ctx, {
    entity: 'damageReport',
    entityId: r.number,
    before: { state: 'reported' },
    after: { state: 'rejected', reason },
  });
  emitReport(ctx, r.id);
  return readReport(ctx.db, r.id);
}
