// The sessions list's columns: number, state, blind, scope, counters, progress,
// the adjustment form and the dates.
import type { ColDef } from 'ag-grid-community';
import type { TFunction } from 'i18next';
import type { CountSessionRow } from '../../../shared/contract/counts';
import { dateTimeColumn, enumColumn } from '../../components/grid/formatters';
import type { Formatters } from '../../i18n/format';
import { countersText, scopeSummary, type LocationIndex } from './countText';

export function sessionColumns(t: TFunction, f: Formatters, index: LocationIndex): ColDef<CountSessionRow>[] {
  return [
    {
      colId: 'number',
      field: 'number',
      headerName: t('counts:col.number'),
      width: 175,
      pinned: 'left',
      cellClass: 'mono',
    },
    {
      colId: 'state',
      field: 'state',
      headerName: t('counts:col.state'),
      width: 100,
      ...enumColumn<CountSessionRow>(t, 'counts:state', 'state'),
      cellClass: (p) => (p.value ? `count-state count-state-${String(p.value)}` : ''),
    },
    {
      colId: 'blind',
      headerName: t('counts:col.blind'),
      width: 80,
      valueGetter: (p) => (p.data ? (p.data.blind ? t('counts:yes') : t('counts:no')) : ''),
    },
    {
      colId: 'scope',
      headerName: t('counts:col.scope'),
      flex: 1,
      minWidth: 200,
      valueGetter: (p) => (p.data ? scopeSummary(p.data.scope, index, t) : ''),
      tooltipValueGetter: (p) => (p.data ? scopeSummary(p.data.scope, index, t) : ''),
    },
    {
      colId: 'counters',
      headerName: t('counts:col.counters'),
      width: 180,
      valueGetter: (p) => (p.data ? countersText(p.data.counters, t) : ''),
    },
    {
      colId: 'progress',
      headerName: t('counts:col.progress'),
      width: 130,
      type: 'rightAligned',
      valueGetter: (p) => (p.data ? p.data.countedLineCount : null),
      valueFormatter: (p) =>
        p.data ? t('counts:progress', { counted: f.qty(p.data.countedLineCount), total: f.qty(p.data.lineCount) }) : '',
      filter: 'agNumberColumnFilter',
    },
    {
      colId: 'form',
      headerName: t('counts:col.form'),
      width: 170,
      valueGetter: (p) =>
        p.data?.formNumber
          ? `${p.data.formNumber} ${p.data.formState ? t(`counts:formState.${p.data.formState}`) : ''}`
          : '',
    },
    { colId: 'createdAt', field: 'createdAt', headerName: t('counts:col.createdAt'), width: 165, ...dateTimeColumn(f) },
    { colId: 'createdBy', field: 'createdBy', headerName: t('counts:col.createdBy'), width: 100 },
    { colId: 'startedAt', field: 'startedAt', headerName: t('counts:col.startedAt'), width: 150, ...dateTimeColumn(f) },
    {
      colId: 'finishedAt',
      field: 'countingFinishedAt',
      headerName: t('counts:col.finishedAt'),
      width: 150,
      ...dateTimeColumn(f),
    },
    { colId: 'closedAt', field: 'closedAt', headerName: t('counts:col.closedAt'), width: 150, ...dateTimeColumn(f) },
  ];
}
