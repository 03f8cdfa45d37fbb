// 订单 Orders of a dispatch date (issue 11): the day's orders live (a change in
// any window or station arrives as a transaction, keeping scroll and selection),
// release of a selection or of every qualified order of the day with progress,
// cancel with a reason, the order file import, CSV export; one order at a time
// at #/orders?order=ID.
import type {
  CellKeyDownEvent,
  GridApi,
  GridReadyEvent,
  ProcessCellForExportParams,
  RowDoubleClickedEvent,
  RowSelectionOptions,
  SelectionChangedEvent,
} from 'ag-grid-community';
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Events } from '../../shared/contract/events';
import type { OrderRow, OrdersChanged, ReleaseReport } from '../../shared/contract/orders';
import { formatFenAsYuan } from '../../shared/money';
import { api } from '../api/client';
import { useApiEvent } from '../api/hooks';
import { navigate, useRoute } from '../app/routes';
import { hasRole, useSession } from '../app/session';
import { CangwuGrid } from '../components/grid/CangwuGrid';
import { useGridEvents } from '../components/grid/useGridEvents';
import { ProgressBar } from '../components/ProgressBar';
import { QuickFilter } from '../components/QuickFilter';
import { useNotify } from '../components/toast/useNotify';
import { useFormat } from '../i18n/format';
import { DayPicker } from './orders/DayPicker';
import { OrderImportPanel } from './orders/OrderImportPanel';
import { orderColumns } from './orders/orderColumns';
import { isDay, nextDispatchDay } from './orders/orderText';
import { OrderView } from './orders/OrderView';

const getRowId = ({ data }: { data: OrderRow }) => String(data.id);
const rowSelection: RowSelectionOptions = { mode: 'multiRow', enableClickSelection: false };
const selectionColumnDef = { pinned: 'left', width: 44, minWidth: 44 } as const;
/** Rows painted before the rest: more than any screen shows. */
const firstRows = 100;

export function OrdersPage() {
  const route = useRoute();
  const param = Number(route.params.get('order'));
  const orderId = Number.isSafeInteger(param) && param > 0 ? param : null;
  const dateParam = route.params.get('date');
  const date = isDay(dateParam) ? dateParam : nextDispatchDay();
  if (orderId !== null)
    return <OrderView key={orderId} orderId={orderId} onBack={() => navigate('orders', { date })} />;
  return <OrdersOfDay date={date} />;
}

type Totals = { rows: number; units: number; amountFen: number };

