// Survey results (issue 17 §5): for the period, the satisfaction index and
// each score question's average in all, grouped per customer, area,
// salesperson or month (lowest index first), the month-by-month trend as a
// chart, and the newest comments; exported as CSV. Live on every answer.
import type { ColDef } from 'ag-grid-community';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { surveyGroupings, type Survey, type SurveyGroup, type SurveyGrouping } from '../../../shared/contract';
import type { SurveyResults } from '../../../shared/contract';
import { api } from '../../api/client';
import { downloadText } from '../../components/download';
import { CangwuGrid } from '../../components/grid/CangwuGrid';
import { useGridEvents } from '../../components/grid/useGridEvents';
import { useNotify } from '../../components/toast/useNotify';
import { useFormat } from '../../i18n/format';
import { Chart } from '../analyses/Chart';
import { csvName, resultsCsv } from './surveyCsv';
import { questionText } from './SurveyQuestions';
import { trendOption } from './trendChart';

const pct = (pm: number | null) => (pm === null ? '—' : `${(pm / 10).toFixed(1)}%`);
const avg = (h: number | null) => (h === null ? '—' : (h / 100).toFixed(2));

export function ResultsView({ survey, from, to }: { survey: Survey; from: string; to: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const [by, setBy] = useState<SurveyGrouping>('area');
  const [data, setData] = useState<SurveyResults | null>(null);
  const seq = useRef(0);
  const load = useCallback(() => {
    const mine = ++seq.current;
    api.request('surveys.results', { surveyId: survey.id, from, to, by }).then(
      (r) => mine === seq.current && setData(r),
      (e: unknown) => mine === seq.current && notify.error(e),
    );
  }, [survey.id, from, to, by, notify]);
  useEffect(load, [load]);
  useGridEvents({
    'surveys.changed': (e) => e.surveyId === survey.id && load(),
    reconnected: () => load(),
  });

  const columns = useMemo<ColDef<SurveyGroup>[]>(
    () => [
      {
        colId: 'group',
        headerName: t(`surveys:by.${by}`),
        width: 200,
        pinned: 'left',
        valueGetter: (p) =>
          p.data ? (p.data.label !== p.data.key ? `${p.data.key} ${p.data.label}` : p.data.key || '—') : '',
      },
      { field: 'responses', headerName: t('surveys:col.responses'), width: 100, type: 'numericColumn' },
      { field: 'customers', headerName: t('surveys:col.customers'), width: 100, type: 'numericColumn' },
      ...(data?.scoreQuestions ?? []).map((q, i): ColDef<SurveyGroup> => ({
        colId: `q${q.id}`,
        headerName: `${questionText(q, f.locale)} (1–${q.scaleMax})`,
        width: 150,
        type: 'numericColumn',
        valueGetter: (p) => p.data?.averages[i] ?? null,
        valueFormatter: (p) => avg(p.value as number | null),
      })),
      {
        field: 'indexPermille',
        headerName: t('surveys:col.index'),
        width: 120,
        type: 'numericColumn',
        valueFormatter: (p) => pct(p.value as number | null),
        cellClass: (p) => ((p.value as number | null) !== null && (p.value as number) < 600 ? 'survey-low' : ''),
      },
    ],
    [t, f.locale, by, data?.scoreQuestions],
  );
  const chart = useMemo(
    () => data && trendOption(data.trend, { index: t('surveys:chart.index'), responses: t('surveys:chart.responses') }),
    [data, t],
  );
  const questions = new Map(survey.questions.map((q) => [q.id, q]));

  return (
    <div className="survey-results" data-testid="survey-results">
      <div className="toolbar">
        <label className="inline-field">
          {t('surveys:groupBy')}
          <select value={by} onChange={(e) => setBy(e.target.value as SurveyGrouping)} data-testid="survey-by">
            {surveyGroupings.map((g) => (
              <option key={g} value={g}>
                {t(`surveys:by.${g}`)}
              </option>
            ))}
          </select>
        </label>
        <span className="toolbar-spacer" />
        <button
          type="button"
          disabled={!data}
          data-testid="survey-results-csv"
          onClick={() => data && downloadText(csvName(survey, by, from, to), resultsCsv(t, f.locale, survey, data))}
        >
          {t('surveys:exportCsv')}
        </button>
      </div>
      {data && (
        <>
          <div className="survey-tiles">
            <div className="survey-tile" data-testid="survey-tile-index">
              <div className="survey-tile-value">{pct(data.total.indexPermille)}</div>
              <div>{t('surveys:col.index')}</div>
            </div>
            <div className="survey-tile" data-testid="survey-tile-responses">
              <div className="survey-tile-value">{data.total.responses}</div>
              <div>{t('surveys:col.responses')}</div>
            </div>
            <div className="survey-tile">
              <div className="survey-tile-value">{data.total.customers}</div>
              <div>{t('surveys:col.customers')}</div>
            </div>
            {data.scoreQuestions.map((q, i) => (
              <div className="survey-tile" key={q.id}>
                <div className="survey-tile-value">
                  {avg(data.total.averages[i] ?? null)}
                  <small> / {q.scaleMax}</small>
                </div>
                <div>{questionText(q, f.locale)}</div>
              </div>
            ))}
          </div>
          <h3 className="survey-chart-title">{t('surveys:chart.title')}</h3>
          {chart && <Chart option={chart} height={220} testId="survey-chart" />}
          {data.groups.length === 0 ? (
            <p className="task-empty" data-testid="survey-results-empty">
              {t('surveys:noResponses')}
            </p>
          ) : (
            <CangwuGrid<SurveyGroup>
              gridId="survey-results"
              testId="survey-groups"
              boxClassName="survey-groups-grid"
              rowData={data.groups}
              columnDefs={columns}
              getRowId={(p) => p.data.key || '—'}
            />
          )}
          {data.comments.length > 0 && (
            <>
              <h3>{t('surveys:comments')}</h3>
              <ul className="survey-comments" data-testid="survey-comments">
                {data.comments.map((c) => (
                  <li key={`${c.responseId}-${c.questionId}`}>
                    <span className="page-hint">
                      {c.date} · {c.customerName} · {questionText(questions.get(c.questionId)!, f.locale)}
                    </span>{' '}
                    {c.text}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </div>
  );
}
