// Who a plan calls (issue 16 §4): each rule gives candidates — a customer, what
// prompted the call, its business day and who must not make it. The plan
// (plans.ts) keeps each prompt once (the calls_once index) whatever the plan.
import type { CallReason, CallRules } from '../../../shared/contract';
import { addDays, today } from '../orders/dates';
import type { ServiceContext } from '../context';
import { customerClasses } from '../analyses/customerValue';
import { closedComplaints } from './complaintLink';

export type Candidate = {
  customerId: number;
  reason: CallReason;
  sourceKind: 'order' | 'return' | 'complaint' | null;
  sourceId: number | null;
  sourceNo: string;
  promptedDate: string;
  avoidUserId: number | null;
};

/** Refusals at delivery (whole or in part) recorded on the last N days up to the plan's end. */
async function refusals(ctx: ServiceContext, from: string, to: string): Promise<Candidate[]> {
  const rows = await ctx.db
    .selectFrom('order_outcomes as oc')
    .innerJoin('orders as o', 'o.id', 'oc.order_id')
    .select(['o.id', 'o.number', 'o.customer_id', 'oc.delivered_date'])
    .where('oc.outcome', 'in', ['refused', 'partlyRefused'])
    .where('oc.delivered_date', '>=', from)
    .where('oc.delivered_date', '<=', to)
    .where('o.customer_id', 'is not', null)
    .orderBy('o.id')
    .execute();
  return rows.map((r) => ({
    customerId: r.customer_id!,
    reason: 'refusal',
    sourceKind: 'order',
    sourceId: r.id,
    sourceNo: r.number,
    promptedDate: r.delivered_date,
    avoidUserId: null,
  }));
}

/**
 * The refusals of the last N days by class A customers: the same analysis as
 * the customer value page (analyses.customerValue), over the year that ends
 * the day before the plan starts, with its 80/20 rule.
 */
async function classARefusals(ctx: ServiceContext, start: string, from: string, to: string): Promise<Candidate[]> {
  const classes = await customerClasses(ctx.db, addDays(start, -365), addDays(start, -1));
  return (await refusals(ctx, from, to)).filter((c) => classes.get(c.customerId) === 'A');
}

/** Return reports (not refusals: those are called about as refusals) filed on the last N days, unless rejected. */
async function returns(ctx: ServiceContext, from: string, to: string): Promise<Candidate[]> {
  // reported_at is an instant: a day's margin either side, then the business day in the warehouse's zone.
  const rows = await ctx.db
    .selectFrom('returns')
    .select(['id', 'number', 'customer_id', 'reported_at'])
    .where('kind', '=', 'report')
    .where('state', '!=', 'rejected')
    .where('reported_at', '>=', `${addDays(from, -1)}T00:00:00`)
    .where('reported_at', '<=', `${addDays(to, 1)}T23:59:59.999Z`)
    .orderBy('id')
    .execute();
  return rows
    .map((r) => ({ r, day: today(new Date(r.reported_at), ctx.timeZone) }))
    .filter(({ day }) => day >= from && day <= to)
    .map(({ r, day }) => ({
      customerId: r.customer_id,
      reason: 'return' as const,
      sourceKind: 'return' as const,
      sourceId: r.id,
      sourceNo: r.number,
      promptedDate: day,
      avoidUserId: null,
    }));
}

/**
 * A share of the signed deliveries: the same orders whoever builds the plan
 * (ordered by a multiplicative hash of the order id, not by chance), so a
 * rebuilt plan tops the share up instead of drawing again.
 */
async function deliveries(ctx: ServiceContext, from: string, to: string, pct: number): Promise<Candidate[]> {
  const rows = await ctx.db
    .selectFrom('order_outcomes as oc')
    .innerJoin('orders as o', 'o.id', 'oc.order_id')
    .select(['o.id', 'o.number', 'o.customer_id', 'oc.delivered_date'])
    .where('oc.outcome', '=', 'signed')
    .where('oc.delivered_date', '>=', from)
    .where('oc.delivered_date', '<=', to)
    .where('o.customer_id', 'is not', null)
    .execute();
  const take = Math.ceil((rows.length * pct) / 100);
  const hash = (n: number) => Math.imul(n, 2654435761) >>> 0;
  return rows
    .sort((a, b) => hash(a.id) - hash(b.id) || a.id - b.id)
    .slice(0, take)
    .map((r) => ({
      customerId: r.customer_id!,
      reason: 'deliverySample',
      sourceKind: 'order',
      sourceId: r.id,
      sourceNo: r.number,
      promptedDate: r.delivered_date,
      avoidUserId: null,
    }));
}

async function alwaysCall(ctx: ServiceContext, start: string): Promise<Candidate[]> {
  const rows = await ctx.db.selectFrom('call_always').select('customer_id').orderBy('customer_id').execute();
  return rows.map((r) => ({
    customerId: r.customer_id,
    reason: 'alwaysCall',
    sourceKind: null,
    sourceId: null,
    sourceNo: '',
    promptedDate: start,
    avoidUserId: null,
  }));
}

/** Every rule's candidates for a plan of [start, end]: "the last N days" end on the plan's last day. */
export async function candidates(
  ctx: ServiceContext,
  start: string,
  end: string,
  rules: CallRules,
): Promise<{ sample: Candidate[]; others: Candidate[] }> {
  const others: Candidate[] = [];
  if (rules.refusalDays > 0) others.push(...(await refusals(ctx, addDays(start, -rules.refusalDays), end)));
  if (rules.returnDays > 0) others.push(...(await returns(ctx, addDays(start, -rules.returnDays), end)));
  if (rules.complaintDays > 0) others.push(...(await closedComplaints(ctx, addDays(start, -rules.complaintDays), end)));
  if (rules.alwaysCall) others.push(...(await alwaysCall(ctx, start)));
  const aDays = rules.classARefusalDays ?? 0;
  if (aDays > 0) others.push(...(await classARefusals(ctx, start, addDays(start, -aDays), end)));
  const sample =
    rules.deliverySharePct > 0 ? await deliveries(ctx, addDays(start, -1), end, rules.deliverySharePct) : [];
  return { sample, others };
}
