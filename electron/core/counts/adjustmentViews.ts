// Reading adjustment forms 库存调整表: the list (grid, history) and one form with its lines.
import type {
  AdjustmentFormKind,
  AdjustmentFormRow,
  AdjustmentFormState,
  AdjustmentFormView,
  CountCause,
} from '../../../shared/contract/counts';
import type { StockStatus } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { Db } from '../db/schema';

export type FormFilter = {
  id?: number;
  sessionId?: number;
  state?: AdjustmentFormState;
  kind?: AdjustmentFormKind;
  limit?: number;
};

export async function listForms(db: Db, f: FormFilter): Promise<AdjustmentFormRow[]> {
  let q = db
    .selectFrom('adjustment_forms as f')
    .leftJoin('count_sessions as s', 's.id', 'f.session_id')
    .innerJoin('users as c', 'c.id', 'f.created_by')
    .leftJoin('users as sb', 'sb.id', 'f.submitted_by')
    .leftJoin('users as db', 'db.id', 'f.decided_by')
    .leftJoin('documents as d', 'd.id', 'f.document_id')
    .select([
      'f.id',
      'f.number',
      'f.kind',
      'f.session_id',
      's.number as sessionNumber',
      'f.state',
      'f.note',
      'c.display_name as createdBy',
      'f.created_at',
      'sb.display_name as submittedBy',
      'f.submitted_at',
      'db.display_name as decidedBy',
      'f.decided_at',
      'f.comment',
      'f.document_id',
      'd.number as documentNo',
      (eb) =>
        eb
          .selectFrom('adjustment_lines as l')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('l.form_id', '=', 'f.id')
          .as('lineCount'),
      (eb) =>
        eb
          .selectFrom('adjustment_lines as l')
          .select((e) => e.fn.sum<number>('l.qty').as('q'))
          .whereRef('l.form_id', '=', 'f.id')
          .as('totalQty'),
      (eb) =>
        eb
          .selectFrom('adjustment_lines as l')
          .select((e) => e.fn.sum<number>(e('l.qty', '*', e.ref('l.unit_cost_fen'))).as('a'))
          .whereRef('l.form_id', '=', 'f.id')
          .as('totalAmountFen'),
    ]);
  if (f.id !== undefined) q = q.where('f.id', '=', f.id);
  if (f.sessionId !== undefined) q = q.where('f.session_id', '=', f.sessionId);
  if (f.state) q = q.where('f.state', '=', f.state);
  if (f.kind) q = q.where('f.kind', '=', f.kind);
  const rows = await q
    .orderBy('f.id', 'desc')
    .limit(f.limit ?? 500)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    kind: r.kind as AdjustmentFormKind,
    sessionId: r.session_id,
    sessionNumber: r.sessionNumber ?? null,
    state: r.state as AdjustmentFormState,
    note: r.note,
    createdBy: r.createdBy,
    createdAt: r.created_at,
    submittedBy: r.submittedBy ?? null,
    submittedAt: r.submitted_at,
    decidedBy: r.decidedBy ?? null,
    decidedAt: r.decided_at,
    comment: r.comment,
    documentId: r.document_id,
    documentNo: r.documentNo ?? null,
    lineCount: Number(r.lineCount ?? 0),
    totalQty: Number(r.totalQty ?? 0),
    totalAmountFen: Number(r.totalAmountFen ?? 0),
  }));
}

export async function formView(db: Db, formId: number): Promise<AdjustmentFormView> {
  const [row] = await listForms(db, { id: formId });
  if (!row) throw new AppError('adjustments.notFound', { formId });
  const lines = await db
    .selectFrom('adjustment_lines as l')
    .innerJoin('products as p', 'p.id', 'l.product_id')
    .innerJoin('locations as loc', 'loc.id', 'l.location_id')
    .select([
      'l.line_no',
      'l.count_line_id',
      'l.product_id',
      'p.code',
      'p.name_zh',
      'p.name_en',
      'p.unit',
      'l.status',
      'l.location_id',
      'loc.code as locationCode',
      'l.qty',
      'l.unit_cost_fen',
      'l.cause',
      'l.note',
    ])
    .where('l.form_id', '=', formId)
    .orderBy('l.line_no')
    .execute();
  return {
    ...row,
    lines: lines.map((l) => ({
      lineNo: l.line_no,
      countLineId: l.count_line_id,
      productId: l.product_id,
      productCode: l.code,
      productNameZh: l.name_zh,
      productNameEn: l.name_en,
      unit: l.unit,
      status: l.status as StockStatus,
      locationId: l.location_id,
      locationCode: l.locationCode,
      qty: l.qty,
      unitCostFen: l.unit_cost_fen,
      amountFen: l.qty * l.unit_cost_fen,
      cause: l.cause as CountCause,
      note: l.note,
    })),
  };
}
