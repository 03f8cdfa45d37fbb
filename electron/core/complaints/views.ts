// What the complaint register shows: rows for the grid with where each stands
// against its deadline (computed at the core's now, so every window and the
// dashboard agree), one complaint with its steps and solutions, the links a
// customer's complaint may name, and the dashboard's summary.
import type {
  ComplaintChannel,
  ComplaintDepartment,
  ComplaintLinks,
  ComplaintRow,
  ComplaintSeverity,
  ComplaintState,
  ComplaintStep,
  ComplaintView,
  ComplaintsSummary,
  DeadlineStatus,
} from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { ServiceContext } from '../context';
import type { Db } from '../db/schema';
import { addDays, today } from '../orders/dates';
import { deadlineOf } from './deadlines';
import { listAttachments } from '../attachments/store';

function rowsQuery(db: Db) {
  return db
    .selectFrom('complaints as c')
    .leftJoin('customers as cu', 'cu.id', 'c.customer_id')
    .leftJoin('orders as o', 'o.id', 'c.order_id')
    .innerJoin('users as reg', 'reg.id', 'c.registered_by')
    .select([
      'c.id',
      'c.number',
      'c.state',
      'c.customer_id as customerId',
      'cu.code as customerCode',
      'cu.name as customerName',
      'c.caller_name as callerName',
      'c.caller_phone as callerPhone',
      'cu.area',
      'c.channel',
      'c.received_at as receivedAt',
      'c.received_date as receivedDate',
      'c.content',
      'c.category',
      'c.severity',
      'c.valid',
      'c.department',
      'c.responsible_person as responsiblePerson',
      'o.number as orderNumber',
      'c.response_due_at as responseDueAt',
      'c.resolve_due_at as resolveDueAt',
      'c.judged_at as judgedAt',
      'c.resolved_at as resolvedAt',
      'reg.display_name as registeredBy',
    ]);
}

type RawRow = Awaited<ReturnType<ReturnType<typeof rowsQuery>['execute']>>[number];

function toRow(r: RawRow, now: Date): ComplaintRow {
  const valid = r.valid === null ? null : r.valid === 1;
  return {
    id: r.id,
    number: r.number,
    state: r.state as ComplaintState,
    customerId: r.customerId,
    customerCode: r.customerCode,
    complainant: r.customerName ?? r.callerName,
    callerPhone: r.callerPhone,
    area: r.area,
    channel: r.channel as ComplaintChannel,
    receivedAt: r.receivedAt,
    receivedDate: r.receivedDate,
    content: r.content,
    category: r.category,
    severity: r.severity as ComplaintSeverity,
    valid,
    department: r.department as ComplaintDepartment | null,
    responsiblePerson: r.responsiblePerson,
    orderNumber: r.orderNumber,
    responseDueAt: r.responseDueAt,
    resolveDueAt: r.resolveDueAt,
    deadline: deadlineOf({ ...r, valid }, now),
    registeredBy: r.registeredBy,
  };
}

export async function listComplaints(
  ctx: ServiceContext,
  f: { state?: ComplaintState; open?: boolean; month?: string; deadline?: DeadlineStatus; customerId?: number },
): Promise<ComplaintRow[]> {
  let q = rowsQuery(ctx.db);
  if (f.state) q = q.where('c.state', '=', f.state);
  if (f.open) q = q.where('c.state', '<>', 'closed');
  if (f.month) q = q.where('c.received_date', '>=', `${f.month}-01`).where('c.received_date', '<=', `${f.month}-31`);
  if (f.customerId) q = q.where('c.customer_id', '=', f.customerId);
  const rows = (await q.orderBy('c.received_at', 'desc').orderBy('c.id', 'desc').execute()).map((r) =>
    toRow(r, ctx.now),
  );
  return f.deadline ? rows.filter((r) => r.deadline.status === f.deadline) : rows;
}

