// 每日订单确认 Daily order confirmation list (R4, R8): the short orders of a
// dispatch date, each short line with on hand, reserved, available and the
// shortfall, and the order's salesperson; which became releasable; the
// operator waits (retry), substitutes, reduces, removes a line or cancels —
// with the salesperson's consent. Printable A4 for the morning call round; CSV.
import type { ColDef, GridApi, GridReadyEvent, ProcessCellForExportParams } from 'ag-grid-community';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SalespersonView } from '../../shared/contract/orders';
import type { ProductView } from '../../shared/contract/types';
import { api } from '../api/client';
import { navigate, openPrint, useRoute } from '../app/routes';
import { hasRole, useSession } from '../app/session';
import { CangwuGrid } from '../components/grid/CangwuGrid';
import { qtyColumn } from '../components/grid/formatters';
import { useGridEvents } from '../components/grid/useGridEvents';
import { QuickFilter } from '../components/QuickFilter';
import { useNotify } from '../components/toast/useNotify';
import { useFormat } from '../i18n/format';
import { DayPicker } from './orders/DayPicker';
import { isDay, nextDispatchDay } from './orders/orderText';
import { ResolveDialog, type ResolveAction } from './orders/ResolveDialog';
import { shortRows, type ShortRow } from './orders/shortRows';

const getRowId = ({ data }: { data: ShortRow }) => String(data.lineId);

