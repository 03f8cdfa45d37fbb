// 共同对帐 Reconciliation (R10): per line the snapshot, the movements since,
// the book, each counter's count and their sum, the variance in units and
// money, coloured by status; a cause and a note for every variance; recount
// of lines outside tolerance by a different keeper; both confirmations.
//
// A large count opens in two steps: the first lines in walking order come at
// once (counts.reconcileFirst) and are painted while every line and the totals
// are worked out (counts.reconcile). Until those arrive, what needs all lines —
// the summary, the variance filter, selecting lines for recount, confirming —
// waits, and a line says how many are still loading.
import type {
  CellFocusedEvent,
  CellValueChangedEvent,
  ColDef,
  GridApi,
  GridReadyEvent,
  IRowNode,
  RowSelectionOptions,
  SelectionChangedEvent,
} from 'ag-grid-community';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  countCauses,
  type CountCause,
  type CountLineStatus,
  type CountSessionView,
  type ReconcileChange,
  type ReconcileTotals,
  type ReconcileView,
} from '../../../shared/contract/counts';
import { api } from '../../api/client';
import { hasRole, useSession } from '../../app/session';
import { CangwuGrid } from '../../components/grid/CangwuGrid';
import { enumColumn, moneyColumn, qtyColumn } from '../../components/grid/formatters';
import { useGridEvents } from '../../components/grid/useGridEvents';
import { useNotify } from '../../components/toast/useNotify';
import { useFormat } from '../../i18n/format';
import { countsText, earlierCountsText } from './countText';
import { keeperLabel, parseKeeper, useKnownKeepers } from './knownKeepers';
import { ProductHistory } from './ProductHistory';
import { reconcileRows, type ReconcileRow } from './reconcileRows';

/** Lines painted before the rest: more than any screen shows. Smaller counts load whole. */
const firstLines = 100;

const getRowId = ({ data }: { data: ReconcileRow }) => String(data.lineId);

const statusClass = (s: CountLineStatus | undefined) => (s ? `var-${s}` : '');

const selectionColumnDef = { pinned: 'left', width: 44, minWidth: 44 } as const;

const hasVariance = (n: IRowNode<ReconcileRow>) => n.data?.lineStatus !== 'matched';

/** The rows shown; totals only once every line is in (null while only the first lines are). */
type Loaded = { rows: ReconcileRow[]; totals: ReconcileTotals | null };

