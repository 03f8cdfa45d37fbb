// 扫描记录 Scan log: every scan of every station (raw, source, decoded, result,
// task, user, time), the rejected and the duplicates included. The log only
// grows, so the grid asks the core for blocks (PagedGrid), newest first.
import type { ColDef, GridApi, GridReadyEvent } from 'ag-grid-community';
import { useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScanView } from '../../shared/contract/scanning';
import { api } from '../api/client';
import { useSession } from '../app/session';
import { PagedGrid } from '../components/grid/PagedGrid';
import { useFormat } from '../i18n/format';
import { outcomeTone, reasonText, resolutionText, scanQtyText, sourceText } from '../scanning/scanText';

const getRowId = ({ data }: { data: ScanView }) => String(data.id);
// The core pages by time only (newest first) and filters by station only.
const refreshOn = ['scanner.scan'] as const;

export function ScanLogPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { session } = useSession();
  const gridRef = useRef<GridApi<ScanView> | null>(null);
  const [total, setTotal] = useState<number | null>(null);
  const [thisStation, setThisStation] = useState(false);
  const atSecond = useMemo(
    () =>
      new Intl.DateTimeFormat(f.locale, {
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hour12: false,
        timeZone: f.timeZone,
      }),
    [f.locale, f.timeZone],
  );

  const fetchPage = useCallback(
    (offset: number, limit: number) =>
      api.request('scans.list', { offset, limit, ...(thisStation ? { station: session.station } : {}) }),
    [thisStation, session.station],
  );

  const columnDefs = useMemo<ColDef<ScanView>[]>(
    () => [
      {
        colId: 'at',
        field: 'at',
        headerName: t('scan:log.col.at'),
        width: 175,
        // A scan log is read to the second: which scan came first.
        valueFormatter: (p) => (typeof p.value === 'string' ? atSecond.format(new Date(p.value)) : ''),
      },
      { colId: 'station', field: 'station', headerName: t('scan:log.col.station'), width: 95 },
      {
        colId: 'source',
        headerName: t('scan:log.col.source'),
        width: 190,
        valueGetter: (p) => (p.data ? sourceText(p.data, t) : ''),
      },
      { colId: 'raw', field: 'raw', headerName: t('scan:log.col.raw'), width: 190, cellClass: 'mono' },
      {
        colId: 'outcome',
        field: 'outcome',
        headerName: t('scan:log.col.outcome'),
        width: 100,
        valueFormatter: (p) => (typeof p.value === 'string' ? t(`scan:outcome.${p.value}`) : ''),
        cellClassRules: {
          'cell-outcome-ok': (p) => p.data !== undefined && outcomeTone(p.data.outcome) === 'ok',
          'cell-outcome-warn': (p) => p.data !== undefined && outcomeTone(p.data.outcome) === 'warn',
          'cell-outcome-bad': (p) => p.data !== undefined && outcomeTone(p.data.outcome) === 'bad',
        },
      },
      {
        colId: 'reason',
        field: 'reason',
        headerName: t('scan:log.col.reason'),
        width: 240,
        valueFormatter: (p) => reasonText(typeof p.value === 'string' ? p.value : null, t),
        tooltipValueGetter: (p) => (typeof p.value === 'string' ? p.value : ''),
      },
      {
        colId: 'resolution',
        headerName: t('scan:log.col.resolution'),
        flex: 1,
        minWidth: 200,
        valueGetter: (p) => (p.data ? resolutionText(p.data.resolution, t, f) : ''),
      },
      {
        colId: 'qty',
        headerName: t('scan:log.col.qty'),
        width: 80,
        type: 'rightAligned',
        valueGetter: (p) => (p.data ? scanQtyText(p.data, f) : ''),
      },
      { colId: 'symbology', field: 'symbology', headerName: t('scan:log.col.symbology'), width: 120 },
      { colId: 'decoded', field: 'decoded', headerName: t('scan:log.col.decoded'), width: 230, cellClass: 'mono' },
      {
        colId: 'task',
        field: 'task',
        headerName: t('scan:log.col.task'),
        width: 100,
        valueFormatter: (p) =>
          typeof p.value === 'string' && p.value
            ? (t(`scan:task.${p.value}`, { defaultValue: p.value }) as string)
            : '',
      },
      { colId: 'user', field: 'userName', headerName: t('scan:log.col.user'), width: 100 },
    ],
    [t, f, atSecond],
  );

  const onGridReady = useCallback((e: GridReadyEvent<ScanView>) => {
    gridRef.current = e.api;
  }, []);

  return (
    <section className="page-body" data-testid="scanLog">
      <div className="toolbar">
        <h1 className="page-title">{t('scan:log.title')}</h1>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={thisStation}
            onChange={(e) => setThisStation(e.target.checked)}
            data-testid="scanlog-this-station"
          />
          {t('scan:log.thisStation', { station: session.station })}
        </label>
        <span className="toolbar-spacer" />
        <span className="toolbar-count" data-testid="scanlog-total" data-total={total ?? ''}>
          {total === null ? '' : t('scan:log.total', { rows: f.qty(total) })}
        </span>
        <button type="button" onClick={() => gridRef.current?.refreshInfiniteCache()} data-testid="scanlog-reload">
          {t('common:actions.reload')}
        </button>
      </div>
      <PagedGrid<ScanView>
        gridId="scanlog"
        testId="scanlog-grid"
        fetchPage={fetchPage}
        onTotal={setTotal}
        refreshOn={refreshOn}
        // A burst of scans (20 a second from a serial scanner) refreshes the grid once, not twenty times.
        refreshDelayMs={300}
        maxBlocksInCache={50}
        getRowId={getRowId}
        columnDefs={columnDefs}
        onGridReady={onGridReady}
      />
    </section>
  );
}
