// Customer value analysis 客户价值分析 (issue 17 §4): the manager picks a
// period (the last year by default; #/customerValue?from=…&to=…), sees one
// tile per class (customers, net value, share, last period's count), the
// Pareto chart of the cumulative value against the customers with the A line,
// the movements between classes, and the grid of customers (rank, code, name
// linking to the customer's page, area, salesperson, R F M, class, segment,
// previous class, movement), exported as CSV. Definitions and the 80/20 rule:
// shared/contract/analyses/customerValue.ts. Live on outcomes, returns and
// customers changed.
import type { ColDef } from 'ag-grid-community';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerValueAnalysis, CustomerValueRow } from '../../../shared/contract';
import { addDaysTo } from '../../../shared/reports/weeks';
import { api } from '../../api/client';
import { navigate, useRoute } from '../../app/routes';
import { CustomerLink } from '../../components/CustomerLink';
import { downloadText } from '../../components/download';
import { CangwuGrid } from '../../components/grid/CangwuGrid';
import { useGridEvents } from '../../components/grid/useGridEvents';
import { useNotify } from '../../components/toast/useNotify';
import { useFormat, warehouseToday } from '../../i18n/format';
import { Chart } from '../analyses/Chart';
import { paretoOption } from './paretoChart';
import { valueCsv, valueCsvName } from './valueCsv';

const datePattern = /^\d{4}-\d{2}-\d{2}$/;
const defaultColDef: ColDef = { sortable: true, resizable: true, filter: true };

