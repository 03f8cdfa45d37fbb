// The manager's questionnaires (issue 17 §5): a draft's name, whether it is
// asked on the follow-up calls, and its questions (a score on a 2–10 point
// scale or free text, required or not), saved, then opened (the questions
// freeze) and in the end closed.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Survey, SurveyQuestionKind } from '../../../shared/contract';
import { api } from '../../api/client';
import { useNotify } from '../../components/toast/useNotify';

type Draft = { kind: SurveyQuestionKind; textZh: string; textEn: string; scaleMax: number; required: boolean };
const blank: Draft = { kind: 'score', textZh: '', textEn: '', scaleMax: 5, required: true };

export function DefineView({ survey, onSaved }: { survey: Survey | null; onSaved(s: Survey): void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [name, setName] = useState('');
  const [onCalls, setOnCalls] = useState(false);
  const [questions, setQuestions] = useState<Draft[]>([blank]);
  const editable = survey === null || survey.state === 'draft';
  useEffect(() => {
    setName(survey?.name ?? '');
    setOnCalls(survey?.onCalls ?? false);
    setQuestions(
      survey
        ? survey.questions.map((q) => ({
            kind: q.kind,
            textZh: q.textZh,
            textEn: q.textEn,
            scaleMax: q.scaleMax ?? 5,
            required: q.required,
          }))
        : [blank],
    );
  }, [survey]);

  const change = (i: number, patch: Partial<Draft>) =>
    setQuestions((qs) => qs.map((q, k) => (k === i ? { ...q, ...patch } : q)));
  const run = async (fn: () => Promise<Survey>, message: string) => {
    try {
      const s = await fn();
      notify.success(t(message, { name: s.name }));
      onSaved(s);
    } catch (e) {
      notify.error(e);
    }
  };
  const save = () =>
    run(
      () =>
        api.request('surveys.save', {
          ...(survey && { surveyId: survey.id }),
          name,
          onCalls,
          questions: questions.map((q) => ({
            kind: q.kind,
            textZh: q.textZh,
            textEn: q.textEn || q.textZh,
            ...(q.kind === 'score' && { scaleMax: q.scaleMax }),
            required: q.required,
          })),
        }),
      'surveys:define.saved',
    );

  return (
    <form
      className="survey-define"
      data-testid="survey-define"
      onSubmit={(e) => {
        e.preventDefault();
        if (editable) void save();
      }}
    >
      <p className="page-hint">{t(editable ? 'surveys:define.hint' : 'surveys:define.frozen')}</p>
      <div className="toolbar">
        <label className="inline-field">
          {t('surveys:define.name')}
          <input
            value={name}
            disabled={!editable}
            required
            maxLength={100}
            onChange={(e) => setName(e.target.value)}
            data-testid="survey-name"
          />
        </label>
        <label className="inline-field">
          <input
            type="checkbox"
            checked={onCalls}
            disabled={!editable}
            onChange={(e) => setOnCalls(e.target.checked)}
            data-testid="survey-on-calls"
          />
          {t('surveys:define.onCalls')}
        </label>
      </div>
      <table className="survey-define-table">
        <thead>
          <tr>
            <th>#</th>
            <th>{t('surveys:define.kind')}</th>
            <th>{t('surveys:define.textZh')}</th>
            <th>{t('surveys:define.textEn')}</th>
            <th>{t('surveys:define.scale')}</th>
            <th>{t('surveys:define.required')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {questions.map((q, i) => (
            <tr key={i} data-testid={`survey-define-q-${i + 1}`}>
              <td>{i + 1}</td>
              <td>
                <select
                  value={q.kind}
                  disabled={!editable}
                  aria-label={t('surveys:define.kind')}
                  onChange={(e) => change(i, { kind: e.target.value as SurveyQuestionKind })}
                >
                  <option value="score">{t('surveys:kind.score')}</option>
                  <option value="text">{t('surveys:kind.text')}</option>
                </select>
              </td>
              <td>
                <input
                  value={q.textZh}
                  disabled={!editable}
                  required
                  maxLength={200}
                  aria-label={t('surveys:define.textZh')}
                  onChange={(e) => change(i, { textZh: e.target.value })}
                />
              </td>
              <td>
                <input
                  value={q.textEn}
                  disabled={!editable}
                  maxLength={200}
                  aria-label={t('surveys:define.textEn')}
                  onChange={(e) => change(i, { textEn: e.target.value })}
                />
              </td>
              <td>
                {q.kind === 'score' && (
                  <input
                    type="number"
                    min={2}
                    max={10}
                    value={q.scaleMax}
                    disabled={!editable}
                    aria-label={t('surveys:define.scale')}
                    onChange={(e) => change(i, { scaleMax: Number(e.target.value) })}
                  />
                )}
              </td>
              <td>
                <input
                  type="checkbox"
                  checked={q.required}
                  disabled={!editable}
                  aria-label={t('surveys:define.required')}
                  onChange={(e) => change(i, { required: e.target.checked })}
                />
              </td>
              <td>
                {editable && questions.length > 1 && (
                  <button type="button" onClick={() => setQuestions((qs) => qs.filter((_, k) => k !== i))}>
                    {t('surveys:define.remove')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="toolbar">
        {editable && (
          <>
            <button
              type="button"
              disabled={questions.length >= 20}
              onClick={() => setQuestions((qs) => [...qs, blank])}
              data-testid="survey-add-question"
            >
              {t('surveys:define.add')}
            </button>
            <button type="submit" className="primary" data-testid="survey-save">
              {t('surveys:define.save')}
            </button>
          </>
        )}
        {survey?.state === 'draft' && (
          <button
            type="button"
            data-testid="survey-open"
            onClick={() =>
              void run(
                () => api.request('surveys.setState', { surveyId: survey.id, state: 'open' }),
                'surveys:define.opened',
              )
            }
          >
            {t('surveys:define.open')}
          </button>
        )}
        {survey?.state === 'open' && (
          <button
            type="button"
            data-testid="survey-close"
            onClick={() =>
              window.confirm(t('surveys:define.confirmClose', { name: survey.name })) &&
              void run(
                () => api.request('surveys.setState', { surveyId: survey.id, state: 'closed' }),
                'surveys:define.closed',
              )
            }
          >
            {t('surveys:define.close')}
          </button>
        )}
      </div>
    </form>
  );
}
