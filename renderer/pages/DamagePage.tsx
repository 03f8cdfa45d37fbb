// 残损登记 The damage register (issue 13 §Damage, R11 R13 R5): damage reports
// and disposals in grids with state filters, the step each is at and who
// holds it next, every step with who and when in the detail; raising a report
// in a form, proposing a disposal, and the CS manager's causes.
import type { ColDef, SelectionChangedEvent } from 'ag-grid-community';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  damageReporters,
  damageStates,
  disposalStates,
  type DamageCause,
  type DamageReportRow,
  type DamageState,
  type DisposalRow,
  type DisposalState,
} from '../../shared/contract/damage';
import { api } from '../api/client';
import { useApiEvent, useReconnected } from '../api/hooks';
import { hasRole, useSession } from '../app/session';
import { openPrint } from '../app/routes';
import { CangwuGrid } from '../components/grid/CangwuGrid';
import { dateTimeColumn, moneyColumn, qtyColumn } from '../components/grid/formatters';
import { useNotify } from '../components/toast/useNotify';
import { useFormat } from '../i18n/format';
import { CausesPanel } from './damage/CausesPanel';
import { DisposalDetail } from './damage/DisposalDetail';
import { DisposalForm } from './damage/DisposalForm';
import { ReportDetail, causeName } from './damage/ReportDetail';
import { ReportForm } from './damage/ReportForm';
import { TabBar } from '../components/TabBar';

type Tab = 'reports' | 'disposals' | 'causes';
const rowSelection = { mode: 'multiRow', checkboxes: true, enableClickSelection: true } as const;

