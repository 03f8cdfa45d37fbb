// The daily dispatch report 每日发货报告 of a dispatch date (R9): orders
// dispatched per vehicle/trip with customers, cases, units, weight and amount,
// and the exceptions (held, short, taken off, left behind, refused). The warehouse keeper
// fills it (a remark per exception, a general note) and submits it before the
// cut-off (16:30 by default); a report submitted at or after the cut-off is
// late (kept queryable for the KPI tracker). The operator posts it, once.
// Submitting freezes the figures: a posted report never changes afterwards.
import { sql } from 'kysely';
import type {
  DispatchReport,
  DispatchReportFigures,
  DispatchReportState,
  OrderState,
  ParsedInput,
  RefusalReason,
  ReportException,
  ReportExceptionKind,
  ReportStop,
  ReportTotals,
  ReportTrip,
  TripState,
} from '../../../../shared/contract';
import { AppError } from '../../../../shared/errors';
import { recordAudit } from '../../audit/audit';
import type { ServiceContext } from '../../context';
import type { Db } from '../../db/schema';
import { cutoffTime, isLate, zonedInstant } from './cutoff';

const departedTrip: readonly string[] = ['departed', 'returned'];
const zero = (): ReportTotals => ({ trips: 0, customers: 0, orders: 0, cases: 0, units: 0, weightG: 0, amountFen: 0 });

/** Weight of an order's lines: whole cases at the case weight when the product has one, else units × unit weight. */
const lineWeight = sql<number>`CASE WHEN p.case_weight_g IS NOT NULL AND p.case_pack > 0
  THEN (l.qty / p.case_pack) * p.case_weight_g + (l.qty % p.case_pack) * coalesce(p.unit_weight_g, 0)
  ELSE l.qty * coalesce(p.unit_weight_g, 0) END`;

async function orderWeights(db: Db, orderIds: number[]): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  for (let i = 0; i < orderIds.length; i += 5000) {
    const rows = await db
      .selectFrom('order_lines as l')
      .innerJoin('products as p', 'p.id', 'l.product_id')
      .select(['l.order_id', sql<number>`sum(${lineWeight})`.as('g')])
      .where('l.order_id', 'in', orderIds.slice(i, i + 5000))
      .groupBy('l.order_id')
      .execute();
    for (const r of rows) out.set(r.order_id, Number(r.g ?? 0));
  }
  return out;
}

export async function computeFigures(db: Db, dispatchDate: string): Promise<DispatchReportFigures> {
  const trips = await db
    .selectFrom('trips as t')
    .innerJoin('vehicles as v', 'v.id', 't.vehicle_id')
    .select(['t.id', 't.number', 'v.plate', 't.driver_name', 't.state', 't.departed_at'])
    .where('t.dispatch_date', '=', dispatchDate)
    .orderBy('v.plate')
    .orderBy('t.seq')
    .execute();
  const onTrips = await db
    .selectFrom('trip_orders as x')
    .innerJoin('trips as t', 't.id', 'x.trip_id')
    .innerJoin('trip_stops as s', 's.id', 'x.stop_id')
    .innerJoin('orders as o', 'o.id', 'x.order_id')
    .leftJoin('customers as c', 'c.id', 'o.customer_id')
    .select([
      'x.trip_id',
      's.seq',
      'o.id',
      'o.customer_code',
      'c.name as customerName',
      'o.cases',
      'o.units',
      'o.amount_fen',
    ])
    .where('t.dispatch_date', '=', dispatchDate)
    .orderBy('x.trip_id')
    .orderBy('s.seq')
    .execute();
  const weights = await orderWeights(
    db,
    onTrips.map((o) => o.id),
  );
  const reportTrips: ReportTrip[] = trips.map((t) => ({
    tripId: t.id,
    number: t.number,
    plate: t.plate,
    driverName: t.driver_name,
    state: t.state as TripState,
    departedAt: t.departed_at,
    load: { ...zero(), trips: 1 },
    stops: [],
  }));
  const byTrip = new Map(reportTrips.map((t) => [t.tripId, t]));
  for (const o of onTrips) {
    const t = byTrip.get(o.trip_id)!;
    let stop: ReportStop | undefined = t.stops.at(-1);
    if (!stop || stop.customerCode !== o.customer_code) {
      stop = {
        customerCode: o.customer_code,
        customerName: o.customerName ?? '',
        orders: 0,
        cases: 0,
        units: 0,
        weightG: 0,
        amountFen: 0,
      };
      t.stops.push(stop);
      t.load.customers++;
    }
    const w = weights.get(o.id) ?? 0;
    for (const acc of [stop, t.load]) {
      acc.orders++;
      acc.cases += o.cases;
      acc.units += o.units;
      acc.weightG += w;
      acc.amountFen += o.amount_fen;
    }
  }
  const totals = zero();
  const customers = new Set<string>();
  for (const t of reportTrips) {
    if (!departedTrip.includes(t.state)) continue;
    totals.trips++;
    for (const s of t.stops) customers.add(s.customerCode);
    totals.orders += t.load.orders;
    totals.cases += t.load.cases;
    totals.units += t.load.units;
    totals.weightG += t.load.weightG;
    totals.amountFen += t.load.amountFen;
  }
  totals.customers = customers.size;
  return { trips: reportTrips, dispatched: totals, exceptions: await exceptionsOf(db, dispatchDate) };
}

