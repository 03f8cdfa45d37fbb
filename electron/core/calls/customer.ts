// The customer's page (issue 16 §5): one customer's orders and deliveries,
// refusals, returns, complaints and calls, newest first.
import type { CustomerOverview } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { ServiceContext } from '../context';
import { today } from '../orders/dates';
import { customerComplaints } from './complaintLink';
import { callQuery, toCallRow } from './views';

/** The page lists the latest orders; a customer of years has thousands. */
const orderLimit = 500;

export async function customerOverview(ctx: ServiceContext, customerId: number): Promise<CustomerOverview> {
  const c = await ctx.db
    .selectFrom('customers as c')
    .leftJoin('users as s', 's.id', 'c.salesperson_id')
    .leftJoin('call_always as a', 'a.customer_id', 'c.id')
    .select([
      'c.id',
      'c.code',
      'c.name',
      'c.area',
      'c.route',
      'c.phone',
      'c.contact',
      'c.address',
      'c.blocked',
      's.display_name as salesperson',
      'a.customer_id as always',
    ])
    .where('c.id', '=', customerId)
    .executeTakeFirst();
  if (!c) throw new AppError('calls.unknownCustomer', { customerId });

  const orders = await ctx.db
    .selectFrom('orders as o')
    .leftJoin('order_outcomes as oc', 'oc.order_id', 'o.id')
    .select([
      'o.id',
      'o.number',
      'o.state',
      'o.order_date',
      'o.dispatch_date',
      'oc.delivered_date',
      'oc.outcome',
      'o.amount_fen',
      'o.cases',
      'o.units',
    ])
    .where('o.customer_id', '=', c.id)
    .orderBy('o.order_date', 'desc')
    .orderBy('o.id', 'desc')
    .limit(orderLimit)
    .execute();
  const refusals = await ctx.db
    .selectFrom('refused_lines as r')
    .innerJoin('orders as o', 'o.id', 'r.order_id')
    .innerJoin('products as p', 'p.id', 'r.product_id')
    .select([
      'o.id as order_id',
      'o.number',
      'p.code',
      'p.name_zh',
      'r.qty',
      'r.amount_fen',
      'r.reason',
      'r.refused_at',
      'r.returned_at',
    ])
    .where('o.customer_id', '=', c.id)
    .orderBy('r.refused_at', 'desc')
    .execute();
  const returns = await ctx.db
    .selectFrom('returns as r')
    .leftJoin('return_notes as n', 'n.return_id', 'r.id')
    .select(['r.id', 'r.number', 'r.kind', 'r.state', 'r.reported_at', 'n.number as note_number', 'n.credit_fen'])
    .where('r.customer_id', '=', c.id)
    .orderBy('r.reported_at', 'desc')
    .execute();
  const day = today(ctx.now, ctx.timeZone);
  const calls = await callQuery(ctx.db).where('c.customer_id', '=', c.id).orderBy('c.prompted_date', 'desc').execute();

  return {
    customer: {
      id: c.id,
      code: c.code,
      name: c.name,
      area: c.area,
      route: c.route,
      phone: c.phone,
      contact: c.contact,
      address: c.address,
      salesperson: c.salesperson,
      blocked: c.blocked === 1,
      alwaysCall: c.always !== null,
    },
    orders: orders.map((o) => ({
      id: o.id,
      number: o.number,
      state: o.state,
      orderDate: o.order_date,
      dispatchDate: o.dispatch_date,
      deliveredDate: o.delivered_date,
      outcome: o.outcome as 'signed' | 'partlyRefused' | 'refused' | null,
      amountFen: o.amount_fen,
      cases: o.cases,
      units: o.units,
    })),
    refusals: refusals.map((r) => ({
      orderId: r.order_id,
      orderNumber: r.number,
      productCode: r.code,
      productName: r.name_zh,
      qty: r.qty,
      amountFen: r.amount_fen,
      reason: r.reason,
      refusedAt: r.refused_at,
      returnedAt: r.returned_at,
    })),
    returns: returns.map((r) => ({
      id: r.id,
      number: r.number,
      kind: r.kind as 'report' | 'refusal',
      state: r.state,
      reportedAt: r.reported_at,
      noteNumber: r.note_number,
      creditFen: r.credit_fen,
    })),
    complaints: await customerComplaints(ctx, c.id),
    calls: calls.map((r) => toCallRow(r, day)),
  };
}
