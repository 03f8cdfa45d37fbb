// 满意度调查 Satisfaction surveys (issue 17 §5): pick a survey (the open one
// asked on the calls first), then its results for a period (the index, each
// question's average, per customer, area, salesperson or month, the trend),
// its answer sheets, a paper form's entry (open surveys) and, for the
// manager, the questionnaire itself (a new one, a draft's edit, open, close).
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { surveyEnterers, surveyManagers, type Survey, type SurveyRow } from '../../../shared/contract';
import { addDaysTo } from '../../../shared/reports/weeks';
import { api } from '../../api/client';
import { useApiEvent } from '../../api/hooks';
import { hasRole, useSession } from '../../app/session';
import { TabBar } from '../../components/TabBar';
import { useNotify } from '../../components/toast/useNotify';
import { warehouseToday } from '../../i18n/format';
import { DefineView } from './DefineView';
import { EnterView } from './EnterView';
import { ResponsesView } from './ResponsesView';
import { ResultsView } from './ResultsView';

type Tab = 'results' | 'responses' | 'enter' | 'define';

/** The first day of the month two months before today's: a quarter's trend by default. */
function quarterStart(today: string): string {
  const [y, m] = today.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 3, 1)).toISOString().slice(0, 10);
}

export function SurveysPage() {
  const { t } = useTranslation();
  const notify = useNotify();
  const { session } = useSession();
  const manages = hasRole(session, surveyManagers);
  const enters = hasRole(session, surveyEnterers);
  const [list, setList] = useState<SurveyRow[]>([]);
  const [surveyId, setSurveyId] = useState<number | 'new' | null>(null);
  const [survey, setSurvey] = useState<Survey | null>(null);
  const [tab, setTab] = useState<Tab>('results');
  const today = warehouseToday();
  const [from, setFrom] = useState(quarterStart(today));
  const [to, setTo] = useState(today);

  const loadList = useCallback(async () => {
    try {
      const rows = await api.request('surveys.list', {});
      setList(rows);
      // The open survey asked on the calls, else the newest open, else the newest.
      setSurveyId(
        (id) =>
          id ??
          (rows.find((s) => s.state === 'open' && s.onCalls) ?? rows.find((s) => s.state === 'open') ?? rows[0])?.id ??
          (manages ? 'new' : null),
      );
    } catch (e) {
      notify.error(e);
    }
  }, [notify, manages]);
  useEffect(() => {
    void loadList();
  }, [loadList]);
  useEffect(() => {
    if (typeof surveyId !== 'number') return setSurvey(null);
    api.request('surveys.get', { surveyId }).then(setSurvey, notify.error);
  }, [surveyId, notify, list]);
  useApiEvent('surveys.changed', () => void loadList());

  const tabs: Tab[] =
    surveyId === 'new'
      ? ['define']
      : [
          'results',
          'responses',
          ...(enters && survey?.state === 'open' ? (['enter'] as Tab[]) : []),
          ...(manages ? (['define'] as Tab[]) : []),
        ];
  const shown = tabs.includes(tab) ? tab : tabs[0]!;

  return (
    <section className="page-body surveys-page" data-testid="surveys">
      <div className="toolbar">
        <h1 className="page-title">{t('surveys:title')}</h1>
        <label className="inline-field">
          {t('surveys:survey')}
          <select
            value={surveyId ?? ''}
            onChange={(e) => setSurveyId(e.target.value === 'new' ? 'new' : Number(e.target.value))}
            data-testid="survey-pick"
          >
            {list.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name} · {t(`surveys:state.${s.state}`)}
                {s.onCalls && s.state === 'open' ? ` · ${t('surveys:onCallsShort')}` : ''}
              </option>
            ))}
            {manages && <option value="new">{t('surveys:new')}</option>}
          </select>
        </label>
        {(shown === 'results' || shown === 'responses') && (
          <>
            <label className="inline-field">
              {t('surveys:from')}
              <input
                type="date"
                value={from}
                onChange={(e) => e.target.value && setFrom(e.target.value)}
                data-testid="survey-from"
              />
            </label>
            <label className="inline-field">
              {t('surveys:to')}
              <input
                type="date"
                value={to}
                onChange={(e) => e.target.value && setTo(e.target.value)}
                data-testid="survey-to"
              />
            </label>
            <button type="button" onClick={() => (setFrom(addDaysTo(today, -364)), setTo(today))}>
              {t('surveys:lastYear')}
            </button>
          </>
        )}
        <TabBar
          tabs={tabs.map((k) => ({ id: k, label: t(`surveys:tab.${k}`) }))}
          current={shown}
          onChange={setTab}
          testIdPrefix="surveys"
        />
      </div>
      {surveyId === null && <p className="task-empty">{t('surveys:none')}</p>}
      {surveyId === 'new' && (
        <DefineView
          survey={null}
          onSaved={(s) => {
            // The new draft stays in the questionnaire tab, to be opened.
            setSurveyId(s.id);
            setTab('define');
            void loadList();
          }}
        />
      )}
      {survey && shown === 'results' && <ResultsView survey={survey} from={from} to={to} />}
      {survey && shown === 'responses' && <ResponsesView survey={survey} from={from} to={to} />}
      {survey && shown === 'enter' && <EnterView survey={survey} />}
      {survey && shown === 'define' && (
        <DefineView
          survey={survey}
          onSaved={(s) => {
            setSurvey(s);
            void loadList();
          }}
        />
      )}
    </section>
  );
}
