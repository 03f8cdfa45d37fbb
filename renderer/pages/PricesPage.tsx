// 价格 Prices (issue 11): a list price per product and optional customer
// prices, in fen, with validity dates. Operators and admins edit the price and
// the end date inline, add a price, or import CSV all or nothing.
import type {
  CellEditRequestEvent,
  ColDef,
  GridApi,
  GridReadyEvent,
  ProcessCellForExportParams,
} from 'ag-grid-community';
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { parseYuanToFen } from '../../shared/catalogue/productCsv';
import { priceCsvColumns, type CustomerView, type PriceView } from '../../shared/contract/orders';
import type { ProductView } from '../../shared/contract/types';
import { formatFenAsYuan } from '../../shared/money';
import { api } from '../api/client';
import { hasRole, useSession } from '../app/session';
import { CangwuGrid } from '../components/grid/CangwuGrid';
import { moneyColumn } from '../components/grid/formatters';
import { useGridEvents } from '../components/grid/useGridEvents';
import { QuickFilter } from '../components/QuickFilter';
import { useNotify } from '../components/toast/useNotify';
import { useFormat } from '../i18n/format';
import { CsvImportPanel } from '../components/CsvImportPanel';
import { isDay, localDay } from './orders/orderText';

const getRowId = ({ data }: { data: PriceView }) => String(data.id);
const yuan = (s: string) =>
  parseYuanToFen(
    s
      .trim()
      .replace(/^[¥￥]/, '')
      .replace(/,/g, ''),
  );

export function PricesPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const { session } = useSession();
  const canEdit = hasRole(session, ['admin', 'operator']);
  const gridRef = useRef<GridApi<PriceView> | null>(null);
  const [quickFilter, setQuickFilter] = useState('');
  const [count, setCount] = useState(0);
  const [showImport, setShowImport] = useState(false);
  const [adding, setAdding] = useState(false);

  const load = useCallback(async () => {
    try {
      const rows = await api.request('prices.list', {});
      const grid = gridRef.current;
      if (!grid || grid.isDestroyed()) return;
      grid.setGridOption('rowData', rows);
      setCount(rows.length);
    } catch (e) {
      notify.error(e);
    }
  }, [notify]);
  useGridEvents({ 'prices.changed': () => void load(), reconnected: () => void load() });
  const onGridReady = useCallback(
    (e: GridReadyEvent<PriceView>) => {
      gridRef.current = e.api;
      void load();
    },
    [load],
  );

  const columnDefs = useMemo<ColDef<PriceView>[]>(
    () => [
      {
        colId: 'productCode',
        field: 'productCode',
        headerName: t('prices:col.productCode'),
        width: 130,
        cellClass: 'mono',
      },
      { colId: 'product', field: 'productName', headerName: t('prices:col.product'), flex: 1, minWidth: 180 },
      {
        colId: 'customer',
        headerName: t('prices:col.customer'),
        width: 140,
        valueGetter: (p) => (p.data ? (p.data.customerCode ?? t('prices:list')) : ''),
      },
      {
        colId: 'price',
        headerName: t('prices:col.price'),
        width: 120,
        ...moneyColumn<PriceView>(f),
        cellDataType: 'text',
        valueGetter: (p) => (p.data ? formatFenAsYuan(p.data.priceFen) : ''),
        valueFormatter: (p) => (p.data ? f.money(p.data.priceFen) : ''),
        filterValueGetter: (p) => p.data?.priceFen ?? null,
        editable: canEdit,
        cellClass: canEdit ? 'cell-editable' : undefined,
        cellEditor: 'agTextCellEditor',
      },
      { colId: 'validFrom', field: 'validFrom', headerName: t('prices:col.validFrom'), width: 120 },
      {
        colId: 'validTo',
        field: 'validTo',
        headerName: t('prices:col.validTo'),
        width: 120,
        cellDataType: 'text',
        editable: canEdit,
        cellClass: canEdit ? 'cell-editable' : undefined,
      },
    ],
    [t, f, canEdit],
  );

  const onCellEditRequest = useCallback(
    (e: CellEditRequestEvent<PriceView>) => {
      const row = e.data;
      if (!row) return;
      const colId = e.column.getColId();
      const s = typeof e.newValue === 'string' ? e.newValue.trim() : '';
      let priceFen = row.priceFen;
      let validTo = row.validTo;
      if (colId === 'price') {
        const fen = yuan(s);
        if (fen === null) return notify.errorText(`${t('prices:col.price')}：${t('prices:reason.notMoney')}`);
        priceFen = fen;
      } else if (colId === 'validTo') {
        if (s !== '' && !isDay(s)) return notify.errorText(`${t('prices:col.validTo')}：${t('prices:reason.badDate')}`);
        validTo = s === '' ? null : s;
      } else return;
      api
        .request('prices.set', {
          productId: row.productId,
          customerId: row.customerId,
          priceFen,
          validFrom: row.validFrom,
          validTo,
        })
        .then((saved) => {
          gridRef.current?.applyTransaction({ update: [saved] });
          notify.success(t('prices:saved', { product: saved.productCode }));
        })
        .catch((err: unknown) => notify.error(err));
    },
    [notify, t],
  );

  // The price in the focused row (click it, or move there by keyboard), removed after a confirmation.
  const removeFocused = () => {
    const grid = gridRef.current;
    const cell = grid?.getFocusedCell();
    const row = cell ? grid?.getDisplayedRowAtIndex(cell.rowIndex)?.data : undefined;
    if (!row) return notify.errorText(t('prices:remove.pick'));
    const customer = row.customerCode ?? t('prices:list');
    if (!window.confirm(t('prices:remove.confirm', { product: row.productCode, customer }))) return;
    api
      .request('prices.remove', { id: row.id })
      .then(() => {
        gridRef.current?.applyTransaction({ remove: [row] });
        setCount((c) => c - 1);
        notify.success(t('prices:remove.done', { product: row.productCode, customer }));
      })
      .catch((err: unknown) => notify.error(err));
  };

  const exportCsv = () =>
    gridRef.current?.exportDataAsCsv({
      fileName: `${t('prices:title')}.csv`,
      processCellCallback: (p: ProcessCellForExportParams<PriceView>) =>
        p.column.getColId() === 'price' ? String(p.value ?? '') : p.formatValue(p.value),
    });

  return (
    <section className="page-body" data-testid="prices">
      <div className="toolbar">
        <h1 className="page-title">{t('prices:title')}</h1>
        <QuickFilter value={quickFilter} onChange={setQuickFilter} />
        <span className="toolbar-count" data-testid="prices-count" data-rows={count}>
          {t('prices:count', { rows: f.qty(count) })}
        </span>
        <span className="toolbar-spacer" />
        {canEdit && (
          <>
            <button type="button" data-testid="prices-add" onClick={() => setAdding((v) => !v)}>
              {t('prices:add')}
            </button>
            <button
              type="button"
              data-testid="prices-import-toggle"
              aria-expanded={showImport}
              onClick={() => setShowImport((v) => !v)}
            >
              {t('prices:import.open')}
            </button>
            <button type="button" data-testid="prices-remove" onClick={removeFocused}>
              {t('prices:remove.button')}
            </button>
          </>
        )}
        <button type="button" onClick={exportCsv} data-testid="prices-export">
          {t('common:actions.exportCsv')}
        </button>
      </div>
      <p className="page-hint">{t('prices:hint')}</p>
      {canEdit && adding && <NewPriceForm onDone={() => setAdding(false)} />}
      {canEdit && showImport && (
        <CsvImportPanel
          request="prices.import"
          ns="prices"
          columns={priceCsvColumns}
          onClose={() => setShowImport(false)}
        />
      )}
      <CangwuGrid<PriceView>
        gridId="prices"
        testId="prices-grid"
        columnDefs={columnDefs}
        getRowId={getRowId}
        quickFilterText={quickFilter}
        readOnlyEdit
        onCellEditRequest={onCellEditRequest}
        stopEditingWhenCellsLoseFocus
        onGridReady={onGridReady}
      />
    </section>
  );
}