export function CustomerValuePage() {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const route = useRoute();
  const yesterday = addDaysTo(warehouseToday(), -1);
  const askedTo = route.params.get('to');
  const askedFrom = route.params.get('from');
  const to = askedTo && datePattern.test(askedTo) ? askedTo : yesterday;
  const from = askedFrom && datePattern.test(askedFrom) ? askedFrom : addDaysTo(to, -364);
  const [data, setData] = useState<CustomerValueAnalysis | null>(null);
  const [busy, setBusy] = useState(true);
  const [find, setFind] = useState('');
  const [draft, setDraft] = useState({ from, to });
  useEffect(() => setDraft({ from, to }), [from, to]);
  const seq = useRef(0);

  const load = useCallback(() => {
    const mine = ++seq.current;
    setBusy(true);
    api.request('analyses.customerValue', { from, to }).then(
      (a) => {
        if (mine !== seq.current) return;
        setData(a);
        setBusy(false);
      },
      (e: unknown) => {
        if (mine !== seq.current) return;
        setBusy(false);
        notify.error(e);
      },
    );
  }, [from, to, notify]);
  useEffect(load, [load]);
  useGridEvents({
    'dispatch.changed': () => load(),
    'returns.changed': () => load(),
    'customers.changed': () => load(),
    reconnected: () => load(),
  });

  const go = (p: { from: string; to: string }) => navigate('customerValue', p);
  const last = (days: number) => go({ from: addDaysTo(yesterday, 1 - days), to: yesterday });

  const c = (k: string) => t(`customerValue:col.${k}`);
  const columns = useMemo<ColDef<CustomerValueRow>[]>(
    () => [
      { field: 'rank', headerName: c('rank'), width: 80, pinned: 'left', type: 'numericColumn' },
      { field: 'customerCode', headerName: c('code'), width: 110, pinned: 'left', cellClass: 'mono' },
      {
        field: 'customerName',
        headerName: c('name'),
        width: 190,
        cellRenderer: (p: { data?: CustomerValueRow }) =>
          p.data ? <CustomerLink id={p.data.customerId}>{p.data.customerName}</CustomerLink> : null,
      },
      { field: 'area', headerName: c('area'), width: 90 },
      { field: 'salespersonName', headerName: c('salesperson'), width: 110 },
      { field: 'recencyDays', headerName: c('recency'), width: 150, type: 'numericColumn' },
      { field: 'frequency', headerName: c('frequency'), width: 110, type: 'numericColumn' },
      {
        field: 'moneyFen',
        headerName: c('money'),
        width: 140,
        type: 'numericColumn',
        valueFormatter: (p: { value: number }) => f.money(p.value),
      },
      {
        field: 'cumulativePct',
        headerName: c('cumulative'),
        width: 110,
        type: 'numericColumn',
        valueFormatter: (p: { value: number; data?: CustomerValueRow }) =>
          p.data?.valueClass ? `${p.value.toFixed(1)}%` : '',
      },
      {
        field: 'valueClass',
        headerName: c('class'),
        width: 80,
        cellClass: (p: { value: string | null }) => (p.value ? `cv-class cv-class-${p.value}` : 'cv-class'),
      },
      {
        colId: 'rfm',
        headerName: c('rfm'),
        width: 80,
        cellClass: 'mono',
        valueGetter: (p: { data?: CustomerValueRow }) => (p.data?.r ? `${p.data.r}${p.data.f}${p.data.m}` : ''),
      },
      {
        field: 'segment',
        headerName: c('segment'),
        width: 140,
        valueFormatter: (p: { value: string | null }) => (p.value ? t(`customerValue:segment.${p.value}`) : ''),
      },
      { field: 'previousClass', headerName: c('previousClass'), width: 100 },
      {
        field: 'movement',
        headerName: c('movement'),
        width: 100,
        valueFormatter: (p: { value: string }) => t(`customerValue:movement.${p.value}`),
        cellClass: (p: { value: string }) => `cv-move cv-move-${p.value}`,
      },
      {
        field: 'deliveredFen',
        headerName: c('delivered'),
        width: 130,
        type: 'numericColumn',
        valueFormatter: (p: { value: number }) => f.money(p.value),
      },
      {
        field: 'refusedFen',
        headerName: c('refused'),
        width: 120,
        type: 'numericColumn',
        valueFormatter: (p: { value: number }) => f.money(p.value),
      },
      {
        field: 'returnedFen',
        headerName: c('returned'),
        width: 120,
        type: 'numericColumn',
        valueFormatter: (p: { value: number }) => f.money(p.value),
      },
      { field: 'refusals', headerName: c('refusals'), width: 100, type: 'numericColumn' },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t, f],
  );
  const chart = useMemo(
    () =>
      data
        ? paretoOption(data, {
            money: t('customerValue:chart.money'),
            cumulative: t('customerValue:chart.cumulative'),
            line: t('customerValue:chart.line', { pct: data.aSharePct }),
            customers: t('customerValue:chart.customers'),
          })
        : null,
    [data, t],
  );
  const moves = data
    ? data.movements
        .filter((m) => m.from !== m.to)
        .map(
          (m) =>
            `${m.from ?? t('customerValue:movement.new')}→${m.to ?? t('customerValue:movement.lost')} ${m.customers}`,
        )
        .join(' · ')
    : '';

  return (
    <section className="page-body cv-page" data-testid="customerValue">
      <div className="toolbar">
        <h2>{t('customerValue:title')}</h2>
        <form
          className="cv-period"
          onSubmit={(e) => {
            e.preventDefault();
            if (datePattern.test(draft.from) && datePattern.test(draft.to)) go(draft);
          }}
        >
          <label className="inline-field">
            {t('customerValue:from')}
            <input
              type="date"
              value={draft.from}
              data-testid="cv-from"
              onChange={(e) => setDraft((d) => ({ ...d, from: e.target.value }))}
            />
          </label>
          <label className="inline-field">
            {t('customerValue:to')}
            <input
              type="date"
              value={draft.to}
              data-testid="cv-to"
              onChange={(e) => setDraft((d) => ({ ...d, to: e.target.value }))}
            />
          </label>
          <button type="submit" data-testid="cv-run">
            {t('customerValue:run')}
          </button>
        </form>
        {[30, 90, 365].map((d) => (
          <button key={d} type="button" data-testid={`cv-last-${d}`} onClick={() => last(d)}>
            {t(`customerValue:days${d}`)}
          </button>
        ))}
        <span className="toolbar-spacer" />
        <button
          type="button"
          disabled={!data}
          data-testid="cv-csv"
          onClick={() => data && downloadText(valueCsvName(data), valueCsv(t, data))}
        >
          {t('customerValue:exportCsv')}
        </button>
      </div>
      {busy && (
        <p className="page-hint" role="status" data-testid="cv-busy">
          {t('customerValue:loading')}
        </p>
      )}
      {data && (
        <>
          <p className="page-hint" data-testid="cv-rule">
            {data.from} – {data.to} · {t('customerValue:compared', { from: data.compareFrom, to: data.compareTo })}
            <br />
            {t('customerValue:rule', { a: data.aSharePct, b: data.bSharePct })}
          </p>
          <div className="cv-tiles">
            {data.classes.map((k) => (
              <div
                key={k.valueClass}
                className={`cv-tile cv-tile-${k.valueClass}`}
                data-testid={`cv-tile-${k.valueClass}`}
              >
                <div className="cv-tile-class">{k.valueClass}</div>
                <div>{t('customerValue:tile.customers', { count: k.customers })}</div>
                <div>{t('customerValue:tile.value', { value: f.money(k.moneyFen) })}</div>
                <div className="cv-tile-share">
                  {t('customerValue:tile.share', { share: `${k.sharePct.toFixed(1)}%` })}
                </div>
                <div className="cv-tile-prev">{t('customerValue:tile.previous', { count: k.previousCustomers })}</div>
              </div>
            ))}
          </div>
          {data.rows.length === 0 ? (
            <p className="page-hint" data-testid="cv-empty">
              {t('customerValue:empty')}
            </p>
          ) : (
            <>
              <h3 className="cv-chart-title">{t('customerValue:chart.title')}</h3>
              {chart && <Chart option={chart} height={280} testId="cv-chart" />}
              <p className="page-hint" data-testid="cv-moves">
                {t('customerValue:moves', { list: moves || t('customerValue:none') })}
              </p>
            </>
          )}
          <div className="toolbar">
            <input
              type="search"
              value={find}
              placeholder={t('customerValue:find')}
              aria-label={t('customerValue:find')}
              data-testid="cv-find"
              onChange={(e) => setFind(e.target.value)}
            />
          </div>
          <CangwuGrid<CustomerValueRow>
            gridId="customer-value"
            quickFilterText={find}
            rowData={data.rows}
            columnDefs={columns}
            defaultColDef={defaultColDef}
            getRowId={(p) => String(p.data.customerId)}
          />
        </>
      )}
    </section>
  );
}
