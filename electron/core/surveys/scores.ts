// Satisfaction surveys (issue 17 §5): how scores add up. A score placed on its
// question's scale counts (score − 1) ÷ (max − 1): 1 is 0 %, the top is
// 100 %, so a 1–5 question and a 1–10 question weigh alike. The index of a
// set of answers is the mean of those, in per mille (rounded half up).
import type { SurveyAnswer, SurveyQuestion } from '../../../shared/contract';

/** Sums of scores on 0..1 and their count, added answer by answer. */
export type IndexSum = { sum: number; n: number };

export const emptyIndex = (): IndexSum => ({ sum: 0, n: 0 });

export function addScore(acc: IndexSum, score: number, scaleMax: number): void {
  acc.sum += (score - 1) / (scaleMax - 1);
  acc.n += 1;
}

export const indexPermille = (acc: IndexSum): number | null =>
  acc.n === 0 ? null : Math.round((acc.sum * 1000) / acc.n);

export function responseIndex(answers: SurveyAnswer[], questions: Map<number, SurveyQuestion>): number | null {
  const acc = emptyIndex();
  for (const a of answers) {
    const q = questions.get(a.questionId);
    if (a.score !== null && q?.scaleMax) addScore(acc, a.score, q.scaleMax);
  }
  return indexPermille(acc);
}
