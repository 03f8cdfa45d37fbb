// 车辆 Vehicles and drivers (issue 12 §1): plate, type, capacity in cases, kg
// and litres, home area, driver and phone, active; off the road 停运 on the
// date shown. Dispatchers and administrators add and change them in the form
// beside the grid (a new one when no row is selected) and set a vehicle off
// the road for the date with a reason. Live: another window's change to a
// vehicle, or to a vehicle's day, shows here at once.
import type { ColDef, GridApi, GridReadyEvent } from 'ag-grid-community';
import { useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VehicleRow } from '../../shared/contract';
import { api } from '../api/client';
import { CangwuGrid } from '../components/grid/CangwuGrid';
import { qtyColumn } from '../components/grid/formatters';
import { useGridEvents } from '../components/grid/useGridEvents';
import { QuickFilter } from '../components/QuickFilter';
import { useNotify } from '../components/toast/useNotify';
import { useFormat } from '../i18n/format';
import { isDay, nextDispatchDay } from './orders/orderText';
import { OffRoadForm } from './vehicles/OffRoadForm';
import { VehicleForm } from './vehicles/VehicleForm';

const getRowId = ({ data }: { data: VehicleRow }) => String(data.id);

export function VehiclesPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const gridRef = useRef<GridApi<VehicleRow> | null>(null);
  const [date, setDate] = useState(nextDispatchDay);
  const [quickFilter, setQuickFilter] = useState('');
  const [selected, setSelected] = useState<VehicleRow | null>(null);
  const [count, setCount] = useState(0);
  const dateRef = useRef(date);
  dateRef.current = date;

  const load = useCallback(
    async (day: string) => {
      try {
        const rows = await api.request('vehicles.list', { date: day });
        const grid = gridRef.current;
        if (!grid || grid.isDestroyed() || day !== dateRef.current) return;
        grid.setGridOption('rowData', rows);
        setCount(rows.length);
        setSelected((s) => (s ? (rows.find((r) => r.id === s.id) ?? null) : null));
      } catch (e) {
        notify.error(e);
      }
    },
    [notify],
  );

  useGridEvents({
    // A vehicle's day changed, or (no trips or orders named) a vehicle itself.
    'dispatch.changed': (p) =>
      (p.dispatchDate === dateRef.current || (p.tripIds.length === 0 && p.orderIds.length === 0)) &&
      void load(dateRef.current),
    reconnected: () => void load(dateRef.current),
  });
  const onGridReady = useCallback(
    (e: GridReadyEvent<VehicleRow>) => {
      gridRef.current = e.api;
      void load(dateRef.current);
    },
    [load],
  );

  const columnDefs = useMemo<ColDef<VehicleRow>[]>(
    () => [
      { colId: 'plate', field: 'plate', headerName: t('dispatch:vehicles.col.plate'), width: 130, pinned: 'left' },
      { colId: 'vehicleType', field: 'vehicleType', headerName: t('dispatch:vehicles.col.vehicleType'), width: 120 },
      {
        colId: 'offRoad',
        headerName: t('dispatch:vehicles.col.offRoad'),
        width: 150,
        valueGetter: (p) =>
          p.data?.offRoad ? t('dispatch:vehicles.offRoadCell', { reason: p.data.offRoad.reason || '—' }) : '',
        cellClass: (p) => (p.data?.offRoad ? 'cell-warning' : undefined),
      },
      {
        colId: 'capacityCases',
        field: 'capacityCases',
        headerName: t('dispatch:vehicles.col.capacityCases'),
        width: 125,
        ...qtyColumn<VehicleRow>(f),
      },
      {
        colId: 'capacityKg',
        field: 'capacityKg',
        headerName: t('dispatch:vehicles.col.capacityKg'),
        width: 125,
        ...qtyColumn<VehicleRow>(f),
      },
      {
        colId: 'capacityL',
        field: 'capacityL',
        headerName: t('dispatch:vehicles.col.capacityL'),
        width: 125,
        ...qtyColumn<VehicleRow>(f),
      },
      { colId: 'driverName', field: 'driverName', headerName: t('dispatch:vehicles.col.driverName'), width: 110 },
      { colId: 'driverPhone', field: 'driverPhone', headerName: t('dispatch:vehicles.col.driverPhone'), width: 130 },
      {
        colId: 'active',
        field: 'active',
        headerName: t('dispatch:vehicles.col.active'),
        width: 80,
        cellDataType: 'boolean',
      },
      { colId: 'area', field: 'area', headerName: t('dispatch:vehicles.col.area'), flex: 1, minWidth: 100 },
    ],
    [t, f],
  );

  const saved = (v: VehicleRow) => {
    const grid = gridRef.current;
    if (!grid) return;
    if (grid.getRowNode(String(v.id))) grid.applyTransaction({ update: [v] });
    else grid.applyTransaction({ add: [v] });
    setCount(grid.getDisplayedRowCount());
    setSelected(v);
    grid.getRowNode(String(v.id))?.setSelected(true);
  };

  return (
    <section className="page-body" data-testid="vehicles">
      <div className="toolbar">
        <h1 className="page-title">{t('dispatch:vehicles.title')}</h1>
        <label className="toolbar-field">
          {t('dispatch:vehicles.date')}
          <input
            type="date"
            data-testid="vehicles-date"
            value={date}
            onChange={(e) => {
              if (!isDay(e.target.value)) return;
              setDate(e.target.value);
              dateRef.current = e.target.value;
              void load(e.target.value);
            }}
          />
        </label>
        <QuickFilter value={quickFilter} onChange={setQuickFilter} />
        <span className="toolbar-count" data-testid="vehicles-count" data-rows={count}>
          {t('dispatch:vehicles.count', { rows: f.qty(count) })}
        </span>
        <span className="toolbar-spacer" />
        <button
          type="button"
          data-testid="vehicles-new"
          onClick={() => {
            gridRef.current?.deselectAll();
            setSelected(null);
          }}
        >
          {t('dispatch:vehicles.new')}
        </button>
      </div>
      <p className="page-hint">{t('dispatch:vehicles.hint')}</p>
      <div className="split">
        <CangwuGrid<VehicleRow>
          gridId="vehicles"
          testId="vehicles-grid"
          columnDefs={columnDefs}
          getRowId={getRowId}
          quickFilterText={quickFilter}
          onGridReady={onGridReady}
          rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
          onSelectionChanged={(e) => setSelected(e.api.getSelectedRows()[0] ?? null)}
        />
        <div className="vehicles-side">
          {selected && <OffRoadForm key={`${selected.id}:${date}`} vehicle={selected} date={date} onSaved={saved} />}
          <VehicleForm vehicle={selected} onSaved={saved} />
        </div>
      </div>
    </section>
  );
}
