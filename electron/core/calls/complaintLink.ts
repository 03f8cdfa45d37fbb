// The complaint register's side of follow-up calls (issue 16 §1, §4): the
// complaints to call about, the complaint an "issue raised" opens, the
// register's follow-up step a recorded call takes, and a customer's complaints.
import type { CustomerComplaintRow } from '../../../shared/contract';
import { openComplaint } from '../complaints';
import { followUp } from '../complaints/steps';
import type { ServiceContext } from '../context';
import { today } from '../orders/dates';
import type { Candidate } from './rules';

/**
 * Complaints whose handling ended in the last N days: a valid one resolved
 * and confirmed with the customer (处理后有回访; the person who resolved it
 * must not make the call), or an invalid one answered and closed (the
 * person who judged it must not).
 */
export async function closedComplaints(ctx: ServiceContext, from: string, to: string): Promise<Candidate[]> {
  const rows = await ctx.db
    .selectFrom('complaints')
    .select(['id', 'number', 'customer_id', 'valid', 'confirmed_at', 'closed_at', 'resolved_by', 'judged_by'])
    .where('customer_id', 'is not', null)
    .where((eb) =>
      eb.or([
        eb.and([eb('valid', '=', 1), eb('confirmed_at', '>=', lowBound(from))]),
        eb.and([eb('valid', '=', 0), eb('closed_at', '>=', lowBound(from))]),
      ]),
    )
    .orderBy('id')
    .execute();
  const out: Candidate[] = [];
  for (const r of rows) {
    const endedAt = r.valid === 1 ? r.confirmed_at : r.closed_at;
    if (!endedAt) continue;
    const day = today(new Date(endedAt), ctx.timeZone);
    if (day < from || day > to) continue;
    out.push({
      customerId: r.customer_id!,
      reason: 'complaintClosed',
      sourceKind: 'complaint',
      sourceId: r.id,
      sourceNo: r.number,
      promptedDate: day,
      avoidUserId: r.valid === 1 ? r.resolved_by : r.judged_by,
    });
  }
  return out;
}

/** An instant a day before the business day begins anywhere: the exact day is checked in the zone after. */
function lowBound(day: string): string {
  const t = Date.parse(`${day}T00:00:00Z`) - 86_400_000;
  return new Date(t).toISOString();
}

type CallFacts = {
  id: number;
  customerId: number;
  sourceKind: 'order' | 'return' | 'complaint' | null;
  sourceId: number | null;
  complaintId: number | null;
  note: string;
  category?: string | undefined;
};

/** "Issue raised": a complaint from the customer, channel follow-up call, linked to the call's order or return. */
export async function openComplaintForCall(ctx: ServiceContext, call: CallFacts): Promise<number> {
  const opened = await openComplaint(ctx, {
    customerId: call.customerId,
    channel: 'followUpCall',
    content: call.note,
    category: call.category ?? 'other',
    ...(call.sourceKind === 'order' && call.sourceId !== null ? { orderId: call.sourceId } : {}),
    ...(call.sourceKind === 'return' && call.sourceId !== null ? { returnId: call.sourceId } : {}),
    idempotencyKey: `call-${call.id}-issue`,
  });
  return opened.id;
}

/** A call about a confirmed complaint that reached the customer is the register's follow-up step 回访. */
export async function followUpComplaint(ctx: ServiceContext, call: CallFacts): Promise<void> {
  if (call.sourceKind !== 'complaint' || call.sourceId === null) return;
  const c = await ctx.db.selectFrom('complaints').select('state').where('id', '=', call.sourceId).executeTakeFirst();
  if (c?.state !== 'confirmed') return;
  await followUp(ctx, { complaintId: call.sourceId, note: call.note });
}

export async function customerComplaints(ctx: ServiceContext, customerId: number): Promise<CustomerComplaintRow[]> {
  const rows = await ctx.db
    .selectFrom('complaints')
    .select(['id', 'number', 'state', 'received_at', 'category', 'content'])
    .where('customer_id', '=', customerId)
    .orderBy('received_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    state: r.state,
    receivedAt: r.received_at,
    category: r.category,
    content: r.content,
  }));
}
