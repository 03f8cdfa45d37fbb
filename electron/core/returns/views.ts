// The return chain as the register, the approval list and the station see it:
// rows with the step each return is at and who holds it next, one return with
// its lines, steps (who, when) and note, and the finance export of the notes.
import type {
  ReturnFinanceExport,
  ReturnKind,
  ReturnLineView,
  ReturnReason,
  ReturnRow,
  ReturnState,
  ReturnStep,
  ReturnView,
} from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { ServiceContext } from '../context';
import type { Db } from '../db/schema';

const nextRole = (state: string): ReturnRow['nextRole'] =>
  state === 'reported'
    ? 'csManager'
    : state === 'approved'
      ? 'warehouseKeeper'
      : state === 'checked'
        ? 'operator'
        : null;

function baseQuery(db: Db) {
  return db
    .selectFrom('returns as r')
    .innerJoin('customers as c', 'c.id', 'r.customer_id')
    .leftJoin('users as s', 's.id', 'r.salesperson_id')
    .innerJoin('users as rb', 'rb.id', 'r.reported_by')
    .leftJoin('trips as t', 't.id', 'r.trip_id')
    .leftJoin('return_notes as n', 'n.return_id', 'r.id')
    .selectAll('r')
    .select([
      'c.code as customerCode',
      'c.name as customerName',
      's.display_name as salespersonName',
      'rb.display_name as reportedByName',
      't.number as tripNumber',
      'n.number as noteNumber',
    ])
    .select((eb) => [
      eb
        .selectFrom('return_lines as l')
        .select((e) =>
          e.fn.coalesce(e.fn.sum<number>(e.fn.coalesce('l.qty_checked', 'l.qty_reported')), e.lit(0)).as('u'),
        )
        .whereRef('l.return_id', '=', 'r.id')
        .as('units'),
      eb
        .selectFrom('return_lines as l')
        .select((e) =>
          e.fn
            .coalesce(
              e.fn.sum<number>(
                e.fn.coalesce(
                  'l.credit_fen',
                  e(e.fn.coalesce('l.qty_checked', 'l.qty_reported'), '*', e.ref('l.unit_price_fen')),
                ),
              ),
              e.lit(0),
            )
            .as('a'),
        )
        .whereRef('l.return_id', '=', 'r.id')
        .as('amount'),
    ]);
}

type BaseRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number];

async function ordersOf(db: Db, ids: number[]): Promise<Map<number, string[]>> {
  const map = new Map<number, string[]>();
  if (ids.length === 0) return map;
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('return_orders as x')
      .innerJoin('orders as o', 'o.id', 'x.order_id')
      .select(['x.return_id', 'o.number'])
      .where('x.return_id', 'in', ids.slice(i, i + 500))
      .orderBy('o.number')
      .execute();
    for (const r of rows) map.set(r.return_id, [...(map.get(r.return_id) ?? []), r.number]);
  }
  return map;
}

function toRow(r: BaseRow, orders: Map<number, string[]>): ReturnRow {
  return {
    id: r.id,
    number: r.number,
    kind: r.kind as ReturnKind,
    state: r.state as ReturnState,
    customerId: r.customer_id,
    customerCode: r.customerCode,
    customerName: r.customerName,
    salespersonId: r.salesperson_id,
    salespersonName: r.salespersonName ?? null,
    noDelivery: r.no_delivery === 1,
    orderNumbers: orders.get(r.id) ?? [],
    tripNumber: r.tripNumber ?? null,
    units: Number(r.units ?? 0),
    amountFen: Number(r.amount ?? 0),
    reportedBy: r.reportedByName,
    reportedAt: r.reported_at,
    hasDifferences: r.has_differences === null ? null : r.has_differences === 1,
    noteNumber: r.noteNumber ?? null,
    nextRole: nextRole(r.state),
  };
}

