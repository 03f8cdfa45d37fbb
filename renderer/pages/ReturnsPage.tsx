// 退货登记 The return register (issue 13 §Returns, R12): returns in a grid with
// state and kind filters, the step each is at and who holds it next; the
// detail shows the lines, every step with who and when, and the step the
// signed-in role may take (approve/reject, the keeper's check, the note).
import type { ColDef, SelectionChangedEvent } from 'ag-grid-community';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { returnKinds, returnStates, type ReturnKind, type ReturnRow, type ReturnState } from '../../shared/contract';
import { api } from '../api/client';
import { useApiEvent, useReconnected } from '../api/hooks';
import { CangwuGrid } from '../components/grid/CangwuGrid';
import { dateTimeColumn, moneyColumn, qtyColumn } from '../components/grid/formatters';
import { useNotify } from '../components/toast/useNotify';
import { useFormat } from '../i18n/format';
import { ReturnDetail } from './returns/ReturnDetail';
import { ReturnsToolbar } from './returns/ReturnsToolbar';
import { RefusalsAwaiting } from './returns/RefusalsAwaiting';

export function ReturnsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const [state, setState] = useState<ReturnState | ''>('');
  const [kind, setKind] = useState<ReturnKind | ''>('');
  const [rows, setRows] = useState<ReturnRow[]>([]);
  const [selected, setSelected] = useState<number | null>(null);

  const load = useCallback(async () => {
    try {
      setRows(await api.request('returns.list', { ...(state ? { state } : {}), ...(kind ? { kind } : {}) }));
    } catch (e) {
      notify.error(e);
    }
  }, [state, kind, notify]);
  useEffect(() => {
    void load();
  }, [load]);
  useApiEvent('returns.changed', () => void load());
  useReconnected(() => void load());

  const cols = useMemo<ColDef<ReturnRow>[]>(
    () => [
      { colId: 'number', field: 'number', headerName: t('returns:col.number'), width: 170, pinned: 'left' },
      {
        colId: 'kind',
        headerName: t('returns:col.kind'),
        width: 90,
        valueGetter: (p) => (p.data ? t(`returns:kind.${p.data.kind}`) : ''),
      },
      {
        colId: 'state',
        headerName: t('returns:col.state'),
        width: 100,
        valueGetter: (p) => (p.data ? t(`returns:state.${p.data.state}`) : ''),
        cellClass: (p) => `returns-state-${p.data?.state ?? ''}`,
      },
      {
        colId: 'next',
        headerName: t('returns:col.next'),
        width: 120,
        valueGetter: (p) => (p.data?.nextRole ? t(`domain:role.${p.data.nextRole}`) : ''),
      },
      { colId: 'customer', field: 'customerName', headerName: t('returns:col.customer'), flex: 1, minWidth: 140 },
      { colId: 'salesperson', field: 'salespersonName', headerName: t('returns:col.salesperson'), width: 100 },
      {
        colId: 'orders',
        headerName: t('returns:col.orders'),
        width: 160,
        valueGetter: (p) =>
          p.data ? (p.data.noDelivery ? t('returns:noDelivery') : p.data.orderNumbers.join(', ')) : '',
      },
      { colId: 'units', field: 'units', headerName: t('returns:col.units'), width: 90, ...qtyColumn<ReturnRow>(f) },
      {
        colId: 'amount',
        field: 'amountFen',
        headerName: t('returns:col.amount'),
        width: 110,
        ...moneyColumn<ReturnRow>(f),
      },
      {
        colId: 'differences',
        headerName: t('returns:col.differences'),
        width: 90,
        valueGetter: (p) => (p.data?.hasDifferences ? t('returns:differs') : ''),
      },
      { colId: 'reportedBy', field: 'reportedBy', headerName: t('returns:col.reportedBy'), width: 100 },
      {
        colId: 'reportedAt',
        field: 'reportedAt',
        headerName: t('returns:col.reportedAt'),
        width: 150,
        ...dateTimeColumn(f),
      },
      { colId: 'note', field: 'noteNumber', headerName: t('returns:col.note'), width: 160 },
    ],
    [t, f],
  );

  return (
    <section className="page-body returns-page" data-testid="returns">
      <div className="toolbar">
        <h1 className="page-title">{t('returns:title')}</h1>
        <select
          value={state}
          onChange={(e) => setState(e.target.value as ReturnState | '')}
          data-testid="returns-state-filter"
          aria-label={t('returns:col.state')}
        >
          <option value="">{t('returns:filter.allStates')}</option>
          {returnStates.map((s) => (
            <option key={s} value={s}>
              {t(`returns:state.${s}`)}
            </option>
          ))}
        </select>
        <select
          value={kind}
          onChange={(e) => setKind(e.target.value as ReturnKind | '')}
          data-testid="returns-kind-filter"
          aria-label={t('returns:col.kind')}
        >
          <option value="">{t('returns:filter.allKinds')}</option>
          {returnKinds.map((k) => (
            <option key={k} value={k}>
              {t(`returns:kind.${k}`)}
            </option>
          ))}
        </select>
        <ReturnsToolbar onFound={setSelected} />
      </div>
      <p className="page-hint">{t('returns:hint')}</p>
      <RefusalsAwaiting />
      <div className="returns-split">
        <CangwuGrid<ReturnRow>
          gridId="returns"
          testId="returns-grid"
          rowData={rows}
          columnDefs={cols}
          getRowId={(p) => String(p.data.id)}
          rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
          onSelectionChanged={(e: SelectionChangedEvent<ReturnRow>) =>
            setSelected(e.api.getSelectedRows()[0]?.id ?? null)
          }
        />
        {selected !== null ? (
          <ReturnDetail key={selected} returnId={selected} />
        ) : (
          <p className="task-empty">{t('returns:detail.empty')}</p>
        )}
      </div>
    </section>
  );
}
