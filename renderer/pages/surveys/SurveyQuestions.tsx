// A survey's questions to answer (issue 17 §5), on a paper form's entry and
// on the call sheet alike. Keyboard-first: on a score question a digit key
// gives the score (0 is 10 on a ten-point scale) and moves to the next
// question; Backspace clears it; a text question is a plain input. Digit keys
// stop here, so the call sheet's 1–4 outcome keys do not fire underneath.
import { useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Survey, SurveyQuestion } from '../../../shared/contract';
import { useFormat } from '../../i18n/format';

export type Answers = Record<number, { score?: number; text?: string }>;

/** The answers as the contract takes them: only what was given. */
export function answersInput(survey: Survey, answers: Answers) {
  return survey.questions.flatMap((q) => {
    const a = answers[q.id];
    const text = a?.text?.trim() ?? '';
    if (a?.score === undefined && text === '') return [];
    return [{ questionId: q.id, ...(a?.score !== undefined && { score: a.score }), ...(text && { text }) }];
  });
}

export function questionText(q: SurveyQuestion, locale: string): string {
  return locale === 'en' ? q.textEn : q.textZh;
}

export function SurveyQuestions({
  survey,
  answers,
  onChange,
  testId = 'survey-q',
}: {
  survey: Survey;
  answers: Answers;
  onChange(answers: Answers): void;
  testId?: string;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const rows = useRef<(HTMLElement | null)[]>([]);
  const set = (q: SurveyQuestion, patch: { score?: number | undefined; text?: string }) => {
    const next = { ...answers[q.id], ...patch };
    if (patch.score === undefined && 'score' in patch) delete next.score;
    onChange({ ...answers, [q.id]: next });
  };
  const focusNext = (i: number) => rows.current[i + 1]?.focus();

  const onScoreKey = (q: SurveyQuestion, i: number) => (e: KeyboardEvent<HTMLElement>) => {
    if (/^[0-9]$/.test(e.key)) {
      e.stopPropagation();
      e.preventDefault();
      const score = e.key === '0' ? 10 : Number(e.key);
      if (score <= q.scaleMax!) {
        set(q, { score });
        focusNext(i);
      }
    } else if (e.key === 'Backspace' || e.key === 'Delete') {
      e.preventDefault();
      set(q, { score: undefined });
    }
  };

  return (
    <ol className="survey-questions" data-testid={testId}>
      {survey.questions.map((q, i) => (
        <li key={q.id} className="survey-question">
          <span className="survey-question-text">
            {questionText(q, f.locale)}
            {q.required ? ' *' : ''}
          </span>
          {q.kind === 'score' ? (
            <span
              className="survey-scale"
              role="radiogroup"
              tabIndex={0}
              aria-label={questionText(q, f.locale)}
              ref={(el) => {
                rows.current[i] = el;
              }}
              onKeyDown={onScoreKey(q, i)}
              data-testid={`${testId}-${i + 1}`}
            >
              {Array.from({ length: q.scaleMax! }, (_, k) => k + 1).map((n) => (
                <button
                  key={n}
                  type="button"
                  role="radio"
                  tabIndex={-1}
                  aria-checked={answers[q.id]?.score === n}
                  className={answers[q.id]?.score === n ? 'primary' : ''}
                  onClick={() => set(q, { score: n })}
                >
                  {n}
                </button>
              ))}
              <span className="survey-scale-hint">{t('surveys:scaleHint', { max: q.scaleMax })}</span>
            </span>
          ) : (
            <input
              className="survey-text"
              value={answers[q.id]?.text ?? ''}
              maxLength={1000}
              aria-label={questionText(q, f.locale)}
              ref={(el) => {
                rows.current[i] = el;
              }}
              // Every key but Enter (which saves) stays in the answer.
              onKeyDown={(e) => e.key !== 'Enter' && e.stopPropagation()}
              onChange={(e) => set(q, { text: e.target.value })}
              data-testid={`${testId}-${i + 1}`}
            />
          )}
        </li>
      ))}
    </ol>
  );
}