export function ShortOrdersPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const route = useRoute();
  const dateParam = route.params.get('date');
  const date = isDay(dateParam) ? dateParam : nextDispatchDay();
  const { session } = useSession();
  const canWrite = hasRole(session, ['operator', 'csManager']);
  const gridRef = useRef<GridApi<ShortRow> | null>(null);
  const [quickFilter, setQuickFilter] = useState('');
  const [summary, setSummary] = useState({ orders: 0, lines: 0, releasable: 0 });
  const [focused, setFocused] = useState<ShortRow | null>(null);
  const [resolving, setResolving] = useState<{ row: ShortRow; action: ResolveAction } | null>(null);
  const [products, setProducts] = useState<ProductView[]>([]);
  const [salespeople, setSalespeople] = useState<SalespersonView[]>([]);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!canWrite) return;
    api.request('products.list', {}).then(setProducts, notify.error);
    api.request('customers.salespeople', {}).then(setSalespeople, notify.error);
  }, [canWrite, notify]);

  const load = useCallback(async () => {
    try {
      const list = await api.request('orders.confirmationList', { dispatchDate: date });
      const grid = gridRef.current;
      if (!grid || grid.isDestroyed()) return;
      const rows = shortRows(list);
      grid.setGridOption('rowData', rows);
      setSummary({ orders: list.length, lines: rows.length, releasable: list.filter((s) => s.releasable).length });
    } catch (e) {
      notify.error(e);
    }
  }, [date, notify]);
  useEffect(() => {
    if (gridRef.current) void load();
  }, [load]);

  useGridEvents({
    'orders.changed': (p) => {
      if (p.dispatchDates.length === 0 || p.dispatchDates.includes(date)) void load();
    },
    // A receipt or adjustment may make a waiting order releasable.
    'stock.changed': () => void load(),
    reconnected: () => void load(),
  });

  const onGridReady = useCallback(
    (e: GridReadyEvent<ShortRow>) => {
      gridRef.current = e.api;
      void load();
    },
    [load],
  );

  const retry = async () => {
    setBusy(true);
    try {
      const r = await api.request('orders.retryShort', { dispatchDate: date });
      notify.success(t('orders:short.retried', { released: r.released.length, short: r.short.length }));
    } catch (e) {
      notify.error(e);
    } finally {
      setBusy(false);
    }
  };

  const columnDefs = useMemo<ColDef<ShortRow>[]>(
    () => [
      {
        colId: 'order',
        field: 'order.number',
        headerName: t('orders:short.col.order'),
        width: 150,
        pinned: 'left',
        cellClass: 'mono',
      },
      {
        colId: 'customer',
        headerName: t('orders:short.col.customer'),
        flex: 1,
        minWidth: 160,
        valueGetter: (p) => (p.data ? `${p.data.order.customerCode} ${p.data.order.customerName ?? ''}` : ''),
      },
      {
        colId: 'salesperson',
        field: 'order.salespersonName',
        headerName: t('orders:short.col.salesperson'),
        width: 110,
      },
      {
        colId: 'product',
        headerName: t('orders:short.col.product'),
        flex: 1,
        minWidth: 180,
        valueGetter: (p) =>
          p.data
            ? `${p.data.productCode} ${p.data.productName}${p.data.gift ? ` (${t('orders:detail.gift')})` : ''}`
            : '',
      },
      { colId: 'qty', field: 'qty', headerName: t('orders:short.col.qty'), width: 90, ...qtyColumn<ShortRow>(f) },
      {
        colId: 'onHand',
        field: 'onHand',
        headerName: t('orders:short.col.onHand'),
        width: 90,
        ...qtyColumn<ShortRow>(f),
      },
      {
        colId: 'reserved',
        field: 'reserved',
        headerName: t('orders:short.col.reserved'),
        width: 90,
        ...qtyColumn<ShortRow>(f),
      },
      {
        colId: 'available',
        field: 'available',
        headerName: t('orders:short.col.available'),
        width: 90,
        ...qtyColumn<ShortRow>(f),
      },
      {
        colId: 'shortfall',
        field: 'shortfall',
        headerName: t('orders:short.col.shortfall'),
        width: 90,
        ...qtyColumn<ShortRow>(f),
        cellClass: 'cell-negative',
      },
      {
        colId: 'releasable',
        headerName: t('orders:short.col.state'),
        width: 120,
        valueGetter: (p) => (p.data?.releasable ? t('orders:short.releasable') : ''),
        cellClass: (p) => (p.data?.releasable ? 'cell-state-done' : ''),
      },
    ],
    [t, f],
  );

  const exportCsv = () =>
    gridRef.current?.exportDataAsCsv({
      fileName: `${t('orders:short.exportFileName')}-${date}.csv`,
      processCellCallback: (p: ProcessCellForExportParams<ShortRow>) =>
        typeof p.value === 'number' ? String(p.value) : p.formatValue(p.value),
    });

  const start = (action: ResolveAction) => {
    if (focused) setResolving({ row: focused, action });
  };

  return (
    <section className="page-body" data-testid="short-orders">
      <div className="toolbar">
        <h1 className="page-title">{t('orders:short.title')}</h1>
        <DayPicker value={date} onChange={(d) => navigate('shortOrders', { date: d })} testId="short-orders-date" />
        <QuickFilter value={quickFilter} onChange={setQuickFilter} />
        <span className="toolbar-count" data-testid="short-orders-count" data-orders={summary.orders}>
          {t('orders:short.count', summary)}
        </span>
        <span className="toolbar-spacer" />
        {canWrite && (
          <button type="button" disabled={busy} onClick={() => void retry()} data-testid="short-orders-retry">
            {t('orders:short.retry')}
          </button>
        )}
        <button type="button" onClick={() => openPrint('orderConfirmation', { date })} data-testid="short-orders-print">
          {t('orders:short.print')}
        </button>
        <button type="button" onClick={exportCsv} data-testid="short-orders-export">
          {t('common:actions.exportCsv')}
        </button>
      </div>
      <p className="page-hint">{t('orders:short.hint')}</p>
      {canWrite && (
        <div className="toolbar" data-testid="short-orders-actions">
          {(['substitute', 'reduce', 'remove', 'cancel'] as const).map((a) => (
            <button key={a} type="button" disabled={!focused} onClick={() => start(a)} data-testid={`short-${a}`}>
              {t(`orders:short.${a}`)}
            </button>
          ))}
          {focused && (
            <span className="muted" data-testid="short-focused">
              {focused.order.number} · {focused.productCode}
            </span>
          )}
        </div>
      )}
      {resolving && (
        <ResolveDialog
          row={resolving.row}
          action={resolving.action}
          products={products}
          salespeople={salespeople}
          onClose={(done) => {
            setResolving(null);
            if (done) void load();
          }}
        />
      )}
      <CangwuGrid<ShortRow>
        gridId="short-orders"
        testId="short-orders-grid"
        columnDefs={columnDefs}
        getRowId={getRowId}
        quickFilterText={quickFilter}
        onGridReady={onGridReady}
        overlayNoRowsTemplate={t('orders:short.none')}
        onCellFocused={(e) => {
          const row =
            e.rowIndex === null || e.rowIndex === undefined
              ? undefined
              : e.api.getDisplayedRowAtIndex(e.rowIndex)?.data;
          setFocused(row ?? null);
        }}
        onRowDoubleClicked={(e) => {
          if (e.data) navigate('orders', { order: e.data.order.id, date });
        }}
      />
    </section>
  );
}
