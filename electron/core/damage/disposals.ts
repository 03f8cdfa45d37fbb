// Disposals 处理 of damaged stock (issue 13 §Damage 3, R11 R13 R5): proposed by
// a keeper or operator, approved by the CS manager — posting one `disposal`
// document: −damaged per line, and for repackGood 返好 +good in the same bin —
// or rejected with a reason. R5: approval is refused naming the product and
// bin when the damaged stock is no longer there, writing nothing.
import type { DisposalInput, DisposalKind, DisposalRow, DisposalState, DisposalView } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { recordAudit } from '../audit/audit';
import { today } from '../orders/dates';
import { requireSession, type ServiceContext } from '../context';
import type { Db } from '../db/schema';
import { nextRegisterNumber } from '../stock/numbering';
import { postDocument, type MovementLine } from '../stock/posting';

const emitDisposal = (ctx: ServiceContext, disposalId: number, reportIds: number[]) =>
  ctx.emit('damage.changed', { reportIds, disposalIds: [disposalId], clientId: ctx.caller.clientId });

function disposalQuery(db: Db) {
  return db
    .selectFrom('disposals as d')
    .innerJoin('users as p', 'p.id', 'd.proposed_by')
    .leftJoin('users as dec', 'dec.id', 'd.decided_by')
    .leftJoin('documents as doc', 'doc.id', 'd.document_id')
    .select([
      'd.id',
      'd.number',
      'd.kind',
      'd.state',
      'd.supplier',
      'd.reference',
      'd.note',
      'p.display_name as proposedBy',
      'd.proposed_by as proposedById',
      'd.proposed_at as proposedAt',
      'dec.display_name as decidedBy',
      'd.decided_at as decidedAt',
      'd.decided_date as decidedDate',
      'd.reject_reason as rejectReason',
      'doc.number as documentNo',
      (eb) =>
        eb
          .selectFrom('disposal_lines as l')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('l.disposal_id', '=', 'd.id')
          .as('lineCount'),
      (eb) =>
        eb
          .selectFrom('disposal_lines as l')
          .select((e) => e.fn.sum<number>('l.qty').as('n'))
          .whereRef('l.disposal_id', '=', 'd.id')
          .as('qty'),
      (eb) =>
        eb
          .selectFrom('disposal_lines as l')
          .select((e) => e.fn.sum<number>('l.amount_fen').as('n'))
          .whereRef('l.disposal_id', '=', 'd.id')
          .as('amountFen'),
    ]);
}

type Raw = Awaited<ReturnType<ReturnType<typeof disposalQuery>['execute']>>[number];
const toRow = (r: Raw): DisposalRow => ({
  ...r,
  kind: r.kind as DisposalKind,
  state: r.state as DisposalState,
  decidedBy: r.decidedBy ?? null,
  documentNo: r.documentNo ?? null,
  lineCount: Number(r.lineCount ?? 0),
  qty: Number(r.qty ?? 0),
  amountFen: Number(r.amountFen ?? 0),
});

export async function listDisposals(db: Db, state?: DisposalState): Promise<DisposalRow[]> {
  let q = disposalQuery(db);
  if (state) q = q.where('d.state', '=', state);
  return (await q.orderBy('d.id', 'desc').limit(5000).execute()).map(toRow);
}

export async function readDisposal(db: Db, disposalId: number): Promise<DisposalView> {
  const raw = await disposalQuery(db).where('d.id', '=', disposalId).executeTakeFirst();
  if (!raw) throw new AppError('disposal.unknown', { disposalId });
  const lines = await db
    .selectFrom('disposal_lines as l')
    .innerJoin('products as p', 'p.id', 'l.product_id')
    .innerJoin('locations as loc', 'loc.id', 'l.location_id')
    .leftJoin('damage_reports as r', 'r.id', 'l.damage_report_id')
    .select([
      'l.line_no as lineNo',
      'l.product_id as productId',
      'p.code as productCode',
      'p.name_zh as productName',
      'p.name_en as productNameEn',
      'p.case_pack as casePack',
      'l.location_id as locationId',
      'loc.code as locationCode',
      'l.qty',
      'l.unit_cost_fen as unitCostFen',
      'l.amount_fen as amountFen',
      'l.damage_report_id as damageReportId',
      'r.number as damageReportNumber',
    ])
    .where('l.disposal_id', '=', disposalId)
    .orderBy('l.line_no')
    .execute();
  return { ...toRow(raw), lines: lines.map((l) => ({ ...l, damageReportNumber: l.damageReportNumber ?? null })) };
}

