// 商品 Products: everyone may look; operators and admins edit inline and import CSV.
import type { CellEditRequestEvent, GridApi, GridReadyEvent } from 'ag-grid-community';
import { useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProductView } from '../../shared/contract/types';
import { api } from '../api/client';
import { hasRole, useSession } from '../app/session';
import { CangwuGrid } from '../components/grid/CangwuGrid';
import { useGridEvents } from '../components/grid/useGridEvents';
import { QuickFilter } from '../components/QuickFilter';
import { useNotify } from '../components/toast/useNotify';
import { useFormat } from '../i18n/format';
import { CsvImportPanel } from '../components/CsvImportPanel';
import { productCsvColumns } from '../../shared/catalogue/productCsv';
import { productColumns, type ProductColumnContext } from './products/productColumns';
import { patchFor } from './products/productEdit';

const getRowId = ({ data }: { data: ProductView }) => String(data.id);

export function ProductsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const { session } = useSession();
  const canEdit = hasRole(session, ['admin', 'operator']);
  const gridRef = useRef<GridApi<ProductView> | null>(null);
  const [quickFilter, setQuickFilter] = useState('');
  const [showImport, setShowImport] = useState(false);
  const [count, setCount] = useState(0);
  const columnDefs = useMemo(() => productColumns(t, f, canEdit), [t, f, canEdit]);

  const load = useCallback(
    async (onlyIds?: number[]) => {
      const grid = gridRef.current;
      if (!grid) return;
      try {
        const rows = await api.request('products.list', {});
        if (grid.isDestroyed()) return;
        if (onlyIds) {
          const wanted = new Set(onlyIds);
          grid.applyTransaction({ update: rows.filter((r) => wanted.has(r.id)) });
        } else grid.setGridOption('rowData', rows);
        setCount(rows.length);
      } catch (e) {
        notify.error(e);
      }
    },
    [notify],
  );

  useGridEvents({
    'products.changed': (p) => void load(p.productIds === 'all' ? undefined : p.productIds),
    reconnected: () => void load(),
  });

  const onGridReady = useCallback(
    (e: GridReadyEvent<ProductView>) => {
      gridRef.current = e.api;
      void load();
    },
    [load],
  );

  /** readOnlyEdit: the grid asks; the cell changes only when the core has saved it. */
  const onCellEditRequest = useCallback(
    (e: CellEditRequestEvent<ProductView>) => {
      const field = (e.colDef.context as ProductColumnContext | undefined)?.edit;
      const row = e.data;
      if (!field || !row) return;
      const r = patchFor(field, e.newValue);
      if ('reason' in r) {
        // Refused before it is sent: the cell keeps its old value (readOnlyEdit).
        notify.errorText(
          t('products:invalidEdit', {
            field: e.colDef.headerName ?? field,
            reason: t(`products:reason.${r.reason}`),
          }),
        );
        return;
      }
      api
        .request('products.update', { id: row.id, ...r.patch })
        .then((updated) => {
          gridRef.current?.applyTransaction({ update: [updated] });
          notify.success(t('products:saved', { code: updated.code }));
        })
        .catch((err: unknown) => notify.error(err));
    },
    [notify, t],
  );

  return (
    <section className="page-body" data-testid="products">
      <div className="toolbar">
        <h1 className="page-title">{t('products:title')}</h1>
        <QuickFilter value={quickFilter} onChange={setQuickFilter} />
        <span className="toolbar-count" data-testid="products-count">
          {t('products:count', { rows: f.qty(count) })}
        </span>
        <span className="toolbar-spacer" />
        {canEdit && (
          <button
            type="button"
            data-testid="products-import-toggle"
            aria-expanded={showImport}
            onClick={() => setShowImport((v) => !v)}
          >
            {t('products:import.open')}
          </button>
        )}
      </div>
      <p className="page-hint">{canEdit ? t('products:hintEdit') : t('products:hintReadOnly')}</p>
      {canEdit && showImport && (
        <CsvImportPanel
          request="products.import"
          ns="products"
          columns={productCsvColumns}
          onClose={() => setShowImport(false)}
        />
      )}
      <CangwuGrid<ProductView>
        gridId="products"
        testId="products-grid"
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