export function DamagePage() {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const { session } = useSession();
  const canReport = hasRole(session, damageReporters);
  const canPropose = hasRole(session, ['warehouseKeeper', 'operator']);
  const isManager = hasRole(session, ['csManager']);
  const [tab, setTab] = useState<Tab>('reports');
  const [causes, setCauses] = useState<DamageCause[]>([]);
  const [reportState, setReportState] = useState<DamageState | ''>('');
  const [disposalState, setDisposalState] = useState<DisposalState | ''>('');
  const [reports, setReports] = useState<DamageReportRow[]>([]);
  const [disposals, setDisposals] = useState<DisposalRow[]>([]);
  const [selected, setSelected] = useState<DamageReportRow[]>([]);
  const [selectedDisposal, setSelectedDisposal] = useState<number | null>(null);
  const [form, setForm] = useState<'report' | 'disposal' | null>(null);

  const load = useCallback(async () => {
    try {
      const [c, r, d] = await Promise.all([
        api.request('damage.causes', {}),
        api.request('damage.list', reportState ? { state: reportState } : {}),
        api.request('disposals.list', disposalState ? { state: disposalState } : {}),
      ]);
      setCauses(c);
      setReports(r);
      setDisposals(d);
    } catch (e) {
      notify.error(e);
    }
  }, [reportState, disposalState, notify]);
  useEffect(() => {
    void load();
  }, [load]);
  useApiEvent('damage.changed', () => void load());
  useReconnected(() => void load());

  const reportCols = useMemo<ColDef<DamageReportRow>[]>(
    () => [
      { colId: 'number', field: 'number', headerName: t('damage:col.number'), width: 170, pinned: 'left' },
      {
        colId: 'state',
        headerName: t('damage:col.state'),
        width: 110,
        valueGetter: (p) => (p.data ? t(`damage:state.${p.data.state}`) : ''),
        cellClass: (p) => `damage-state-${p.data?.state ?? ''}`,
      },
      {
        colId: 'next',
        headerName: t('damage:col.next'),
        width: 170,
        valueGetter: (p) => (p.data ? (p.data.decidedBy ?? t(`damage:next.${p.data.state}`)) : ''),
      },
      { colId: 'productCode', field: 'productCode', headerName: t('damage:col.product'), width: 100 },
      {
        colId: 'productName',
        headerName: '',
        flex: 1,
        minWidth: 140,
        valueGetter: (p) => (p.data ? f.productName(p.data.productName, p.data.productNameEn) : ''),
      },
      { colId: 'location', field: 'locationCode', headerName: t('damage:col.location'), width: 90 },
      { colId: 'qty', field: 'qty', headerName: t('damage:col.qty'), width: 90, ...qtyColumn<DamageReportRow>(f) },
      {
        colId: 'amount',
        field: 'amountFen',
        headerName: t('damage:col.amount'),
        width: 110,
        ...moneyColumn<DamageReportRow>(f),
      },
      {
        colId: 'whereFound',
        headerName: t('damage:col.whereFound'),
        width: 100,
        valueGetter: (p) => (p.data ? t(`damage:whereFound.${p.data.whereFound}`) : ''),
      },
      {
        colId: 'cause',
        headerName: t('damage:col.cause'),
        width: 120,
        valueGetter: (p) => (p.data ? causeName(causes, p.data.cause, f.productName) : ''),
      },
      {
        colId: 'suggestion',
        headerName: t('damage:col.suggestion'),
        width: 110,
        valueGetter: (p) => (p.data ? t(`damage:kind.${p.data.suggestion}`) : ''),
      },
      {
        colId: 'done',
        field: 'disposedQty',
        headerName: t('damage:col.done'),
        width: 90,
        ...qtyColumn<DamageReportRow>(f),
      },
      { colId: 'reportedBy', field: 'reportedBy', headerName: t('damage:col.reportedBy'), width: 100 },
      {
        colId: 'reportedAt',
        field: 'reportedAt',
        headerName: t('damage:col.reportedAt'),
        width: 150,
        ...dateTimeColumn(f),
      },
      { colId: 'decidedBy', field: 'decidedBy', headerName: t('damage:col.decidedBy'), width: 100 },
      {
        colId: 'decidedAt',
        field: 'decidedAt',
        headerName: t('damage:col.decidedAt'),
        width: 150,
        ...dateTimeColumn(f),
      },
    ],
    [t, f, causes],
  );
  const disposalCols = useMemo<ColDef<DisposalRow>[]>(
    () => [
      { colId: 'number', field: 'number', headerName: t('damage:col.number'), width: 170, pinned: 'left' },
      {
        colId: 'state',
        headerName: t('damage:col.state'),
        width: 110,
        valueGetter: (p) => (p.data ? t(`damage:disposalState.${p.data.state}`) : ''),
        cellClass: (p) => `damage-state-${p.data?.state ?? ''}`,
      },
      {
        colId: 'next',
        headerName: t('damage:col.next'),
        width: 170,
        valueGetter: (p) => (p.data ? (p.data.decidedBy ?? t(`damage:next.${p.data.state}`)) : ''),
      },
      {
        colId: 'kind',
        headerName: t('damage:col.kind'),
        width: 120,
        valueGetter: (p) => (p.data ? t(`damage:kind.${p.data.kind}`) : ''),
      },
      { colId: 'supplier', field: 'supplier', headerName: t('damage:col.supplier'), flex: 1, minWidth: 120 },
      {
        colId: 'lines',
        field: 'lineCount',
        headerName: t('damage:col.lines'),
        width: 80,
        ...qtyColumn<DisposalRow>(f),
      },
      { colId: 'qty', field: 'qty', headerName: t('damage:col.qty'), width: 90, ...qtyColumn<DisposalRow>(f) },
      {
        colId: 'amount',
        field: 'amountFen',
        headerName: t('damage:col.amount'),
        width: 110,
        ...moneyColumn<DisposalRow>(f),
      },
      { colId: 'proposedBy', field: 'proposedBy', headerName: t('damage:col.proposedBy'), width: 100 },
      {
        colId: 'proposedAt',
        field: 'proposedAt',
        headerName: t('damage:col.proposedAt'),
        width: 150,
        ...dateTimeColumn(f),
      },
      { colId: 'decidedBy', field: 'decidedBy', headerName: t('damage:col.decidedBy'), width: 100 },
      {
        colId: 'decidedAt',
        field: 'decidedAt',
        headerName: t('damage:col.decidedAt'),
        width: 150,
        ...dateTimeColumn(f),
      },
      { colId: 'document', field: 'documentNo', headerName: t('damage:col.document'), width: 160 },
    ],
    [t, f],
  );

  const current = selected.length === 1 ? selected[0]! : null;
  return (
    <section className="page-body damage-page" data-testid="damage">
      <div className="toolbar">
        <h1 className="page-title">{t('damage:title')}</h1>
        <TabBar
          tabs={(['reports', 'disposals', ...(isManager ? ['causes'] : [])] as Tab[]).map((k) => ({
            id: k,
            label: t(`damage:tabs.${k}`),
          }))}
          current={tab}
          onChange={setTab}
          testIdPrefix="damage"
        />
        {tab === 'reports' && (
          <select
            value={reportState}
            onChange={(e) => setReportState(e.target.value as DamageState | '')}
            data-testid="damage-state-filter"
            aria-label={t('damage:col.state')}
          >
            <option value="">{t('damage:filter.all')}</option>
            {damageStates.map((s) => (
              <option key={s} value={s}>
                {t(`damage:state.${s}`)}
              </option>
            ))}
          </select>
        )}
        {tab === 'disposals' && (
          <select
            value={disposalState}
            onChange={(e) => setDisposalState(e.target.value as DisposalState | '')}
            data-testid="disposal-state-filter"
            aria-label={t('damage:col.state')}
          >
            <option value="">{t('damage:filter.all')}</option>
            {disposalStates.map((s) => (
              <option key={s} value={s}>
                {t(`damage:disposalState.${s}`)}
              </option>
            ))}
          </select>
        )}
        <span className="toolbar-spacer" />
        {tab === 'reports' && selected.length > 0 && (
          <button
            type="button"
            onClick={() => openPrint('damageRecord', { ids: selected.map((r) => r.id).join(',') })}
            data-testid="damage-print-selected"
          >
            {t('damage:detail.print')}
          </button>
        )}
        {tab === 'reports' && canPropose && current?.state === 'approved' && (
          <button type="button" onClick={() => setForm('disposal')} data-testid="damage-dispose">
            {t('damage:disposal.new')}
          </button>
        )}
        {tab === 'reports' && canReport && (
          <button type="button" className="primary" onClick={() => setForm('report')} data-testid="damage-new">
            {t('damage:new')}
          </button>
        )}
        {tab === 'disposals' && canPropose && (
          <button type="button" className="primary" onClick={() => setForm('disposal')} data-testid="disposal-new">
            {t('damage:disposal.new')}
          </button>
        )}
      </div>
      <p className="page-hint">{t('damage:hint')}</p>
      {form === 'report' && (
        <ReportForm
          causes={causes}
          onCancel={() => setForm(null)}
          onReported={() => {
            setForm(null);
            void load();
          }}
        />
      )}
      {form === 'disposal' && (
        <DisposalForm
          fromReport={tab === 'reports' ? current : null}
          onCancel={() => setForm(null)}
          onProposed={(d) => {
            setForm(null);
            setTab('disposals');
            setSelectedDisposal(d.id);
            void load();
          }}
        />
      )}
      {tab === 'reports' && (
        <div className="damage-split">
          <CangwuGrid<DamageReportRow>
            gridId="damageReports"
            testId="damage-grid"
            rowData={reports}
            columnDefs={reportCols}
            getRowId={(p) => String(p.data.id)}
            rowSelection={rowSelection}
            onSelectionChanged={(e: SelectionChangedEvent<DamageReportRow>) => setSelected(e.api.getSelectedRows())}
          />
          {current ? (
            <ReportDetail key={current.id} reportId={current.id} causes={causes} />
          ) : (
            <p className="task-empty">{t('damage:detail.empty')}</p>
          )}
        </div>
      )}
      {tab === 'disposals' && (
        <div className="damage-split">
          <CangwuGrid<DisposalRow>
            gridId="disposals"
            testId="disposal-grid"
            rowData={disposals}
            columnDefs={disposalCols}
            getRowId={(p) => String(p.data.id)}
            rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
            onSelectionChanged={(e: SelectionChangedEvent<DisposalRow>) =>
              setSelectedDisposal(e.api.getSelectedRows()[0]?.id ?? null)
            }
          />
          {selectedDisposal !== null ? (
            <DisposalDetail key={selectedDisposal} disposalId={selectedDisposal} />
          ) : (
            <p className="task-empty">{t('damage:detail.empty')}</p>
          )}
        </div>
      )}
      {tab === 'causes' && isManager && <CausesPanel causes={causes} onSaved={setCauses} />}
    </section>
  );
}
