// The demo's follow-up calls 回访 (issue 16 §4): two customers marked "always
// call", today's plan built from the rules by the CS manager (refusals and
// returns of the last 3 days, complaints handled in the last week, 1% of the
// deliveries) and shared out evenly, and the operator's first calls recorded —
// satisfied, one unanswered — so the sheet shows work done and work waiting.
// Through the slice's own services, as the people who would have done it.
import type { Role } from '../../../shared/domain';
import { buildPlan } from '../calls/plans';
import { recordCall } from '../calls/record';
import { sharePlan } from '../calls/share';
import { callSheet, setAlwaysCall } from '../calls/sheet';
import type { ServiceContext } from '../context';
import { today } from '../orders/dates';
import { surveyOnCalls } from '../surveys/definitions';

type AsUser = (userId: number, username: string, roles: Role[], now: Date) => ServiceContext;

export async function loadDemoCalls(ctx: ServiceContext, asUser: AsUser, ids: Map<string, number>): Promise<void> {
  const mgrId = ids.get('manager');
  const opId = ids.get('operator');
  if (mgrId === undefined || opId === undefined) return;
  const mgr = asUser(mgrId, 'manager', ['csManager'], ctx.now);
  const op = asUser(opId, 'operator', ['operator'], ctx.now);
  const always = await ctx.db.selectFrom('customers').select('id').orderBy('code').offset(20).limit(2).execute();
  for (const c of always) await setAlwaysCall(mgr, { customerId: c.id, alwaysCall: true });
  const plan = await buildPlan(mgr, {
    period: 'day',
    date: today(ctx.now, ctx.timeZone),
    rules: { refusalDays: 3, returnDays: 3, complaintDays: 7, deliverySharePct: 1, alwaysCall: true },
  });
  if (plan.total === 0) return;
  await sharePlan(mgr, { planId: plan.id, mode: 'even' });
  const sheet = await callSheet(op, { planId: plan.id });
  const [first, second, third] = sheet.calls;
  // The survey asked on the calls (demoSurveys.ts), answered on the first call.
  const survey = await surveyOnCalls(ctx.db);
  if (first)
    await recordCall(op, {
      callId: first.id,
      outcome: 'satisfied',
      note: '客户对送货及时表示满意。',
      ...(survey && {
        survey: {
          surveyId: survey.id,
          answers: survey.questions
            .filter((q) => q.kind === 'score')
            .map((q, i) => ({ questionId: q.id, score: i === 1 ? 4 : 5 })),
        },
      }),
    });
  if (second) await recordCall(op, { callId: second.id, outcome: 'satisfied', note: '满意，希望下次提前电话通知。' });
  if (third) await recordCall(op, { callId: third.id, outcome: 'noAnswer', note: '' });
}