/** returns.list: newest first; a salesperson (and no other role) sees only the returns that are theirs. */
export async function listReturns(
  ctx: ServiceContext,
  filter: { state?: ReturnState; kind?: ReturnKind },
): Promise<ReturnRow[]> {
  const session = ctx.caller.session!;
  let q = baseQuery(ctx.db);
  if (filter.state) q = q.where('r.state', '=', filter.state);
  if (filter.kind) q = q.where('r.kind', '=', filter.kind);
  if (onlyOwn(ctx))
    q = q.where((eb) => eb.or([eb('r.salesperson_id', '=', session.userId), eb('r.reported_by', '=', session.userId)]));
  const rows = await q.orderBy('r.reported_at', 'desc').orderBy('r.id', 'desc').execute();
  const orders = await ordersOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toRow(r, orders));
}

function onlyOwn(ctx: ServiceContext): boolean {
  const roles = ctx.caller.session?.roles ?? [];
  return roles.includes('salesperson') && roles.every((r) => r === 'salesperson');
}

export async function readReturn(db: Db, returnId: number): Promise<ReturnView> {
  const r = await baseQuery(db).where('r.id', '=', returnId).executeTakeFirst();
  if (!r) throw new AppError('returns.unknown', { returnId });
  const lines = await db
    .selectFrom('return_lines as l')
    .innerJoin('products as p', 'p.id', 'l.product_id')
    .leftJoin('locations as g', 'g.id', 'l.good_location_id')
    .leftJoin('locations as d', 'd.id', 'l.damaged_location_id')
    .leftJoin('damage_reports as dr', 'dr.id', 'l.damage_report_id')
    .selectAll('l')
    .select([
      'p.code',
      'p.name_zh',
      'p.case_pack',
      'g.code as goodCode',
      'd.code as damagedCode',
      'dr.number as drNumber',
    ])
    .where('l.return_id', '=', returnId)
    .orderBy('l.line_no')
    .execute();
  const names = async (id: number | null) =>
    id === null
      ? ''
      : ((await db.selectFrom('users').select('display_name').where('id', '=', id).executeTakeFirst())?.display_name ??
        '');
  const note = await db
    .selectFrom('return_notes as n')
    .innerJoin('users as u', 'u.id', 'n.issued_by')
    .selectAll('n')
    .select('u.display_name')
    .where('n.return_id', '=', returnId)
    .executeTakeFirst();
  const steps: ReturnStep[] = [{ step: 'reported', by: r.reportedByName, at: r.reported_at, note: r.note }];
  if (r.decided_at)
    steps.push({
      step: r.state === 'rejected' ? 'rejected' : 'approved',
      by: await names(r.decided_by),
      at: r.decided_at,
      note: r.reject_reason ?? '',
    });
  if (r.checked_at)
    steps.push({ step: 'checked', by: await names(r.checked_by), at: r.checked_at, note: r.check_note });
  if (note) steps.push({ step: 'posted', by: note.display_name, at: note.issued_at, note: note.number });
  const lineViews: ReturnLineView[] = lines.map((l) => ({
    lineNo: l.line_no,
    productId: l.product_id,
    productCode: l.code,
    productName: l.name_zh,
    casePack: l.case_pack,
    status: l.status as 'good' | 'gift',
    qtyReported: l.qty_reported,
    reason: l.reason as ReturnReason,
    reasonNote: l.reason_note,
    orderLineId: l.order_line_id,
    unitPriceFen: l.unit_price_fen,
    qtyChecked: l.qty_checked,
    checkReason: (l.check_reason as ReturnReason | null) ?? null,
    differs: l.qty_checked !== null && l.qty_checked !== l.qty_reported,
    qtyGood: l.qty_good,
    qtyDamaged: l.qty_damaged,
    goodLocationCode: l.goodCode ?? null,
    damagedLocationCode: l.damagedCode ?? null,
    creditFen: l.credit_fen,
    damageReportNumber: l.drNumber ?? null,
  }));
  return {
    ...toRow(r, await ordersOf(db, [r.id])),
    note: r.note,
    rejectReason: r.reject_reason,
    casesChecked: r.cases_checked,
    checkNote: r.check_note,
    lines: lineViews,
    steps,
    returnNote: note
      ? {
          number: note.number,
          creditFen: note.credit_fen,
          unitsGood: note.units_good,
          unitsDamaged: note.units_damaged,
          issuedBy: note.display_name,
          issuedAt: note.issued_at,
          issuedDate: note.issued_date,
        }
      : null,
  };
}

