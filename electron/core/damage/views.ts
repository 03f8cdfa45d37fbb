// What the damage register shows: rows for the grid and one report in full
// (its steps, what was done with its goods, its attachments).
import type {
  DamageReportRow,
  DamageReportView,
  DamageState,
  DamageStep,
  DamageWhereFound,
  DisposalKind,
  DisposalState,
} from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { Db } from '../db/schema';
import { listAttachments } from '../attachments/store';

function reportQuery(db: Db) {
  return db
    .selectFrom('damage_reports as r')
    .innerJoin('products as p', 'p.id', 'r.product_id')
    .innerJoin('locations as l', 'l.id', 'r.location_id')
    .innerJoin('users as rep', 'rep.id', 'r.reported_by')
    .innerJoin('users as f', 'f.id', 'r.found_by')
    .leftJoin('users as dec', 'dec.id', 'r.decided_by')
    .leftJoin('documents as od', 'od.id', 'r.origin_document_id')
    .leftJoin('documents as td', 'td.id', 'r.transfer_document_id')
    .select([
      'r.id',
      'r.number',
      'r.state',
      'r.product_id as productId',
      'p.code as productCode',
      'p.name_zh as productName',
      'p.name_en as productNameEn',
      'p.case_pack as casePack',
      'r.from_status as fromStatus',
      'r.location_id as locationId',
      'l.code as locationCode',
      'r.qty',
      'r.unit_cost_fen as unitCostFen',
      'r.amount_fen as amountFen',
      'r.where_found as whereFound',
      'r.cause',
      'r.cause_note as causeNote',
      'r.suggestion',
      'r.note',
      'f.display_name as foundBy',
      'rep.display_name as reportedBy',
      'r.reported_by as reportedById',
      'r.reported_at as reportedAt',
      'r.reported_date as reportedDate',
      'dec.display_name as decidedBy',
      'r.decided_at as decidedAt',
      'r.reject_reason as rejectReason',
      'r.entered_date as enteredDate',
      'od.number as originDocumentNo',
      'td.number as transferDocumentNo',
      'r.order_id as orderId',
      'r.trip_id as tripId',
      'r.count_session_id as countSessionId',
      (eb) =>
        eb
          .selectFrom('disposal_lines as dl')
          .innerJoin('disposals as d', 'd.id', 'dl.disposal_id')
          .select((e) => e.fn.sum<number>('dl.qty').as('q'))
          .whereRef('dl.damage_report_id', '=', 'r.id')
          .where('d.state', '=', 'approved')
          .as('disposedQty'),
      (eb) =>
        eb
          .selectFrom('attachments as a')
          .select((e) => e.fn.countAll<number>().as('n'))
          .where('a.owner', '=', 'damageReport')
          .whereRef('a.owner_id', '=', 'r.id')
          .as('attachmentCount'),
    ]);
}

type Raw = Awaited<ReturnType<ReturnType<typeof reportQuery>['execute']>>[number];

function toRow(r: Raw): DamageReportRow {
  return {
    id: r.id,
    number: r.number,
    state: r.state as DamageState,
    productId: r.productId,
    productCode: r.productCode,
    productName: r.productName,
    productNameEn: r.productNameEn,
    casePack: r.casePack,
    fromStatus: r.fromStatus as 'good' | 'gift',
    locationId: r.locationId,
    locationCode: r.locationCode,
    qty: r.qty,
    unitCostFen: r.unitCostFen,
    amountFen: r.amountFen,
    whereFound: r.whereFound as DamageWhereFound,
    cause: r.cause,
    causeNote: r.causeNote,
    suggestion: r.suggestion as DisposalKind,
    note: r.note,
    foundBy: r.foundBy,
    reportedBy: r.reportedBy,
    reportedById: r.reportedById,
    reportedAt: r.reportedAt,
    reportedDate: r.reportedDate,
    decidedBy: r.decidedBy ?? null,
    decidedAt: r.decidedAt,
    rejectReason: r.rejectReason,
    enteredDate: r.enteredDate,
    originDocumentNo: r.originDocumentNo ?? null,
    transferDocumentNo: r.transferDocumentNo ?? null,
    disposedQty: Number(r.disposedQty ?? 0),
    attachmentCount: Number(r.attachmentCount ?? 0),
  };
}

export async function listReports(db: Db, state?: DamageState): Promise<DamageReportRow[]> {
  let q = reportQuery(db);
  if (state) q = q.where('r.state', '=', state);
  const rows = await q.orderBy('r.id', 'desc').limit(5000).execute();
  return rows.map(toRow);
}

export async function reportRecord(db: Db, reportId: number) {
  const r = await db.selectFrom('damage_reports').selectAll().where('id', '=', reportId).executeTakeFirst();
  if (!r) throw new AppError('damage.unknownReport', { reportId });
  return r;
}

export async function readReport(db: Db, reportId: number): Promise<DamageReportView> {
  const raw = await reportQuery(db).where('r.id', '=', reportId).executeTakeFirst();
  if (!raw) throw new AppError('damage.unknownReport', { reportId });
  const row = toRow(raw);
  const order = raw.orderId
    ? await db.selectFrom('orders').select('number').where('id', '=', raw.orderId).executeTakeFirst()
    : undefined;
  const trip = raw.tripId
    ? await db.selectFrom('trips').select('number').where('id', '=', raw.tripId).executeTakeFirst()
    : undefined;
  const done = await db
    .selectFrom('disposal_lines as dl')
    .innerJoin('disposals as d', 'd.id', 'dl.disposal_id')
    .select([
      'd.id as disposalId',
      'd.number as disposalNumber',
      'd.kind',
      'd.state',
      'dl.qty',
      'dl.amount_fen as amountFen',
      'd.decided_at as decidedAt',
    ])
    .where('dl.damage_report_id', '=', reportId)
    .orderBy('d.id')
    .execute();
  const steps: DamageStep[] = [{ step: 'reported', by: row.reportedBy, at: row.reportedAt, note: row.note }];
  if (row.decidedAt) {
    steps.push({
      step: row.state,
      by: row.decidedBy ?? '',
      at: row.decidedAt,
      note: row.rejectReason ?? row.transferDocumentNo ?? '',
    });
  }
  const disposalSteps = await db
    .selectFrom('disposals as d')
    .innerJoin('users as p', 'p.id', 'd.proposed_by')
    .leftJoin('users as dec', 'dec.id', 'd.decided_by')
    .select([
      'd.number',
      'd.state',
      'd.kind',
      'p.display_name as proposedBy',
      'd.proposed_at as proposedAt',
      'dec.display_name as decidedBy',
      'd.decided_at as decidedAt',
    ])
    .where('d.id', 'in', done.length ? [...new Set(done.map((x) => x.disposalId))] : [0])
    .orderBy('d.id')
    .execute();
  for (const d of disposalSteps) {
    steps.push({ step: 'disposalProposed', by: d.proposedBy, at: d.proposedAt, note: `${d.number} ${d.kind}` });
    if (d.decidedAt)
      steps.push({ step: `disposal_${d.state}`, by: d.decidedBy ?? '', at: d.decidedAt, note: d.number });
  }
  return {
    ...row,
    orderNumber: order?.number ?? null,
    tripNumber: trip?.number ?? null,
    countSessionId: raw.countSessionId,
    steps,
    done: done.map((d) => ({ ...d, kind: d.kind as DisposalKind, state: d.state as DisposalState })),
    attachments: await listAttachments(db, 'damageReport', reportId),
  };
}
