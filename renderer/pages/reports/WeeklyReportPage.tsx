// 周库存报表 The weekly stock report (issue 14 §1, R15): a week (ISO, Monday–
// Sunday in the warehouse's zone; the last full week by default) or a date
// range, a warehouse; per product × status the opening, each kind of movement,
// the closing — quantity and amount — and days of inventory, each category
// followed by its subtotal, the grand total pinned at the bottom. Live: stock
// postings reload it. Print preview, PDF, CSV and XLSX carry the same lines
// and totals (shared/reports/weeklyTable.ts).
import type { ColDef, ColGroupDef, RowClassParams } from 'ag-grid-community';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { weeklyColumns } from '../../../shared/contract/reports';
import {
  weeklyCsv,
  weeklyPeriodText,
  weeklyTableLines,
  weeklyXlsx,
  type WeeklyTableLine,
} from '../../../shared/reports/weeklyTable';
import { navigate, openPrint, useRoute } from '../../app/routes';
import { hasRole, useSession } from '../../app/session';
import { CangwuGrid } from '../../components/grid/CangwuGrid';
import { useNotify } from '../../components/toast/useNotify';
import { useFormat } from '../../i18n/format';
import { downloadBytes, downloadText, xlsxMime } from '../../components/download';
import { useStockReport } from './useStockReport';
import { weeklyParams, weeklyQueryOf, type WeeklyQuery } from './weeklyParams';

const defaultColDef: ColDef = { sortable: false };