function NewPriceForm({ onDone }: { onDone(): void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [products, setProducts] = useState<ProductView[]>([]);
  const [customers, setCustomers] = useState<CustomerView[]>([]);
  const [product, setProduct] = useState('');
  const [customer, setCustomer] = useState('');
  const [price, setPrice] = useState('');
  const [from, setFrom] = useState(localDay(new Date()));
  const [to, setTo] = useState('');
  const [error, setError] = useState('');
  useEffect(() => {
    api.request('products.list', {}).then(setProducts, notify.error);
    api.request('customers.list', {}).then(setCustomers, notify.error);
  }, [notify]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const p = products.find((x) => x.code.toLowerCase() === product.trim().toLowerCase());
    const c = customer.trim() ? customers.find((x) => x.code.toLowerCase() === customer.trim().toLowerCase()) : null;
    const fen = yuan(price);
    if (!p) return setError(t('prices:reason.unknownProduct'));
    if (c === undefined) return setError(t('prices:reason.unknownCustomer'));
    if (fen === null) return setError(t('prices:reason.notMoney'));
    setError('');
    try {
      const saved = await api.request('prices.set', {
        productId: p.id,
        customerId: c ? c.id : null,
        priceFen: fen,
        validFrom: from,
        validTo: to || null,
      });
      notify.success(t('prices:saved', { product: saved.productCode }));
      onDone();
    } catch (err) {
      notify.error(err);
    }
  };

  return (
    <form className="card inline-form" onSubmit={submit} data-testid="prices-new">
      <label className="field">
        <span className="field-label">{t('prices:product')}</span>
        <input
          autoFocus
          data-testid="prices-new-product"
          value={product}
          onChange={(e) => setProduct(e.target.value)}
        />
      </label>
      <label className="field">
        <span className="field-label">{t('prices:customer')}</span>
        <input data-testid="prices-new-customer" value={customer} onChange={(e) => setCustomer(e.target.value)} />
      </label>
      <label className="field">
        <span className="field-label">{t('prices:price')}</span>
        <input
          className="qty-input"
          data-testid="prices-new-price"
          value={price}
          onChange={(e) => setPrice(e.target.value)}
        />
      </label>
      <label className="field">
        <span className="field-label">{t('prices:validFrom')}</span>
        <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
      </label>
      <label className="field">
        <span className="field-label">{t('prices:validTo')}</span>
        <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
      </label>
      <button type="submit" className="primary" data-testid="prices-new-save">
        {t('prices:save')}
      </button>
      {error && (
        <span className="form-error" role="alert">
          {error}
        </span>
      )}
    </form>
  );
}
