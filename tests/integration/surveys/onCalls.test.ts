// Satisfaction surveys asked on the follow-up calls (issue 17 §5): the answers
// travel with the call's record, in its transaction: a customer not reached
// gives none, an answer out of its scale refuses the whole record, and the
// response is the call's (source call, its day, its customer).
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { call, refusal } from '../fixtures';
import { callsWarehouse, type CallsWarehouse } from '../calls/fixtures';

let cw: CallsWarehouse;
afterEach(async () => cw?.w.core.close());

const none = { refusalDays: 0, returnDays: 0, complaintDays: 0, deliverySharePct: 0, alwaysCall: false };

describe('surveys on the follow-up calls', () => {
  it('records the answers with the call, or nothing at all', async () => {
    cw = await callsWarehouse();
    const draft = await call(cw.w.core, cw.manager, 'surveys.save', {
      name: '回访满意度',
      onCalls: true,
      questions: [
        { kind: 'score', textZh: '送货及时', textEn: 'On time' },
        { kind: 'score', textZh: '服务态度', textEn: 'Service' },
      ],
    });
    await call(cw.w.core, cw.manager, 'surveys.setState', { surveyId: draft.id, state: 'open' });
    const survey = (await call(cw.w.core, cw.op, 'surveys.onCalls', {}))!;
    const [q1, q2] = survey.questions.map((q) => q.id) as [number, number];

    const plan = await call(cw.w.core, cw.manager, 'calls.buildPlan', { period: 'day', date: cw.day, rules: none });
    for (const code of ['C001', 'C002'])
      await call(cw.w.core, cw.manager, 'calls.add', { planId: plan.id, customerId: cw.customer(code), note: '' });
    await call(cw.w.core, cw.manager, 'calls.share', { planId: plan.id, mode: 'even' });
    const [x, y] = (await call(cw.w.core, cw.op, 'calls.sheet', { planId: plan.id })).calls;
    const answers = (a: number, b: number) => ({
      surveyId: survey.id,
      answers: [
        { questionId: q1, score: a },
        { questionId: q2, score: b },
      ],
    });

    expect(
      await refusal(cw.w.core, cw.op, 'calls.record', {
        callId: x!.id,
        outcome: 'noAnswer',
        note: '',
        survey: answers(5, 5),
      }),
    ).toMatchObject({ code: 'surveys.notReached' });
    expect(
      await refusal(cw.w.core, cw.op, 'calls.record', {
        callId: x!.id,
        outcome: 'satisfied',
        note: '',
        survey: answers(5, 7),
      }),
    ).toMatchObject({ code: 'surveys.outOfScale', details: { question: '服务态度', max: 5, score: 7 } });
    // Nothing of either refusal was written: the call is as planned.
    const still = await call(cw.w.core, cw.op, 'calls.get', { callId: x!.id });
    expect([still.state, still.attempts]).toEqual(['planned', 0]);
    const rows = async () =>
      (await sql<{ n: number }>`SELECT COUNT(*) AS n FROM survey_responses`.execute(cw.w.core.database.db)).rows[0]!.n;
    expect(Number(await rows())).toBe(0);

    const done = await call(cw.w.core, cw.op, 'calls.record', {
      callId: x!.id,
      outcome: 'satisfied',
      note: '满意',
      survey: answers(5, 4),
    });
    expect(done.state).toBe('done');
    await call(cw.w.core, cw.op, 'calls.record', { callId: y!.id, outcome: 'satisfied', note: '' });
    const responses = await call(cw.w.core, cw.manager, 'surveys.responses', {
      surveyId: survey.id,
      from: cw.day,
      to: cw.day,
    });
    expect(responses.map((r) => [r.source, r.callId, r.customerId, r.date, r.indexPermille])).toEqual([
      ['call', x!.id, x!.customerId, cw.day, 875],
    ]);
  });
});
