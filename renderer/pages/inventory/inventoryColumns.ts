// The inventory grid's columns: one row per (product, status, location) balance.
import type { ColDef } from 'ag-grid-community';
import type { TFunction } from 'i18next';
import type { BalanceRow } from '../../../shared/contract/types';
import { enumColumn, moneyColumn, qtyColumn } from '../../components/grid/formatters';
import type { Formatters } from '../../i18n/format';

/** R13: a (product, status, location) balance is one row; this is its id for transactions. */
export const balanceRowId = (k: { productId: number; status: string; locationId: number }) =>
  `${k.productId}-${k.status}-${k.locationId}`;

export function inventoryColumns(t: TFunction, f: Formatters): ColDef<BalanceRow>[] {
  return [
    {
      colId: 'productCode',
      field: 'productCode',
      headerName: t('inventory:col.code'),
      width: 150,
      pinned: 'left',
      // R13: an old code keeps its own stock; mark it so nobody merges it by eye.
      valueFormatter: (p) =>
        p.data?.oldCode ? t('inventory:oldCode', { code: p.value as string }) : ((p.value as string | undefined) ?? ''),
      cellClassRules: { 'cell-old-code': (p) => p.data?.oldCode === true },
    },
    {
      colId: 'name',
      headerName: t('inventory:col.name'),
      flex: 2,
      minWidth: 200,
      valueGetter: (p) => (p.data?.productNameZh ? f.productName(p.data.productNameZh, p.data.productNameEn) : ''),
    },
    { colId: 'category', field: 'category', headerName: t('inventory:col.category'), width: 130 },
    {
      colId: 'status',
      field: 'status',
      headerName: t('inventory:col.status'),
      width: 115,
      ...enumColumn<BalanceRow>(t, 'domain:status', 'status'),
      cellClassRules: {
        'cell-status-damaged': (p) => p.value === 'damaged',
        'cell-status-gift': (p) => p.value === 'gift',
      },
    },
    { colId: 'location', field: 'locationCode', headerName: t('inventory:col.location'), width: 140 },
    { colId: 'qty', field: 'qty', headerName: t('inventory:col.qty'), width: 120, ...qtyColumn<BalanceRow>(f) },
    { colId: 'unit', field: 'unit', headerName: t('inventory:col.unit'), width: 80, filter: false },
    {
      colId: 'unitCostFen',
      field: 'unitCostFen',
      headerName: t('inventory:col.unitCost'),
      width: 130,
      ...moneyColumn<BalanceRow>(f),
    },
    {
      colId: 'amountFen',
      field: 'amountFen',
      headerName: t('inventory:col.amount'),
      width: 150,
      ...moneyColumn<BalanceRow>(f),
    },
  ];
}
