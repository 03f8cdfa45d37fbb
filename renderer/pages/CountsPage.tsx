// 盘点 Stock counts (issue 5, R10): the sessions, planning a new one, and one
// session at a time (#/counts?session=ID) — its sheet, its reconciliation and
// its history. The adjustment form it produces lives on the adjustments page.
import type { CellKeyDownEvent, ColDef, GridApi, GridReadyEvent, RowDoubleClickedEvent } from 'ag-grid-community';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { countSessionStates, type CountSessionRow, type CountSessionState } from '../../shared/contract/counts';
import type { LocationView, ProductView } from '../../shared/contract/types';
import { api } from '../api/client';
import { navigate, useRoute } from '../app/routes';
import { hasRole, useSession } from '../app/session';
import { CangwuGrid } from '../components/grid/CangwuGrid';
import { useGridEvents } from '../components/grid/useGridEvents';
import { QuickFilter } from '../components/QuickFilter';
import { useNotify } from '../components/toast/useNotify';
import { useFormat } from '../i18n/format';
import { indexLocations } from './counts/countText';
import { PlanForm } from './counts/PlanForm';
import { sessionColumns } from './counts/sessionColumns';
import { SessionView } from './counts/SessionView';

const getRowId = ({ data }: { data: CountSessionRow }) => String(data.id);

export function CountsPage() {
  const route = useRoute();
  const param = Number(route.params.get('session'));
  const sessionId = Number.isSafeInteger(param) && param > 0 ? param : null;
  const [locations, setLocations] = useState<LocationView[]>([]);
  const notify = useNotify();
  useEffect(() => {
    api.request('locations.list', {}).then(setLocations, notify.error);
  }, [notify]);
  if (sessionId !== null)
    return (
      <SessionView key={sessionId} sessionId={sessionId} locations={locations} onBack={() => navigate('counts')} />
    );
  return <SessionsList locations={locations} />;
}

function SessionsList({ locations }: { locations: LocationView[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const { session } = useSession();
  const canPlan = hasRole(session, ['operator', 'warehouseKeeper']);
  const gridRef = useRef<GridApi<CountSessionRow> | null>(null);
  const [quickFilter, setQuickFilter] = useState('');
  const [stateFilter, setStateFilter] = useState<CountSessionState | ''>('');
  const [planning, setPlanning] = useState(false);
  const [products, setProducts] = useState<ProductView[]>([]);
  const index = useMemo(() => indexLocations(locations), [locations]);

  const load = useCallback(async () => {
    const grid = gridRef.current;
    if (!grid) return;
    try {
      const rows = await api.request(
        'counts.list',
        stateFilter ? { state: stateFilter, limit: 1000 } : { limit: 1000 },
      );
      if (!grid.isDestroyed()) grid.setGridOption('rowData', rows);
    } catch (e) {
      notify.error(e);
    }
  }, [notify, stateFilter]);
  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    if (!planning) return;
    api.request('products.list', {}).then((p) => setProducts(p.filter((x) => x.active)), notify.error);
  }, [planning, notify]);

  useGridEvents({ 'counts.changed': () => void load(), reconnected: () => void load() });

  const onGridReady = useCallback(
    (e: GridReadyEvent<CountSessionRow>) => {
      gridRef.current = e.api;
      void load();
    },
    [load],
  );
  const open = (row: CountSessionRow | undefined) => {
    if (row) navigate('counts', { session: row.id });
  };
  const columnDefs = useMemo<ColDef<CountSessionRow>[]>(() => sessionColumns(t, f, index), [t, f, index]);

  return (
    <section className="page-body" data-testid="counts">
      <div className="toolbar">
        <h1 className="page-title">{t('counts:title')}</h1>
        <QuickFilter value={quickFilter} onChange={setQuickFilter} />
        <label className="toolbar-field">
          <span className="sr-only">{t('counts:col.state')}</span>
          <select
            data-testid="counts-state-filter"
            aria-label={t('counts:col.state')}
            value={stateFilter}
            onChange={(e) => setStateFilter(e.target.value as CountSessionState | '')}
          >
            <option value="">{t('counts:allStates')}</option>
            {countSessionStates.map((s) => (
              <option key={s} value={s}>
                {t(`counts:state.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <span className="toolbar-spacer" />
        {canPlan && !planning && (
          <button type="button" className="primary" data-testid="count-plan-new" onClick={() => setPlanning(true)}>
            {t('counts:plan.new')}
          </button>
        )}
      </div>
      <p className="page-hint">{t('counts:hint')}</p>
      {planning && (
        <PlanForm
          locations={locations}
          products={products}
          onCancel={() => setPlanning(false)}
          onPlanned={(view) => {
            setPlanning(false);
            navigate('counts', { session: view.id });
          }}
        />
      )}
      <CangwuGrid<CountSessionRow>
        gridId="counts"
        testId="counts-grid"
        columnDefs={columnDefs}
        getRowId={getRowId}
        quickFilterText={quickFilter}
        onGridReady={onGridReady}
        tooltipShowDelay={400}
        onRowDoubleClicked={(e: RowDoubleClickedEvent<CountSessionRow>) => open(e.data)}
        onCellKeyDown={(e: CellKeyDownEvent<CountSessionRow>) => {
          if ((e.event as KeyboardEvent | null)?.key === 'Enter') open(e.data);
        }}
      />
    </section>
  );
}
