// 运行 EDR (issue 17 §2): the operator picks a week (the last full week by
// default), sees the three tables the principal receives — sell-out, stock on
// hand, returns — and exports them as CSV or Excel (shared/reports/edrTable.ts,
// the one file format). The export is logged first (edr.recordExport): a week
// not over goes out as a DRAFT, a week sent before as a RESEND, and both the
// file name and every row say so. The log and the principal's product codes
// (edited in place) are tabs of the same page; live on edr.changed.
import type { CellValueChangedEvent, ColDef } from 'ag-grid-community';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EdrCodeRow, EdrExport, EdrWeek } from '../../../shared/contract';
import { edrCsv, edrFileName, edrSendOf, edrXlsx, type EdrSend } from '../../../shared/reports/edrTable';
import { addDaysTo, isoWeekOf, lastFullWeek, weekDays } from '../../../shared/reports/weeks';
import { api } from '../../api/client';
import { navigate, openPrint, useRoute } from '../../app/routes';
import { CangwuGrid } from '../../components/grid/CangwuGrid';
import { useGridEvents } from '../../components/grid/useGridEvents';
import { useNotify } from '../../components/toast/useNotify';
import { useFormat } from '../../i18n/format';
import { warehouseToday } from '../../i18n/format';
import { downloadBytes, downloadText, xlsxMime } from '../../components/download';
import { TabBar } from '../../components/TabBar';

const tabs = ['sellOut', 'stock', 'returns', 'log', 'codes'] as const;
type Tab = (typeof tabs)[number];
const defaultColDef: ColDef = { sortable: true, resizable: true, filter: true };
const weekPattern = /^\d{4}-W\d{2}$/;

