// A month's quality checks per zone (issue 17 §1): the pass rate, the days
// recorded against the working days (Mon–Sat), open and overdue actions;
// exported as CSV and printed on A4 (print/QualitySummaryPrint.tsx).
import type { ColDef } from 'ag-grid-community';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QualitySummary, QualitySummaryLine } from '../../../shared/contract';
import { openPrint } from '../../app/routes';
import { downloadText } from '../../components/download';
import { api } from '../../api/client';
import { useApiEvent } from '../../api/hooks';
import { CangwuGrid } from '../../components/grid/CangwuGrid';
import { useNotify } from '../../components/toast/useNotify';
import { warehouseDay } from '../../i18n/format';
import { qualitySummaryCsv } from './summaryCsv';

export function SummaryView() {
  const { t } = useTranslation();
  const notify = useNotify();
  const [month, setMonth] = useState(warehouseDay().slice(0, 7));
  const [summary, setSummary] = useState<QualitySummary | null>(null);
  const lines = summary?.lines ?? [];
  const load = useCallback(async () => {
    try {
      setSummary(await api.request('quality.summary', { month }));
    } catch (e) {
      notify.error(e);
    }
  }, [month, notify]);
  useEffect(() => {
    void load();
  }, [load]);
  useApiEvent('quality.changed', () => void load());

  const cols = useMemo<ColDef<QualitySummaryLine>[]>(
    () => [
      { colId: 'zone', headerName: t('quality:zone'), valueGetter: (p) => `${p.data?.zoneCode} ${p.data?.zoneName}` },
      {
        colId: 'passRate',
        headerName: t('quality:passRate'),
        type: 'numericColumn',
        valueGetter: (p) => (p.data?.passRate == null ? '—' : `${(p.data.passRate * 100).toFixed(1)}%`),
      },
      {
        colId: 'items',
        headerName: t('quality:itemsPassed'),
        type: 'numericColumn',
        valueGetter: (p) => `${p.data?.itemsPassed ?? 0} / ${p.data?.itemsChecked ?? 0}`,
      },
      {
        colId: 'days',
        headerName: t('quality:daysRecorded'),
        type: 'numericColumn',
        valueGetter: (p) => `${p.data?.daysRecorded ?? 0} / ${p.data?.workingDays ?? 0}`,
      },
      { colId: 'open', field: 'openActions', headerName: t('quality:openActions'), type: 'numericColumn' },
      { colId: 'overdue', field: 'overdueActions', headerName: t('quality:overdueActions'), type: 'numericColumn' },
    ],
    [t],
  );
  return (
    <div className="quality-summary">
      <div className="toolbar">
        <input type="month" value={month} onChange={(e) => setMonth(e.target.value)} data-testid="quality-month" />
        <span className="toolbar-spacer" />
        <button
          type="button"
          disabled={!summary}
          data-testid="quality-summary-csv"
          onClick={() => summary && downloadText(t('quality:csv.fileName', { month }), qualitySummaryCsv(t, summary))}
        >
          {t('quality:csv.export')}
        </button>
        <button
          type="button"
          data-testid="quality-summary-print"
          onClick={() => openPrint('qualitySummary', { month })}
        >
          {t('quality:print.print')}
        </button>
      </div>
      <CangwuGrid<QualitySummaryLine>
        gridId="qualitySummary"
        testId="quality-summary-grid"
        rowData={lines}
        columnDefs={cols}
        getRowId={(p) => String(p.data.zoneId)}
      />
    </div>
  );
}
