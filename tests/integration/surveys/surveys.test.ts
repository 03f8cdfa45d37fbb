// Satisfaction surveys 满意度调查 (issue 17 §5): the manager defines a
// questionnaire, it freezes when opened, paper answers out of their scale or
// missing are refused and write nothing, and the results per area,
// salesperson, customer and month equal SQL written here over generated
// answers.
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { call, refusal } from '../fixtures';
import { orderWarehouse, type OrderWarehouse } from '../orders/orderFixtures';

let ow: OrderWarehouse;
afterEach(async () => ow?.w.core.close());

const questions = [
  { kind: 'score' as const, textZh: '送货及时', textEn: 'Delivery on time' },
  { kind: 'score' as const, textZh: '服务态度', textEn: 'Service', scaleMax: 5 },
  { kind: 'score' as const, textZh: '推荐意愿', textEn: 'Would recommend', scaleMax: 10, required: false },
  { kind: 'text' as const, textZh: '意见建议', textEn: 'Comments', required: false },
];

async function openSurvey(onCalls = false) {
  ow = await orderWarehouse();
  const draft = await call(ow.w.core, ow.manager, 'surveys.save', { name: '客户满意度调查', onCalls, questions });
  const survey = await call(ow.w.core, ow.manager, 'surveys.setState', { surveyId: draft.id, state: 'open' });
  return survey;
}

const responseCount = async () =>
  Number(
    (await sql<{ n: number }>`SELECT COUNT(*) AS n FROM survey_responses`.execute(ow.w.core.database.db)).rows[0]!.n,
  );

