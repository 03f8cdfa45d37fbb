// 电话订单确认 (R1): the salesperson's customers' phone orders waiting for
// them (a CS manager sees everyone's, confirming in the salesperson's absence
// — recorded as such). Enter confirms the focused order; R rejects it with a reason.
import type { CellKeyDownEvent, GridApi, GridReadyEvent, RowDoubleClickedEvent } from 'ag-grid-community';
import { useCallback, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderRow } from '../../shared/contract/orders';
import { api } from '../api/client';
import { navigate } from '../app/routes';
import { hasRole, useSession } from '../app/session';
import { CangwuGrid } from '../components/grid/CangwuGrid';
import { useGridEvents } from '../components/grid/useGridEvents';
import { QuickFilter } from '../components/QuickFilter';
import { useNotify } from '../components/toast/useNotify';
import { useFormat } from '../i18n/format';
import { orderColumns } from './orders/orderColumns';

const getRowId = ({ data }: { data: OrderRow }) => String(data.id);
const shownColumns = new Set([
  'number',
  'customerCode',
  'customer',
  'area',
  'route',
  'salesperson',
  'units',
  'amount',
  'emergency',
  'issues',
]);

export function PhoneOrdersPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const { session } = useSession();
  const isSalesperson = hasRole(session, ['salesperson']);
  const gridRef = useRef<GridApi<OrderRow> | null>(null);
  const [count, setCount] = useState(0);
  const [busy, setBusy] = useState(false);
  const [rejecting, setRejecting] = useState<OrderRow | null>(null);
  const [reason, setReason] = useState('');
  const [quickFilter, setQuickFilter] = useState('');
  const columnDefs = useMemo(
    () =>
      orderColumns(t, f)
        .filter((c) => shownColumns.has(c.colId ?? ''))
        .map((c) => ({ ...c, hide: false })),
    [t, f],
  );

  const load = useCallback(async () => {
    try {
      const rows = await api.request('orders.pendingConfirmation', {});
      const grid = gridRef.current;
      if (!grid || grid.isDestroyed()) return;
      grid.setGridOption('rowData', rows);
      setCount(rows.length);
      if (rows.length > 0 && !grid.getFocusedCell()) grid.setFocusedCell(0, 'number');
    } catch (e) {
      notify.error(e);
    }
  }, [notify]);

  useGridEvents({ 'orders.changed': () => void load(), reconnected: () => void load() });
  const onGridReady = useCallback(
    (e: GridReadyEvent<OrderRow>) => {
      gridRef.current = e.api;
      void load();
    },
    [load],
  );

  /** After a confirmation or rejection the next order has the focus: Enter, Enter, Enter. */
  const removeAndFocusNext = (row: OrderRow) => {
    const grid = gridRef.current;
    if (!grid) return;
    const index = grid.getRowNode(String(row.id))?.rowIndex ?? 0;
    grid.applyTransaction({ remove: [row] });
    setCount(grid.getDisplayedRowCount());
    const next = Math.min(index, grid.getDisplayedRowCount() - 1);
    if (next >= 0) grid.setFocusedCell(next, 'number');
  };

  const confirm = async (row: OrderRow) => {
    if (busy) return;
    setBusy(true);
    try {
      const o = await api.request('orders.confirm', { orderId: row.id });
      notify.success(t('orders:phone.confirmed', { number: o.number }));
      removeAndFocusNext(row);
    } catch (e) {
      notify.error(e);
    } finally {
      setBusy(false);
    }
  };

  const reject = async (e: FormEvent) => {
    e.preventDefault();
    const row = rejecting;
    const r = reason.trim();
    if (!row || !r || busy) return;
    setBusy(true);
    try {
      const o = await api.request('orders.reject', { orderId: row.id, reason: r });
      notify.success(t('orders:phone.rejected', { number: o.number }));
      setRejecting(null);
      setReason('');
      removeAndFocusNext(row);
    } catch (err) {
      notify.error(err);
    } finally {
      setBusy(false);
    }
  };

  const focusedRow = () => {
    const grid = gridRef.current;
    const cell = grid?.getFocusedCell();
    return cell ? grid?.getDisplayedRowAtIndex(cell.rowIndex)?.data : undefined;
  };

  return (
    <section className="page-body" data-testid="phone-orders">
      <div className="toolbar">
        <h1 className="page-title">{t('orders:phone.title')}</h1>
        <QuickFilter value={quickFilter} onChange={setQuickFilter} />
        <span className="toolbar-count" data-testid="phone-orders-count" data-rows={count}>
          {isSalesperson ? t('orders:phone.mine', { n: count }) : t('orders:phone.all', { n: count })}
        </span>
        <span className="toolbar-spacer" />
        <button
          type="button"
          className="primary"
          disabled={busy || count === 0}
          data-testid="phone-orders-confirm"
          onClick={() => {
            const row = focusedRow();
            if (row) void confirm(row);
          }}
        >
          {t('orders:phone.confirm')}
        </button>
        <button
          type="button"
          disabled={busy || count === 0}
          data-testid="phone-orders-reject"
          onClick={() => setRejecting(focusedRow() ?? null)}
        >
          {t('orders:phone.reject')}
        </button>
      </div>
      <p className="page-hint">{t('orders:phone.hint')}</p>
      {rejecting && (
        <form className="card inline-form" onSubmit={reject} data-testid="phone-orders-reject-form">
          <span className="mono">{rejecting.number}</span>
          <label className="field">
            <span className="field-label">{t('orders:phone.rejectReason')}</span>
            <input
              autoFocus
              required
              data-testid="phone-orders-reject-reason"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Escape') setRejecting(null);
              }}
            />
          </label>
          <button
            type="submit"
            className="danger"
            disabled={busy || !reason.trim()}
            data-testid="phone-orders-reject-submit"
          >
            {t('orders:phone.reject')}
          </button>
        </form>
      )}
      <CangwuGrid<OrderRow>
        gridId="phone-orders"
        testId="phone-orders-grid"
        quickFilterText={quickFilter}
        columnDefs={columnDefs}
        getRowId={getRowId}
        onGridReady={onGridReady}
        overlayNoRowsTemplate={t('orders:phone.none')}
        onRowDoubleClicked={(e: RowDoubleClickedEvent<OrderRow>) => {
          if (e.data) navigate('orders', { order: e.data.id });
        }}
        onCellKeyDown={(e: CellKeyDownEvent<OrderRow>) => {
          const key = (e.event as KeyboardEvent | null)?.key;
          if (!e.data) return;
          if (key === 'Enter') void confirm(e.data);
          else if (key === 'r' || key === 'R') {
            e.event?.preventDefault();
            setRejecting(e.data);
          }
        }}
      />
    </section>
  );
}
