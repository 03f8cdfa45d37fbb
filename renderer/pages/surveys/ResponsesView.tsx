// The answer sheets of the period (issue 17 §5): one row per response with
// each question's answer, its index, where it came from (a call or paper) and
// who entered it; exported as CSV. Live on every answer.
import type { ColDef } from 'ag-grid-community';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Survey, SurveyResponseRow } from '../../../shared/contract';
import { api } from '../../api/client';
import { CustomerLink } from '../../components/CustomerLink';
import { downloadText } from '../../components/download';
import { CangwuGrid } from '../../components/grid/CangwuGrid';
import { useGridEvents } from '../../components/grid/useGridEvents';
import { useNotify } from '../../components/toast/useNotify';
import { useFormat } from '../../i18n/format';
import { csvName, responsesCsv } from './surveyCsv';
import { questionText } from './SurveyQuestions';

export function ResponsesView({ survey, from, to }: { survey: Survey; from: string; to: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const [rows, setRows] = useState<SurveyResponseRow[] | null>(null);
  const seq = useRef(0);
  const load = useCallback(() => {
    const mine = ++seq.current;
    api.request('surveys.responses', { surveyId: survey.id, from, to }).then(
      (r) => mine === seq.current && setRows(r),
      (e: unknown) => mine === seq.current && notify.error(e),
    );
  }, [survey.id, from, to, notify]);
  useEffect(load, [load]);
  useGridEvents({
    'surveys.changed': (e) => e.surveyId === survey.id && load(),
    reconnected: () => load(),
  });

  const columns = useMemo<ColDef<SurveyResponseRow>[]>(
    () => [
      { field: 'date', headerName: t('surveys:col.date'), width: 110, pinned: 'left' },
      { field: 'customerCode', headerName: t('surveys:col.customerCode'), width: 100, cellClass: 'mono' },
      {
        field: 'customerName',
        headerName: t('surveys:col.customer'),
        width: 170,
        cellRenderer: (p: { data?: SurveyResponseRow }) =>
          p.data ? <CustomerLink id={p.data.customerId}>{p.data.customerName}</CustomerLink> : null,
      },
      { field: 'area', headerName: t('surveys:col.area'), width: 90 },
      { field: 'salesperson', headerName: t('surveys:col.salesperson'), width: 100 },
      ...survey.questions.map((q): ColDef<SurveyResponseRow> => ({
        colId: `q${q.id}`,
        headerName: questionText(q, f.locale),
        width: q.kind === 'score' ? 110 : 220,
        ...(q.kind === 'score' && { type: 'numericColumn' }),
        valueGetter: (p) => {
          const a = p.data?.answers.find((x) => x.questionId === q.id);
          return a ? (a.score ?? a.text) : '';
        },
      })),
      {
        field: 'indexPermille',
        headerName: t('surveys:col.index'),
        width: 100,
        type: 'numericColumn',
        valueFormatter: (p) => (p.value === null ? '—' : `${((p.value as number) / 10).toFixed(1)}%`),
      },
      {
        field: 'source',
        headerName: t('surveys:col.source'),
        width: 90,
        valueFormatter: (p) => t(`surveys:source.${p.value as string}`),
      },
      { field: 'enteredBy', headerName: t('surveys:col.enteredBy'), width: 100 },
    ],
    [t, f.locale, survey.questions],
  );

  return (
    <div className="survey-responses" data-testid="survey-responses">
      <div className="toolbar">
        <span className="page-hint">{t('surveys:responsesCount', { count: rows?.length ?? 0 })}</span>
        <span className="toolbar-spacer" />
        <button
          type="button"
          disabled={!rows}
          data-testid="survey-responses-csv"
          onClick={() =>
            rows && downloadText(csvName(survey, 'responses', from, to), responsesCsv(t, f.locale, survey, rows))
          }
        >
          {t('surveys:exportCsv')}
        </button>
      </div>
      <CangwuGrid<SurveyResponseRow>
        gridId={`survey-responses-${survey.id}`}
        testId="survey-responses-grid"
        boxClassName="survey-responses-grid"
        rowData={rows ?? []}
        columnDefs={columns}
        getRowId={(p) => String(p.data.id)}
      />
    </div>
  );
}
