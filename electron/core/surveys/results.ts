// Satisfaction surveys (issue 17 §5): the results of a range, per customer,
// area, salesperson or month, each score question's average and the
// satisfaction index (scores.ts), with the month-by-month trend and the
// newest free-text answers, for the surveys page and the monthly review.
import type {
  SurveyComment,
  SurveyGroup,
  SurveyGrouping,
  SurveyResponseRow,
  SurveyResults,
  SurveyTrendPoint,
} from '../../../shared/contract';
import type { Db } from '../db/schema';
import { readSurvey } from './definitions';
import { readResponses } from './responses';
import { addScore, emptyIndex, indexPermille, type IndexSum } from './scores';

type Acc = {
  key: string;
  label: string;
  responses: number;
  customers: Set<number>;
  /** Per score question: Σ score and answers, for its average. */
  perQuestion: { sum: number; n: number }[];
  index: IndexSum;
};

const monthOf = (date: string) => date.slice(0, 7);

function groupKey(r: SurveyResponseRow, by: SurveyGrouping): { key: string; label: string } {
  switch (by) {
    case 'customer':
      return { key: r.customerCode, label: r.customerName };
    case 'area':
      return { key: r.area, label: r.area };
    case 'salesperson':
      return { key: r.salesperson, label: r.salesperson };
    case 'month':
      return { key: monthOf(r.date), label: monthOf(r.date) };
  }
}

/** Every month from `from`'s to `to`'s, so the trend shows the months nobody answered too. */
function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.slice(0, 7).split('-').map(Number) as [number, number];
  const last = to.slice(0, 7);
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > last) return out;
    out.push(month);
    m += 1;
    if (m === 13) [y, m] = [y + 1, 1];
  }
}

export async function surveyResults(
  db: Db,
  input: { surveyId: number; from: string; to: string; by: SurveyGrouping },
): Promise<SurveyResults> {
  const survey = await readSurvey(db, input.surveyId);
  const scoreQuestions = survey.questions.filter((q) => q.kind === 'score');
  const position = new Map(scoreQuestions.map((q, i) => [q.id, i]));
  const responses = await readResponses(db, input);

  const newAcc = (key: string, label: string): Acc => ({
    key,
    label,
    responses: 0,
    customers: new Set(),
    perQuestion: scoreQuestions.map(() => ({ sum: 0, n: 0 })),
    index: emptyIndex(),
  });
  const add = (acc: Acc, r: SurveyResponseRow) => {
    acc.responses += 1;
    acc.customers.add(r.customerId);
    for (const a of r.answers) {
      const i = position.get(a.questionId);
      if (a.score === null || i === undefined) continue;
      acc.perQuestion[i]!.sum += a.score;
      acc.perQuestion[i]!.n += 1;
      addScore(acc.index, a.score, scoreQuestions[i]!.scaleMax!);
    }
  };
  const toGroup = (acc: Acc): SurveyGroup => ({
    key: acc.key,
    label: acc.label,
    responses: acc.responses,
    customers: acc.customers.size,
    averages: acc.perQuestion.map((q) => (q.n === 0 ? null : Math.round((q.sum * 100) / q.n))),
    indexPermille: indexPermille(acc.index),
  });

  const total = newAcc('', '');
  const groups = new Map<string, Acc>();
  const months = new Map<string, Acc>(monthsBetween(input.from, input.to).map((m) => [m, newAcc(m, m)]));
  const comments: SurveyComment[] = [];
  for (const r of responses) {
    add(total, r);
    const g = groupKey(r, input.by);
    if (!groups.has(g.key)) groups.set(g.key, newAcc(g.key, g.label));
    add(groups.get(g.key)!, r);
    const month = months.get(monthOf(r.date));
    if (month) add(month, r);
    for (const a of r.answers)
      if (a.text !== '' && comments.length < 100)
        comments.push({
          responseId: r.id,
          date: r.date,
          customerName: r.customerName,
          questionId: a.questionId,
          text: a.text,
        });
  }
  const trend: SurveyTrendPoint[] = [...months.values()].map((m) => ({
    month: m.key,
    responses: m.responses,
    indexPermille: indexPermille(m.index),
  }));
  return {
    surveyId: survey.id,
    from: input.from,
    to: input.to,
    by: input.by,
    scoreQuestions,
    total: toGroup(total),
    // Lowest satisfaction first: who to call back about it.
    groups: [...groups.values()]
      .map(toGroup)
      .sort((a, b) => (a.indexPermille ?? 1001) - (b.indexPermille ?? 1001) || a.key.localeCompare(b.key)),
    trend,
    comments,
  };
}
