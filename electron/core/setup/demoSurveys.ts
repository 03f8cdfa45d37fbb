// The demo's satisfaction survey 满意度调查 (issue 17 §5): the CS manager's
// quarterly questionnaire (three scores on five points and a comment), open
// and asked on the follow-up calls, with three months of paper answers from
// the demo's customers entered by the operator — scores a little better each
// month, a few comments — so the results page has a trend to show and the
// call sheet asks it. Through the slice's own services, as the people who
// would have done it; a fixed generator, so every demo is the same.
import type { Role } from '../../../shared/domain';
import type { ServiceContext } from '../context';
import { addDays, today } from '../orders/dates';
import { saveSurvey, setSurveyState } from '../surveys/definitions';
import { saveResponse } from '../surveys/responses';

type AsUser = (userId: number, username: string, roles: Role[], now: Date) => ServiceContext;

const comments = [
  '希望送货时间再准一点。',
  '司机服务很好。',
  '外箱有时有压痕。',
  '对账单能否按周发？',
  '新品到货请提前通知。',
];

export async function loadDemoSurveys(ctx: ServiceContext, asUser: AsUser, ids: Map<string, number>): Promise<void> {
  const mgrId = ids.get('manager');
  const opId = ids.get('operator');
  if (mgrId === undefined || opId === undefined) return;
  const mgr = asUser(mgrId, 'manager', ['csManager'], ctx.now);
  const op = asUser(opId, 'operator', ['operator'], ctx.now);
  const draft = await saveSurvey(mgr, {
    name: '客户满意度调查',
    onCalls: true,
    questions: [
      { kind: 'score', textZh: '送货及时', textEn: 'Delivery on time', scaleMax: 5, required: true },
      { kind: 'score', textZh: '服务态度', textEn: 'Service attitude', scaleMax: 5, required: true },
      { kind: 'score', textZh: '货物完好', textEn: 'Goods intact', scaleMax: 5, required: true },
      { kind: 'text', textZh: '意见和建议', textEn: 'Comments', required: false },
    ],
  });
  const survey = await setSurveyState(mgr, { surveyId: draft.id, state: 'open' });
  const [q1, q2, q3, q4] = survey.questions.map((q) => q.id) as [number, number, number, number];
  const customers = await ctx.db.selectFrom('customers').select('id').orderBy('code').limit(60).execute();
  if (customers.length === 0) return;
  const day = today(ctx.now, ctx.timeZone);
  let seed = 20261205;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return Math.floor((seed / 2147483648) * n);
  };
  // A score of 2–5 that leans higher as the days come closer to today.
  const score = (daysAgo: number) => Math.min(5, 2 + rnd(3) + (rnd(90) >= daysAgo ? 1 : 0));
  for (let i = 0; i < 150; i++) {
    const daysAgo = 1 + rnd(89);
    const text = rnd(6) === 0 ? comments[rnd(comments.length)]! : '';
    await saveResponse(op, {
      surveyId: survey.id,
      customerId: customers[rnd(customers.length)]!.id,
      date: addDays(day, -daysAgo),
      source: 'paper',
      callId: null,
      answers: [
        { questionId: q1, score: score(daysAgo) },
        { questionId: q2, score: score(daysAgo) },
        { questionId: q3, score: score(daysAgo) },
        ...(text ? [{ questionId: q4, text }] : []),
      ],
    });
  }
}
