// 库存调整表 Adjustment forms (R10): the forms generated from reconciled counts
// and the manual ones, their approval by the CS manager (who took no part in
// the count) and their posting. The form is its own record beside the count.
import type { ColDef, GridApi, GridReadyEvent, RowDoubleClickedEvent, SelectionChangedEvent } from 'ag-grid-community';
import { useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adjustmentFormStates, type AdjustmentFormRow, type AdjustmentFormState } from '../../shared/contract/counts';
import { api } from '../api/client';
import { navigate, useRoute } from '../app/routes';
import { hasRole, useSession } from '../app/session';
import { CangwuGrid } from '../components/grid/CangwuGrid';
import { dateTimeColumn, enumColumn, moneyColumn, qtyColumn } from '../components/grid/formatters';
import { useGridEvents } from '../components/grid/useGridEvents';
import { QuickFilter } from '../components/QuickFilter';
import { useNotify } from '../components/toast/useNotify';
import { useFormat } from '../i18n/format';
import { AdjustmentDetail } from './adjustments/AdjustmentDetail';
import { ManualAdjustmentForm } from './adjustments/ManualAdjustmentForm';

const getRowId = ({ data }: { data: AdjustmentFormRow }) => String(data.id);

export function AdjustmentsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const { session } = useSession();
  const route = useRoute();
  const canWrite = hasRole(session, ['operator']);
  const gridRef = useRef<GridApi<AdjustmentFormRow> | null>(null);
  const [quickFilter, setQuickFilter] = useState('');
  const [stateFilter, setStateFilter] = useState<AdjustmentFormState | ''>('');
  const [editing, setEditing] = useState<'new' | number | null>(null);
  // The open form follows the address (#/adjustments?form=12), so a link from a count opens it.
  const formParam = Number(route.params.get('form'));
  const selectedId = Number.isSafeInteger(formParam) && formParam > 0 ? formParam : null;
  const [reloadKey, setReloadKey] = useState(0);

  const load = useCallback(async () => {
    const grid = gridRef.current;
    if (!grid) return;
    try {
      const rows = await api.request(
        'adjustments.list',
        stateFilter ? { state: stateFilter, limit: 1000 } : { limit: 1000 },
      );
      if (grid.isDestroyed()) return;
      grid.setGridOption('rowData', rows);
      if (selectedId !== null) grid.getRowNode(String(selectedId))?.setSelected(true, true);
    } catch (e) {
      notify.error(e);
    }
  }, [notify, stateFilter, selectedId]);

  useGridEvents({
    'counts.changed': () => {
      void load();
      setReloadKey((k) => k + 1);
    },
    reconnected: () => void load(),
  });

  const onGridReady = useCallback(
    (e: GridReadyEvent<AdjustmentFormRow>) => {
      gridRef.current = e.api;
      void load();
    },
    [load],
  );

  const open = (id: number | null) => {
    setEditing(null);
    if (id === null) navigate('adjustments');
    else navigate('adjustments', { form: id });
  };

  const columnDefs = useMemo<ColDef<AdjustmentFormRow>[]>(
    () => [
      { colId: 'number', field: 'number', headerName: t('adjustments:col.number'), width: 180, pinned: 'left' },
      {
        colId: 'kind',
        field: 'kind',
        headerName: t('adjustments:col.kind'),
        width: 110,
        ...enumColumn<AdjustmentFormRow>(t, 'domain:adjustmentKind', 'kind'),
      },
      { colId: 'session', field: 'sessionNumber', headerName: t('adjustments:col.session'), width: 180 },
      {
        colId: 'state',
        field: 'state',
        headerName: t('adjustments:col.state'),
        width: 100,
        ...enumColumn<AdjustmentFormRow>(t, 'domain:documentState', 'state'),
        cellClassRules: {
          'cell-state-waiting': (p) => p.value === 'submitted',
          'cell-state-done': (p) => p.value === 'approved',
          'cell-state-refused': (p) => p.value === 'rejected',
        },
      },
      {
        colId: 'lines',
        field: 'lineCount',
        headerName: t('adjustments:col.lines'),
        width: 80,
        ...qtyColumn<AdjustmentFormRow>(f),
      },
      {
        colId: 'qty',
        field: 'totalQty',
        headerName: t('adjustments:col.qty'),
        width: 100,
        ...qtyColumn<AdjustmentFormRow>(f),
      },
      {
        colId: 'amount',
        field: 'totalAmountFen',
        headerName: t('adjustments:col.amount'),
        width: 130,
        ...moneyColumn<AdjustmentFormRow>(f),
      },
      { colId: 'createdBy', field: 'createdBy', headerName: t('adjustments:col.createdBy'), width: 100 },
      {
        colId: 'createdAt',
        field: 'createdAt',
        headerName: t('adjustments:col.createdAt'),
        width: 170,
        ...dateTimeColumn<AdjustmentFormRow>(f),
      },
      { colId: 'decidedBy', field: 'decidedBy', headerName: t('adjustments:col.decidedBy'), width: 100 },
      {
        colId: 'decidedAt',
        field: 'decidedAt',
        headerName: t('adjustments:col.decidedAt'),
        width: 170,
        ...dateTimeColumn<AdjustmentFormRow>(f),
      },
      { colId: 'comment', field: 'comment', headerName: t('adjustments:col.comment'), flex: 1, minWidth: 140 },
      { colId: 'documentNo', field: 'documentNo', headerName: t('adjustments:col.documentNo'), width: 160 },
    ],
    [t, f],
  );

  return (
    <section className="page-body" data-testid="adjustments">
      <div className="toolbar">
        <h1 className="page-title">{t('adjustments:title')}</h1>
        <label className="inline-field">
          <span>{t('adjustments:filter.state')}</span>
          <select
            value={stateFilter}
            data-testid="adjustments-state"
            onChange={(e) => setStateFilter(e.target.value as AdjustmentFormState | '')}
          >
            <option value="">{t('adjustments:filter.all')}</option>
            {adjustmentFormStates.map((s) => (
              <option key={s} value={s}>
                {t(`domain:documentState.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <QuickFilter value={quickFilter} onChange={setQuickFilter} />
        <span className="toolbar-spacer" />
        {canWrite && editing === null && (
          <button type="button" className="primary" data-testid="adjustment-new" onClick={() => setEditing('new')}>
            {t('adjustments:new')}
          </button>
        )}
      </div>
      <p className="page-hint">{t('adjustments:hint')}</p>
      {editing !== null && (
        <ManualAdjustmentForm
          formId={editing === 'new' ? null : editing}
          onSaved={(form) => open(form.id)}
          onCancel={() => setEditing(null)}
        />
      )}
      <CangwuGrid<AdjustmentFormRow>
        gridId="adjustments"
        testId="adjustments-grid"
        boxClassName="grid-half"
        columnDefs={columnDefs}
        getRowId={getRowId}
        quickFilterText={quickFilter}
        rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
        onGridReady={onGridReady}
        onSelectionChanged={(e: SelectionChangedEvent<AdjustmentFormRow>) => {
          const row = e.api.getSelectedRows()[0];
          if (row && row.id !== selectedId && e.source !== 'api') open(row.id);
        }}
        onRowDoubleClicked={(e: RowDoubleClickedEvent<AdjustmentFormRow>) => e.data && open(e.data.id)}
      />
      {selectedId === null ? (
        <p className="page-hint">{t('adjustments:detail.none')}</p>
      ) : (
        <AdjustmentDetail
          key={`${selectedId}-${reloadKey}`}
          formId={selectedId}
          onEdit={(id) => setEditing(id)}
          onChanged={() => void load()}
        />
      )}
    </section>
  );
}
