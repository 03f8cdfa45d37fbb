// 审计日志 Audit log: who changed what, when, with the before and after
// values; paged by the core (infinite row model), newest first.
import type { ColDef, GridApi, GridReadyEvent, IDatasource } from 'ag-grid-community';
import { useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditRow } from '../../shared/contract/types';
import { api } from '../api/client';
import { CangwuGrid } from '../components/grid/CangwuGrid';
import { dateTimeColumn } from '../components/grid/formatters';
import { useGridEvents } from '../components/grid/useGridEvents';
import { useNotify } from '../components/toast/useNotify';
import { useFormat } from '../i18n/format';

const getRowId = ({ data }: { data: AuditRow }) => String(data.id);
const plain: ColDef = { sortable: false, filter: false };

export function AuditPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const gridRef = useRef<GridApi<AuditRow> | null>(null);
  const [total, setTotal] = useState<number | null>(null);

  const datasource = useMemo<IDatasource>(
    () => ({
      getRows(params) {
        api
          .request('audit.list', { offset: params.startRow, limit: Math.min(1000, params.endRow - params.startRow) })
          .then((page) => {
            setTotal(page.total);
            params.successCallback(page.rows, page.total);
          })
          .catch((e: unknown) => {
            notify.error(e);
            params.failCallback();
          });
      },
    }),
    [notify],
  );

  const columnDefs = useMemo<ColDef<AuditRow>[]>(
    () => [
      { colId: 'at', field: 'at', headerName: t('audit:col.at'), width: 170, ...dateTimeColumn(f) },
      { colId: 'user', field: 'userName', headerName: t('audit:col.user'), width: 120 },
      { colId: 'request', field: 'request', headerName: t('audit:col.request'), width: 170 },
      { colId: 'entity', field: 'entity', headerName: t('audit:col.entity'), width: 120 },
      { colId: 'entityId', field: 'entityId', headerName: t('audit:col.entityId'), width: 150 },
      {
        colId: 'before',
        field: 'before',
        headerName: t('audit:col.before'),
        flex: 1,
        minWidth: 200,
        tooltipField: 'before',
      },
      {
        colId: 'after',
        field: 'after',
        headerName: t('audit:col.after'),
        flex: 1,
        minWidth: 200,
        tooltipField: 'after',
      },
    ],
    [t, f],
  );

  useGridEvents({
    'audit.appended': () => gridRef.current?.refreshInfiniteCache(),
    reconnected: () => gridRef.current?.refreshInfiniteCache(),
  });

  const onGridReady = useCallback((e: GridReadyEvent<AuditRow>) => {
    gridRef.current = e.api;
  }, []);

  return (
    <section className="page-body" data-testid="audit">
      <div className="toolbar">
        <h1 className="page-title">{t('audit:title')}</h1>
        <span className="toolbar-spacer" />
        <span className="toolbar-count" data-testid="audit-total">
          {total === null ? '' : t('audit:total', { rows: f.qty(total) })}
        </span>
      </div>
      <CangwuGrid<AuditRow>
        gridId="audit"
        testId="audit-grid"
        rowModelType="infinite"
        datasource={datasource}
        cacheBlockSize={200}
        getRowId={getRowId}
        columnDefs={columnDefs}
        defaultColDef={plain}
        enableBrowserTooltips
        onGridReady={onGridReady}
      />
    </section>
  );
}