describe('surveys', () => {
  it('edits a draft, freezes it when opened, and lets only one open survey be asked on the calls', async () => {
    ow = await orderWarehouse();
    const draft = await call(ow.w.core, ow.manager, 'surveys.save', { name: '草稿', onCalls: true, questions });
    expect(draft.questions.map((q) => [q.kind, q.scaleMax])).toEqual([
      ['score', 5],
      ['score', 5],
      ['score', 10],
      ['text', null],
    ]);
    const edited = await call(ow.w.core, ow.manager, 'surveys.save', {
      surveyId: draft.id,
      name: '客户满意度调查',
      onCalls: true,
      questions: questions.slice(0, 2),
    });
    expect(edited.questions).toHaveLength(2);
    expect(await refusal(ow.w.core, ow.op, 'surveys.save', { name: 'x', questions })).toMatchObject({
      code: 'auth.forbidden',
    });
    await call(ow.w.core, ow.manager, 'surveys.setState', { surveyId: draft.id, state: 'open' });
    expect(
      await refusal(ow.w.core, ow.manager, 'surveys.save', { surveyId: draft.id, name: 'x', questions }),
    ).toMatchObject({ code: 'surveys.notDraft', details: { name: '客户满意度调查' } });
    const second = await call(ow.w.core, ow.manager, 'surveys.save', { name: '第二份', onCalls: true, questions });
    expect(
      await refusal(ow.w.core, ow.manager, 'surveys.setState', { surveyId: second.id, state: 'open' }),
    ).toMatchObject({ code: 'surveys.otherOnCalls', details: { name: '客户满意度调查' } });
    expect((await call(ow.w.core, ow.op, 'surveys.onCalls', {}))?.id).toBe(draft.id);
    await call(ow.w.core, ow.manager, 'surveys.setState', { surveyId: draft.id, state: 'closed' });
    expect(await call(ow.w.core, ow.op, 'surveys.onCalls', {})).toBeNull();
    await call(ow.w.core, ow.manager, 'surveys.setState', { surveyId: second.id, state: 'open' });
    const list = await call(ow.w.core, ow.op, 'surveys.list', {});
    expect(list.map((s) => [s.name, s.state, s.questionCount])).toEqual([
      ['第二份', 'open', 4],
      ['客户满意度调查', 'closed', 2],
    ]);
  });

  it('refuses an answer out of its scale, a missing one, a future day or a closed survey, writing nothing', async () => {
    const survey = await openSurvey();
    const [q1, q2, q3, q4] = survey.questions.map((q) => q.id) as [number, number, number, number];
    const base = { surveyId: survey.id, customerId: ow.customer('C001'), date: ow.today };
    const refused = async (answers: object[], date = ow.today) =>
      (await refusal(ow.w.core, ow.op, 'surveys.answer', { ...base, date, answers } as never))!;
    expect(
      await refused([
        { questionId: q1, score: 6 },
        { questionId: q2, score: 3 },
      ]),
    ).toMatchObject({
      code: 'surveys.outOfScale',
      details: { question: '送货及时', max: 5, score: 6 },
    });
    expect(
      await refused([
        { questionId: q1, score: 0 },
        { questionId: q2, score: 3 },
      ]),
    ).toMatchObject({
      code: 'surveys.outOfScale',
    });
    expect(
      await refused([
        { questionId: q1, score: 4 },
        { questionId: q3, score: 11 },
      ]),
    ).toMatchObject({
      code: 'surveys.answerMissing',
      details: { question: '服务态度' },
    });
    expect(
      await refused([
        { questionId: q1, score: 4 },
        { questionId: q2, score: 4 },
        { questionId: q3, score: 11 },
      ]),
    ).toMatchObject({ code: 'surveys.outOfScale', details: { max: 10 } });
    expect(
      await refused([
        { questionId: q1, score: 4 },
        { questionId: q2, score: 4 },
        { questionId: q4, score: 4 },
      ]),
    ).toMatchObject({ code: 'surveys.scoreOnText' });
    expect(await refused([{ questionId: 999_999, score: 4 }])).toMatchObject({ code: 'surveys.unknownQuestion' });
    expect(
      await refused(
        [
          { questionId: q1, score: 4 },
          { questionId: q2, score: 4 },
        ],
        ow.tomorrow,
      ),
    ).toMatchObject({ code: 'surveys.futureDate' });
    expect(await responseCount()).toBe(0);

    const ok = await call(ow.w.core, ow.op, 'surveys.answer', {
      ...base,
      answers: [
        { questionId: q1, score: 5 },
        { questionId: q2, score: 3 },
        { questionId: q4, text: '  司机很准时 ' },
      ],
    });
    expect(ok).toMatchObject({ source: 'paper', customerCode: 'C001', salesperson: 'sales1', area: '天河' });
    expect(ok.answers).toEqual([
      { questionId: q1, score: 5, text: '' },
      { questionId: q2, score: 3, text: '' },
      { questionId: q4, score: null, text: '司机很准时' },
    ]);
    // (5−1)/4 = 100 %, (3−1)/4 = 50 %: index 750 ‰.
    expect(ok.indexPermille).toBe(750);

    await call(ow.w.core, ow.manager, 'surveys.setState', { surveyId: survey.id, state: 'closed' });
    expect(
      await refused([
        { questionId: q1, score: 4 },
        { questionId: q2, score: 4 },
      ]),
    ).toMatchObject({ code: 'surveys.notOpen' });
    expect(await responseCount()).toBe(1);
  });

  it('gives results per area, salesperson, customer and month equal to SQL over generated answers', async () => {
    const survey = await openSurvey();
    const [q1, q2, q3] = survey.questions.map((q) => q.id) as [number, number, number];
    // Three months back to today, 90 answers from three customers, a seeded generator.
    let seed = 17;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const [y, m] = ow.today.split('-').map(Number) as [number, number];
    const monthStart = (back: number) => {
      const d = new Date(Date.UTC(y, m - 1 - back, 1));
      return d.toISOString().slice(0, 10);
    };
    const from = monthStart(2);
    const codes = ['C001', 'C002', 'C009'];
    for (let i = 0; i < 90; i++) {
      const day = String(1 + rnd(27)).padStart(2, '0');
      const date = `${monthStart(rnd(3)).slice(0, 7)}-${day}`;
      const answers = [
        { questionId: q1, score: 1 + rnd(5) },
        { questionId: q2, score: 1 + rnd(5) },
        ...(rnd(3) === 0 ? [] : [{ questionId: q3, score: 1 + rnd(10) }]),
      ];
      await call(ow.w.core, ow.op, 'surveys.answer', {
        surveyId: survey.id,
        customerId: ow.customer(codes[rnd(3)]!),
        date: date > ow.today ? ow.today : date,
        answers,
      });
    }
    const db = ow.w.core.database.db;
    const groupSql = {
      area: sql`c.area`,
      salesperson: sql`COALESCE(u.display_name, '')`,
      customer: sql`c.code`,
      month: sql`substr(r.response_date, 1, 7)`,
    } as const;
    for (const by of ['area', 'salesperson', 'customer', 'month'] as const) {
      const got = await call(ow.w.core, ow.manager, 'surveys.results', {
        surveyId: survey.id,
        from,
        to: ow.today,
        by,
      });
      const expected = (
        await sql<{
          key: string;
          responses: number;
          customers: number;
          a1: number;
          a2: number;
          a3: number | null;
          idx: number;
        }>`
          SELECT ${groupSql[by]} AS key,
                 COUNT(DISTINCT r.id) AS responses,
                 COUNT(DISTINCT r.customer_id) AS customers,
                 ROUND(100.0 * SUM(CASE WHEN a.question_id = ${q1} THEN a.score END)
                       / SUM(CASE WHEN a.question_id = ${q1} THEN 1 END)) AS a1,
                 ROUND(100.0 * SUM(CASE WHEN a.question_id = ${q2} THEN a.score END)
                       / SUM(CASE WHEN a.question_id = ${q2} THEN 1 END)) AS a2,
                 ROUND(100.0 * SUM(CASE WHEN a.question_id = ${q3} THEN a.score END)
                       / SUM(CASE WHEN a.question_id = ${q3} THEN 1 END)) AS a3,
                 ROUND(1000.0 * AVG((a.score - 1) * 1.0 / (q.scale_max - 1))) AS idx
          FROM survey_responses r
          JOIN customers c ON c.id = r.customer_id
          LEFT JOIN users u ON u.id = c.salesperson_id
          JOIN survey_answers a ON a.response_id = r.id
          JOIN survey_questions q ON q.id = a.question_id AND q.kind = 'score'
          WHERE r.survey_id = ${survey.id} AND r.response_date BETWEEN ${from} AND ${ow.today}
          GROUP BY 1 ORDER BY 1`.execute(db)
      ).rows;
      const mine = [...got.groups].sort((a, b) => a.key.localeCompare(b.key));
      expect(mine.map((g) => [g.key, g.responses, g.customers, ...g.averages, g.indexPermille])).toEqual(
        expected.map((e) => [e.key, e.responses, e.customers, e.a1, e.a2, e.a3, e.idx]),
      );
      expect(got.total.responses).toBe(90);
      // The lowest satisfaction comes first.
      const idx = got.groups.map((g) => g.indexPermille!);
      expect(idx).toEqual([...idx].sort((a, b) => a - b));
    }
    const results = await call(ow.w.core, ow.op, 'surveys.results', {
      surveyId: survey.id,
      from,
      to: ow.today,
      by: 'month',
    });
    expect(results.trend.map((t) => t.month)).toEqual([0, 1, 2].reverse().map((b) => monthStart(b).slice(0, 7)));
    expect(results.trend.reduce((n, t) => n + t.responses, 0)).toBe(90);
    expect(results.scoreQuestions.map((q) => q.id)).toEqual([q1, q2, q3]);
  });
});