export async function readComplaint(ctx: ServiceContext, complaintId: number): Promise<ComplaintView> {
  const r = await rowsQuery(ctx.db).where('c.id', '=', complaintId).executeTakeFirst();
  if (!r) throw new AppError('complaints.unknown', { complaintId });
  const c = await ctx.db
    .selectFrom('complaints as c')
    .leftJoin('trips as t', 't.id', 'c.trip_id')
    .leftJoin('returns as rt', 'rt.id', 'c.return_id')
    .leftJoin('products as p', 'p.id', 'c.product_id')
    .leftJoin('users as ju', 'ju.id', 'c.judged_by')
    .leftJoin('users as iu', 'iu.id', 'c.investigated_by')
    .leftJoin('users as au', 'au.id', 'c.approved_by')
    .leftJoin('users as ru', 'ru.id', 'c.resolved_by')
    .leftJoin('users as cu', 'cu.id', 'c.confirmed_by')
    .leftJoin('users as fu', 'fu.id', 'c.followed_up_by')
    .leftJoin('users as xu', 'xu.id', 'c.closed_by')
    .innerJoin('users as reg', 'reg.id', 'c.registered_by')
    .select([
      'c.order_id',
      'c.trip_id',
      't.number as tripNumber',
      'c.return_id',
      'rt.number as returnNumber',
      'c.product_id',
      'p.code as productCode',
      'p.name_zh as productName',
      'c.reply',
      'c.cause',
      'c.result',
      'c.approval_note',
      'c.approved_solution_id',
      'c.resolved_by',
      'c.valid',
      'c.department',
      'c.responsible_person',
      'reg.display_name as regBy',
      'c.registered_at',
      'ju.display_name as judgedBy',
      'c.judged_at',
      'iu.display_name as investigatedBy',
      'c.investigated_at',
      'au.display_name as approvedBy',
      'c.approved_at',
      'ru.display_name as resolvedBy',
      'c.resolved_at',
      'cu.display_name as confirmedBy',
      'c.confirmed_at',
      'c.confirm_note',
      'fu.display_name as followedUpBy',
      'c.followed_up_at',
      'c.follow_up_note',
      'xu.display_name as closedBy',
      'c.closed_at',
      'c.close_note',
    ])
    .where('c.id', '=', complaintId)
    .executeTakeFirstOrThrow();
  const solutions = await ctx.db
    .selectFrom('complaint_solutions as s')
    .innerJoin('users as u', 'u.id', 's.proposed_by')
    .select(['s.id', 's.text', 'u.display_name as proposedBy', 's.proposed_at as proposedAt'])
    .where('s.complaint_id', '=', complaintId)
    .orderBy('s.id')
    .execute();
  const steps: ComplaintStep[] = [{ step: 'registered', by: c.regBy, at: c.registered_at, note: '' }];
  const add = (step: ComplaintStep['step'], by: string | null, at: string | null, note: string) => {
    if (by !== null && at !== null) steps.push({ step, by, at, note });
  };
  add('judged', c.judgedBy, c.judged_at, c.reply);
  add(
    'investigating',
    c.investigatedBy,
    c.investigated_at,
    [c.responsible_person, c.cause].filter((x) => x).join(' · '),
  );
  for (const s of solutions) add('proposed', s.proposedBy, s.proposedAt, s.text);
  add('approved', c.approvedBy, c.approved_at, c.approval_note);
  add('resolved', c.resolvedBy, c.resolved_at, c.result);
  add('confirmed', c.confirmedBy, c.confirmed_at, c.confirm_note);
  add('followedUp', c.followedUpBy, c.followed_up_at, c.follow_up_note);
  add('closed', c.closedBy, c.closed_at, c.close_note);
  return {
    ...toRow(r, ctx.now),
    orderId: c.order_id,
    tripId: c.trip_id,
    tripNumber: c.tripNumber,
    returnId: c.return_id,
    returnNumber: c.returnNumber,
    productId: c.product_id,
    productCode: c.productCode,
    productName: c.productName,
    reply: c.reply,
    cause: c.cause,
    result: c.result,
    approvalNote: c.approval_note,
    resolvedById: c.resolved_by,
    steps,
    solutions: solutions.map((s) => ({ ...s, approved: s.id === c.approved_solution_id })),
    attachments: await listAttachments(ctx.db, 'complaint', complaintId),
  };
}

/** A customer's orders of the last 60 days, the trips that delivered them and their returns. */
export async function complaintLinks(ctx: ServiceContext, customerId: number): Promise<ComplaintLinks> {
  const since = addDays(today(ctx.now, ctx.timeZone), -60);
  const orders = await ctx.db
    .selectFrom('orders as o')
    .leftJoin('order_outcomes as oc', 'oc.order_id', 'o.id')
    .select(['o.id', 'o.number', 'o.delivery_date as deliveryDate', 'o.state', 'oc.outcome'])
    .where('o.customer_id', '=', customerId)
    .where('o.order_date', '>=', since)
    .orderBy('o.order_date', 'desc')
    .orderBy('o.id', 'desc')
    .limit(100)
    .execute();
  const trips = await ctx.db
    .selectFrom('trip_stops as s')
    .innerJoin('trips as t', 't.id', 's.trip_id')
    .select(['t.id', 't.number', 't.dispatch_date as dispatchDate'])
    .where('s.customer_id', '=', customerId)
    .where('t.dispatch_date', '>=', since)
    .orderBy('t.dispatch_date', 'desc')
    .limit(50)
    .execute();
  const returns = await ctx.db
    .selectFrom('returns')
    .select(['id', 'number', 'state'])
    .where('customer_id', '=', customerId)
    .orderBy('id', 'desc')
    .limit(50)
    .execute();
  return { orders, trips, returns };
}

export async function complaintsSummary(ctx: ServiceContext): Promise<ComplaintsSummary> {
  const open = await rowsQuery(ctx.db)
    .where((eb) =>
      eb.or([eb('c.judged_at', 'is', null), eb.and([eb('c.valid', '=', 1), eb('c.resolved_at', 'is', null)])]),
    )
    .execute();
  const counts = { onTime: 0, atRisk: 0, overdue: 0 };
  for (const r of open) {
    const s = toRow(r, ctx.now).deadline.status;
    if (s === 'onTime' || s === 'atRisk' || s === 'overdue') counts[s]++;
  }
  const month = today(ctx.now, ctx.timeZone).slice(0, 7);
  const m = await ctx.db
    .selectFrom('complaints')
    .select((eb) => [
      eb.fn.countAll<number>().as('received'),
      eb.fn.sum<number>(eb.case().when('valid', '=', 1).then(1).else(0).end()).as('valid'),
      eb.fn.sum<number>(eb.case().when('resolved_at', 'is not', null).then(1).else(0).end()).as('resolved'),
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(eb.and([eb('resolved_at', 'is not', null), eb('resolved_at', '<=', eb.ref('resolve_due_at'))]))
            .then(1)
            .else(0)
            .end(),
        )
        .as('onTime'),
    ])
    .where('received_date', '>=', `${month}-01`)
    .where('received_date', '<=', `${month}-31`)
    .executeTakeFirstOrThrow();
  return {
    open: open.length,
    ...counts,
    month,
    receivedThisMonth: Number(m.received),
    validThisMonth: Number(m.valid ?? 0),
    resolvedThisMonth: Number(m.resolved ?? 0),
    resolvedOnTimeThisMonth: Number(m.onTime ?? 0),
  };
}
