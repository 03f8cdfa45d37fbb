// A posted document is never edited: a mistake is corrected by a reversing
// document whose movements negate the original's.
import type { DocumentView } from '../../../shared/contract';
import type { DocumentType, DocumentState, StockStatus } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { recordAudit } from '../audit/audit';
import type { ServiceContext } from '../context';
import { postDocument } from './posting';

export async function reverseDocument(
  ctx: ServiceContext,
  input: { documentId: number; reason: string; idempotencyKey: string },
): Promise<DocumentView> {
  const original = await ctx.db
    .selectFrom('documents')
    .selectAll()
    .where('id', '=', input.documentId)
    .executeTakeFirst();
  if (!original) throw new AppError('stock.documentNotFound', { documentId: input.documentId });
  if (original.state !== 'posted' || original.reverses_id !== null) {
    throw new AppError('stock.notReversible', { documentNo: original.number });
  }
  // A document a manager approved (an adjustment form 库存调整表 is approved by
  // the CS manager before it posts) is undone only with a manager's approval
  // too: an operator must not take back what needed one.
  const approval = await ctx.db
    .selectFrom('adjustment_forms')
    .select('id')
    .where('document_id', '=', original.id)
    .where('state', '=', 'approved')
    .executeTakeFirst();
  if (approval && !ctx.caller.session?.roles.includes('csManager')) {
    throw new AppError('stock.reversalNeedsManager', { documentNo: original.number });
  }
  const already = await ctx.db
    .selectFrom('documents')
    .select(['id', 'number', 'idempotency_key'])
    .where('reverses_id', '=', original.id)
    .executeTakeFirst();
  if (already && already.idempotency_key !== input.idempotencyKey) {
    throw new AppError('stock.alreadyReversed', { documentNo: original.number, reversalNo: already.number });
  }
  const movements = await ctx.db
    .selectFrom('movements')
    .select(['product_id', 'status', 'location_id', 'qty'])
    .where('document_id', '=', original.id)
    .execute();
  const posted = await postDocument(ctx, {
    type: 'reversal',
    idempotencyKey: input.idempotencyKey,
    reversesId: original.id,
    note: input.reason,
    lines: movements.map((m) => ({
      productId: m.product_id,
      status: m.status as StockStatus,
      locationId: m.location_id,
      qty: -m.qty,
    })),
  });
  if (!posted.replayed) {
    await recordAudit(ctx, {
      entity: 'document',
      entityId: original.id,
      before: { number: original.number, reversedBy: null },
      after: { number: original.number, reversedBy: posted.documentNo, reason: input.reason },
    });
  }
  return {
    id: original.id,
    documentNo: original.number,
    type: original.type as DocumentType,
    state: original.state as DocumentState,
    postedAt: original.posted_at,
    reversedBy: posted.documentId,
  };
}
