// 审计日志 Audit log: who changed what, when, with the before and after
// values; paged by the core (PagedGrid), newest first.
import type { ColDef } from 'ag-grid-community';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditRow } from '../../shared/contract/types';
import { api } from '../api/client';
import { dateTimeColumn } from '../components/grid/formatters';
import { PagedGrid } from '../components/grid/PagedGrid';
import { useFormat } from '../i18n/format';

const getRowId = ({ data }: { data: AuditRow }) => String(data.id);
const refreshOn = ['audit.appended'] as const;
const fetchPage = (offset: number, limit: number) => api.request('audit.list', { offset, limit });

export function AuditPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const [total, setTotal] = useState<number | null>(null);

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

  return (
    <section className="page-body" data-testid="audit">
      <div className="toolbar">
        <h1 className="page-title">{t('audit:title')}</h1>
        <span className="toolbar-spacer" />
        <span className="toolbar-count" data-testid="audit-total">
          {total === null ? '' : t('audit:total', { rows: f.qty(total) })}
        </span>
      </div>
      <PagedGrid<AuditRow>
        gridId="audit"
        testId="audit-grid"
        fetchPage={fetchPage}
        onTotal={setTotal}
        refreshOn={refreshOn}
        getRowId={getRowId}
        columnDefs={columnDefs}
        enableBrowserTooltips
      />
    </section>
  );
}
