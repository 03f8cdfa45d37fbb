// 库存 Inventory: every (product, status, location) balance, live.
import type {
  CellKeyDownEvent,
  GridApi,
  GridReadyEvent,
  ProcessCellForExportParams,
  RowDoubleClickedEvent,
} from 'ag-grid-community';
import { useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BalanceRow } from '../../shared/contract/types';
import { formatFenAsYuan } from '../../shared/money';
import { api } from '../api/client';
import { navigate } from '../app/routes';
import { CangwuGrid } from '../components/grid/CangwuGrid';
import { safeCsvCells } from '../components/grid/csvExport';
import { useGridEvents } from '../components/grid/useGridEvents';
import { QuickFilter } from '../components/QuickFilter';
import { useNotify } from '../components/toast/useNotify';
import { useFormat, warehouseDay } from '../i18n/format';
import { balanceRowId, inventoryColumns } from './inventory/inventoryColumns';
import { applyStockKeys, loadCatalogue, type Catalogue } from './inventory/liveBalances';

const getRowId = ({ data, rowPinned }: { data: BalanceRow; rowPinned?: string | null }) =>
  rowPinned ? `pinned-${rowPinned}` : balanceRowId(data);

/** Sums of the rows shown, and the quick filter they were summed under. */
type Totals = { rows: number; all: number; qty: number; amountFen: number | null; filter: string };

export function InventoryPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const gridRef = useRef<GridApi<BalanceRow> | null>(null);
  const catalogueRef = useRef<Promise<Catalogue> | null>(null);
  const [quickFilter, setQuickFilter] = useState('');
  const [totals, setTotals] = useState<Totals>({ rows: 0, all: 0, qty: 0, amountFen: 0, filter: '' });
  const columnDefs = useMemo(() => inventoryColumns(t, f), [t, f]);

  const catalogue = useCallback(() => (catalogueRef.current ??= loadCatalogue()), []);

  const load = useCallback(async () => {
    const grid = gridRef.current;
    if (!grid) return;
    grid.setGridOption('loading', true);
    try {
      const rows = await api.request('stock.balances', {});
      if (!grid.isDestroyed()) grid.setGridOption('rowData', rows);
    } catch (e) {
      notify.error(e);
    } finally {
      if (!grid.isDestroyed()) grid.setGridOption('loading', false);
    }
  }, [notify]);

  /** The pinned totals row: sums of the rows the filters let through, in integers. */
  const recomputeTotals = useCallback(() => {
    const grid = gridRef.current;
    if (!grid) return;
    let qty = 0;
    let amountFen: number | null = 0;
    let rows = 0;
    grid.forEachNodeAfterFilter((n) => {
      if (!n.data) return;
      qty += n.data.qty;
      // Roles not shown costs get no amounts (auth/costs.ts): no total either.
      amountFen = amountFen === null || n.data.amountFen === null ? null : amountFen + n.data.amountFen;
      rows++;
    });
    const pinned: Partial<BalanceRow> = { productCode: t('inventory:totals'), qty, amountFen };
    grid.setGridOption('pinnedBottomRowData', [pinned]);
    setTotals({ rows, all: countAll(grid), qty, amountFen, filter: grid.getGridOption('quickFilterText') ?? '' });
  }, [t]);

  useGridEvents({
    'stock.changed': (p) => {
      const grid = gridRef.current;
      if (!grid) return;
      void applyStockKeys(grid, p.keys, catalogue).then((ok) => {
        if (!ok) {
          catalogueRef.current = null;
          void load();
        }
      });
    },
    'products.changed': () => {
      // Names, costs or codes changed: amounts depend on them, so reload.
      catalogueRef.current = null;
      void load();
    },
    'counts.changed': (p) => {
      // A count started, finished or changed its counters: which bins this user may see
      // the book of (a blind count hides them from keepers) may have changed. Line edits
      // of a reconciliation (lineIds) change nothing here.
      if (p.sessionId !== null && p.lineIds === undefined) void load();
    },
    reconnected: () => {
      catalogueRef.current = null;
      void load();
    },
  });

  const onGridReady = useCallback(
    (e: GridReadyEvent<BalanceRow>) => {
      gridRef.current = e.api;
      void load();
    },
    [load],
  );

  const onRowDoubleClicked = useCallback((e: RowDoubleClickedEvent<BalanceRow>) => {
    if (e.rowPinned || !e.data) return;
    navigate('movements', { product: e.data.productId });
  }, []);

  // Keyboard first: Enter on a row does what a double-click does.
  const onCellKeyDown = useCallback((e: CellKeyDownEvent<BalanceRow>) => {
    const key = (e.event as KeyboardEvent | null | undefined)?.key;
    if (key !== 'Enter' || e.rowPinned || !e.data) return;
    navigate('movements', { product: e.data.productId });
  }, []);

  const exportCsv = () => {
    const date = warehouseDay();
    gridRef.current?.exportDataAsCsv({
      fileName: `${t('inventory:exportFileName')}-${date}.csv`,
      // Spreadsheets get plain numbers (yuan with 2 decimals), not "¥1,234.50".
      // Names that look like formulas (=HYPERLINK(…)) stay text: safeCsvCells.
      processCellCallback: safeCsvCells((p: ProcessCellForExportParams<BalanceRow>) => {
        const id = p.column.getColId();
        if (id === 'unitCostFen' || id === 'amountFen')
          return typeof p.value === 'number' ? formatFenAsYuan(p.value) : '';
        if (id === 'qty') return typeof p.value === 'number' ? String(p.value) : '';
        return p.formatValue(p.value);
      }),
    });
  };

  return (
    <section className="page-body" data-testid="inventory">
      <div className="toolbar">
        <h1 className="page-title">{t('inventory:title')}</h1>
        <QuickFilter value={quickFilter} onChange={setQuickFilter} />
        <span
          className="toolbar-count"
          data-testid="inventory-count"
          // The pinned totals as data, for tests and tools (the row shows them formatted).
          data-rows={totals.rows}
          data-qty={totals.qty}
          data-amount-fen={totals.amountFen ?? ''}
          data-filter={totals.filter}
        >
          {t('inventory:rowCount', { rows: f.qty(totals.rows), all: f.qty(totals.all) })}
        </span>
        <span className="toolbar-spacer" />
        <button type="button" onClick={exportCsv} data-testid="inventory-export">
          {t('common:actions.exportCsv')}
        </button>
        <button type="button" onClick={() => void load()} data-testid="inventory-reload">
          {t('common:actions.reload')}
        </button>
      </div>
      <p className="page-hint">{t('inventory:hint')}</p>
      <CangwuGrid<BalanceRow>
        gridId="inventory"
        testId="inventory-grid"
        columnDefs={columnDefs}
        getRowId={getRowId}
        quickFilterText={quickFilter}
        onGridReady={onGridReady}
        onModelUpdated={recomputeTotals}
        onFilterChanged={recomputeTotals}
        onRowDoubleClicked={onRowDoubleClicked}
        onCellKeyDown={onCellKeyDown}
        animateRows={false}
      />
    </section>
  );
}

function countAll(grid: GridApi<BalanceRow>): number {
  let n = 0;
  grid.forEachNode(() => n++);
  return n;
}