export function WeeklyReportPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const route = useRoute();
  const { session } = useSession();
  const query = weeklyQueryOf(route.params);
  const { report, loading, warehouses } = useStockReport('reports.weekly', query);
  const [byRange, setByRange] = useState(query.week === undefined);

  const go = (q: WeeklyQuery) => navigate('weeklyReport', weeklyParams(q));
  const lines = useMemo(() => (report ? weeklyTableLines(report) : []), [report]);
  const body = lines.filter((l) => l.kind !== 'total');
  const total = lines.filter((l) => l.kind === 'total');

  const columns = useMemo<(ColDef<WeeklyTableLine> | ColGroupDef<WeeklyTableLine>)[]>(() => {
    const label = (l: WeeklyTableLine | undefined) => {
      if (!l) return '';
      const category = l.category || t('reports:weekly.noCategory');
      if (l.kind === 'subtotal') return t('reports:weekly.subtotal', { category });
      if (l.kind === 'total') return t('reports:weekly.grandTotal');
      return `${l.productCode} ${f.productName(l.productName, l.productNameEn)}${l.successorCode ? ` → ${l.successorCode}` : ''}`;
    };
    return [
      {
        headerName: t('reports:weekly.col.category'),
        valueGetter: (p) => p.data?.category,
        width: 100,
        pinned: 'left',
      },
      { headerName: t('reports:weekly.col.name'), valueGetter: (p) => label(p.data), width: 240, pinned: 'left' },
      { headerName: t('reports:weekly.col.spec'), field: 'spec', width: 90 },
      {
        headerName: t('reports:weekly.col.status'),
        valueGetter: (p) => (p.data?.status ? t(`domain:status.${p.data.status}`) : ''),
        width: 80,
      },
      ...weeklyColumns.map<ColGroupDef<WeeklyTableLine>>((c) => ({
        headerName: t(`reports:weekly.col.${c}`),
        children: [
          {
            headerName: t('reports:weekly.qty'),
            colId: `${c}.qty`,
            type: 'numericColumn',
            width: 95,
            valueGetter: (p) => p.data?.figures[c].qty,
            valueFormatter: (p) => f.qty(p.value as number),
          },
          {
            headerName: t('reports:weekly.amount'),
            colId: `${c}.amount`,
            type: 'numericColumn',
            width: 120,
            valueGetter: (p) => p.data?.figures[c].amountFen,
            valueFormatter: (p) => f.money(p.value as number),
          },
        ],
      })),
      {
        headerName: t('reports:weekly.col.daysOfInventory'),
        colId: 'daysOfInventory',
        type: 'numericColumn',
        width: 110,
        valueGetter: (p) => p.data?.daysOfInventory,
        valueFormatter: (p) => (p.value === null || p.value === undefined ? '—' : (p.value as number).toFixed(1)),
      },
    ];
  }, [t, f]);

  const fileBase = report ? t('reports:weekly.fileName', { period: report.week ?? `${report.from}_${report.to}` }) : '';
  const exportXlsx = async () => {
    if (!report) return;
    try {
      const bytes = await weeklyXlsx(report, t);
      downloadBytes(bytes, `${fileBase}.xlsx`, xlsxMime);
    } catch (e) {
      notify.error(e);
    }
  };

  return (
    <section className="page-body weekly-page" data-testid="weeklyReport">
      <div className="toolbar weekly-toolbar">
        <h2>{t('reports:weekly.title')}</h2>
        <label className="inline-field">
          <input
            type="radio"
            name="weekly-mode"
            checked={!byRange}
            onChange={() => setByRange(false)}
            data-testid="weekly-by-week"
          />
          {t('reports:weekly.byWeek')}
        </label>
        <label className="inline-field">
          <input
            type="radio"
            name="weekly-mode"
            checked={byRange}
            onChange={() => setByRange(true)}
            data-testid="weekly-by-range"
          />
          {t('reports:weekly.byRange')}
        </label>
        {byRange ? (
          <>
            <label className="inline-field">
              {t('reports:weekly.from')}
              <input
                type="date"
                value={query.from ?? report?.from ?? ''}
                data-testid="weekly-from"
                onChange={(e) =>
                  e.target.value &&
                  go({
                    from: e.target.value,
                    to: query.to ?? report?.to ?? e.target.value,
                    warehouseId: query.warehouseId,
                  })
                }
              />
            </label>
            <label className="inline-field">
              {t('reports:weekly.to')}
              <input
                type="date"
                value={query.to ?? report?.to ?? ''}
                data-testid="weekly-to"
                onChange={(e) =>
                  e.target.value &&
                  go({
                    from: query.from ?? report?.from ?? e.target.value,
                    to: e.target.value,
                    warehouseId: query.warehouseId,
                  })
                }
              />
            </label>
          </>
        ) : (
          <label className="inline-field">
            {t('reports:weekly.week')}
            <input
              type="week"
              value={query.week ?? report?.week ?? ''}
              data-testid="weekly-week"
              onChange={(e) => e.target.value && go({ week: e.target.value, warehouseId: query.warehouseId })}
            />
          </label>
        )}
        <label className="inline-field">
          {t('reports:weekly.warehouse')}
          <select
            value={query.warehouseId ?? ''}
            data-testid="weekly-warehouse"
            onChange={(e) => {
              const { warehouseId: _old, ...rest } = query;
              void _old;
              go(e.target.value ? { ...rest, warehouseId: Number(e.target.value) } : rest);
            }}
          >
            <option value="">{t('reports:weekly.allWarehouses')}</option>
            {warehouses.map((w) => (
              <option key={w.id} value={w.id}>
                {w.code} {w.name}
              </option>
            ))}
          </select>
        </label>
        <span className="toolbar-spacer" />
        <button type="button" onClick={() => openPrint('weeklyReport', weeklyParams(query))} data-testid="weekly-print">
          {t('reports:weekly.preview')}
        </button>
        <button
          type="button"
          disabled={!report}
          onClick={() => openPrint('weeklyReport', { ...weeklyParams(query), pdf: 1 })}
          data-testid="weekly-pdf"
        >
          {t('reports:weekly.pdf')}
        </button>
        <button
          type="button"
          disabled={!report}
          data-testid="weekly-csv"
          onClick={() => report && downloadText(`${fileBase}.csv`, weeklyCsv(report, t))}
        >
          {t('reports:weekly.csv')}
        </button>
        <button type="button" disabled={!report} data-testid="weekly-xlsx" onClick={() => void exportXlsx()}>
          {t('reports:weekly.xlsx')}
        </button>
        <button
          type="button"
          onClick={() => navigate('stockAnalysis', query.to ? { date: query.to } : {})}
          data-testid="weekly-stock-analysis"
        >
          {t('stockAnalysis:fromWeekly')}
        </button>
        {hasRole(session, ['supervisor']) && (
          <button type="button" onClick={() => navigate('schedules')} data-testid="weekly-schedule">
            {t('reports:weekly.schedule')}
          </button>
        )}
      </div>
      {report && (
        <p className="page-hint" data-testid="weekly-period">
          {t('reports:weekly.period')}: {weeklyPeriodText(report)} ·{' '}
          {report.warehouse?.name ?? t('reports:weekly.allWarehouses')} ·{' '}
          {t('reports:weekly.lines', { count: report.rows.length })}
          {!report.complete && ` · ${t('reports:weekly.incomplete')}`}
        </p>
      )}
      {loading && !report && (
        <p className="page-hint" role="status">
          {t('reports:weekly.loading')}
        </p>
      )}
      <CangwuGrid<WeeklyTableLine>
        gridId="weeklyReport"
        boxClassName="weekly-grid"
        rowData={body}
        pinnedBottomRowData={total}
        columnDefs={columns}
        defaultColDef={defaultColDef}
        getRowId={(p) => p.data.id}
        getRowClass={(p: RowClassParams<WeeklyTableLine>) =>
          p.data?.kind === 'subtotal'
            ? 'weekly-subtotal-row'
            : p.data?.kind === 'total'
              ? 'weekly-total-row'
              : undefined
        }
        overlayNoRowsTemplate={t('reports:weekly.empty')}
      />
      <p className="page-hint">{t('reports:weekly.daysNote')}</p>
    </section>
  );
}
