// A person's call sheet 回访记录表 of a plan (issue 16 §4), and the always-call mark.
import type { CallSheet } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { recordAudit } from '../audit/audit';
import { requireSession, type ServiceContext } from '../context';
import { today } from '../orders/dates';
import { emitCalls, periodOf } from './plans';
import { callOrder, callQuery, toCallRow } from './views';
import type { PlanPeriod } from '../../../shared/contract';

export async function callSheet(
  ctx: ServiceContext,
  input: { planId: number; userId?: number | undefined },
): Promise<CallSheet> {
  const me = requireSession(ctx);
  const userId = input.userId ?? me.userId;
  const plan = await ctx.db
    .selectFrom('call_plans')
    .select(['id', 'period', 'start_date'])
    .where('id', '=', input.planId)
    .executeTakeFirst();
  if (!plan) throw new AppError('calls.unknownPlan', { planId: input.planId });
  const user = await ctx.db.selectFrom('users').select('display_name').where('id', '=', userId).executeTakeFirst();
  if (!user) throw new AppError('calls.notStaff', { user: `#${userId}` });
  const day = today(ctx.now, ctx.timeZone);
  const rows = await callQuery(ctx.db).where('c.plan_id', '=', plan.id).where('c.assigned_to', '=', userId).execute();
  const { start, end } = periodOf(plan.period as PlanPeriod, plan.start_date);
  return {
    planId: plan.id,
    period: plan.period as PlanPeriod,
    startDate: start,
    endDate: end,
    userId,
    userName: user.display_name,
    calls: rows.map((r) => toCallRow(r, day)).sort(callOrder),
  };
}

export async function setAlwaysCall(
  ctx: ServiceContext,
  input: { customerId: number; alwaysCall: boolean },
): Promise<{ customerId: number; alwaysCall: boolean }> {
  const me = requireSession(ctx);
  const customer = await ctx.db
    .selectFrom('customers')
    .select('id')
    .where('id', '=', input.customerId)
    .executeTakeFirst();
  if (!customer) throw new AppError('calls.unknownCustomer', { customerId: input.customerId });
  const was = await ctx.db
    .selectFrom('call_always')
    .select('customer_id')
    .where('customer_id', '=', customer.id)
    .executeTakeFirst();
  if (input.alwaysCall && !was)
    await ctx.db
      .insertInto('call_always')
      .values({ customer_id: customer.id, marked_by: me.userId, marked_at: ctx.now.toISOString() })
      .execute();
  if (!input.alwaysCall && was) await ctx.db.deleteFrom('call_always').where('customer_id', '=', customer.id).execute();
  if (input.alwaysCall !== Boolean(was)) {
    await recordAudit(ctx, {
      entity: 'customer',
      entityId: customer.id,
      before: { alwaysCall: Boolean(was) },
      after: { alwaysCall: input.alwaysCall },
    });
    emitCalls(ctx, [], [], [customer.id]);
    ctx.emit('customers.changed', { customerIds: [customer.id] });
  }
  return { customerId: customer.id, alwaysCall: input.alwaysCall };
}
