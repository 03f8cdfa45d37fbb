// R7 入仓: a receipt against a signed delivery note 签收单, into good or gift
// stock (damaged on arrival into damaged). "The system is updated within 2
// hours of receipt": the physical arrival and the posting time are both kept,
// and the delay is what the receipts grid colours and the KPI counts.
import type { DisposalKind, ReceiptRow } from '../../../shared/contract';
import { receiptPostingLimitMinutes, type DocumentState, type StockStatus } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { recordAudit } from '../audit/audit';
import { minutesBetween } from '../clock';
import type { ServiceContext } from '../context';
import { runTemplate } from '../db/queryTemplate';
import type { Db } from '../db/schema';
import { openDamageReport } from '../damage/reports';
import { postDocument } from '../stock/posting';

export type ReceiptInput = {
  deliveryNote: string;
  supplier?: string;
  arrivedAt: string;
  note?: string;
  idempotencyKey: string;
  lines: {
    productId: number;
    status: StockStatus;
    locationId: number;
    qty: number;
    /** A damaged line's report (issue 13): opened in the same transaction, where found 'receiving'. */
    damage?: { cause: string; causeNote?: string; suggestion: DisposalKind };
  }[];
};

export async function postReceipt(ctx: ServiceContext, input: ReceiptInput): Promise<ReceiptRow> {
  const arrived = new Date(input.arrivedAt);
  if (arrived.getTime() > ctx.now.getTime() + 5 * 60_000) {
    // An arrival in the future is a typing error; a few minutes of clock skew is not.
    throw new AppError('contract.invalidInput', { issues: [{ path: 'arrivedAt', message: 'future' }] });
  }
  // Every damaged line has its damage report (R11): a damaged line without a cause is refused, before anything is written.
  const uncaused = input.lines.findIndex((l) => l.status === 'damaged' && !l.damage);
  if (uncaused >= 0) throw new AppError('receipts.damageCauseRequired', { line: uncaused + 1 });
  const posted = await postDocument(ctx, {
    type: 'receipt',
    idempotencyKey: input.idempotencyKey,
    note: input.note,
    lines: input.lines.map((l) => ({
      productId: l.productId,
      status: l.status,
      locationId: l.locationId,
      qty: l.qty,
    })),
  });
  if (!posted.replayed) {
    const receipt = {
      document_id: posted.documentId,
      delivery_note: input.deliveryNote,
      supplier: input.supplier ?? '',
      arrived_at: arrived.toISOString(),
      posted_at: posted.postedAt,
      delay_minutes: Math.max(0, minutesBetween(arrived, new Date(posted.postedAt))),
    };
    await runTemplate(ctx.db, 'receipts.insert', receipt, (r) => ctx.db.insertInto('receipts').values(r));
    await recordAudit(ctx, {
      entity: 'receipt',
      entityId: posted.documentNo,
      after: { deliveryNote: input.deliveryNote, lines: input.lines.length, arrivedAt: arrived.toISOString() },
    });
    // Goods damaged on arrival went straight into damaged stock: each such line gets its damage report.
    for (const [i, l] of input.lines.entries()) {
      if (!l.damage) continue;
      await openDamageReport(ctx, {
        originDocumentId: posted.documentId,
        productId: l.productId,
        locationId: l.locationId,
        qty: l.qty,
        whereFound: 'receiving',
        cause: l.damage.cause,
        causeNote: l.damage.causeNote,
        suggestion: l.damage.suggestion,
        note: input.deliveryNote,
        idempotencyKey: `${input.idempotencyKey}:damage:${i + 1}`,
      });
    }
    ctx.emit('receipts.changed', { receiptId: posted.documentId });
  }
  const [row] = await listReceipts(ctx.db, posted.documentId);
  return row!;
}

export async function listReceipts(db: Db, documentId?: number): Promise<ReceiptRow[]> {
  const query = () =>
    db
      .selectFrom('receipts as r')
      .innerJoin('documents as d', 'd.id', 'r.document_id')
      .innerJoin('users as u', 'u.id', 'd.created_by')
      .select([
        'r.document_id as id',
        'd.number as documentNo',
        'r.delivery_note as deliveryNote',
        'r.supplier',
        'r.arrived_at as arrivedAt',
        'r.posted_at as postedAt',
        'r.delay_minutes as postingDelayMinutes',
        'd.state',
        'u.display_name as userName',
        (eb) =>
          eb
            .selectFrom('documents as rv')
            .select((e) => e.fn.countAll<number>().as('n'))
            .whereRef('rv.reverses_id', '=', 'd.id')
            .as('reversed'),
        (eb) =>
          eb
            .selectFrom('movements as m')
            .select((e) => e.fn.countAll<number>().as('n'))
            .whereRef('m.document_id', '=', 'd.id')
            .as('lineCount'),
        (eb) =>
          eb
            .selectFrom('movements as m')
            .select((e) => e.fn.sum<number>('m.qty').as('q'))
            .whereRef('m.document_id', '=', 'd.id')
            .as('totalQty'),
        (eb) =>
          eb
            .selectFrom('movements as m')
            .select((e) => e.fn.sum<number>(e('m.qty', '*', e.ref('m.unit_cost_fen'))).as('a'))
            .whereRef('m.document_id', '=', 'd.id')
            .as('totalAmountFen'),
      ]);
  // One receipt (a posting's answer) through a template: built once, not per posting (building the
  // query itself, before the template, was ~55 µs of every receipts.post — profile, issue 10).
  const rows =
    documentId === undefined
      ? await query().orderBy('r.posted_at', 'desc').limit(5000).execute()
      : (await runTemplate(db, 'receipts.one', { id: documentId }, (p) => query().where('r.document_id', '=', p.id)))
          .rows;
  return rows.map((r) => ({
    ...r,
    state: r.state as DocumentState,
    late: r.postingDelayMinutes > receiptPostingLimitMinutes,
    reversed: Number(r.reversed ?? 0) > 0,
    lineCount: Number(r.lineCount ?? 0),
    totalQty: Number(r.totalQty ?? 0),
    totalAmountFen: Number(r.totalAmountFen ?? 0),
  }));
}