export function ReconcileGrid({
  session,
  onSession,
}: {
  session: CountSessionView;
  onSession(v: CountSessionView): void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const { session: me } = useSession();
  const keepers = useKnownKeepers();
  const sessionId = session.id;
  const gridRef = useRef<GridApi<ReconcileRow> | null>(null);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [selected, setSelected] = useState<ReconcileRow[]>([]);
  const [focusedProduct, setFocusedProduct] = useState<{ id: number; code: string } | null>(null);
  const [recountText, setRecountText] = useState('');
  const [busy, setBusy] = useState(false);
  const [onlyVariances, setOnlyVariances] = useState(false);
  // Read by the grid's filter callback, which stays one function: AG Grid's React wrapper hands every
  // prop that is a new object on a render back to the grid; so are the other props below memoised.
  const onlyVariancesRef = useRef(onlyVariances);

  const apply = useCallback(
    (v: ReconcileView) => {
      setLoaded({ rows: reconcileRows(v), totals: v.totals });
      onSession(v.session);
    },
    [onSession],
  );
  // An edit's reply or another window's edit: only the changed lines and the new totals (issue 10).
  // The lines go to the grid as a transaction by row id and replace theirs in the rows kept here (the
  // same array, so the grid is not handed new row data); the summary takes the new totals.
  const loadedNow = useRef<Loaded | null>(null);
  useEffect(() => {
    loadedNow.current = loaded;
  }, [loaded]);
  const applyChange = useCallback(
    (c: ReconcileChange) => {
      onSession(c.session);
      const l = loadedNow.current;
      if (!l) return;
      const at = new Map(reconcileRows(c).map((r) => [r.lineId, r]));
      const update: ReconcileRow[] = [];
      l.rows.forEach((row, i) => {
        const next = at.get(row.lineId);
        if (next) {
          l.rows[i] = next;
          update.push(next);
        }
      });
      const grid = gridRef.current;
      if (grid && !grid.isDestroyed() && update.length > 0) grid.applyTransaction({ update });
      // While only the first lines are in, the totals wait for the rest (the summary needs every line).
      const next = { rows: l.rows, totals: l.totals === null ? null : c.totals };
      loadedNow.current = next;
      setLoaded(next);
    },
    [onSession],
  );
  // One reload at a time: events arriving during one (a busy receiving dock) ask for one more after it,
  // not a reload each — at 20,000 lines a reload is a second of the core's time.
  const loading = useRef(false);
  const loadAgain = useRef(false);
  const load = useCallback(async () => {
    if (loading.current) {
      loadAgain.current = true;
      return;
    }
    loading.current = true;
    try {
      do {
        loadAgain.current = false;
        apply(await api.request('counts.reconcile', { sessionId }));
      } while (loadAgain.current);
    } catch (e) {
      notify.error(e);
    } finally {
      loading.current = false;
    }
  }, [sessionId, apply, notify]);
  const inTwoSteps = session.lineCount > firstLines;
  // The first lines are in and the rest not yet asked for: the grid asks once it has painted them.
  const restPending = useRef(false);
  useEffect(() => {
    let live = true;
    void (async () => {
      if (inTwoSteps) {
        try {
          const first = await api.request('counts.reconcileFirst', { sessionId, limit: firstLines });
          if (!live) return;
          restPending.current = true;
          // Unless every line came first (a refresh on an event).
          setLoaded((l) => l ?? { rows: reconcileRows(first), totals: null });
          return;
        } catch {
          // counts.reconcile below says what is wrong.
        }
      }
      if (live) await load();
    })();
    return () => {
      live = false;
    };
  }, [sessionId, inTwoSteps, load]);
  const onFirstDataRendered = useCallback(() => {
    if (!restPending.current) return;
    restPending.current = false;
    // After the frame that paints the first lines: on a two-CPU station the core working
    // out every line would otherwise hold that frame up.
    requestAnimationFrame(() => setTimeout(() => void load(), 0));
  }, [load]);
  const totals = loaded?.totals ?? null;
  const complete = totals !== null;
  const countedBins = useMemo(() => new Set(loaded?.rows.map((r) => r.locationId)), [loaded]);
  // Lines another window (or this one) changed while a cell here was being edited: fetched once the edit ends.
  const pendingLines = useRef<Set<number>>(new Set());
  const loadLines = useCallback(
    async (lineIds: number[]) => {
      if (loading.current || !complete) {
        void load();
        return;
      }
      try {
        applyChange(await api.request('counts.reconcileLines', { sessionId, lineIds }));
      } catch (e) {
        notify.error(e);
      }
    },
    [sessionId, complete, load, applyChange, notify],
  );
  const onCellEditingStopped = useCallback(() => {
    const ids = [...pendingLines.current];
    pendingLines.current.clear();
    if (ids.length > 0) void loadLines(ids);
  }, [loadLines]);
  useGridEvents({
    'counts.changed': (p) => {
      if (p.sessionId !== sessionId) return;
      if (gridRef.current?.getEditingCells().length) {
        if (p.lineIds) for (const id of p.lineIds) pendingLines.current.add(id);
        return;
      }
      // An edit names its lines: only those are asked for. Anything else reloads every line.
      if (p.lineIds && p.lineIds.length > 0) void loadLines(p.lineIds);
      else void load();
    },
    // Only postings into this count's bins change its figures (movements since the snapshot); one
    // elsewhere in the warehouse does not. Until every line is in, any posting might, so reload.
    'stock.changed': (p) => {
      if (!complete || p.keys.some((k) => countedBins.has(k.locationId))) void load();
    },
    reconnected: () => void load(),
  });

  const state = session.state;
  const editable = state === 'reconciling' && hasRole(me, ['operator', 'warehouseKeeper']);
  const canRecount = state === 'reconciling' && hasRole(me, ['operator']);

  const causeNames = useMemo(
    () =>
      Object.fromEntries([['', t('counts:rec.noCause')], ...countCauses.map((c) => [c, t(`domain:countCause.${c}`)])]),
    [t],
  );

  const saveCause = useCallback(
    async (e: CellValueChangedEvent<ReconcileRow>) => {
      const l = e.data;
      try {
        applyChange(
          await api.request('counts.setCauses', {
            sessionId,
            lines: [{ lineId: l.lineId, cause: l.cause, note: l.causeNote }],
          }),
        );
      } catch (err) {
        notify.error(err);
        void load();
      }
    },
    [sessionId, applyChange, load, notify],
  );

  const columnDefs = useMemo<ColDef<ReconcileRow>[]>(
    () => [
      {
        colId: 'location',
        field: 'locationCode',
        headerName: t('counts:col.location'),
        width: 95,
        pinned: 'left',
        cellClass: 'mono',
      },
      {
        colId: 'productCode',
        field: 'product.code',
        headerName: t('counts:col.productCode'),
        width: 115,
        pinned: 'left',
        cellClass: 'mono',
        cellClassRules: { 'cell-old-code': (p) => Boolean(p.data?.product.replacedByCode) },
        tooltipValueGetter: (p) =>
          p.data?.product.replacedByCode
            ? t('counts:sheet.oldCode', { code: p.data.product.replacedByCode })
            : undefined,
      },
      {
        colId: 'productName',
        headerName: t('counts:col.productName'),
        width: 180,
        valueGetter: (p) => (p.data ? f.productName(p.data.product.nameZh, p.data.product.nameEn) : ''),
      },
      { colId: 'unit', field: 'product.unit', headerName: t('counts:col.unit'), width: 80 },
      {
        colId: 'status',
        field: 'status',
        headerName: t('counts:col.status'),
        width: 115,
        ...enumColumn<ReconcileRow>(t, 'domain:status', 'status'),
        valueFormatter: (p) => (p.node?.rowPinned || !p.value ? '' : t(`domain:status.${String(p.value)}`)),
      },
      {
        colId: 'snapshot',
        field: 'snapshotQty',
        headerName: t('counts:col.snapshot'),
        width: 95,
        ...qtyColumn<ReconcileRow>(f),
      },
      {
        colId: 'movementsSince',
        field: 'movementsSince',
        headerName: t('counts:col.movementsSince'),
        headerTooltip: t('counts:rec.movementsHint'),
        width: 115,
        ...qtyColumn<ReconcileRow>(f),
        valueFormatter: (p) =>
          typeof p.value === 'number' ? (p.value > 0 ? `+${f.qty(p.value)}` : f.qty(p.value)) : '',
      },
      { colId: 'book', field: 'bookQty', headerName: t('counts:col.book'), width: 95, ...qtyColumn<ReconcileRow>(f) },
      {
        colId: 'counts',
        headerName: t('counts:col.counts'),
        width: 170,
        valueGetter: (p) => (p.data && !p.node?.rowPinned ? countsText(p.data.counts ?? [], p.data.round, f.qty) : ''),
        tooltipValueGetter: (p) =>
          p.data && !p.node?.rowPinned
            ? earlierCountsText(p.data.counts ?? [], p.data.round, f.qty, t) || undefined
            : undefined,
      },
      {
        colId: 'counted',
        field: 'countedQty',
        headerName: t('counts:col.countedQty'),
        width: 95,
        ...qtyColumn<ReconcileRow>(f),
        valueFormatter: (p) =>
          p.node?.rowPinned
            ? f.qty(p.value as number | null)
            : p.value === null
              ? t('counts:rec.notCounted')
              : f.qty(p.value as number),
      },
      {
        colId: 'varianceQty',
        pinned: 'right',
        field: 'varianceQty',
        headerName: t('counts:col.varianceQty'),
        width: 95,
        ...qtyColumn<ReconcileRow>(f),
        valueFormatter: (p) =>
          typeof p.value === 'number' ? (p.value > 0 ? `+${f.qty(p.value)}` : f.qty(p.value)) : '',
        cellClass: (p) => (p.node.rowPinned ? '' : statusClass(p.data?.lineStatus)),
      },
      {
        colId: 'varianceAmount',
        pinned: 'right',
        field: 'varianceAmountFen',
        headerName: t('counts:col.varianceAmount'),
        width: 115,
        ...moneyColumn<ReconcileRow>(f),
        cellClass: (p) => (p.node.rowPinned ? '' : statusClass(p.data?.lineStatus)),
      },
      {
        colId: 'lineStatus',
        pinned: 'right',
        field: 'lineStatus',
        headerName: t('counts:col.lineStatus'),
        width: 110,
        ...enumColumn<ReconcileRow>(t, 'counts:lineStatus', 'lineStatus'),
        valueFormatter: (p) => (p.node?.rowPinned ? '' : p.value ? t(`counts:lineStatus.${String(p.value)}`) : ''),
        cellClass: (p) => (p.node.rowPinned ? '' : `${statusClass(p.data?.lineStatus)} var-chip`),
      },
      {
        colId: 'cause',
        headerName: t('counts:col.cause'),
        width: 140,
        valueGetter: (p) => p.data?.cause ?? '',
        valueSetter: (p) => {
          const v = (p.newValue as string) || null;
          if (v === p.data.cause) return false;
          p.data.cause = v as CountCause | null;
          return true;
        },
        valueFormatter: (p) => (p.node?.rowPinned ? '' : (causeNames[String(p.value ?? '')] ?? '')),
        editable: (p) => editable && !p.node.rowPinned && p.data?.varianceQty !== null,
        cellEditor: 'agSelectCellEditor',
        cellEditorParams: { values: ['', ...countCauses] },
        filterValueGetter: (p) => causeNames[p.data?.cause ?? ''] ?? '',
        cellClassRules: {
          'cell-editable': (p) => editable && !p.node.rowPinned && p.data?.varianceQty !== null,
          'cell-cause-missing': (p) =>
            !p.node.rowPinned && p.data?.cause === null && p.data.varianceQty !== null && p.data.varianceQty !== 0,
        },
      },
      {
        colId: 'causeNote',
        field: 'causeNote',
        headerName: t('counts:col.causeNote'),
        width: 200,
        editable: (p) => editable && !p.node.rowPinned,
        cellEditorParams: { maxLength: 1000 },
        cellClassRules: { 'cell-editable': (p) => editable && !p.node.rowPinned },
      },
      {
        colId: 'recountBy',
        headerName: t('counts:col.round'),
        width: 110,
        valueGetter: (p) =>
          p.data && !p.node?.rowPinned && p.data.round > 1
            ? t('counts:rec.round', { round: p.data.round, name: p.data.recountBy ?? '' })
            : '',
      },
      {
        colId: 'expected',
        headerName: t('counts:col.expected'),
        width: 90,
        valueGetter: (p) => (p.data && !p.node?.rowPinned && !p.data.expected ? t('counts:sheet.unexpected') : ''),
        cellClass: 'cell-unexpected',
      },
    ],
    [t, f, editable, causeNames],
  );

  const totalsRow = useMemo<ReconcileRow[]>(() => {
    if (!loaded || !totals) return [];
    const sum = (k: 'snapshotQty' | 'movementsSince' | 'bookQty' | 'countedQty') =>
      loaded.rows.reduce((s, l) => s + (l[k] ?? 0), 0);
    return [
      {
        lineId: -1,
        productId: -1,
        product: {
          id: -1,
          code: t('counts:rec.totals'),
          nameZh: t('counts:rec.totalsLine', { lines: totals.lines, counted: totals.counted }),
          nameEn: '',
          unit: '',
          category: '',
          unitCostFen: 0,
          replacedByCode: null,
        },
        locationId: -1,
        locationCode: '',
        status: 'good',
        expected: true,
        round: 1,
        recountBy: null,
        snapshotQty: sum('snapshotQty'),
        movementsSince: sum('movementsSince'),
        bookQty: sum('bookQty'),
        countedQty: sum('countedQty'),
        varianceQty: totals.varianceQty,
        varianceAmountFen: totals.varianceAmountFen,
        lineStatus: 'matched',
        cause: null,
        causeNote: '',
      },
    ];
  }, [loaded, totals, t]);

  useEffect(() => {
    onlyVariancesRef.current = onlyVariances;
    const grid = gridRef.current;
    if (grid && !grid.isDestroyed()) grid.onFilterChanged();
  }, [onlyVariances]);

  const onGridReady = useCallback((e: GridReadyEvent<ReconcileRow>) => {
    gridRef.current = e.api;
  }, []);
  const isExternalFilterPresent = useCallback(() => onlyVariancesRef.current, []);
  const onSelectionChanged = useCallback(
    (e: SelectionChangedEvent<ReconcileRow>) => setSelected(e.api.getSelectedRows()),
    [],
  );
  const onCellValueChanged = useCallback((e: CellValueChangedEvent<ReconcileRow>) => void saveCause(e), [saveCause]);
  const onCellFocused = useCallback((e: CellFocusedEvent<ReconcileRow>) => {
    if (e.rowIndex === null || e.rowPinned) return;
    const d = e.api.getDisplayedRowAtIndex(e.rowIndex)?.data;
    if (d) setFocusedProduct((was) => (was?.id === d.productId ? was : { id: d.productId, code: d.product.code }));
  }, []);
  // Lines are picked for a recount once all are in: "select all" must mean all.
  const rowSelection = useMemo<RowSelectionOptions<ReconcileRow> | undefined>(
    () =>
      canRecount && complete
        ? {
            mode: 'multiRow',
            checkboxes: true,
            headerCheckbox: true,
            enableClickSelection: false,
            isRowSelectable: (n) => n.data?.lineStatus === 'outOfTolerance',
            hideDisabledCheckboxes: true,
          }
        : undefined,
    [canRecount, complete],
  );

  const recountKeeper = parseKeeper(recountText, keepers);
  const requestRecount = async () => {
    if (busy || selected.length === 0 || recountKeeper === null) return;
    setBusy(true);
    try {
      applyChange(
        await api.request('counts.requestRecount', {
          sessionId,
          lineIds: selected.map((l) => l.lineId),
          keeperId: recountKeeper,
        }),
      );
      notify.success(t('counts:rec.recountRequested', { n: selected.length }));
      setRecountText('');
    } catch (e) {
      notify.error(e);
    } finally {
      setBusy(false);
    }
  };
  const confirm = async (as: 'operator' | 'warehouseKeeper') => {
    if (busy) return;
    setBusy(true);
    try {
      const v = await api.request('counts.confirm', { sessionId, as });
      apply(v);
      notify.success(
        v.session.formNumber
          ? t('counts:rec.formCreated', { number: v.session.formNumber })
          : t('counts:rec.confirmed', { as: t(`domain:role.${as}`) }),
      );
    } catch (e) {
      notify.error(e);
    } finally {
      setBusy(false);
    }
  };

  const tt = totals;
  return (
    <div
      className="reconcile"
      data-testid="count-reconcile"
      data-loaded={!loaded ? 'none' : complete ? 'all' : 'first'}
    >
      {loaded && !complete && (
        <p className="page-hint" role="status" data-testid="count-reconcile-loading">
          {t('counts:rec.loadingAll', { shown: f.qty(loaded.rows.length), total: f.qty(session.lineCount) })}
        </p>
      )}
      {tt && (
        <div className="reconcile-summary" data-testid="count-reconcile-summary">
          <span className="var-chip var-matched">{t('counts:rec.sum.matched', { n: tt.matched })}</span>
          <span className="var-chip var-withinTolerance">{t('counts:rec.sum.within', { n: tt.withinTolerance })}</span>
          <span className="var-chip var-outOfTolerance">{t('counts:rec.sum.out', { n: tt.outOfTolerance })}</span>
          <span className="var-chip var-notCounted">{t('counts:rec.sum.notCounted', { n: tt.notCounted })}</span>
          {tt.recount > 0 && (
            <span className="var-chip var-recount">{t('counts:rec.sum.recount', { n: tt.recount })}</span>
          )}
          <span>{t('counts:rec.sum.net', { qty: f.qty(tt.varianceQty), amount: f.money(tt.varianceAmountFen) })}</span>
          <span>{t('counts:rec.sum.abs', { amount: f.money(tt.absVarianceAmountFen) })}</span>
          <label className="checkbox">
            <input
              type="checkbox"
              data-testid="count-reconcile-only-variances"
              checked={onlyVariances}
              onChange={(e) => setOnlyVariances(e.target.checked)}
            />
            {t('counts:rec.onlyVariances')}
          </label>
        </div>
      )}
      <div className="reconcile-actions">
        {canRecount && (
          <>
            <span>{t('counts:rec.selected', { n: selected.length })}</span>
            <input
              list="count-recount-keepers"
              data-testid="count-recount-keeper"
              value={recountText}
              placeholder={t('counts:rec.recountKeeper')}
              aria-label={t('counts:rec.recountKeeper')}
              onChange={(e) => setRecountText(e.target.value)}
            />
            <datalist id="count-recount-keepers">
              {keepers
                .filter((k) => !selected.some((l) => l.counts?.some((c) => c.userId === k.userId)))
                .map((k) => (
                  <option key={k.userId} value={keeperLabel(k)} />
                ))}
            </datalist>
            <button
              type="button"
              data-testid="count-recount"
              disabled={busy || !complete || selected.length === 0 || recountKeeper === null}
              onClick={() => void requestRecount()}
            >
              {t('counts:rec.requestRecount')}
            </button>
          </>
        )}
        <span className="toolbar-spacer" />
        {state === 'reconciling' && hasRole(me, ['operator']) && (
          <button
            type="button"
            className="primary"
            data-testid="count-confirm-as-operator"
            disabled={busy || !complete || session.operatorConfirmation !== null}
            onClick={() => void confirm('operator')}
          >
            {t('counts:rec.confirmAsOperator')}
          </button>
        )}
        {state === 'reconciling' && hasRole(me, ['warehouseKeeper']) && (
          <button
            type="button"
            className="primary"
            data-testid="count-confirm-as-keeper"
            disabled={busy || !complete || session.keeperConfirmation !== null}
            onClick={() => void confirm('warehouseKeeper')}
          >
            {t('counts:rec.confirmAsKeeper')}
          </button>
        )}
      </div>
      {state === 'reconciling' && <p className="page-hint">{t('counts:rec.hint')}</p>}
      <div className="reconcile-body">
        <CangwuGrid<ReconcileRow>
          gridId="countReconcile"
          testId="count-reconcile-grid"
          columnDefs={columnDefs}
          getRowId={getRowId}
          onGridReady={onGridReady}
          onFirstDataRendered={onFirstDataRendered}
          rowData={loaded?.rows}
          pinnedBottomRowData={totalsRow}
          rowSelection={rowSelection}
          selectionColumnDef={selectionColumnDef}
          isExternalFilterPresent={isExternalFilterPresent}
          doesExternalFilterPass={hasVariance}
          onSelectionChanged={onSelectionChanged}
          onCellValueChanged={onCellValueChanged}
          onCellEditingStopped={onCellEditingStopped}
          onCellFocused={onCellFocused}
          enterNavigatesVerticallyAfterEdit
          stopEditingWhenCellsLoseFocus
          // Some twenty columns, all rendered: the variance is there to read (and to find) at once.
          suppressColumnVirtualisation
          tooltipShowDelay={400}
        />
        {focusedProduct && <ProductHistory product={focusedProduct} />}
      </div>
    </div>
  );
}
