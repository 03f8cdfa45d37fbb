// 客户档案 Customers (issue 11): code, name, address, area, route and stop,
// contact, salesperson, delivery days, blocked with a reason, coordinates.
// Operators and admins edit inline (a refused edit marks the cell and says
// why) and import CSV all or nothing; everyone here may export.
import type {
  CellEditRequestEvent,
  ColDef,
  GridApi,
  GridReadyEvent,
  ProcessCellForExportParams,
} from 'ag-grid-community';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { customerCsvColumns, type CustomerView, type SalespersonView } from '../../shared/contract/orders';
import { api } from '../api/client';
import { hasRole, useSession } from '../app/session';
import { routeHref } from '../app/routes';
import { CangwuGrid } from '../components/grid/CangwuGrid';
import { qtyColumn } from '../components/grid/formatters';
import { useGridEvents } from '../components/grid/useGridEvents';
import { QuickFilter } from '../components/QuickFilter';
import { useNotify } from '../components/toast/useNotify';
import { useFormat } from '../i18n/format';
import { inputOf, patchFor, type CustomerField } from './customers/customerEdit';
import { CsvImportPanel } from '../components/CsvImportPanel';

const getRowId = ({ data }: { data: CustomerView }) => String(data.id);
type Ctx = { edit?: CustomerField };