/** Order states of an order released for the date and not yet on its way. */
const waiting: readonly string[] = ['released', 'assigned', 'picking', 'loaded'];

/**
 * The exceptions of dispatch date D, one row per order, the first rule that holds:
 *
 * - held: an order of D held or awaiting confirmation (R1).
 * - takenOff: taken off a trip of D at the load check (trip_takeoffs of D) and
 *   not on a trip of D now — whatever became of it since (back in the pool,
 *   on the confirmation list, moved to another day): it did not go on D. An
 *   order taken off and put on another trip of D is going, or went: no row
 *   (unless refused at the customer's, below). Its trip is the one it was
 *   taken off, its reason the keeper's.
 * - short: an order of D on the confirmation list from its release (no stock).
 * - refused: refused whole or in part at the customer's.
 * - leftBehind: an order of D released (assigned, picking, loaded) that is
 *   still waiting once D's dispatching is over — D has trips and every one of
 *   them has departed: nothing more leaves for D. Before that such an order is
 *   simply not dispatched yet, not an exception (the report of a day in
 *   progress listed all ~5,300 orders of the demo day here).
 *
 * Departed and signed orders are no exception; neither are orders received or
 * qualified but never released, nor cancelled ones.
 */
async function exceptionsOf(db: Db, dispatchDate: string): Promise<ReportException[]> {
  const takeOffs = new Map<number, { tripNumber: string; reason: string }>();
  const takenOff = await db
    .selectFrom('trip_takeoffs as k')
    .innerJoin('trips as t', 't.id', 'k.trip_id')
    .select(['k.order_id', 't.number', 'k.reason'])
    .where('k.dispatch_date', '=', dispatchDate)
    .orderBy('k.id')
    .execute();
  // The latest take-off of an order (taken off, put back, taken off again) is the one that counts.
  for (const k of takenOff) takeOffs.set(k.order_id, { tripNumber: k.number, reason: k.reason });
  const trips = await db
    .selectFrom('trips')
    .select((eb) => [
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>(eb.case().when('state', 'in', departedTrip).then(1).else(0).end()).as('gone'),
    ])
    .where('dispatch_date', '=', dispatchDate)
    .executeTakeFirstOrThrow();
  const dayOver = Number(trips.n) > 0 && Number(trips.gone) === Number(trips.n);

  const takenOffIds = [...takeOffs.keys()];
  const rows = await db
    .selectFrom('orders as o')
    .leftJoin('customers as c', 'c.id', 'o.customer_id')
    .leftJoin('trip_orders as x', 'x.order_id', 'o.id')
    .leftJoin('trips as t', 't.id', 'x.trip_id')
    .leftJoin('order_outcomes as oc', 'oc.order_id', 'o.id')
    .leftJoin('dispatch_report_remarks as m', (j) =>
      j.onRef('m.order_id', '=', 'o.id').on('m.dispatch_date', '=', dispatchDate),
    )
    .select([
      'o.id',
      'o.number',
      'o.customer_code',
      'c.name as customerName',
      'o.state',
      'o.dispatch_date',
      'o.units',
      'o.amount_fen',
      't.number as tripNumber',
      't.dispatch_date as tripDate',
      'oc.outcome',
      'oc.reason',
      'm.remark',
    ])
    .where((eb) =>
      eb.or([
        eb.and([
          eb('o.dispatch_date', '=', dispatchDate),
          eb('o.state', 'not in', ['received', 'qualified', 'cancelled', 'departed']),
          // A delivered order is an exception only when partly refused (its refused lines come from
          // refused_lines); its trip is still joined through trip_orders, which delivery never removes.
          eb.or([eb('o.state', '<>', 'delivered'), eb('oc.outcome', '=', 'partlyRefused')]),
          // Still waiting: an exception only once the day's trips have all departed.
          ...(dayOver ? [] : [eb('o.state', 'not in', waiting)]),
        ]),
        ...(takenOffIds.length > 0 ? [eb('o.id', 'in', takenOffIds)] : []),
      ]),
    )
    .orderBy('o.number')
    .execute();
  const refusedIds = rows.filter((r) => r.outcome && r.outcome !== 'signed').map((r) => r.id);
  const refused = new Map<number, { units: number; amountFen: number }>();
  for (let i = 0; i < refusedIds.length; i += 5000) {
    const sums = await db
      .selectFrom('refused_lines')
      .select([
        'order_id',
        (eb) => eb.fn.sum<number>('qty').as('units'),
        (eb) => eb.fn.sum<number>('amount_fen').as('amount'),
      ])
      .where('order_id', 'in', refusedIds.slice(i, i + 5000))
      .groupBy('order_id')
      .execute();
    for (const s of sums) refused.set(s.order_id, { units: Number(s.units), amountFen: Number(s.amount) });
  }
  const out: ReportException[] = [];
  for (const r of rows) {
    const takeOff = takeOffs.get(r.id);
    const ofTheDay = r.dispatch_date === dispatchDate;
    let kind: ReportExceptionKind;
    if (ofTheDay && (r.state === 'held' || r.state === 'awaitingConfirmation')) kind = 'held';
    else if (takeOff && r.tripDate !== dispatchDate) kind = 'takenOff';
    else if (!ofTheDay) continue;
    else if (r.state === 'short') kind = 'short';
    else if (r.outcome === 'refused' || r.outcome === 'partlyRefused') kind = 'refused';
    else if (dayOver && waiting.includes(r.state)) kind = 'leftBehind';
    else continue;
    const ref = refused.get(r.id);
    out.push({
      orderId: r.id,
      orderNumber: r.number,
      customerCode: r.customer_code,
      customerName: r.customerName ?? '',
      kind,
      state: r.state as OrderState,
      reason: (r.reason as RefusalReason | null) ?? null,
      takeOffReason: kind === 'takenOff' ? takeOff!.reason : null,
      tripNumber: kind === 'takenOff' ? takeOff!.tripNumber : r.tripNumber,
      units: kind === 'refused' && ref ? ref.units : r.units,
      amountFen: kind === 'refused' && ref ? ref.amountFen : r.amount_fen,
      remark: r.remark ?? '',
    });
  }
  const rank: Record<ReportExceptionKind, number> = { held: 0, short: 1, takenOff: 2, leftBehind: 3, refused: 4 };
  return out.sort((a, b) => rank[a.kind] - rank[b.kind] || a.orderNumber.localeCompare(b.orderNumber));
}

