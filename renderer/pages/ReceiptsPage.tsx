// 入仓 Receipts: posted receipts with their posting delay (R7: within 2 hours
// of arrival), and the form for a new one (warehouse keeper, operator).
import type { ColDef, GridApi, GridReadyEvent } from 'ag-grid-community';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocationView, ProductView, ReceiptRow } from '../../shared/contract/types';
import { receiptPostingAmberMinutes, receiptPostingLimitMinutes } from '../../shared/domain';
import { api } from '../api/client';
import { hasRole, useSession } from '../app/session';
import { CangwuGrid } from '../components/grid/CangwuGrid';
import { dateTimeColumn, moneyColumn, qtyColumn } from '../components/grid/formatters';
import { useGridEvents } from '../components/grid/useGridEvents';
import { QuickFilter } from '../components/QuickFilter';
import { useNotify } from '../components/toast/useNotify';
import { useFormat } from '../i18n/format';
import { ReceiptForm } from './receipts/ReceiptForm';

const getRowId = ({ data }: { data: ReceiptRow }) => String(data.id);

export function ReceiptsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const { session } = useSession();
  const canPost = hasRole(session, ['warehouseKeeper', 'operator']);
  const gridRef = useRef<GridApi<ReceiptRow> | null>(null);
  const [quickFilter, setQuickFilter] = useState('');
  const [formOpen, setFormOpen] = useState(false);
  const [products, setProducts] = useState<ProductView[]>([]);
  const [locations, setLocations] = useState<LocationView[] | null>(null);

  const load = useCallback(async () => {
    const grid = gridRef.current;
    if (!grid) return;
    try {
      const rows = await api.request('receipts.list', {});
      if (!grid.isDestroyed()) grid.setGridOption('rowData', rows);
    } catch (e) {
      notify.error(e);
    }
  }, [notify]);

  // The form's pickers: active products, and bins (or any location when there are no bins).
  useEffect(() => {
    if (!formOpen) return;
    Promise.all([api.request('products.list', {}), api.request('locations.list', {})])
      .then(([p, l]) => {
        setProducts(p.filter((x) => x.active));
        const bins = l.filter((x) => x.kind === 'bin');
        setLocations(bins.length > 0 ? bins : l.filter((x) => x.kind !== 'warehouse'));
      })
      .catch((e: unknown) => notify.error(e));
  }, [formOpen, notify]);

  useGridEvents({
    'receipts.changed': () => void load(),
    'products.changed': () => {
      if (formOpen) api.request('products.list', {}).then((p) => setProducts(p.filter((x) => x.active)), notify.error);
    },
    reconnected: () => void load(),
  });

  const onGridReady = useCallback(
    (e: GridReadyEvent<ReceiptRow>) => {
      gridRef.current = e.api;
      void load();
    },
    [load],
  );

  const columnDefs = useMemo<ColDef<ReceiptRow>[]>(
    () => [
      {
        colId: 'documentNo',
        field: 'documentNo',
        headerName: t('receipts:col.documentNo'),
        width: 160,
        pinned: 'left',
      },
      { colId: 'deliveryNote', field: 'deliveryNote', headerName: t('receipts:col.deliveryNote'), width: 130 },
      { colId: 'supplier', field: 'supplier', headerName: t('receipts:col.supplier'), flex: 1, minWidth: 120 },
      {
        colId: 'arrivedAt',
        field: 'arrivedAt',
        headerName: t('receipts:col.arrivedAt'),
        width: 150,
        ...dateTimeColumn(f),
      },
      {
        colId: 'postedAt',
        field: 'postedAt',
        headerName: t('receipts:col.postedAt'),
        width: 150,
        ...dateTimeColumn(f),
      },
      {
        colId: 'delay',
        field: 'postingDelayMinutes',
        headerName: t('receipts:col.delay'),
        headerTooltip: t('receipts:col.delayHint'),
        width: 130,
        type: 'rightAligned',
        filter: 'agNumberColumnFilter',
        valueFormatter: (p) => f.duration(p.value as number | null),
        // R7: green under 90 min, amber 90–120, red past the 2-hour limit.
        cellClassRules: {
          'cell-delay-ok': (p) => typeof p.value === 'number' && p.value < receiptPostingAmberMinutes,
          'cell-delay-amber': (p) =>
            typeof p.value === 'number' &&
            p.value >= receiptPostingAmberMinutes &&
            p.value <= receiptPostingLimitMinutes,
          'cell-delay-late': (p) => typeof p.value === 'number' && p.value > receiptPostingLimitMinutes,
        },
      },
      {
        colId: 'lines',
        field: 'lineCount',
        headerName: t('receipts:col.lines'),
        width: 80,
        ...qtyColumn<ReceiptRow>(f),
      },
      { colId: 'qty', field: 'totalQty', headerName: t('receipts:col.qty'), width: 100, ...qtyColumn<ReceiptRow>(f) },
      {
        colId: 'amount',
        field: 'totalAmountFen',
        headerName: t('receipts:col.amount'),
        width: 130,
        ...moneyColumn<ReceiptRow>(f),
      },
      { colId: 'user', field: 'userName', headerName: t('receipts:col.user'), width: 100 },
      {
        colId: 'state',
        headerName: t('receipts:col.state'),
        width: 90,
        valueGetter: (p) =>
          p.data?.reversed ? t('receipts:reversed') : p.data ? t(`domain:documentState.${p.data.state}`) : '',
      },
    ],
    [t, f],
  );

  return (
    <section className="page-body" data-testid="receipts">
      <div className="toolbar">
        <h1 className="page-title">{t('receipts:title')}</h1>
        <QuickFilter value={quickFilter} onChange={setQuickFilter} />
        <span className="toolbar-spacer" />
        {canPost && !formOpen && (
          <button type="button" className="primary" data-testid="receipt-new" onClick={() => setFormOpen(true)}>
            {t('receipts:new')}
          </button>
        )}
      </div>
      <p className="page-hint">{t('receipts:hint')}</p>
      {formOpen && (
        <ReceiptForm
          products={products}
          locations={locations}
          onPosted={(row) => {
            const grid = gridRef.current;
            if (!grid) return;
            // receipts.changed may have brought the row already.
            if (grid.getRowNode(String(row.id))) grid.applyTransaction({ update: [row] });
            else grid.applyTransaction({ add: [row], addIndex: 0 });
            const node = grid.getRowNode(String(row.id));
            if (node) grid.ensureNodeVisible(node);
          }}
          onCancel={() => setFormOpen(false)}
        />
      )}
      <CangwuGrid<ReceiptRow>
        gridId="receipts"
        testId="receipts-grid"
        columnDefs={columnDefs}
        getRowId={getRowId}
        quickFilterText={quickFilter}
        onGridReady={onGridReady}
      />
    </section>
  );
}