export function CustomersPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const { session } = useSession();
  const canEdit = hasRole(session, ['admin', 'operator']);
  const gridRef = useRef<GridApi<CustomerView> | null>(null);
  const [quickFilter, setQuickFilter] = useState('');
  const [showImport, setShowImport] = useState(false);
  const [count, setCount] = useState(0);
  const [salespeople, setSalespeople] = useState<SalespersonView[]>([]);
  /** Refused edits: "id:colId" → why; the cell is marked until a good value is saved. */
  const invalid = useRef(new Map<string, string>());

  useEffect(() => {
    api.request('customers.salespeople', {}).then(setSalespeople, notify.error);
  }, [notify]);

  const load = useCallback(
    async (onlyIds?: number[]) => {
      const grid = gridRef.current;
      if (!grid) return;
      try {
        const rows = await api.request('customers.list', onlyIds ? { ids: onlyIds } : {});
        if (grid.isDestroyed()) return;
        if (onlyIds) {
          const add = rows.filter((r) => !grid.getRowNode(String(r.id)));
          const update = rows.filter((r) => grid.getRowNode(String(r.id)));
          grid.applyTransaction({ add, update });
          setCount(grid.getDisplayedRowCount());
        } else {
          grid.setGridOption('rowData', rows);
          setCount(rows.length);
        }
      } catch (e) {
        notify.error(e);
      }
    },
    [notify],
  );

  useGridEvents({
    'customers.changed': (p) => void load(p.customerIds === 'all' ? undefined : p.customerIds),
    reconnected: () => void load(),
  });
  const onGridReady = useCallback(
    (e: GridReadyEvent<CustomerView>) => {
      gridRef.current = e.api;
      void load();
    },
    [load],
  );

  const weekdays = useCallback(
    (days: number[]) => days.map((d) => t(`customers:weekday.${d}`)).join(t('common:listSeparator')),
    [t],
  );

  const columnDefs = useMemo<ColDef<CustomerView>[]>(() => {
    const editable = (edit: CustomerField, col: ColDef<CustomerView>): ColDef<CustomerView> => ({
      ...col,
      editable: canEdit,
      context: { edit } satisfies Ctx,
      cellClass: canEdit ? 'cell-editable' : undefined,
      cellClassRules: {
        'cell-invalid': (p) => (p.data ? invalid.current.has(`${p.data.id}:${col.colId}`) : false),
      },
      tooltipValueGetter: (p) => (p.data ? invalid.current.get(`${p.data.id}:${col.colId}`) : undefined),
    });
    return [
      // The customer's page (issue 16 §5): everything about them in one place.
      {
        colId: 'page',
        headerName: '',
        width: 70,
        pinned: 'left',
        sortable: false,
        cellRenderer: (p: { data?: CustomerView }) =>
          p.data ? (
            <a href={routeHref('customer', { id: p.data.id })} data-testid={`customer-page-${p.data.code}`}>
              {t('customer:open')}
            </a>
          ) : null,
      },
      {
        colId: 'code',
        field: 'code',
        headerName: t('customers:col.code'),
        width: 120,
        pinned: 'left',
        cellClass: 'mono',
      },
      editable('name', { colId: 'name', field: 'name', headerName: t('customers:col.name'), flex: 2, minWidth: 180 }),
      editable('area', { colId: 'area', field: 'area', headerName: t('customers:col.area'), width: 100 }),
      editable('route', { colId: 'route', field: 'route', headerName: t('customers:col.route'), width: 100 }),
      editable('stopSeq', {
        colId: 'stopSeq',
        field: 'stopSeq',
        headerName: t('customers:col.stopSeq'),
        width: 100,
        ...qtyColumn<CustomerView>(f),
        cellEditor: 'agTextCellEditor',
      }),
      editable('salesperson', {
        colId: 'salesperson',
        field: 'salespersonName',
        headerName: t('customers:col.salesperson'),
        width: 120,
        cellEditor: 'agSelectCellEditor',
        cellEditorParams: { values: ['', ...salespeople.map((s) => s.displayName)] },
      }),
      editable('deliveryDays', {
        colId: 'deliveryDays',
        headerName: t('customers:col.deliveryDays'),
        width: 150,
        cellDataType: 'text',
        valueGetter: (p) => (p.data ? p.data.deliveryDays.join(',') : ''),
        valueFormatter: (p) => (p.data ? weekdays(p.data.deliveryDays) : ''),
        getQuickFilterText: (p) => (p.data ? weekdays(p.data.deliveryDays) : ''),
      }),
      editable('contact', { colId: 'contact', field: 'contact', headerName: t('customers:col.contact'), width: 110 }),
      editable('phone', { colId: 'phone', field: 'phone', headerName: t('customers:col.phone'), width: 130 }),
      editable('address', {
        colId: 'address',
        field: 'address',
        headerName: t('customers:col.address'),
        flex: 2,
        minWidth: 180,
      }),
      editable('blocked', {
        colId: 'blocked',
        field: 'blocked',
        headerName: t('customers:col.blocked'),
        width: 80,
        cellDataType: 'boolean',
      }),
      editable('blockedReason', {
        colId: 'blockedReason',
        field: 'blockedReason',
        headerName: t('customers:col.blockedReason'),
        width: 160,
      }),
      editable('lat', {
        colId: 'lat',
        field: 'lat',
        headerName: t('customers:col.lat'),
        width: 100,
        cellDataType: 'text',
        hide: true,
      }),
      editable('lng', {
        colId: 'lng',
        field: 'lng',
        headerName: t('customers:col.lng'),
        width: 100,
        cellDataType: 'text',
        hide: true,
      }),
    ];
  }, [t, f, canEdit, salespeople, weekdays]);

  const onCellEditRequest = useCallback(
    (e: CellEditRequestEvent<CustomerView>) => {
      const field = (e.colDef.context as Ctx | undefined)?.edit;
      const row = e.data;
      const colId = e.column.getColId();
      if (!field || !row) return;
      const key = `${row.id}:${colId}`;
      const mark = (text: string | null) => {
        if (text) invalid.current.set(key, text);
        else invalid.current.delete(key);
        e.api.refreshCells({ rowNodes: [e.node], columns: [colId], force: true });
      };
      const r = patchFor(field, e.newValue, row, salespeople);
      if ('reason' in r) {
        const text = t('customers:invalidEdit', {
          field: e.colDef.headerName ?? field,
          reason: t(`customers:reason.${r.reason}`),
        });
        mark(text);
        notify.errorText(text);
        return;
      }
      api
        .request('customers.save', { ...inputOf(row), ...r.patch })
        .then((saved) => {
          gridRef.current?.applyTransaction({ update: [saved] });
          mark(null);
          notify.success(t('customers:saved', { code: saved.code }));
        })
        .catch((err: unknown) => {
          mark(t('customers:invalidEdit', { field: e.colDef.headerName ?? field, reason: '' }));
          notify.error(err);
        });
    },
    [notify, t, salespeople],
  );

  const exportCsv = () =>
    gridRef.current?.exportDataAsCsv({
      fileName: `${t('customers:exportFileName')}.csv`,
      processCellCallback: (p: ProcessCellForExportParams<CustomerView>) =>
        p.column.getColId() === 'deliveryDays' || typeof p.value === 'number'
          ? String(p.value ?? '')
          : p.formatValue(p.value),
    });

  return (
    <section className="page-body" data-testid="customers">
      <div className="toolbar">
        <h1 className="page-title">{t('customers:title')}</h1>
        <QuickFilter value={quickFilter} onChange={setQuickFilter} />
        <span className="toolbar-count" data-testid="customers-count" data-rows={count}>
          {t('customers:count', { rows: f.qty(count) })}
        </span>
        <span className="toolbar-spacer" />
        {canEdit && (
          <button
            type="button"
            data-testid="customers-import-toggle"
            aria-expanded={showImport}
            onClick={() => setShowImport((v) => !v)}
          >
            {t('customers:import.open')}
          </button>
        )}
        <button type="button" onClick={exportCsv} data-testid="customers-export">
          {t('common:actions.exportCsv')}
        </button>
      </div>
      <p className="page-hint">{canEdit ? t('customers:hintEdit') : t('customers:hintReadOnly')}</p>
      {canEdit && showImport && (
        <CsvImportPanel
          request="customers.import"
          ns="customers"
          columns={customerCsvColumns}
          onClose={() => setShowImport(false)}
        />
      )}
      <CangwuGrid<CustomerView>
        gridId="customers"
        testId="customers-grid"
        columnDefs={columnDefs}
        getRowId={getRowId}
        quickFilterText={quickFilter}
        readOnlyEdit
        onCellEditRequest={onCellEditRequest}
        stopEditingWhenCellsLoseFocus
        tooltipShowDelay={200}
        onGridReady={onGridReady}
      />
    </section>
  );
}