function OrdersOfDay({ date }: { date: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const { session } = useSession();
  const canWrite = hasRole(session, ['operator', 'csManager']);
  const gridRef = useRef<GridApi<OrderRow> | null>(null);
  const [quickFilter, setQuickFilter] = useState('');
  const [totals, setTotals] = useState<Totals>({ rows: 0, units: 0, amountFen: 0 });
  const [selected, setSelected] = useState<OrderRow[]>([]);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<Events['work.progress'] | null>(null);
  const [showImport, setShowImport] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [cancelReason, setCancelReason] = useState('');
  const columnDefs = useMemo(() => orderColumns(t, f), [t, f]);

  const recount = useCallback(() => {
    const grid = gridRef.current;
    if (!grid || grid.isDestroyed()) return;
    let rows = 0;
    let units = 0;
    let amountFen = 0;
    grid.forEachNode((n) => {
      if (!n.data) return;
      rows += 1;
      units += n.data.units;
      amountFen += n.data.amountFen;
    });
    setTotals({ rows, units, amountFen });
  }, []);

  // One reload at a time; events during one ask for one more after it.
  const loading = useRef(false);
  const loadAgain = useRef(false);
  const load = useCallback(async () => {
    if (loading.current) {
      loadAgain.current = true;
      return;
    }
    loading.current = true;
    try {
      do {
        loadAgain.current = false;
        const rows = await api.request('orders.list', { dispatchDate: date });
        const grid = gridRef.current;
        if (!grid || grid.isDestroyed()) return;
        grid.setGridOption('rowData', rows);
        recount();
      } while (loadAgain.current);
    } catch (e) {
      notify.error(e);
    } finally {
      loading.current = false;
    }
  }, [date, notify, recount]);

  /** Another window changed orders: a transaction when the rows came along, else a reload of the day. */
  const onOrders = useCallback(
    (p: OrdersChanged) => {
      const grid = gridRef.current;
      if (!grid || grid.isDestroyed()) return;
      if (!p.rows) {
        if (p.dispatchDates.includes(date) || p.dispatchDates.length === 0) void load();
        return;
      }
      const update: OrderRow[] = [];
      const add: OrderRow[] = [];
      const remove: OrderRow[] = [];
      for (const row of p.rows) {
        const shown = grid.getRowNode(String(row.id));
        if (row.dispatchDate === date) (shown ? update : add).push(row);
        else if (shown?.data) remove.push(shown.data);
      }
      grid.applyTransaction({ add, update, remove });
      recount();
    },
    [date, load, recount],
  );

  useGridEvents({ 'orders.changed': onOrders, reconnected: () => void load() });
  useApiEvent('work.progress', (p) => {
    if (busy && p.job.startsWith('orders.')) setProgress(p);
  });

  // A day of 5,200 orders opens in two steps: the first rows are painted at once, then every order
  // loads (GUIDE: first paint ≤ 500 ms). Until then the count says nothing it does not know.
  const restPending = useRef(false);
  const loadFirst = useCallback(async () => {
    try {
      const first = await api.request('orders.list', { dispatchDate: date, limit: firstRows });
      const grid = gridRef.current;
      if (!grid || grid.isDestroyed()) return;
      if (first.length < firstRows) {
        grid.setGridOption('rowData', first);
        recount();
        return;
      }
      restPending.current = true;
      grid.setGridOption('rowData', first);
    } catch {
      void load(); // the full load says what is wrong
    }
  }, [date, load, recount]);
  const onFirstDataRendered = useCallback(() => {
    if (!restPending.current) return;
    restPending.current = false;
    // After the frame that paints the first rows.
    requestAnimationFrame(() => setTimeout(() => void load(), 0));
  }, [load]);
  const onGridReady = useCallback(
    (e: GridReadyEvent<OrderRow>) => {
      gridRef.current = e.api;
      void loadFirst();
    },
    [loadFirst],
  );
  // A new date: the same grid, the new day's rows.
  useEffect(() => {
    if (gridRef.current) void load();
  }, [load]);

  const open = (row: OrderRow | undefined) => {
    if (row) navigate('orders', { order: row.id, date });
  };

  const report = (r: ReleaseReport) =>
    notify.success(
      t('orders:list.released', { released: r.released.length, short: r.short.length, skipped: r.skipped.length }),
    );

  async function release(input: { orderIds: number[] } | { dispatchDate: string }) {
    if (busy) return;
    setBusy(true);
    setProgress(null);
    try {
      report(await api.request('orders.release', input));
      gridRef.current?.deselectAll();
    } catch (e) {
      notify.error(e);
    } finally {
      setBusy(false);
    }
  }

  async function cancelSelected(e: FormEvent) {
    e.preventDefault();
    const reason = cancelReason.trim();
    if (!reason || busy) return;
    setBusy(true);
    let done = 0;
    try {
      for (const row of selected) {
        await api.request('orders.cancel', { orderId: row.id, reason });
        done += 1;
      }
      notify.success(t('orders:cancel.doneMany', { n: done }));
      setCancelling(false);
      setCancelReason('');
    } catch (err) {
      notify.error(err);
    } finally {
      setBusy(false);
    }
  }

  const exportCsv = () => {
    gridRef.current?.exportDataAsCsv({
      fileName: `${t('orders:list.exportFileName')}-${date}.csv`,
      processCellCallback: (p: ProcessCellForExportParams<OrderRow>) => {
        const id = p.column.getColId();
        if (id === 'amount') return typeof p.value === 'number' ? formatFenAsYuan(p.value) : '';
        if (id === 'units' || id === 'cases' || id === 'lines')
          return typeof p.value === 'number' ? String(p.value) : '';
        return p.formatValue(p.value);
      },
    });
  };

  return (
    <section className="page-body" data-testid="orders">
      <div className="toolbar">
        <h1 className="page-title">{t('orders:title')}</h1>
        <DayPicker value={date} onChange={(d) => navigate('orders', { date: d })} testId="orders-date" />
        <QuickFilter value={quickFilter} onChange={setQuickFilter} />
        <span
          className="toolbar-count"
          data-testid="orders-count"
          data-rows={totals.rows}
          data-units={totals.units}
          data-amount-fen={totals.amountFen}
        >
          {t('orders:list.count', {
            rows: f.qty(totals.rows),
            units: f.qty(totals.units),
            amount: f.money(totals.amountFen),
          })}
        </span>
        <span className="toolbar-spacer" />
        {canWrite && (
          <>
            <button type="button" data-testid="orders-new" onClick={() => navigate('orderEntry')}>
              {t('orders:list.newOrder')}
            </button>
            <button
              type="button"
              data-testid="orders-import-toggle"
              aria-expanded={showImport}
              onClick={() => setShowImport((v) => !v)}
            >
              {t('orders:list.import')}
            </button>
          </>
        )}
        <button type="button" onClick={exportCsv} data-testid="orders-export">
          {t('common:actions.exportCsv')}
        </button>
      </div>
      {canWrite && (
        <div className="toolbar">
          <button
            type="button"
            className="primary"
            data-testid="orders-release-all"
            disabled={busy}
            onClick={() => {
              if (window.confirm(t('orders:list.releaseConfirm', { date }))) void release({ dispatchDate: date });
            }}
          >
            {t('orders:list.releaseAll')}
          </button>
          <button
            type="button"
            data-testid="orders-release-selected"
            disabled={busy || selected.length === 0}
            onClick={() => void release({ orderIds: selected.map((r) => r.id) })}
          >
            {t('orders:list.releaseSelected', { n: selected.length })}
          </button>
          <button
            type="button"
            data-testid="orders-cancel-selected"
            disabled={busy || selected.length === 0}
            onClick={() => setCancelling(true)}
          >
            {t('orders:list.cancelSelected')}
          </button>
          <span className="page-hint">{t('orders:list.hint')}</span>
        </div>
      )}
      {cancelling && selected.length > 0 && (
        <form className="card inline-form" onSubmit={cancelSelected} data-testid="orders-cancel-form">
          <label className="field">
            <span className="field-label">{t('orders:cancel.reason')}</span>
            <input
              autoFocus
              required
              data-testid="orders-cancel-reason"
              value={cancelReason}
              onChange={(e) => setCancelReason(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Escape') setCancelling(false);
              }}
            />
          </label>
          <button
            type="submit"
            className="danger"
            disabled={busy || !cancelReason.trim()}
            data-testid="orders-cancel-submit"
          >
            {t('orders:cancel.submit')}
          </button>
          <button type="button" onClick={() => setCancelling(false)}>
            {t('common:actions.close')}
          </button>
        </form>
      )}
      {busy && (
        <ProgressBar
          testId="orders-progress"
          label={progress?.phase ? t('orders:list.releasing') : t('orders:list.releaseProgress')}
          done={progress?.done ?? 0}
          total={progress?.total ?? 0}
        />
      )}
      {canWrite && showImport && <OrderImportPanel onClose={() => setShowImport(false)} />}
      <CangwuGrid<OrderRow>
        gridId="orders"
        testId="orders-grid"
        columnDefs={columnDefs}
        getRowId={getRowId}
        quickFilterText={quickFilter}
        onGridReady={onGridReady}
        onFirstDataRendered={onFirstDataRendered}
        rowSelection={canWrite ? rowSelection : undefined}
        selectionColumnDef={selectionColumnDef}
        onSelectionChanged={(e: SelectionChangedEvent<OrderRow>) => setSelected(e.api.getSelectedRows())}
        tooltipShowDelay={400}
        onRowDoubleClicked={(e: RowDoubleClickedEvent<OrderRow>) => open(e.data)}
        onCellKeyDown={(e: CellKeyDownEvent<OrderRow>) => {
          if ((e.event as KeyboardEvent | null)?.key === 'Enter') open(e.data);
        }}
      />
    </section>
  );
}
