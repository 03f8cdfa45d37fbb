// Column building blocks shared by the pages: quantities, money, instants and
// translated enums, each formatted through Intl in the active language and
// filterable by what the user sees.
import type { ColDef, ValueFormatterParams } from 'ag-grid-community';
import type { TFunction } from 'i18next';
import { parseYuanToFen } from '../../../shared/catalogue/productCsv';
import type { Formatters } from '../../i18n/format';

/** Integer quantities: right-aligned, number filter, grouped digits. */
export function qtyColumn<T>(f: Formatters): Partial<ColDef<T>> {
  return {
    type: 'rightAligned',
    filter: 'agNumberColumnFilter',
    cellDataType: 'number',
    valueFormatter: (p: ValueFormatterParams<T>) => f.qty(p.value as number | null),
  };
}

/** Money held as integer fen, shown as ¥ with 2 decimals; filtered in yuan. */
export function moneyColumn<T>(f: Formatters): Partial<ColDef<T>> {
  return {
    type: 'rightAligned',
    filter: 'agNumberColumnFilter',
    cellDataType: 'number',
    valueFormatter: (p: ValueFormatterParams<T>) => f.money(p.value as number | null),
    // Users type yuan in the filter; the data is fen.
    filterParams: { numberParser: (text: string | null) => (text ? parseYuanToFen(text) : null) },
  };
}

/** An ISO instant in the local time of the active language. */
export function dateTimeColumn<T>(f: Formatters): Partial<ColDef<T>> {
  return {
    cellDataType: 'text',
    valueFormatter: (p: ValueFormatterParams<T>) => f.dateTime(p.value as string | null),
    filter: false,
    // "2026/11/23 14:46" whole, with the cell's padding and a sort arrow: narrower cuts off the minutes.
    minWidth: 170,
  };
}

/**
 * An enum (status, movement type, role) translated under `prefix`
 * ("domain:status"); the text filter and quick filter match the translation.
 */
export function enumColumn<T>(t: TFunction, prefix: string, field: keyof T & string): Partial<ColDef<T>> {
  const label = (v: unknown) => (typeof v === 'string' && v ? t(`${prefix}.${v}`) : '');
  return {
    valueFormatter: (p: ValueFormatterParams<T>) => label(p.value),
    filter: 'agTextColumnFilter',
    filterValueGetter: (p) => label((p.data as Record<string, unknown> | undefined)?.[field]),
    getQuickFilterText: (p) => label(p.value),
  };
}
