// 库存分析报表 The stock analysis report (issue 14 item 2): as of a day (today in
// the warehouse's zone by default), with the weeks without movement, the slow-
// mover threshold in days of inventory and the top N as filters; one tab per
// section (slow movers, idle stock, damaged/gift by age, top days of inventory,
// old codes), each an AG Grid with its total pinned at the bottom. Live: stock
// postings reload it. Print preview, PDF, CSV and XLSX carry the same sections
// (shared/reports/stockAnalysisTable.ts).
import type { ColDef } from 'ag-grid-community';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { stockAnalysisDefaults } from '../../../shared/contract/reports';
import {
  stockAnalysisCsv,
  stockAnalysisSections,
  stockAnalysisTables,
  stockAnalysisXlsx,
  type Cell,
  type StockAnalysisSection,
} from '../../../shared/reports/stockAnalysisTable';
import { navigate, openPrint, useRoute } from '../../app/routes';
import { CangwuGrid } from '../../components/grid/CangwuGrid';
import { useNotify } from '../../components/toast/useNotify';
import { downloadBytes, downloadText, xlsxMime } from '../../components/download';
import { stockAnalysisParams, stockAnalysisQueryOf, type StockAnalysisQuery } from './stockAnalysisParams';
import { useStockReport } from './useStockReport';
import { useCellText } from './StockAnalysisTableView';
import { TabBar } from '../../components/TabBar';

type GridRow = { id: string; cells: Cell[] };
const defaultColDef: ColDef = { sortable: true, resizable: true };

export function StockAnalysisPage() {
  const { t } = useTranslation();
  const notify = useNotify();
  const route = useRoute();
  const text = useCellText();
  const query = stockAnalysisQueryOf(route.params);
  const { report, loading, warehouses } = useStockReport('reports.stockAnalysis', query);
  const [tab, setTab] = useState<StockAnalysisSection>('slowMovers');

  const go = (q: StockAnalysisQuery) => navigate('stockAnalysis', stockAnalysisParams(q));
  const tables = useMemo(() => (report ? stockAnalysisTables(report, t) : []), [report, t]);
  const section = tables.find((s) => s.id === tab);
  const columns = useMemo<ColDef<GridRow>[]>(
    () =>
      (section?.columns ?? []).map((c, i) => ({
        headerName: c.label,
        colId: `c${i}`,
        valueGetter: (p) => p.data?.cells[i],
        valueFormatter: (p) => text(p.value as Cell, c.kind),
        ...(c.kind === 'text' ? {} : { type: 'numericColumn' }),
        width: i === 1 ? 220 : c.kind === 'text' ? 110 : 120,
        ...(i < 2 && { pinned: 'left' as const }),
      })),
    [section, text],
  );
  const totalRow = section?.total ? [{ id: 'total', cells: section.total }] : [];

  const fileBase = report ? t('stockAnalysis:fileName', { date: report.date }) : '';
  const exportXlsx = async () => {
    if (!report) return;
    try {
      const bytes = await stockAnalysisXlsx(report, t);
      downloadBytes(bytes, `${fileBase}.xlsx`, xlsxMime);
    } catch (e) {
      notify.error(e);
    }
  };

  return (
    <section className="page-body weekly-page" data-testid="stockAnalysis">
      <div className="toolbar weekly-toolbar">
        <h2>{t('stockAnalysis:title')}</h2>
        <label className="inline-field">
          {t('stockAnalysis:date')}
          <input
            type="date"
            value={query.date ?? report?.date ?? ''}
            data-testid="sa-date"
            onChange={(e) => e.target.value && go({ ...query, date: e.target.value })}
          />
        </label>
        <ParamNumber
          label={t('stockAnalysis:weeks')}
          max={104}
          value={query.weeks ?? stockAnalysisDefaults.weeks}
          testId="sa-weeks"
          onChange={(n) => go({ ...query, weeks: n })}
        />
        <ParamNumber
          label={t('stockAnalysis:slowDays')}
          value={query.slowDays ?? stockAnalysisDefaults.slowDays}
          testId="sa-slow-days"
          onChange={(n) => go({ ...query, slowDays: n })}
        />
        <ParamNumber
          label={t('stockAnalysis:top')}
          max={500}
          value={query.top ?? stockAnalysisDefaults.top}
          testId="sa-top"
          onChange={(n) => go({ ...query, top: n })}
        />
        <label className="inline-field">
          {t('stockAnalysis:warehouse')}
          <select
            value={query.warehouseId ?? ''}
            data-testid="sa-warehouse"
            onChange={(e) => {
              const { warehouseId: _old, ...rest } = query;
              void _old;
              go(e.target.value ? { ...rest, warehouseId: Number(e.target.value) } : rest);
            }}
          >
            <option value="">{t('stockAnalysis:allWarehouses')}</option>
            {warehouses.map((w) => (
              <option key={w.id} value={w.id}>
                {w.code} {w.name}
              </option>
            ))}
          </select>
        </label>
        <span className="toolbar-spacer" />
        <button
          type="button"
          onClick={() => openPrint('stockAnalysis', stockAnalysisParams(query))}
          data-testid="sa-print"
        >
          {t('stockAnalysis:preview')}
        </button>
        <button
          type="button"
          disabled={!report}
          onClick={() => openPrint('stockAnalysis', { ...stockAnalysisParams(query), pdf: 1 })}
          data-testid="sa-pdf"
        >
          {t('stockAnalysis:pdf')}
        </button>
        <button
          type="button"
          disabled={!report}
          data-testid="sa-csv"
          onClick={() => report && downloadText(`${fileBase}.csv`, stockAnalysisCsv(report, t))}
        >
          {t('stockAnalysis:csv')}
        </button>
        <button type="button" disabled={!report} data-testid="sa-xlsx" onClick={() => void exportXlsx()}>
          {t('stockAnalysis:xlsx')}
        </button>
      </div>
      {loading && !report && (
        <p className="page-hint" role="status">
          {t('stockAnalysis:loading')}
        </p>
      )}
      <TabBar
        tabs={stockAnalysisSections.map((s) => ({
          id: s,
          label: t(`stockAnalysis:section.${s}`),
          count: tables.find((x) => x.id === s)?.rows.length,
        }))}
        current={tab}
        onChange={setTab}
        testIdPrefix="sa"
      />
      {section && (
        <p className="page-hint" data-testid="sa-note">
          {section.note} · {t('stockAnalysis:lines', { count: section.rows.length })}
        </p>
      )}
      <CangwuGrid<GridRow>
        gridId={`stockAnalysis-${tab}`}
        boxClassName="weekly-grid"
        rowData={section?.rows ?? []}
        pinnedBottomRowData={totalRow}
        columnDefs={columns}
        defaultColDef={defaultColDef}
        getRowId={(p) => p.data.id}
        getRowClass={(p) => (p.data?.id === 'total' ? 'weekly-total-row' : undefined)}
        overlayNoRowsTemplate={t('stockAnalysis:empty')}
      />
    </section>
  );
}

/** One of the report's whole-number parameters (weeks, slow-mover days, top N): a positive whole number or nothing happens. */
function ParamNumber(props: { label: string; value: number; max?: number; testId: string; onChange(n: number): void }) {
  return (
    <label className="inline-field">
      {props.label}
      <input
        type="number"
        min={1}
        max={props.max}
        className="sa-number"
        value={props.value}
        data-testid={props.testId}
        onChange={(e) => {
          const n = Number(e.target.value);
          if (Number.isSafeInteger(n) && n > 0) props.onChange(n);
        }}
      />
    </label>
  );
}
