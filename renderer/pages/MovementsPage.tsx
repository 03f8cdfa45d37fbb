// 库存流水 Movements ledger: append-only, far too long for the browser, so the
// grid asks the core for blocks of 200 rows (PagedGrid).
import type { ColDef, SortModelItem } from 'ag-grid-community';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MovementRow, ProductView } from '../../shared/contract/types';
import { api } from '../api/client';
import { navigate } from '../app/routes';
import { hasRole, useSession } from '../app/session';
import { dateTimeColumn, enumColumn, moneyColumn, qtyColumn } from '../components/grid/formatters';
import { PagedGrid } from '../components/grid/PagedGrid';
import { ProductPicker } from '../components/ProductPicker';
import { useNotify } from '../components/toast/useNotify';
import { useFormat } from '../i18n/format';
import { ProductHistory } from './counts/ProductHistory';

const getRowId = ({ data }: { data: MovementRow }) => String(data.id);
const refreshOn = ['stock.changed'] as const;

export function MovementsPage({ productId }: { productId: number | null }) {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const { session } = useSession();
  const [total, setTotal] = useState<number | null>(null);
  const [products, setProducts] = useState<ProductView[]>([]);

  useEffect(() => {
    api
      .request('products.list', {})
      .then(setProducts)
      .catch((e: unknown) => notify.error(e));
  }, [notify]);

  // The core sorts by time only (the one sortable column) and filters by product only.
  const fetchPage = useCallback(
    (offset: number, limit: number, sortModel: SortModelItem[]) =>
      api.request('stock.movements', {
        offset,
        limit,
        sort: sortModel.find((s) => s.colId === 'at')?.sort === 'asc' ? 'asc' : 'desc',
        ...(productId !== null ? { productId } : {}),
      }),
    [productId],
  );

  const columnDefs = useMemo<ColDef<MovementRow>[]>(
    () => [
      { colId: 'at', field: 'at', headerName: t('movements:col.at'), width: 150, sortable: true, ...dateTimeColumn(f) },
      {
        colId: 'type',
        field: 'type',
        headerName: t('movements:col.type'),
        width: 110,
        ...enumColumn<MovementRow>(t, 'domain:movementType', 'type'),
        filter: false,
      },
      { colId: 'documentNo', field: 'documentNo', headerName: t('movements:col.document'), width: 165 },
      { colId: 'productCode', field: 'productCode', headerName: t('movements:col.code'), width: 110 },
      {
        colId: 'name',
        headerName: t('movements:col.name'),
        flex: 2,
        minWidth: 150,
        valueGetter: (p) => (p.data ? f.productName(p.data.productNameZh, p.data.productNameEn) : ''),
      },
      {
        colId: 'status',
        field: 'status',
        headerName: t('movements:col.status'),
        width: 115,
        ...enumColumn<MovementRow>(t, 'domain:status', 'status'),
        filter: false,
      },
      { colId: 'location', field: 'locationCode', headerName: t('movements:col.location'), width: 100 },
      {
        colId: 'qty',
        field: 'qty',
        headerName: t('movements:col.qty'),
        width: 90,
        ...qtyColumn<MovementRow>(f),
        filter: false,
        cellClassRules: { 'cell-negative': (p) => typeof p.value === 'number' && p.value < 0 },
      },
      {
        colId: 'amountFen',
        field: 'amountFen',
        headerName: t('movements:col.amount'),
        width: 120,
        ...moneyColumn<MovementRow>(f),
        filter: false,
      },
      { colId: 'user', field: 'userName', headerName: t('movements:col.user'), width: 100 },
    ],
    [t, f],
  );

  const product = productId === null ? null : (products.find((p) => p.id === productId) ?? null);
  const canSeeCounts = hasRole(session, ['operator', 'warehouseKeeper', 'csManager', 'supervisor']);

  return (
    <section className="page-body" data-testid="movements">
      <div className="toolbar">
        <h1 className="page-title">{t('movements:title')}</h1>
        <label className="toolbar-field">
          <span>{t('movements:productFilter')}</span>
          <ProductPicker
            products={products}
            value={productId}
            testId="movements-product"
            onChange={(id) => {
              if (id !== null) navigate('movements', { product: id });
            }}
          />
        </label>
        {productId !== null && (
          <button type="button" data-testid="movements-clear-product" onClick={() => navigate('movements')}>
            {t('movements:clearProduct')}
          </button>
        )}
        <span className="toolbar-spacer" />
        <span className="toolbar-count" data-testid="movements-total">
          {total === null ? '' : t('movements:total', { rows: f.qty(total) })}
        </span>
      </div>
      <div className="split">
        <PagedGrid<MovementRow>
          gridId="movements"
          testId="movements-grid"
          fetchPage={fetchPage}
          onTotal={setTotal}
          refreshOn={refreshOn}
          maxBlocksInCache={50}
          getRowId={getRowId}
          columnDefs={columnDefs}
        />
        {/* A product's page: its ledger, and how it counted lately (R10). */}
        {product && canSeeCounts && <ProductHistory product={product} />}
      </div>
    </section>
  );
}
