// A grid paged by the core (AG Grid's infinite row model), for lists too long
// for the browser: the movements ledger, the audit log, the scan log. The page
// says how to fetch one page of rows; this asks for blocks as the user scrolls,
// reports a failed request, and reloads when the page's events say the list
// changed and after a reconnect (events may have been missed meanwhile).
import type { ColDef, GridApi, GridReadyEvent, IDatasource, SortModelItem } from 'ag-grid-community';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { EventName } from '../../../shared/contract/events';
import { useNotify } from '../toast/useNotify';
import { CangwuGrid, type CangwuGridProps } from './CangwuGrid';
import { useGridEvents, type GridEventHandlers } from './useGridEvents';

export type Page<T> = { rows: T[]; total: number };

export type PagedGridProps<T> = Omit<
  CangwuGridProps<T>,
  'rowModelType' | 'datasource' | 'rowData' | 'getRowId' | 'cacheBlockSize'
> &
  Required<Pick<CangwuGridProps<T>, 'getRowId'>> & {
    /**
     * One page of rows and the total, `sort` being the grid's sort model (the
     * core sorts by what it can; columns are unsortable unless a column says so).
     * A new function (another filter) starts the grid over from the top.
     */
    fetchPage: (offset: number, limit: number, sort: SortModelItem[]) => Promise<Page<T>>;
    /** Events after which the rows are fetched again. */
    refreshOn?: readonly EventName[];
    /** Waits this long after such an event and reloads once for the burst (20 scans a second). 0: at once. */
    refreshDelayMs?: number;
    /** The total of the last page fetched, for a count in the toolbar. */
    onTotal?: (total: number) => void;
    /** Rows per request. */
    blockSize?: number;
  };

/** The core pages by its own order and filters by its own parameters; other columns stay plain. */
const noSortNoFilter: ColDef = { sortable: false, filter: false };

/** Largest page the contract's list requests accept. */
const maxLimit = 1000;

export function PagedGrid<T>({
  fetchPage,
  refreshOn,
  refreshDelayMs = 0,
  onTotal,
  blockSize = 200,
  defaultColDef = noSortNoFilter,
  onGridReady,
  ...props
}: PagedGridProps<T>) {
  const notify = useNotify();
  const gridRef = useRef<GridApi<T> | null>(null);
  const onTotalRef = useRef(onTotal);
  useEffect(() => {
    onTotalRef.current = onTotal;
  });

  const datasource = useMemo<IDatasource>(
    () => ({
      getRows(params) {
        fetchPage(params.startRow, Math.min(maxLimit, params.endRow - params.startRow), params.sortModel)
          .then((page) => {
            onTotalRef.current?.(page.total);
            params.successCallback(page.rows, page.total);
          })
          .catch((e: unknown) => {
            notify.error(e);
            params.failCallback();
          });
      },
    }),
    [fetchPage, notify],
  );

  const refreshTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (refreshTimer.current) clearTimeout(refreshTimer.current);
    },
    [],
  );
  const refreshNow = useCallback(() => gridRef.current?.refreshInfiniteCache(), []);
  const refreshSoon = useCallback(() => {
    if (refreshDelayMs <= 0) {
      refreshNow();
      return;
    }
    if (refreshTimer.current) return;
    refreshTimer.current = setTimeout(() => {
      refreshTimer.current = null;
      refreshNow();
    }, refreshDelayMs);
  }, [refreshDelayMs, refreshNow]);

  const handlers: GridEventHandlers = { reconnected: refreshNow };
  for (const name of refreshOn ?? []) Object.assign(handlers, { [name]: refreshSoon });
  useGridEvents(handlers);

  const handleGridReady = useCallback(
    (e: GridReadyEvent<T>) => {
      gridRef.current = e.api;
      onGridReady?.(e);
    },
    [onGridReady],
  );

  return (
    <CangwuGrid<T>
      rowModelType="infinite"
      datasource={datasource}
      cacheBlockSize={blockSize}
      defaultColDef={defaultColDef}
      onGridReady={handleGridReady}
      {...props}
    />
  );
}