export async function proposeDisposal(ctx: ServiceContext, input: DisposalInput): Promise<DisposalView> {
  const session = requireSession(ctx);
  const existing = await ctx.db
    .selectFrom('disposals')
    .select('id')
    .where('idempotency_key', '=', input.idempotencyKey)
    .executeTakeFirst();
  if (existing) return readDisposal(ctx.db, existing.id);
  const supplier = (input.supplier ?? '').trim();
  if (input.kind === 'returnToSupplier' && supplier === '') throw new AppError('disposal.supplierRequired');

  const productIds = [...new Set(input.lines.map((l) => l.productId))];
  const products = await ctx.db
    .selectFrom('products')
    .select(['id', 'unit_cost_fen'])
    .where('id', 'in', productIds)
    .execute();
  const cost = new Map(products.map((p) => [p.id, p.unit_cost_fen]));
  const locations = await ctx.db
    .selectFrom('locations')
    .select(['id', 'code', 'kind'])
    .where('id', 'in', [...new Set(input.lines.map((l) => l.locationId))])
    .execute();
  const location = new Map(locations.map((l) => [l.id, l]));
  for (const l of input.lines) {
    if (!cost.has(l.productId)) throw new AppError('stock.unknownProduct', { productId: l.productId });
    const loc = location.get(l.locationId);
    if (!loc) throw new AppError('stock.unknownLocation', { locationId: l.locationId });
    if (loc.kind !== 'bin') throw new AppError('damage.notABin', { location: loc.code });
  }
  // A line naming a report disposes of that report's goods: same product and bin, report approved.
  const reportIds = [...new Set(input.lines.flatMap((l) => (l.damageReportId ? [l.damageReportId] : [])))];
  const reports = reportIds.length
    ? await ctx.db
        .selectFrom('damage_reports')
        .select(['id', 'number', 'product_id', 'location_id', 'state'])
        .where('id', 'in', reportIds)
        .execute()
    : [];
  const report = new Map(reports.map((r) => [r.id, r]));
  input.lines.forEach((l, i) => {
    if (!l.damageReportId) return;
    const r = report.get(l.damageReportId);
    if (!r) throw new AppError('damage.unknownReport', { reportId: l.damageReportId });
    if (r.product_id !== l.productId || r.location_id !== l.locationId || r.state !== 'approved') {
      throw new AppError('disposal.reportMismatch', { lineNo: i + 1, number: r.number });
    }
  });

  const number = await nextRegisterNumber(ctx.db, 'disposal', 'CZ', ctx.now, ctx.timeZone);
  const row = await ctx.db
    .insertInto('disposals')
    .values({
      number,
      kind: input.kind,
      state: 'proposed',
      supplier,
      reference: input.reference ?? '',
      note: input.note ?? '',
      proposed_by: session.userId,
      proposed_at: ctx.now.toISOString(),
      idempotency_key: input.idempotencyKey,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await ctx.db
    .insertInto('disposal_lines')
    .values(
      input.lines.map((l, i) => ({
        disposal_id: row.id,
        line_no: i + 1,
        product_id: l.productId,
        location_id: l.locationId,
        qty: l.qty,
        unit_cost_fen: cost.get(l.productId)!,
        amount_fen: l.qty * cost.get(l.productId)!,
        damage_report_id: l.damageReportId ?? null,
      })),
    )
    .execute();
  await recordAudit(ctx, {
    entity: 'disposal',
    entityId: number,
    after: { state: 'proposed', kind: input.kind, supplier, reference: input.reference ?? '', lines: input.lines },
  });
  emitDisposal(ctx, row.id, reportIds);
  return readDisposal(ctx.db, row.id);
}

async function decidable(ctx: ServiceContext, disposalId: number) {
  const session = requireSession(ctx);
  const d = await ctx.db.selectFrom('disposals').selectAll().where('id', '=', disposalId).executeTakeFirst();
  if (!d) throw new AppError('disposal.unknown', { disposalId });
  if (d.state !== 'proposed') throw new AppError('disposal.notProposed', { number: d.number, state: d.state });
  if (d.proposed_by === session.userId) throw new AppError('disposal.ownProposal', { number: d.number });
  return { d, userId: session.userId };
}

async function reportIdsOf(db: Db, disposalId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('disposal_lines')
    .select('damage_report_id')
    .where('disposal_id', '=', disposalId)
    .where('damage_report_id', 'is not', null)
    .execute();
  return [...new Set(rows.map((r) => r.damage_report_id!))];
}

export async function approveDisposal(ctx: ServiceContext, disposalId: number): Promise<DisposalView> {
  const { d, userId } = await decidable(ctx, disposalId);
  const lines = await ctx.db.selectFrom('disposal_lines').selectAll().where('disposal_id', '=', d.id).execute();
  const movements: MovementLine[] = lines.flatMap((l) => [
    { productId: l.product_id, status: 'damaged' as const, locationId: l.location_id, qty: -l.qty },
    ...(d.kind === 'repackGood'
      ? [{ productId: l.product_id, status: 'good' as const, locationId: l.location_id, qty: l.qty }]
      : []),
  ]);
  const posted = await postDocument(ctx, {
    type: 'disposal',
    idempotencyKey: `disposal:${d.id}:approve`,
    note: `${d.number} ${d.kind}`,
    lines: movements,
  });
  await ctx.db
    .updateTable('disposals')
    .set({
      state: 'approved',
      decided_by: userId,
      decided_at: ctx.now.toISOString(),
      decided_date: today(ctx.now, ctx.timeZone),
      document_id: posted.documentId,
    })
    .where('id', '=', d.id)
    .execute();
  await recordAudit(ctx, {
    entity: 'disposal',
    entityId: d.number,
    before: { state: 'proposed' },
    after: { state: 'approved', documentNo: posted.documentNo },
  });
  emitDisposal(ctx, d.id, await reportIdsOf(ctx.db, d.id));
  return readDisposal(ctx.db, d.id);
}

export async function rejectDisposal(ctx: ServiceContext, disposalId: number, reason: string): Promise<DisposalView> {
  const { d, userId } = await decidable(ctx, disposalId);
  await ctx.db
    .updateTable('disposals')
    .set({
      state: 'rejected',
      decided_by: userId,
      decided_at: ctx.now.toISOString(),
      decided_date: today(ctx.now, ctx.timeZone),
      reject_reason: reason,
    })
    .where('id', '=', d.id)
    .execute();
  await recordAudit(ctx, {
    entity: 'disposal',
    entityId: d.number,
    before: { state: 'proposed' },
    after: { state: 'rejected', reason },
  });
  emitDisposal(ctx, d.id, await reportIdsOf(ctx.db, d.id));
  return readDisposal(ctx.db, d.id);
}