async function reportRow(db: Db, dispatchDate: string) {
  return db
    .selectFrom('dispatch_reports as r')
    .innerJoin('users as sv', 'sv.id', 'r.saved_by')
    .leftJoin('users as sb', 'sb.id', 'r.submitted_by')
    .leftJoin('users as pb', 'pb.id', 'r.posted_by')
    .selectAll('r')
    .select(['sv.display_name as savedByName', 'sb.display_name as submittedByName', 'pb.display_name as postedByName'])
    .where('r.dispatch_date', '=', dispatchDate)
    .executeTakeFirst();
}

export async function dispatchReport(ctx: ServiceContext, dispatchDate: string): Promise<DispatchReport> {
  const row = await reportRow(ctx.db, dispatchDate);
  const time = await cutoffTime(ctx.db);
  const frozen = row?.figures ? (JSON.parse(row.figures) as DispatchReportFigures) : null;
  const figures = frozen ?? (await computeFigures(ctx.db, dispatchDate));
  return {
    ...figures,
    dispatchDate,
    state: (row?.state as DispatchReportState | undefined) ?? 'new',
    note: row?.note ?? '',
    // Once submitted, the cut-off that applied then; before, the one that applies now.
    cutoffAt: row?.cutoff_at ?? zonedInstant(dispatchDate, time, ctx.timeZone).toISOString(),
    cutoffTime: time,
    timeZone: ctx.timeZone,
    late: row?.late === null || row?.late === undefined ? null : row.late === 1,
    savedBy: row?.savedByName ?? null,
    savedAt: row?.saved_at ?? null,
    submittedBy: row?.submittedByName ?? null,
    submittedAt: row?.submitted_at ?? null,
    postedBy: row?.postedByName ?? null,
    postedAt: row?.posted_at ?? null,
    frozen: frozen !== null,
  };
}

type ReportInput = ParsedInput<'dispatch.saveReport'>;

