// The call plan 回访计划 of a day or an ISO week (issue 16 §4): built from the
// rules (rules.ts) or added to by hand. Building again adds what is new and
// keeps what is there: a refusal, return, closed complaint or sampled delivery
// is called about once whatever the plan, an always-call customer once per plan,
// and a customer already called in the plan about something else is not
// sampled nor called again for the always-call mark.
import type { CallPlanView, CallRow, CallRules, PlanPeriod } from '../../../shared/contract';
import { callDueDays } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { recordAudit } from '../audit/audit';
import { requireSession, type ServiceContext } from '../context';
import { addDays, isoWeekday, today } from '../orders/dates';
import { candidates, type Candidate } from './rules';
import { listStaff } from './staff';
import { callQuery, planCalls, planRows, toCallRow } from './views';

export function emitCalls(ctx: ServiceContext, planIds: number[], callIds: number[], customerIds: number[]): void {
  ctx.emit('calls.changed', {
    planIds,
    callIds,
    customerIds: [...new Set(customerIds)],
    clientId: ctx.caller.clientId,
  });
}

/** A day plan is that day; a week plan runs Monday to Sunday of the date's ISO week. */
export function periodOf(period: PlanPeriod, date: string): { start: string; end: string } {
  if (period === 'day') return { start: date, end: date };
  const start = addDays(date, 1 - isoWeekday(date));
  return { start, end: addDays(start, 6) };
}

export async function planView(ctx: ServiceContext, planId: number): Promise<CallPlanView> {
  const [plan] = await planRows(ctx.db, planId);
  if (!plan) throw new AppError('calls.unknownPlan', { planId });
  const calls = await planCalls(ctx.db, planId, today(ctx.now, ctx.timeZone));
  const staff = await listStaff(ctx.db);
  const load = new Map<number, { name: string; calls: number; done: number }>(
    staff.map((s) => [s.id, { name: s.name, calls: 0, done: 0 }]),
  );
  for (const c of calls) {
    if (c.assignedTo === null) continue;
    const l = load.get(c.assignedTo) ?? { name: c.assignedName ?? '', calls: 0, done: 0 };
    l.calls += 1;
    if (c.state === 'done') l.done += 1;
    load.set(c.assignedTo, l);
  }
  return {
    ...plan,
    calls,
    staff: [...load].map(([userId, l]) => ({ userId, name: l.name, calls: l.calls, done: l.done })),
  };
}

