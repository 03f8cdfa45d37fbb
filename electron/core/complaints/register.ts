// 投诉受理 (issue 16 §1): a complaint is registered 《顾客投诉登记表》 from a
// customer of the list or a caller not yet a customer, with its links to the
// order, delivery (trip), return or product concerned — a link to another
// customer's order, trip or return is refused — and its deadlines fixed over
// the working calendar.
//
// openComplaint is the slice's API for others: a follow-up call 回访 that
// raises an issue opens a linked complaint (channel 'followUpCall') in the
// same request as the call's record.
import type { ComplaintChannel, ComplaintSeverity, ComplaintView } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { recordAudit } from '../audit/audit';
import { requireSession, type ServiceContext } from '../context';
import { today } from '../orders/dates';
import { nextRegisterNumber } from '../stock/numbering';
import { loadOverrides, loadRules } from './calendar';
import { checkCategory } from './categories';
import { resolveDueAt, responseDueAt } from './deadlines';
import { readComplaint } from './views';

export type NewComplaint = {
  customerId?: number;
  callerName?: string;
  callerPhone?: string;
  channel: ComplaintChannel;
  /** ISO instant; now when not given. */
  receivedAt?: string;
  content: string;
  category: string;
  severity?: ComplaintSeverity;
  orderId?: number;
  tripId?: number;
  returnId?: number;
  productId?: number;
  /** Unique per complaint; a replay returns the first one. */
  idempotencyKey: string;
};

async function checkLinks(ctx: ServiceContext, c: NewComplaint): Promise<void> {
  const customerId = c.customerId ?? null;
  if (c.orderId !== undefined) {
    const o = await ctx.db
      .selectFrom('orders')
      .select(['number', 'customer_id'])
      .where('id', '=', c.orderId)
      .executeTakeFirst();
    if (!o) throw new AppError('complaints.unknownOrder', { orderId: c.orderId });
    if (customerId === null || o.customer_id !== customerId)
      throw new AppError('complaints.orderOfOtherCustomer', { number: o.number });
  }
  if (c.tripId !== undefined) {
    const t = await ctx.db.selectFrom('trips').select('number').where('id', '=', c.tripId).executeTakeFirst();
    if (!t) throw new AppError('complaints.unknownTrip', { tripId: c.tripId });
    const stop =
      customerId === null
        ? undefined
        : await ctx.db
            .selectFrom('trip_stops')
            .select('id')
            .where('trip_id', '=', c.tripId)
            .where('customer_id', '=', customerId)
            .executeTakeFirst();
    if (!stop) throw new AppError('complaints.tripOfOtherCustomer', { number: t.number });
  }
  if (c.returnId !== undefined) {
    const r = await ctx.db
      .selectFrom('returns')
      .select(['number', 'customer_id'])
      .where('id', '=', c.returnId)
      .executeTakeFirst();
    if (!r) throw new AppError('complaints.unknownReturn', { returnId: c.returnId });
    if (customerId === null || r.customer_id !== customerId)
      throw new AppError('complaints.returnOfOtherCustomer', { number: r.number });
  }
  if (c.productId !== undefined) {
    const p = await ctx.db.selectFrom('products').select('id').where('id', '=', c.productId).executeTakeFirst();
    if (!p) throw new AppError('complaints.unknownProduct', { productId: c.productId });
  }
}

/** Checks and inserts a complaint in state received; its id and number (the first one's on a replay). */
export async function openComplaint(ctx: ServiceContext, c: NewComplaint): Promise<{ id: number; number: string }> {
  const session = requireSession(ctx);
  const existing = await ctx.db
    .selectFrom('complaints')
    .select(['id', 'number'])
    .where('idempotency_key', '=', c.idempotencyKey)
    .executeTakeFirst();
  if (existing) return existing;

  const callerName = c.callerName?.trim() ?? '';
  if (c.customerId === undefined && callerName === '') throw new AppError('complaints.noComplainant');
  if (c.customerId !== undefined) {
    const cu = await ctx.db.selectFrom('customers').select('id').where('id', '=', c.customerId).executeTakeFirst();
    if (!cu) throw new AppError('complaints.unknownCustomer', { customerId: c.customerId });
  }
  await checkCategory(ctx.db, c.category);
  await checkLinks(ctx, c);
  const receivedAt = c.receivedAt ? new Date(c.receivedAt) : ctx.now;
  if (receivedAt.getTime() > ctx.now.getTime()) throw new AppError('complaints.receivedInFuture');

  const rules = await loadRules(ctx.db);
  const overrides = await loadOverrides(ctx.db);
  const number = await nextRegisterNumber(ctx.db, 'complaint', 'TS', ctx.now, ctx.timeZone);
  const row = await ctx.db
    .insertInto('complaints')
    .values({
      number,
      state: 'received',
      customer_id: c.customerId ?? null,
      caller_name: callerName,
      caller_phone: c.callerPhone?.trim() ?? '',
      channel: c.channel,
      received_at: receivedAt.toISOString(),
      received_date: today(receivedAt, ctx.timeZone),
      content: c.content,
      category: c.category,
      severity: c.severity ?? 'normal',
      order_id: c.orderId ?? null,
      trip_id: c.tripId ?? null,
      return_id: c.returnId ?? null,
      product_id: c.productId ?? null,
      response_due_at: responseDueAt(receivedAt, rules).toISOString(),
      resolve_due_at: resolveDueAt(receivedAt, rules, ctx.timeZone, overrides).toISOString(),
      registered_by: session.userId,
      registered_at: ctx.now.toISOString(),
      idempotency_key: c.idempotencyKey,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(ctx, {
    entity: 'complaint',
    entityId: number,
    after: {
      state: 'received',
      customerId: c.customerId ?? null,
      callerName,
      channel: c.channel,
      category: c.category,
      orderId: c.orderId ?? null,
      tripId: c.tripId ?? null,
      returnId: c.returnId ?? null,
    },
  });
  ctx.emit('complaints.changed', { complaintIds: [row.id], clientId: ctx.caller.clientId });
  return { id: row.id, number };
}

/** complaints.register */
export async function registerComplaint(ctx: ServiceContext, c: NewComplaint): Promise<ComplaintView> {
  const { id } = await openComplaint(ctx, c);
  return readComplaint(ctx, id);
}