export function EdrPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const route = useRoute();
  const asked = route.params.get('week');
  const week = asked && weekPattern.test(asked) ? asked : lastFullWeek(warehouseToday());
  const [data, setData] = useState<EdrWeek | null>(null);
  const [log, setLog] = useState<EdrExport[]>([]);
  const [codes, setCodes] = useState<EdrCodeRow[]>([]);
  const [tab, setTab] = useState<Tab>('sellOut');
  const [busy, setBusy] = useState(false);
  const [find, setFind] = useState('');
  /** The EDR folder on the host (set by the administrator), null when none. */
  const [folder, setFolder] = useState<string | null>(null);

  const load = useCallback(() => {
    api.request('edr.week', { week }).then(setData, (e: unknown) => {
      setData(null);
      notify.error(e);
    });
    api.request('edr.log', {}).then(setLog, notify.error);
    api.request('edr.folder', {}).then((r) => setFolder(r.folder), notify.error);
  }, [week, notify]);
  const loadCodes = useCallback(() => api.request('edr.codes', {}).then(setCodes, notify.error), [notify]);
  useEffect(() => {
    setData(null);
    load();
  }, [load]);
  useEffect(() => {
    if (tab === 'codes') void loadCodes();
  }, [tab, loadCodes]);
  useGridEvents({
    'edr.changed': () => {
      load();
      if (tab === 'codes') void loadCodes();
    },
    'stock.changed': () => load(),
    reconnected: () => load(),
  });

  const go = (w: string) => navigate('edr', { week: w });
  const shift = (days: number) => go(isoWeekOf(addDaysTo(weekDays(week).from, days)));
  const send: EdrSend | null = data ? edrSendOf(data) : null;

  const exportAs = async (format: 'csv' | 'xlsx') => {
    if (!data || !send) return;
    setBusy(true);
    try {
      // Logged first, and the file is written from the tables the log counted.
      const { data: sent } = await api.request('edr.recordExport', { week, format, draft: send === 'DRAFT' });
      const file = edrFileName(week, send, format);
      if (format === 'csv') downloadText(file, edrCsv(sent, send));
      else downloadBytes(await edrXlsx(sent, send), file, xlsxMime);
      notify.success(t('edr:exported', { file, send: t(`edr:send.${send}`) }));
    } catch (e) {
      notify.error(e);
    } finally {
      setBusy(false);
    }
  };

  // 写入文件夹: the host writes the CSV and the XLSX into its EDR folder and logs both with their paths.
  const writeToFolder = async () => {
    if (!send) return;
    setBusy(true);
    try {
      const { files } = await api.request('edr.writeToFolder', { week, draft: send === 'DRAFT' });
      notify.success(t('edr:folder.written', { files: files.join(', '), send: t(`edr:send.${send}`) }));
    } catch (e) {
      notify.error(e);
    } finally {
      setBusy(false);
    }
  };

  const saveCode = async (e: CellValueChangedEvent<EdrCodeRow>) => {
    const row = e.data;
    if (!row) return;
    const value = typeof e.newValue === 'string' && e.newValue.trim() ? e.newValue.trim() : null;
    try {
      await api.request('edr.setCode', { productId: row.productId, principalCode: value });
      notify.success(t('edr:codeSaved', { product: row.productCode }));
    } catch (err) {
      notify.error(err);
      void loadCodes();
    }
  };

  const c = (k: string) => t(`edr:col.${k}`);
  const qty = { type: 'numericColumn', valueFormatter: (p: { value: number }) => f.qty(p.value), width: 100 };
  const money = { type: 'numericColumn', valueFormatter: (p: { value: number }) => f.money(p.value), width: 120 };
  const product: ColDef[] = [
    { field: 'principalCode', headerName: c('principalCode'), width: 130, pinned: 'left' },
    { field: 'productCode', headerName: c('productCode'), width: 110 },
    { field: 'productName', headerName: c('productName'), width: 200 },
  ];
  const columns = useMemo<Record<Exclude<Tab, 'codes'>, ColDef[]>>(
    () => ({
      sellOut: [
        ...product,
        { field: 'customerCode', headerName: c('customerCode'), width: 110 },
        { field: 'customerName', headerName: c('customerName'), width: 180 },
        { field: 'area', headerName: c('area'), width: 90 },
        { field: 'qty', headerName: c('qty'), ...qty },
        { field: 'amountFen', headerName: c('amount'), ...money },
        { field: 'orders', headerName: c('orders'), type: 'numericColumn', width: 90 },
      ],
      stock: [
        ...product,
        {
          field: 'status',
          headerName: c('status'),
          width: 90,
          valueFormatter: (p: { value: string }) => t(`domain:status.${p.value}`),
        },
        { field: 'qty', headerName: c('qty'), ...qty },
        { field: 'amountFen', headerName: c('amount'), ...money },
      ],
      returns: [
        ...product,
        { field: 'customerCode', headerName: c('customerCode'), width: 110 },
        { field: 'customerName', headerName: c('customerName'), width: 180 },
        { field: 'qty', headerName: c('qty'), ...qty },
        { field: 'amountFen', headerName: c('amount'), ...money },
        { field: 'returns', headerName: c('returns'), type: 'numericColumn', width: 90 },
      ],
      log: [
        { field: 'week', headerName: c('week'), width: 120 },
        {
          colId: 'send',
          headerName: c('send'),
          width: 90,
          valueGetter: (p: { data?: EdrExport }) =>
            p.data ? t(`edr:send.${p.data.draft ? 'DRAFT' : p.data.resendOf ? 'RESEND' : 'FINAL'}`) : '',
        },
        { field: 'format', headerName: c('format'), width: 80 },
        { field: 'path', headerName: c('path'), width: 260 },
        { field: 'sellOutRows', headerName: c('rows'), type: 'numericColumn', width: 130 },
        { field: 'sellOutQty', headerName: c('sellOutQty'), ...qty, width: 130 },
        { field: 'sellOutFen', headerName: c('sellOutAmount'), ...money, width: 140 },
        { field: 'stockRows', headerName: c('stockRows'), type: 'numericColumn', width: 130 },
        { field: 'returnRows', headerName: c('returnRows'), type: 'numericColumn', width: 130 },
        { field: 'exportedBy', headerName: c('by'), width: 100 },
        {
          field: 'exportedAt',
          headerName: c('at'),
          width: 180,
          valueFormatter: (p: { value: string }) => f.dateTime(p.value),
        },
      ],
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t, f],
  );
  const codeColumns = useMemo<ColDef<EdrCodeRow>[]>(
    () => [
      { field: 'productCode', headerName: c('productCode'), width: 120 },
      { field: 'productName', headerName: c('productName'), width: 240 },
      {
        field: 'principalCode',
        headerName: c('principalCode'),
        width: 160,
        editable: true,
        cellClass: 'edr-editable',
      },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t],
  );

  const rowsOf = (k: Tab): unknown[] =>
    k === 'log' ? log : k === 'codes' ? codes : data ? (data[k] as unknown[]) : [];
  const totals = data
    ? t('edr:totals', {
        rows: data.sellOut.length,
        qty: f.qty(data.sellOut.reduce((s, r) => s + r.qty, 0)),
        amount: f.money(data.sellOut.reduce((s, r) => s + r.amountFen, 0)),
        stock: data.stock.length,
        returns: data.returns.length,
      })
    : '';

  return (
    <section className="page-body edr-page" data-testid="edr">
      <div className="toolbar">
        <h2>{t('edr:title')}</h2>
        <button type="button" onClick={() => shift(-7)} data-testid="edr-prev" aria-label={t('edr:prev')}>
          ‹
        </button>
        <label className="inline-field">
          {t('edr:week')}
          <input
            className="edr-week"
            value={week}
            data-testid="edr-week"
            onChange={(e) => weekPattern.test(e.target.value) && go(e.target.value)}
          />
        </label>
        <button type="button" onClick={() => shift(7)} data-testid="edr-next" aria-label={t('edr:next')}>
          ›
        </button>
        {data && (
          <span className={data.closed ? 'edr-state' : 'edr-state edr-open'} data-testid="edr-state">
            {data.from} – {data.to} · {t(data.closed ? 'edr:closed' : 'edr:open')}
          </span>
        )}
        <span className="toolbar-spacer" />
        {send && (
          <>
            <button type="button" disabled={busy} data-testid="edr-csv" onClick={() => void exportAs('csv')}>
              {t('edr:exportCsv', { send: t(`edr:send.${send}`) })}
            </button>
            <button type="button" disabled={busy} data-testid="edr-xlsx" onClick={() => void exportAs('xlsx')}>
              {t('edr:exportXlsx', { send: t(`edr:send.${send}`) })}
            </button>
            {folder && (
              <button
                type="button"
                disabled={busy}
                data-testid="edr-write-folder"
                title={folder}
                onClick={() => void writeToFolder()}
              >
                {t('edr:folder.write', { send: t(`edr:send.${send}`) })}
              </button>
            )}
          </>
        )}
        {/* 传真每周积分表: the week's SL and ID on one A4 page, from the KPI tracker's figures. */}
        <button type="button" data-testid="edr-scorecard" onClick={() => openPrint('scorecard', { week })}>
          {t('edr:scorecard.print')}
        </button>
      </div>
      {!data && (
        <p className="page-hint" role="status">
          {t('edr:loading')}
        </p>
      )}
      {data && (
        <p className="page-hint" data-testid="edr-totals">
          {totals}
          {send === 'RESEND' && <span className="edr-resend"> · {t('edr:resendNote')}</span>}
        </p>
      )}
      <TabBar
        tabs={tabs.map((k) => ({
          id: k,
          label: t(`edr:tab.${k}`),
          count: k === 'codes' ? undefined : rowsOf(k).length,
        }))}
        current={tab}
        onChange={setTab}
        testIdPrefix="edr"
      />
      {tab === 'codes' ? (
        <>
          <div className="toolbar">
            <input
              type="search"
              value={find}
              placeholder={t('edr:find')}
              aria-label={t('edr:find')}
              data-testid="edr-code-find"
              onChange={(e) => setFind(e.target.value)}
            />
            <span className="page-hint">{t('edr:codesHint')}</span>
          </div>
          <CangwuGrid<EdrCodeRow>
            quickFilterText={find}
            gridId="edr-codes"
            rowData={codes}
            columnDefs={codeColumns}
            defaultColDef={defaultColDef}
            getRowId={(p) => String(p.data.productId)}
            onCellValueChanged={(e) => void saveCode(e)}
          />
        </>
      ) : (
        <CangwuGrid
          key={tab}
          gridId={`edr-${tab}`}
          rowData={rowsOf(tab)}
          columnDefs={columns[tab] as ColDef<unknown>[]}
          defaultColDef={defaultColDef}
        />
      )}
    </section>
  );
}