async function insertCall(ctx: ServiceContext, planId: number, c: Candidate, note = ''): Promise<number> {
  const me = requireSession(ctx);
  const row = await ctx.db
    .insertInto('calls')
    .values({
      plan_id: planId,
      customer_id: c.customerId,
      reason: c.reason,
      source_kind: c.sourceKind,
      source_id: c.sourceId,
      source_no: c.sourceNo,
      prompted_date: c.promptedDate,
      // 三天之内回访: due three days after what prompted it.
      due_date: addDays(c.promptedDate, callDueDays),
      avoid_user_id: c.avoidUserId,
      next_date: c.promptedDate,
      note,
      created_by: me.userId,
      created_at: ctx.now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function ensurePlan(ctx: ServiceContext, period: PlanPeriod, date: string, rules: CallRules): Promise<number> {
  const me = requireSession(ctx);
  const { start, end } = periodOf(period, date);
  const existing = await ctx.db
    .selectFrom('call_plans')
    .select('id')
    .where('period', '=', period)
    .where('start_date', '=', start)
    .executeTakeFirst();
  if (existing) {
    await ctx.db
      .updateTable('call_plans')
      .set({ rules: JSON.stringify(rules), built_by: me.userId, built_at: ctx.now.toISOString() })
      .where('id', '=', existing.id)
      .execute();
    return existing.id;
  }
  const row = await ctx.db
    .insertInto('call_plans')
    .values({
      period,
      start_date: start,
      end_date: end,
      rules: JSON.stringify(rules),
      built_by: me.userId,
      built_at: ctx.now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function buildPlan(
  ctx: ServiceContext,
  input: { period: PlanPeriod; date: string; rules: CallRules },
): Promise<CallPlanView> {
  const planId = await ensurePlan(ctx, input.period, input.date, input.rules);
  const { start, end } = periodOf(input.period, input.date);
  const { sample, others } = await candidates(ctx, start, end, input.rules);

  const planned = await ctx.db
    .selectFrom('calls')
    .select(['reason', 'source_kind', 'source_id', 'customer_id', 'plan_id'])
    .where((eb) => eb.or([eb('plan_id', '=', planId), eb('source_id', 'is not', null)]))
    .execute();
  const once = new Set(
    planned.filter((c) => c.source_id !== null).map((c) => `${c.reason}|${c.source_kind}|${c.source_id}`),
  );
  const inPlan = new Set(planned.filter((c) => c.plan_id === planId).map((c) => c.customer_id));
  const sampledInPlan = planned.filter((c) => c.plan_id === planId && c.reason === 'deliverySample').length;

  const added: number[] = [];
  const customers: number[] = [];
  const add = async (c: Candidate) => {
    added.push(await insertCall(ctx, planId, c));
    customers.push(c.customerId);
    inPlan.add(c.customerId);
    if (c.sourceId !== null) once.add(`${c.reason}|${c.sourceKind}|${c.sourceId}`);
  };
  for (const c of others) {
    if (c.sourceId !== null) {
      if (!once.has(`${c.reason}|${c.sourceKind}|${c.sourceId}`)) await add(c);
    } else if (!inPlan.has(c.customerId)) await add(c);
  }
  // The share is of the deliveries, topped up to it when rebuilt; customers already called are skipped.
  let room = sample.length - sampledInPlan;
  for (const c of sample) {
    if (room <= 0) break;
    if (once.has(`${c.reason}|${c.sourceKind}|${c.sourceId}`)) continue;
    if (inPlan.has(c.customerId)) continue;
    await add(c);
    room -= 1;
  }

  await recordAudit(ctx, {
    entity: 'callPlan',
    entityId: planId,
    after: { period: input.period, start, end, rules: input.rules, added: added.length },
  });
  emitCalls(ctx, [planId], added, customers);
  return planView(ctx, planId);
}

export async function addByHand(
  ctx: ServiceContext,
  input: { planId: number; customerId: number; note: string; dueDate?: string | undefined },
): Promise<CallRow> {
  const plan = await ctx.db
    .selectFrom('call_plans')
    .select(['id', 'start_date'])
    .where('id', '=', input.planId)
    .executeTakeFirst();
  if (!plan) throw new AppError('calls.unknownPlan', { planId: input.planId });
  const customer = await ctx.db
    .selectFrom('customers')
    .select('id')
    .where('id', '=', input.customerId)
    .executeTakeFirst();
  if (!customer) throw new AppError('calls.unknownCustomer', { customerId: input.customerId });
  const prompted = input.dueDate ? addDays(input.dueDate, -callDueDays) : plan.start_date;
  const id = await insertCall(
    ctx,
    plan.id,
    {
      customerId: customer.id,
      reason: 'byHand',
      sourceKind: null,
      sourceId: null,
      sourceNo: '',
      promptedDate: prompted,
      avoidUserId: null,
    },
    input.note,
  );
  if (input.dueDate) {
    await ctx.db.updateTable('calls').set({ next_date: plan.start_date }).where('id', '=', id).execute();
  }
  await recordAudit(ctx, { entity: 'call', entityId: id, after: { reason: 'byHand', customerId: customer.id } });
  emitCalls(ctx, [plan.id], [id], [customer.id]);
  const row = await callQuery(ctx.db).where('c.id', '=', id).executeTakeFirstOrThrow();
  return toCallRow(row, today(ctx.now, ctx.timeZone));
}
