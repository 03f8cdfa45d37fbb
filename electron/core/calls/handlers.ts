// Follow-up calls 回访 and the customer's page (issue 16 §4–5): request name → service.
import type { CallsRequestName } from '../../../shared/contract';
import type { Handler } from '../contract/handlers';
import { today } from '../orders/dates';
import { customerOverview } from './customer';
import { addByHand, buildPlan, planView } from './plans';
import { recordCall } from './record';
import { assignCalls, sharePlan } from './share';
import { callSheet, setAlwaysCall } from './sheet';
import { listStaff } from './staff';
import { callSummary, saveSummaryNote } from './summary';
import { planRows, readCall } from './views';

export const callsHandlers: { [N in CallsRequestName]: Handler<N> } = {
  'calls.plans': (ctx) => planRows(ctx.db),
  'calls.plan': (ctx, input) => planView(ctx, input.planId),
  'calls.buildPlan': (ctx, input) => buildPlan(ctx, input),
  'calls.add': (ctx, input) => addByHand(ctx, input),
  'calls.share': (ctx, input) => sharePlan(ctx, input),
  'calls.assign': (ctx, input) => assignCalls(ctx, input),
  'calls.staff': (ctx) => listStaff(ctx.db),
  'calls.sheet': (ctx, input) => callSheet(ctx, input),
  'calls.get': (ctx, input) => readCall(ctx.db, input.callId, today(ctx.now, ctx.timeZone)),
  'calls.record': (ctx, input) => recordCall(ctx, input),
  'calls.setAlwaysCall': (ctx, input) => setAlwaysCall(ctx, input),
  'calls.summary': (ctx, input) => callSummary(ctx, input),
  'calls.saveSummaryNote': (ctx, input) => saveSummaryNote(ctx, input),
  'customers.overview': (ctx, input) => customerOverview(ctx, input.customerId),
};