/** returns.get: a salesperson only their own. */
export async function getReturn(ctx: ServiceContext, returnId: number): Promise<ReturnView> {
  const v = await readReturn(ctx.db, returnId);
  const userId = ctx.caller.session!.userId;
  if (onlyOwn(ctx) && v.salespersonId !== userId) {
    const own = await ctx.db
      .selectFrom('returns')
      .select('id')
      .where('id', '=', returnId)
      .where('reported_by', '=', userId)
      .executeTakeFirst();
    if (!own) throw new AppError('returns.notYours', { number: v.number });
  }
  return v;
}

/** returns.find: by the return's number (the barcode on its printed report), or a refused order's number (its refusal return). */
export async function findReturn(ctx: ServiceContext, number: string): Promise<ReturnView> {
  const byNumber = await ctx.db.selectFrom('returns').select('id').where('number', '=', number).executeTakeFirst();
  if (byNumber) return getReturn(ctx, byNumber.id);
  const byOrder = await ctx.db
    .selectFrom('returns as r')
    .innerJoin('return_orders as x', 'x.return_id', 'r.id')
    .innerJoin('orders as o', 'o.id', 'x.order_id')
    .select('r.id')
    .where('o.number', '=', number)
    .where('r.kind', '=', 'refusal')
    .orderBy('r.id', 'desc')
    .executeTakeFirst();
  if (byOrder) return getReturn(ctx, byOrder.id);
  throw new AppError('returns.notFound', { number });
}

const csvCell = (v: string | number) => {
  const s = String(v);
  return /[",\n\r]/.test(s) || /^[=+\-@]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** returns.financeExport: one CSV row per note line (note number, date, customer, salesperson, product, qty, credit). */
export async function financeExport(db: Db, from: string, to: string): Promise<ReturnFinanceExport> {
  const rows = await db
    .selectFrom('return_notes as n')
    .innerJoin('returns as r', 'r.id', 'n.return_id')
    .innerJoin('customers as c', 'c.id', 'r.customer_id')
    .leftJoin('users as s', 's.id', 'r.salesperson_id')
    .innerJoin('return_lines as l', 'l.return_id', 'r.id')
    .innerJoin('products as p', 'p.id', 'l.product_id')
    .select([
      'n.number',
      'n.issued_date',
      'n.credit_fen as noteCredit',
      'r.number as returnNumber',
      'r.kind',
      'c.code as customerCode',
      'c.name as customerName',
      's.display_name as salesperson',
      'l.line_no',
      'p.code as productCode',
      'p.name_zh',
      'l.status',
      'l.qty_good',
      'l.qty_damaged',
      'l.unit_price_fen',
      'l.credit_fen',
    ])
    .where('n.issued_date', '>=', from)
    .where('n.issued_date', '<=', to)
    .orderBy('n.issued_date')
    .orderBy('n.number')
    .orderBy('l.line_no')
    .execute();
  const head = [
    'note',
    'date',
    'return',
    'kind',
    'customer_code',
    'customer',
    'salesperson',
    'line',
    'product_code',
    'product',
    'status',
    'qty_good',
    'qty_damaged',
    'unit_price_yuan',
    'credit_yuan',
    'note_credit_yuan',
  ];
  const yuan = (fen: number) => (fen / 100).toFixed(2);
  const out = [head.join(',')];
  const notes = new Map<string, number>();
  for (const r of rows) {
    notes.set(r.number, r.noteCredit);
    out.push(
      [
        r.number,
        r.issued_date,
        r.returnNumber,
        r.kind,
        r.customerCode,
        r.customerName,
        r.salesperson ?? '',
        r.line_no,
        r.productCode,
        r.name_zh,
        r.status,
        r.qty_good ?? 0,
        r.qty_damaged ?? 0,
        yuan(r.unit_price_fen),
        yuan(r.credit_fen ?? 0),
        yuan(r.noteCredit),
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return {
    fileName: `return-notes-${from}-${to}.csv`,
    csv: '\uFEFF' + out.join('\r\n') + '\r\n',
    notes: notes.size,
    creditFen: [...notes.values()].reduce((s, v) => s + v, 0),
  };
}
