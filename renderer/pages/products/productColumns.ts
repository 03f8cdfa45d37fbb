// The products grid. Editable cells (operator, admin) carry `context.edit`,
// the field name products.update knows.
import type { ColDef } from 'ag-grid-community';
import type { TFunction } from 'i18next';
import { parseYuanToFen } from '../../../shared/catalogue/productCsv';
import type { ProductView } from '../../../shared/contract/types';
import { formatFenAsYuan } from '../../../shared/money';
import { qtyColumn } from '../../components/grid/formatters';
import type { Formatters } from '../../i18n/format';
import type { EditableField } from './productEdit';

export type ProductColumnContext = { edit?: EditableField };

export function productColumns(t: TFunction, f: Formatters, canEdit: boolean): ColDef<ProductView>[] {
  const editable = (edit: EditableField, col: ColDef<ProductView>): ColDef<ProductView> => ({
    ...col,
    editable: canEdit,
    context: { edit } satisfies ProductColumnContext,
    cellClass: canEdit ? 'cell-editable' : undefined,
  });
  return [
    { colId: 'code', field: 'code', headerName: t('products:col.code'), width: 140, pinned: 'left' },
    editable('nameZh', {
      colId: 'nameZh',
      field: 'nameZh',
      headerName: t('products:col.nameZh'),
      flex: 2,
      minWidth: 180,
    }),
    editable('nameEn', {
      colId: 'nameEn',
      field: 'nameEn',
      headerName: t('products:col.nameEn'),
      flex: 2,
      minWidth: 180,
    }),
    editable('spec', { colId: 'spec', field: 'spec', headerName: t('products:col.spec'), width: 120 }),
    editable('unit', { colId: 'unit', field: 'unit', headerName: t('products:col.unit'), width: 80 }),
    editable('casePack', {
      colId: 'casePack',
      field: 'casePack',
      headerName: t('products:col.casePack'),
      width: 100,
      ...qtyColumn<ProductView>(f),
      cellEditor: 'agTextCellEditor',
    }),
    editable('unitCost', {
      colId: 'unitCost',
      headerName: t('products:col.unitCost'),
      width: 130,
      type: 'rightAligned',
      cellDataType: 'text',
      // The editor shows and takes yuan ("12.50"); the data stays integer fen.
      valueGetter: (p) => (p.data && p.data.unitCostFen !== null ? formatFenAsYuan(p.data.unitCostFen) : ''),
      valueFormatter: (p) => (p.data ? f.money(p.data.unitCostFen) : ''),
      comparator: (_a, _b, na, nb) => (na.data?.unitCostFen ?? 0) - (nb.data?.unitCostFen ?? 0),
      filter: 'agNumberColumnFilter',
      filterValueGetter: (p) => p.data?.unitCostFen ?? null,
      filterParams: { numberParser: (s: string | null) => (s ? parseYuanToFen(s) : null) },
      cellEditor: 'agTextCellEditor',
    }),
    editable('category', { colId: 'category', field: 'category', headerName: t('products:col.category'), width: 130 }),
    editable('active', {
      colId: 'active',
      field: 'active',
      headerName: t('products:col.active'),
      width: 90,
      cellDataType: 'boolean',
    }),
    {
      colId: 'replacedBy',
      field: 'replacedByCode',
      headerName: t('products:col.replacedBy'),
      width: 130,
      headerTooltip: t('products:col.replacedByHint'),
    },
    { colId: 'unitBarcode', field: 'unitBarcode', headerName: t('products:col.unitBarcode'), width: 150 },
    { colId: 'caseBarcode', field: 'caseBarcode', headerName: t('products:col.caseBarcode'), width: 160 },
  ];
}
