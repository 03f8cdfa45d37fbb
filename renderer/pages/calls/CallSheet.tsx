// A CS person's call sheet 回访记录表 (issue 16 §4), keyboard-first: ↑/↓ pick a
// call, 1–4 choose the outcome (satisfied, issue raised, no answer, call back
// later), type the note, Enter saves and moves to the next open call. When a
// survey is asked on the calls (issue 17 §5) and the customer was reached, its
// questions follow the note (Tab to them; a digit scores and moves on); they
// are sent only if answered, with the call's record.
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { callOutcomes, type CallOutcome, type CallSheet as Sheet, type Survey } from '../../../shared/contract';
import { api } from '../../api/client';
import { useApiEvent } from '../../api/hooks';
import { useNotify } from '../../components/toast/useNotify';
import { useFormat } from '../../i18n/format';
import { navigate, openPrint } from '../../app/routes';
import { answersInput, SurveyQuestions, type Answers } from '../surveys/SurveyQuestions';

export function CallSheet({ planId, userId }: { planId: number; userId?: number }) {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const [sheet, setSheet] = useState<Sheet | null>(null);
  const [at, setAt] = useState(0);
  const [outcome, setOutcome] = useState<CallOutcome | null>(null);
  const [note, setNote] = useState('');
  const [callBackAt, setCallBackAt] = useState('');
  const noteRef = useRef<HTMLInputElement>(null);
  const [survey, setSurvey] = useState<Survey | null>(null);
  const [answers, setAnswers] = useState<Answers>({});
  const loadSurvey = useCallback(() => {
    api.request('surveys.onCalls', {}).then(setSurvey, notify.error);
  }, [notify]);
  useEffect(loadSurvey, [loadSurvey]);
  useApiEvent('surveys.changed', loadSurvey);

  const load = useCallback(async () => {
    try {
      setSheet(await api.request('calls.sheet', { planId, ...(userId !== undefined && { userId }) }));
    } catch (e) {
      notify.error(e);
    }
  }, [planId, userId, notify]);
  useEffect(() => {
    void load();
  }, [load]);
  useApiEvent('calls.changed', (e) => {
    if (e.planIds.includes(planId)) void load();
  });

  // Another call, other answers.
  useEffect(() => setAnswers({}), [at]);
  const calls = sheet?.calls ?? [];
  const current = calls[at];
  const canRecord = userId === undefined && current !== undefined && current.state !== 'done';

  const reached = outcome === 'satisfied' || outcome === 'issueRaised';
  const save = async () => {
    if (!current || !outcome) return;
    const given = survey && reached ? answersInput(survey, answers) : [];
    try {
      await api.request('calls.record', {
        ...(survey && given.length > 0 && { survey: { surveyId: survey.id, answers: given } }),
        callId: current.id,
        outcome,
        note,
        ...(outcome === 'callBack' && callBackAt && { callBackAt: new Date(callBackAt).toISOString() }),
      });
      notify.success(t('calls:sheet.saved', { customer: current.customerName }));
      setOutcome(null);
      setNote('');
      setCallBackAt('');
      setAnswers({});
      const next = calls.findIndex((c, i) => i > at && c.state !== 'done');
      if (next >= 0) setAt(next);
      await load();
    } catch (e) {
      notify.error(e);
    }
  };

  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const inNote = e.target === noteRef.current;
    if (e.key === 'ArrowDown') {
      setAt((i) => Math.min(i + 1, calls.length - 1));
      e.preventDefault();
    } else if (e.key === 'ArrowUp') {
      setAt((i) => Math.max(i - 1, 0));
      e.preventDefault();
    } else if (!inNote && /^[1-4]$/.test(e.key) && canRecord) {
      setOutcome(callOutcomes[Number(e.key) - 1]!);
      noteRef.current?.focus();
      e.preventDefault();
    } else if (e.key === 'Enter' && canRecord && outcome) {
      void save();
      e.preventDefault();
    }
  };

  if (!sheet) return null;
  return (
    <div className="call-sheet" tabIndex={0} onKeyDown={onKey} data-testid="call-sheet">
      <p className="page-hint">
        {t('calls:sheet.heading', { name: sheet.userName, from: sheet.startDate, to: sheet.endDate })} ·{' '}
        {t('calls:sheet.keys')}{' '}
        <button
          type="button"
          data-testid="call-sheet-print"
          onClick={() => openPrint('callSheet', { plan: planId, ...(userId !== undefined && { user: userId }) })}
        >
          {t('calls:print.print')}
        </button>
      </p>
      <table className="call-table">
        <thead>
          <tr>
            <th>{t('calls:col.customer')}</th>
            <th>{t('calls:col.phone')}</th>
            <th>{t('calls:col.reason')}</th>
            <th>{t('calls:col.source')}</th>
            <th>{t('calls:col.due')}</th>
            <th>{t('calls:col.state')}</th>
            <th>{t('calls:col.note')}</th>
          </tr>
        </thead>
        <tbody>
          {calls.map((c, i) => (
            <tr
              key={c.id}
              className={`${i === at ? 'call-current' : ''} ${c.late ? 'call-late' : ''}`}
              data-testid={`call-row-${c.customerCode}`}
              onClick={() => setAt(i)}
            >
              <td>
                <a
                  href="#"
                  onClick={(e) => {
                    e.preventDefault();
                    navigate('customer', { id: c.customerId });
                  }}
                >
                  {c.customerCode} {c.customerName}
                </a>
              </td>
              <td>
                {c.contact} {c.phone}
              </td>
              <td>{t(`calls:reason.${c.reason}`)}</td>
              <td>{c.sourceNo}</td>
              <td>
                {c.dueDate}
                {c.late ? ` · ${t('calls:late')}` : ''}
              </td>
              <td>
                {c.outcome ? t(`calls:outcome.${c.outcome}`) : t(`calls:state.${c.state}`)}
                {c.callBackAt ? ` · ${f.dateTime(c.callBackAt)}` : ''}
                {c.attempts > 0 ? ` · ${t('calls:attempts', { n: c.attempts })}` : ''}
              </td>
              <td>
                {[c.note, c.lastNote].filter(Boolean).join(' · ')}
                {c.outcome === 'issueRaised' && c.complaintId !== null && (
                  <a
                    href="#"
                    className="call-complaint-link"
                    data-testid={`call-complaint-${c.id}`}
                    onClick={(e) => {
                      e.preventDefault();
                      navigate('complaints', { id: c.complaintId! });
                    }}
                  >
                    {t('calls:sheet.openedComplaint')}
                  </a>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {calls.length === 0 && <p className="task-empty">{t('calls:sheet.empty')}</p>}
      {canRecord && (
        <div className="call-record" data-testid="call-record">
          <strong>
            {current.customerCode} {current.customerName}
          </strong>
          {callOutcomes.map((o, i) => (
            <button
              key={o}
              type="button"
              className={outcome === o ? 'primary' : ''}
              aria-pressed={outcome === o}
              data-testid={`call-outcome-${o}`}
              onClick={() => setOutcome(o)}
            >
              {i + 1} {t(`calls:outcome.${o}`)}
            </button>
          ))}
          <input
            ref={noteRef}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            placeholder={t(outcome === 'issueRaised' ? 'calls:sheet.issuePlaceholder' : 'calls:sheet.notePlaceholder')}
            aria-label={t('calls:col.note')}
            data-testid="call-note"
          />
          {outcome === 'callBack' && (
            <input
              type="datetime-local"
              value={callBackAt}
              onChange={(e) => setCallBackAt(e.target.value)}
              aria-label={t('calls:sheet.callBackAt')}
              data-testid="call-back-at"
            />
          )}
          {survey && reached && (
            <div className="call-survey" data-testid="call-survey">
              <span className="page-hint">{t('surveys:onCall.title', { name: survey.name })}</span>
              <SurveyQuestions survey={survey} answers={answers} onChange={setAnswers} testId="call-survey-q" />
            </div>
          )}
          <button
            type="button"
            className="primary"
            disabled={!outcome}
            onClick={() => void save()}
            data-testid="call-save"
          >
            {t('calls:sheet.save')}
          </button>
        </div>
      )}
    </div>
  );
}