async function save(ctx: ServiceContext, input: ReportInput): Promise<void> {
  const row = await ctx.db
    .selectFrom('dispatch_reports')
    .select(['state', 'posted_at'])
    .where('dispatch_date', '=', input.dispatchDate)
    .executeTakeFirst();
  if (row?.state === 'posted')
    throw new AppError('delivery.reportPosted', { dispatchDate: input.dispatchDate, postedAt: row.posted_at });
  if (row?.state === 'submitted') throw new AppError('delivery.reportSubmitted', { dispatchDate: input.dispatchDate });
  const exceptions = new Set((await exceptionsOf(ctx.db, input.dispatchDate)).map((e) => e.orderId));
  for (const r of input.remarks)
    if (!exceptions.has(r.orderId))
      throw new AppError('delivery.notAnException', { orderId: r.orderId, dispatchDate: input.dispatchDate });
  const at = ctx.now.toISOString();
  const userId = ctx.caller.session!.userId;
  await ctx.db
    .insertInto('dispatch_reports')
    .values({ dispatch_date: input.dispatchDate, state: 'draft', note: input.note, saved_by: userId, saved_at: at })
    .onConflict((oc) => oc.column('dispatch_date').doUpdateSet({ note: input.note, saved_by: userId, saved_at: at }))
    .execute();
  await ctx.db.deleteFrom('dispatch_report_remarks').where('dispatch_date', '=', input.dispatchDate).execute();
  const remarks = input.remarks
    .filter((r) => r.remark !== '')
    .map((r) => ({ dispatch_date: input.dispatchDate, order_id: r.orderId, remark: r.remark }));
  for (let i = 0; i < remarks.length; i += 200)
    await ctx.db
      .insertInto('dispatch_report_remarks')
      .values(remarks.slice(i, i + 200))
      .execute();
}

function changed(ctx: ServiceContext, dispatchDate: string) {
  ctx.emit('dispatch.changed', { dispatchDate, tripIds: [], orderIds: [], clientId: ctx.caller.clientId });
}

export async function saveReport(ctx: ServiceContext, input: ReportInput): Promise<DispatchReport> {
  await save(ctx, input);
  await recordAudit(ctx, { entity: 'dispatchReport', entityId: input.dispatchDate, after: { state: 'draft' } });
  changed(ctx, input.dispatchDate);
  return dispatchReport(ctx, input.dispatchDate);
}

export async function submitReport(ctx: ServiceContext, input: ReportInput): Promise<DispatchReport> {
  await save(ctx, input);
  const cutoffAt = zonedInstant(input.dispatchDate, await cutoffTime(ctx.db), ctx.timeZone);
  // R9: before the cut-off, or late (counted on the KPI tracker).
  const late = isLate(ctx.now, cutoffAt);
  const figures = await computeFigures(ctx.db, input.dispatchDate);
  await ctx.db
    .updateTable('dispatch_reports')
    .set({
      state: 'submitted',
      figures: JSON.stringify(figures),
      cutoff_at: cutoffAt.toISOString(),
      late: late ? 1 : 0,
      submitted_by: ctx.caller.session!.userId,
      submitted_at: ctx.now.toISOString(),
    })
    .where('dispatch_date', '=', input.dispatchDate)
    .execute();
  await recordAudit(ctx, {
    entity: 'dispatchReport',
    entityId: input.dispatchDate,
    before: { state: 'draft' },
    after: { state: 'submitted', late },
  });
  changed(ctx, input.dispatchDate);
  return dispatchReport(ctx, input.dispatchDate);
}

export async function postReport(ctx: ServiceContext, dispatchDate: string): Promise<DispatchReport> {
  const row = await ctx.db
    .selectFrom('dispatch_reports')
    .select(['state', 'posted_at'])
    .where('dispatch_date', '=', dispatchDate)
    .executeTakeFirst();
  if (row?.state === 'posted') throw new AppError('delivery.reportPosted', { dispatchDate, postedAt: row.posted_at });
  if (row?.state !== 'submitted') throw new AppError('delivery.reportNotSubmitted', { dispatchDate });
  await ctx.db
    .updateTable('dispatch_reports')
    .set({ state: 'posted', posted_by: ctx.caller.session!.userId, posted_at: ctx.now.toISOString() })
    .where('dispatch_date', '=', dispatchDate)
    .where('state', '=', 'submitted')
    .execute();
  await recordAudit(ctx, {
    entity: 'dispatchReport',
    entityId: dispatchDate,
    before: { state: 'submitted' },
    after: { state: 'posted' },
  });
  changed(ctx, dispatchDate);
  return dispatchReport(ctx, dispatchDate);
}
