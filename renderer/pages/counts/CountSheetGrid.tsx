// The manual count sheet: the keeper's counting lines in walking order, and
// "my count" to type into. Keyboard first — type a quantity on a line, Enter
// saves it (counts.enter, mode 'set') and moves down to the next line.
// Blind (issue 5 ★): this grid has no book column for a blind session, and it
// derives nothing from the book; the core leaves the figures out of the reply.
import type { CellValueChangedEvent, ColDef, GridApi, GridReadyEvent } from 'ag-grid-community';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CountSessionView, CountSheetLine } from '../../../shared/contract/counts';
import type { LocationView } from '../../../shared/contract/types';
import { maxQuantity } from '../../../shared/domain';
import { api } from '../../api/client';
import { useSession } from '../../app/session';
import { CangwuGrid } from '../../components/grid/CangwuGrid';
import { enumColumn, qtyColumn } from '../../components/grid/formatters';
import { useGridEvents } from '../../components/grid/useGridEvents';
import { useNotify } from '../../components/toast/useNotify';
import { useFormat } from '../../i18n/format';
import { indexLocations, isWithin } from './countText';

const getRowId = ({ data }: { data: CountSheetLine }) => String(data.lineId);

export function CountSheetGrid({ session, locations }: { session: CountSessionView; locations: LocationView[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const { session: me } = useSession();
  const gridRef = useRef<GridApi<CountSheetLine> | null>(null);
  // What the core sent on the last load, and the lines saved since (the grid
  // is updated by transaction, so typing on goes on undisturbed).
  const [loaded, setLoaded] = useState<CountSheetLine[] | null>(null);
  const [saved, setSaved] = useState<ReadonlyMap<number, CountSheetLine>>(new Map());
  const savedRef = useRef(saved);
  savedRef.current = saved;
  const [allLines, setAllLines] = useState(false);
  const index = useMemo(() => indexLocations(locations), [locations]);
  // A counter given zones counts there; lines elsewhere are someone else's.
  const myZones = useMemo(() => {
    const mine = session.counters.filter((c) => c.userId === me.user.id);
    return mine.length === 0 || mine.some((c) => c.zoneId === null) ? null : mine.map((c) => c.zoneId as number);
  }, [session.counters, me.user.id]);

  const load = useCallback(async () => {
    try {
      const sheet = await api.request('counts.sheet', { sessionId: session.id });
      setLoaded(sheet.lines);
      setSaved(new Map());
    } catch (e) {
      notify.error(e);
    }
  }, [session.id, notify]);
  useEffect(() => {
    void load();
  }, [load]);
  // Another counter's entry changes "counted"; a recount hands lines over.
  useGridEvents({
    'counts.changed': (p) => {
      if (p.sessionId === session.id && !gridRef.current?.getEditingCells().length) void load();
    },
    reconnected: () => void load(),
  });

  const keep = useCallback(
    (l: CountSheetLine) =>
      allLines || ((l.open || l.myQty !== null) && (!myZones || myZones.some((z) => isWithin(l.locationId, z, index)))),
    [allLines, myZones, index],
  );
  const shown = useMemo(() => {
    if (!loaded) return null;
    return loaded.map((l) => savedRef.current.get(l.lineId) ?? l).filter(keep);
  }, [loaded, keep]);
  const progress = useMemo(() => {
    const current = (loaded ?? []).map((l) => saved.get(l.lineId) ?? l).filter(keep);
    return { mine: current.filter((l) => l.myQty !== null).length, total: current.length };
  }, [loaded, saved, keep]);

  useEffect(() => {
    const grid = gridRef.current;
    if (grid && shown && !grid.isDestroyed()) grid.setGridOption('rowData', shown);
  }, [shown]);

  const focusFirst = useCallback((grid: GridApi<CountSheetLine>) => {
    // Keyboard first: the first line not yet counted by me has the focus.
    let target = -1;
    grid.forEachNodeAfterFilterAndSort((n, i) => {
      if (target < 0 && n.data && n.data.open && n.data.myQty === null) target = i;
    });
    if (target < 0) target = 0;
    grid.ensureIndexVisible(target);
    grid.setFocusedCell(target, 'myQty');
  }, []);
  const focused = useRef(false);
  useEffect(() => {
    const grid = gridRef.current;
    if (grid && shown && shown.length > 0 && !focused.current) {
      focused.current = true;
      requestAnimationFrame(() => !grid.isDestroyed() && focusFirst(grid));
    }
  }, [shown, focusFirst]);

  const onGridReady = useCallback(
    (e: GridReadyEvent<CountSheetLine>) => {
      gridRef.current = e.api;
      if (shown) e.api.setGridOption('rowData', shown);
    },
    [shown],
  );

  const save = useCallback(
    async (e: CellValueChangedEvent<CountSheetLine>) => {
      const line = e.data;
      const qty = e.newValue as number | null;
      if (qty === null || qty === undefined) {
        e.node.setData({ ...line, myQty: e.oldValue as number | null });
        return;
      }
      try {
        const saved = await api.request('counts.enter', {
          sessionId: session.id,
          productId: line.productId,
          locationId: line.locationId,
          status: line.status,
          mode: 'set',
          qty,
        });
        setSaved((old) => new Map(old).set(line.lineId, { ...saved }));
        e.api.applyTransaction({ update: [saved] });
      } catch (err) {
        notify.error(err);
        e.node.setData({ ...line, myQty: e.oldValue as number | null });
      }
    },
    [session.id, notify],
  );

  const showBook = !session.blind && session.bookVisible;
  const columnDefs = useMemo<ColDef<CountSheetLine>[]>(() => {
    const cols: ColDef<CountSheetLine>[] = [
      { colId: 'location', field: 'locationCode', headerName: t('counts:col.location'), width: 100, cellClass: 'mono' },
      {
        colId: 'productCode',
        field: 'productCode',
        headerName: t('counts:col.productCode'),
        width: 120,
        cellClass: 'mono',
        tooltipValueGetter: (p) =>
          p.data?.replacedByCode ? t('counts:sheet.oldCode', { code: p.data.replacedByCode }) : undefined,
        cellClassRules: { 'cell-old-code': (p) => Boolean(p.data?.replacedByCode) },
      },
      {
        colId: 'productName',
        headerName: t('counts:col.productName'),
        flex: 1,
        minWidth: 180,
        valueGetter: (p) => (p.data ? f.productName(p.data.productNameZh, p.data.productNameEn) : ''),
      },
      { colId: 'unit', field: 'unit', headerName: t('counts:col.unit'), width: 80 },
      {
        colId: 'casePack',
        field: 'casePack',
        headerName: t('counts:col.casePack'),
        width: 90,
        ...qtyColumn<CountSheetLine>(f),
      },
      {
        colId: 'status',
        field: 'status',
        headerName: t('counts:col.status'),
        width: 115,
        ...enumColumn<CountSheetLine>(t, 'domain:status', 'status'),
        cellClassRules: {
          'cell-status-damaged': (p) => p.value === 'damaged',
          'cell-status-gift': (p) => p.value === 'gift',
        },
      },
      {
        colId: 'expected',
        headerName: t('counts:col.expected'),
        width: 100,
        valueGetter: (p) => (p.data ? (p.data.expected ? '' : t('counts:sheet.unexpected')) : ''),
        cellClass: 'cell-unexpected',
      },
      {
        colId: 'counted',
        headerName: t('counts:col.counted'),
        width: 90,
        valueGetter: (p) => (p.data ? (p.data.counted ? t('counts:yes') : t('counts:no')) : ''),
        cellClassRules: { 'cell-not-counted': (p) => p.data?.counted === false },
      },
    ];
    if (showBook)
      cols.push({
        colId: 'book',
        field: 'snapshotQty',
        headerName: t('counts:col.snapshot'),
        width: 100,
        ...qtyColumn<CountSheetLine>(f),
      });
    cols.push({
      colId: 'myQty',
      field: 'myQty',
      headerName: t('counts:col.myQty'),
      headerTooltip: t('counts:sheet.myQtyHint'),
      width: 130,
      pinned: 'right',
      ...qtyColumn<CountSheetLine>(f),
      editable: (p) => p.data?.open === true,
      cellEditor: 'agNumberCellEditor',
      cellEditorParams: { min: 0, max: maxQuantity, precision: 0, step: 1, showStepperButtons: false },
      cellClassRules: {
        'cell-editable cell-my-qty': (p) => p.data?.open === true,
        'cell-closed': (p) => p.data?.open === false,
      },
      valueParser: (p) => {
        const n = Number(String(p.newValue ?? '').trim());
        return Number.isInteger(n) && n >= 0 && n <= maxQuantity ? n : null;
      },
    });
    return cols;
  }, [t, f, showBook]);

  return (
    <div className="count-sheet" data-testid="count-sheet">
      <div className="toolbar">
        <span data-testid="count-sheet-progress">
          {t('counts:sheet.progress', { mine: f.qty(progress.mine), total: f.qty(progress.total) })}
        </span>
        <label className="checkbox">
          <input
            type="checkbox"
            data-testid="count-sheet-all"
            checked={allLines}
            onChange={(e) => setAllLines(e.target.checked)}
          />
          {t('counts:sheet.allLines')}
        </label>
        <span className="toolbar-spacer" />
        <span className="page-hint">{t('counts:sheet.hint')}</span>
      </div>
      <CangwuGrid<CountSheetLine>
        gridId="countSheet"
        testId="count-sheet-grid"
        columnDefs={columnDefs}
        getRowId={getRowId}
        onGridReady={onGridReady}
        onCellValueChanged={(e) => void save(e)}
        singleClickEdit={false}
        enterNavigatesVertically
        enterNavigatesVerticallyAfterEdit
        stopEditingWhenCellsLoseFocus
        tooltipShowDelay={400}
        overlayNoRowsTemplate={`<span>${t('counts:sheet.noLines')}</span>`}
      />
    </div>
  );
}
