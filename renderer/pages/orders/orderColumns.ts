// The orders grid of a dispatch date: state, channel, customer, area, route,
// salesperson, units, cases, amount, emergency, qualification reasons — each
// translated and filterable by what the user sees.
import type { ColDef } from 'ag-grid-community';
import type { TFunction } from 'i18next';
import type { OrderRow } from '../../../shared/contract/orders';
import { enumColumn, moneyColumn, qtyColumn } from '../../components/grid/formatters';
import type { Formatters } from '../../i18n/format';
import { issuesText } from './orderText';

export function orderColumns(t: TFunction, f: Formatters): ColDef<OrderRow>[] {
  const yes = t('common:yes');
  return [
    {
      colId: 'number',
      field: 'number',
      headerName: t('orders:col.number'),
      width: 175,
      pinned: 'left',
      cellClass: 'mono',
    },
    {
      colId: 'state',
      field: 'state',
      headerName: t('orders:col.state'),
      width: 110,
      ...enumColumn<OrderRow>(t, 'orders:state', 'state'),
      cellClass: (p) => (p.data ? `order-state order-state-${p.data.state}` : ''),
    },
    {
      colId: 'channel',
      field: 'channel',
      headerName: t('orders:col.channel'),
      width: 90,
      ...enumColumn<OrderRow>(t, 'orders:channel', 'channel'),
    },
    {
      colId: 'customerCode',
      field: 'customerCode',
      headerName: t('orders:col.customerCode'),
      width: 120,
      cellClass: 'mono',
    },
    { colId: 'customer', field: 'customerName', headerName: t('orders:col.customer'), flex: 1, minWidth: 160 },
    { colId: 'area', field: 'area', headerName: t('orders:col.area'), width: 100 },
    { colId: 'route', field: 'route', headerName: t('orders:col.route'), width: 100 },
    { colId: 'salesperson', field: 'salespersonName', headerName: t('orders:col.salesperson'), width: 110 },
    { colId: 'units', field: 'units', headerName: t('orders:col.units'), width: 90, ...qtyColumn<OrderRow>(f) },
    { colId: 'cases', field: 'cases', headerName: t('orders:col.cases'), width: 90, ...qtyColumn<OrderRow>(f) },
    {
      colId: 'amount',
      field: 'amountFen',
      headerName: t('orders:col.amount'),
      width: 120,
      ...moneyColumn<OrderRow>(f),
    },
    {
      colId: 'emergency',
      field: 'emergency',
      headerName: t('orders:col.emergency'),
      width: 80,
      cellDataType: 'text',
      valueFormatter: (p) => (p.value ? yes : ''),
      filterValueGetter: (p) => (p.data?.emergency ? yes : ''),
      getQuickFilterText: (p) => (p.value ? yes : ''),
      cellClass: (p) => (p.data?.emergency ? 'order-emergency' : ''),
    },
    {
      colId: 'issues',
      headerName: t('orders:col.issues'),
      flex: 2,
      minWidth: 220,
      valueGetter: (p) => (p.data ? issuesText(t, p.data.issues) : ''),
      tooltipValueGetter: (p) => (p.data ? issuesText(t, p.data.issues) : ''),
      filter: 'agTextColumnFilter',
    },
    { colId: 'lines', field: 'lineCount', headerName: t('orders:col.lines'), width: 80, ...qtyColumn<OrderRow>(f) },
    { colId: 'reference', field: 'reference', headerName: t('orders:col.reference'), width: 130, hide: true },
    { colId: 'orderDate', field: 'orderDate', headerName: t('orders:col.orderDate'), width: 120, hide: true },
    { colId: 'deliveryDate', field: 'deliveryDate', headerName: t('orders:col.deliveryDate'), width: 120, hide: true },
    { colId: 'note', field: 'note', headerName: t('orders:col.note'), width: 160, hide: true },
  ];
}
