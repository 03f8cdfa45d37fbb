// One trip 车次 on the board: its vehicle, driver, departure and state, its
// load against the vehicle's capacity (fill bars green, amber from 90 %, red
// beyond), and its stops in driving order with their orders. A drop target
// for orders; its stops are reordered by dragging (@dnd-kit/sortable).
import { useDraggable, useDroppable } from '@dnd-kit/core';
import { SortableContext, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { memo, useMemo, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoardOrder, TripLane } from '../../../shared/contract/dispatch';
import type { Formatters } from '../../i18n/format';
import { fillLevel, loadOf, stopsOf, type LaneStop } from './boardState';
import { useSelected, type Selection } from './selection';

export type DragData =
  | { kind: 'order'; orderId: number; tripId: number | null }
  | { kind: 'group'; orderIds: number[] }
  | { kind: 'stop'; tripId: number; stopId: number | null; orderIds: number[] }
  | { kind: 'lane'; tripId: number }
  | { kind: 'pool' };

export type LaneActions = {
  /** Click on an order: select it (Ctrl adds, Shift adds). */
  pick(orderId: number, e: MouseEvent | KeyboardEvent): void;
  /** Delete/Backspace on an order of a lane: back to the pool. */
  unassign(orderIds: number[]): void;
  /** Resolves when the core's driving order is on the lane (or refused). */
  sortStops(tripId: number): Promise<void>;
};

const kg = (g: number) => g / 1000;
const open = (t: TripLane) => t.state === 'planned' || t.state === 'picking';

function FillBar({ label, used, capacity, testId }: { label: string; used: number; capacity: number; testId: string }) {
  const level = fillLevel(used, capacity);
  const pct = capacity > 0 ? Math.round((used / capacity) * 100) : 0;
  return (
    <div className={`fill fill-${level}`} data-testid={testId} data-level={level} data-pct={pct}>
      <span className="fill-label">{label}</span>
      <span className="fill-track">
        <span className="fill-bar" style={{ width: `${Math.min(100, pct)}%` }} />
      </span>
      <span className="fill-pct">{pct}%</span>
    </div>
  );
}

function OrderChip({
  order,
  selection,
  actions,
  canWrite,
}: {
  order: BoardOrder;
  selection: Selection;
  actions: LaneActions;
  canWrite: boolean;
}) {
  const { t } = useTranslation();
  const selected = useSelected(selection, order.id);
  const data: DragData = { kind: 'order', orderId: order.id, tripId: order.tripId };
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({
    id: `o:${order.id}`,
    data,
    disabled: !canWrite,
  });
  return (
    <button
      type="button"
      ref={setNodeRef}
      {...attributes}
      {...listeners}
      role="option"
      aria-selected={selected}
      className={`chip${selected ? ' selected' : ''}${order.emergency ? ' urgent' : ''}${order.forced ? ' forced' : ''}${isDragging ? ' dragging' : ''}`}
      data-testid="lane-order"
      data-order-id={order.id}
      data-number={order.number}
      title={`${order.number} · ${t(`orders:state.${order.state}`)}${order.forced ? ` · ${t('dispatch:board.forced')}` : ''}`}
      onClick={(e) => actions.pick(order.id, e)}
      onKeyDown={(e) => {
        if (e.key === ' ') {
          e.preventDefault();
          actions.pick(order.id, e);
        } else if (canWrite && (e.key === 'Delete' || e.key === 'Backspace')) {
          e.preventDefault();
          actions.unassign(selection.has(order.id) ? selection.list() : [order.id]);
        }
      }}
    >
      {order.number.slice(-4)}
      {order.stopId === null && <span className="chip-pending" aria-hidden="true" />}
    </button>
  );
}

const Stop = memo(function Stop({
  stop,
  f,
  index,
  tripId,
  selection,
  actions,
  canWrite,
}: {
  stop: LaneStop;
  f: Formatters;
  index: number;
  tripId: number;
  selection: Selection;
  actions: LaneActions;
  canWrite: boolean;
}) {
  const { t } = useTranslation();
  const first = stop.orders[0]!;
  const data: DragData = { kind: 'stop', tripId, stopId: stop.stopId, orderIds: stop.orders.map((o) => o.id) };
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({
    id: stop.stopId === null ? `p:${tripId}:${stop.key}` : `s:${stop.stopId}`,
    data,
    disabled: !canWrite || stop.stopId === null,
  });
  const load = loadOf(stop.orders);
  return (
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      className={`stop${isDragging ? ' dragging' : ''}`}
      data-testid="lane-stop"
      data-customer={first.customerCode}
      data-route={first.route}
      data-route-seq={first.routeSeq ?? ''}
    >
      <div className="stop-head" {...attributes} {...listeners}>
        <span className="stop-seq">{index + 1}</span>
        <span className="stop-name" title={`${first.customerCode} ${first.customerName}`}>
          {first.customerName}
        </span>
        <span className="stop-load">
          {t('dispatch:board.load', { cases: f.qty(load.loadCases), kg: f.qty(Math.round(kg(load.weightG))) })}
        </span>
      </div>
      <div className="stop-orders" role="listbox" aria-multiselectable="true">
        {stop.orders.map((o) => (
          <OrderChip key={o.id} order={o} selection={selection} actions={actions} canWrite={canWrite} />
        ))}
      </div>
    </li>
  );
});

export const Lane = memo(function Lane({
  trip,
  orders,
  f,
  selection,
  actions,
  canWrite,
}: {
  trip: TripLane;
  /** The page's number formats (made once: Intl formats are costly to build per lane and stop). */
  f: Formatters;
  orders: BoardOrder[];
  selection: Selection;
  actions: LaneActions;
  canWrite: boolean;
}) {
  const { t } = useTranslation();
  const writable = canWrite && open(trip);
  const [sorting, setSorting] = useState(false);
  const data: DragData = { kind: 'lane', tripId: trip.id };
  const { setNodeRef, isOver } = useDroppable({ id: `lane:${trip.id}`, data, disabled: !writable });
  const stops = useMemo(() => stopsOf(orders), [orders]);
  const load = useMemo(() => loadOf(orders), [orders]);
  const sortableIds = useMemo(
    () => stops.map((s) => (s.stopId === null ? `p:${trip.id}:${s.key}` : `s:${s.stopId}`)),
    [stops, trip.id],
  );
  const over = load.loadCases > trip.capacityCases || load.weightG > trip.capacityKg * 1000;
  return (
    <section
      ref={setNodeRef}
      className={`lane${isOver ? ' drop-over' : ''}${over ? ' lane-over' : ''}`}
      data-testid="lane"
      data-trip-id={trip.id}
      data-trip={trip.number}
      data-plate={trip.plate}
      data-orders={load.orders}
      data-state={trip.state}
      aria-label={`${trip.plate} ${trip.number}`}
    >
      <header className="lane-head">
        <div className="lane-title">
          <strong className="lane-plate">{trip.plate}</strong>
          {trip.seq > 1 && <span className="badge">{t('dispatch:board.run', { n: trip.seq })}</span>}
          <span className={`badge trip-${trip.state}`}>{t(`dispatch:tripState.${trip.state}`)}</span>
        </div>
        <div className="lane-sub muted">
          <span className="mono">{trip.number}</span>
          {trip.vehicleType && <> · {trip.vehicleType}</>} · {trip.driverName}
          {trip.departTime && <> · {t('dispatch:board.departs', { time: trip.departTime })}</>}
        </div>
        <div className="lane-totals" data-testid="lane-totals">
          {t('dispatch:board.laneTotals', {
            stops: f.qty(load.stops),
            orders: f.qty(load.orders),
            cases: f.qty(load.loadCases),
            kg: f.qty(kg(load.weightG)),
            amount: f.money(load.amountFen),
          })}
          {load.unweighedLines > 0 && (
            <span className="muted" title={t('dispatch:board.unweighed', { n: load.unweighedLines })}>
              {' '}
              ≥
            </span>
          )}
        </div>
        <FillBar
          label={t('dispatch:board.cases', { used: f.qty(load.loadCases), capacity: f.qty(trip.capacityCases) })}
          used={load.loadCases}
          capacity={trip.capacityCases}
          testId="fill-cases"
        />
        <FillBar
          label={t('dispatch:board.kg', {
            used: f.qty(Math.round(kg(load.weightG))),
            capacity: f.qty(trip.capacityKg),
          })}
          used={load.weightG}
          capacity={trip.capacityKg * 1000}
          testId="fill-kg"
        />
        {writable && (
          <div className="lane-actions">
            <button
              type="button"
              data-testid="lane-sort"
              disabled={stops.length < 2 || sorting}
              aria-busy={sorting}
              onClick={() => {
                setSorting(true);
                void actions.sortStops(trip.id).finally(() => setSorting(false));
              }}
            >
              {t('dispatch:board.sortStops')}
            </button>
          </div>
        )}
      </header>
      <SortableContext items={sortableIds} strategy={verticalListSortingStrategy}>
        <ol className="lane-stops">
          {stops.map((s, i) => (
            <Stop
              key={s.key}
              stop={s}
              f={f}
              index={i}
              tripId={trip.id}
              selection={selection}
              actions={actions}
              canWrite={writable}
            />
          ))}
          {stops.length === 0 && <li className="lane-empty muted">{t('dispatch:board.dropHere')}</li>}
        </ol>
      </SortableContext>
    </section>
  );
});
