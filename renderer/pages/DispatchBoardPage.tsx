// 调度看板 The dispatch board of a date (issue 12 §3): one lane per trip with its
// load against the vehicle's capacity, the pool of released orders by area and
// route, assignment by drag and drop (@dnd-kit: an order, the selection, a
// customer's stop, a route group; between lanes; back to the pool; stops
// reordered within a lane) and by keyboard (select, Enter, type a plate).
// Live: a 'dispatch.changed' or 'orders.changed' from any window asks for just
// the rows it names, applied without reloading, keeping scroll and selection.
import {
  DndContext,
  DragOverlay,
  PointerSensor,
  pointerWithin,
  rectIntersection,
  useSensor,
  useSensors,
  type CollisionDetection,
  type DragEndEvent,
  type DragStartEvent,
} from '@dnd-kit/core';
import { arrayMove } from '@dnd-kit/sortable';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoardRows, TripLane } from '../../shared/contract/dispatch';
import type { OrdersChanged } from '../../shared/contract/orders';
import { api, toApiError } from '../api/client';
import { useApiEvent, useReconnected } from '../api/hooks';
import { navigate, useRoute } from '../app/routes';
import { hasRole, useSession } from '../app/session';
import { QuickFilter } from '../components/QuickFilter';
import { useNotify } from '../components/toast/useNotify';
import { errorMessage } from '../i18n/errorText';
import { useFormat } from '../i18n/format';
import { AutoAssignDialog } from './dispatch/AutoAssignDialog';
import { applyRows, moveLocally, openBoard, poolRows, type Board } from './dispatch/boardState';
import { Lane, type DragData, type LaneActions } from './dispatch/Lane';
import { Pool, type PoolHandle } from './dispatch/Pool';
import { Selection, useSelectionSize } from './dispatch/selection';
import { NewTripDialog, TripPrompt } from './dispatch/TripDialogs';
import { DayPicker } from './orders/DayPicker';
import { isDay, nextDispatchDay } from './orders/orderText';

/** Refusals a dispatcher with the override right may force (recorded). */
const forceableCodes = new Set(['dispatch.overCapacity']);

type Refusal = { text: string; retry: (() => void) | null };

export function DispatchBoardPage() {
  const route = useRoute();
  const dateParam = route.params.get('date');
  const date = isDay(dateParam) ? dateParam : nextDispatchDay();
  return <BoardOfDay key={date} date={date} />;
}

// Orders first by the nearest droppable under the pointer: a stop when a stop is dragged (reorder), else the lane.
const collision: CollisionDetection = (args) => {
  const hits = pointerWithin(args);
  const found = hits.length > 0 ? hits : rectIntersection(args);
  const kind = (args.active.data.current as DragData | undefined)?.kind;
  if (kind !== 'stop') {
    const lanes = found.filter((c) => {
      const d = c.data?.droppableContainer.data.current as DragData | undefined;
      return d?.kind === 'lane' || d?.kind === 'pool';
    });
    if (lanes.length > 0) return lanes;
  }
  return found;
};

function BoardOfDay({ date }: { date: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const { session } = useSession();
  const dispatcher = hasRole(session, ['dispatcher', 'admin']);
  const [board, setBoard] = useState<Board | null>(null);
  const boardRef = useRef<Board | null>(null);
  const [selection] = useState(() => new Selection());
  const selected = useSelectionSize(selection);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [filter, setFilter] = useState('');
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [prompt, setPrompt] = useState(false);
  const [newTrip, setNewTrip] = useState(false);
  /** The automatic assignment's preview is open: for these pool orders, or the whole pool (an empty list). */
  const [autoAssign, setAutoAssign] = useState<number[] | null>(null);
  const [dragging, setDragging] = useState<{ label: string; count: number } | null>(null);
  const poolRef = useRef<PoolHandle>(null);

  const commit = useCallback(
    (next: Board) => {
      boardRef.current = next;
      setBoard(next);
      selection.keepOnly((id) => next.orders.has(id));
    },
    [selection],
  );

  const loadAll = useCallback(async () => {
    try {
      const view = await api.request('dispatch.board', { dispatchDate: date });
      commit(openBoard(view));
    } catch (e) {
      notify.error(e);
    }
  }, [date, commit, notify]);
  useEffect(() => {
    void loadAll();
  }, [loadAll]);

  // Live rows: ids named by events gather while one boardRows request is out, then go as one.
  const wanted = useRef({ trips: new Set<number>(), orders: new Set<number>() });
  const fetching = useRef(false);
  const fetchRows = useCallback(async () => {
    if (fetching.current) return;
    fetching.current = true;
    try {
      while (wanted.current.trips.size + wanted.current.orders.size > 0) {
        const tripIds = [...wanted.current.trips];
        const orderIds = [...wanted.current.orders];
        wanted.current = { trips: new Set(), orders: new Set() };
        const rows = await api.request('dispatch.boardRows', { dispatchDate: date, tripIds, orderIds });
        const current = boardRef.current;
        if (current) commit(applyRows(current, rows, orderIds));
      }
    } catch (e) {
      notify.error(e);
    } finally {
      fetching.current = false;
    }
  }, [date, commit, notify]);
  const want = useCallback(
    (tripIds: readonly number[], orderIds: readonly number[]) => {
      for (const id of tripIds) wanted.current.trips.add(id);
      for (const id of orderIds) wanted.current.orders.add(id);
      void fetchRows();
    },
    [fetchRows],
  );
  useApiEvent('dispatch.changed', (p) => {
    if (p.dispatchDate === date) want(p.tripIds, p.orderIds);
  });
  useApiEvent('orders.changed', (p: OrdersChanged) => {
    if (!p.dispatchDates.includes(date) && p.dispatchDates.length > 0) return;
    const ids = p.rows
      ? p.rows.filter((r) => r.dispatchDate === date || boardRef.current?.orders.has(r.id)).map((r) => r.id)
      : p.orderIds;
    if (ids.length > 0) want([], ids);
  });
  useReconnected(() => void loadAll());

  // ---- writes: shown at once where safe, then corrected by the reply -----
  const applyReply = useCallback(
    (rows: BoardRows, orderIds: readonly number[] = []) => {
      const current = boardRef.current;
      if (current) commit(applyRows(current, rows, orderIds));
    },
    [commit],
  );
  const refuse = useCallback(
    (e: unknown, retry: (() => void) | null) => {
      const err = toApiError(e);
      const canForce = retry !== null && forceableCodes.has(err.code) && boardRef.current?.canOverride === true;
      setRefusal({ text: errorMessage(err, t, f), retry: canForce ? retry : null });
    },
    [t, f],
  );

  const assign = useCallback(
    async (tripId: number, orderIds: number[], opts: { beforeStopId?: number; force?: boolean } = {}) => {
      const before = boardRef.current;
      if (!before || orderIds.length === 0) return;
      const moving = orderIds.filter((id) => before.orders.get(id)?.tripId !== tripId);
      if (moving.length === 0 && opts.beforeStopId === undefined) return;
      const snapshot = moving.flatMap((id) => before.orders.get(id) ?? []);
      commit(moveLocally(before, moving, tripId));
      setRefusal(null);
      try {
        const out = await api.request('dispatch.assign', {
          tripId,
          orderIds,
          force: opts.force ?? false,
          ...(opts.beforeStopId !== undefined ? { beforeStopId: opts.beforeStopId } : {}),
        });
        applyReply(out, orderIds);
        if (out.forced) notify.info(t('dispatch:board.forcedDone', { n: orderIds.length }));
      } catch (e) {
        const current = boardRef.current;
        if (current) commit(applyRows(current, { trips: [], orders: snapshot, removedTripIds: [] }));
        refuse(e, () => void assign(tripId, orderIds, { ...opts, force: true }));
      }
    },
    [applyReply, commit, notify, refuse, t],
  );

  const unassign = useCallback(
    async (orderIds: number[]) => {
      const before = boardRef.current;
      if (!before) return;
      const onTrips = orderIds.filter((id) => before.orders.get(id)?.tripId != null);
      if (onTrips.length === 0) return;
      const snapshot = onTrips.flatMap((id) => before.orders.get(id) ?? []);
      commit(moveLocally(before, onTrips, null));
      setRefusal(null);
      try {
        applyReply(await api.request('dispatch.unassign', { orderIds: onTrips }), onTrips);
      } catch (e) {
        const current = boardRef.current;
        if (current) commit(applyRows(current, { trips: [], orders: snapshot, removedTripIds: [] }));
        refuse(e, null);
      }
    },
    [applyReply, commit, refuse],
  );

  const reorder = useCallback(
    async (trip: TripLane, stopIds: number[]) => {
      const before = boardRef.current;
      if (!before) return;
      // The lane redraws in the new order at once: the trip's stops renumbered.
      const stops = stopIds.map((id, i) => ({ ...trip.stops.find((s) => s.id === id)!, seq: i + 1 }));
      commit(applyRows(before, { trips: [{ ...trip, stops }], orders: [], removedTripIds: [] }));
      try {
        applyReply(await api.request('dispatch.reorderStops', { tripId: trip.id, stopIds }));
      } catch (e) {
        const current = boardRef.current;
        if (current) commit(applyRows(current, { trips: [trip], orders: [], removedTripIds: [] }));
        refuse(e, null);
      }
    },
    [applyReply, commit, refuse],
  );

  const sortStops = useCallback(
    async (tripId: number) => {
      try {
        applyReply(await api.request('dispatch.sortStops', { tripId }));
      } catch (e) {
        refuse(e, null);
      }
    },
    [applyReply, refuse],
  );

  const createTrip = useCallback(
    async (input: { vehicleId: number; departTime?: string }) => {
      try {
        const trip = await api.request('dispatch.createTrip', { dispatchDate: date, ...input });
        applyReply({ trips: [trip], orders: [], removedTripIds: [] });
        notify.success(t('dispatch:newTrip.created', { plate: trip.plate, number: trip.number }));
        return true;
      } catch (e) {
        notify.error(e);
        return false;
      }
    },
    [applyReply, date, notify, t],
  );

  /** The selected orders that are in the pool (a selection may hold orders on lanes too). */
  const poolSelection = () => selection.list().filter((id) => boardRef.current?.orders.get(id)?.tripId === null);

  const pick = useCallback(
    (orderId: number, e: MouseEvent | KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.shiftKey || ('key' in e && e.key === ' ')) selection.toggle([orderId]);
      else selection.set([orderId]);
    },
    [selection],
  );
  const laneActions = useMemo<LaneActions>(
    () => ({ pick, unassign: (ids) => void unassign(ids), sortStops }),
    [pick, unassign, sortStops],
  );

  // ---- drag and drop -----------------------------------------------------
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 5 } }));
  /** What a drag carries: the selection when the dragged order is part of it. */
  const carried = (d: DragData | undefined): number[] => {
    if (!d) return [];
    if (d.kind === 'order') return selection.has(d.orderId) ? selection.list() : [d.orderId];
    if (d.kind === 'group' || d.kind === 'stop') return d.orderIds;
    return [];
  };
  const onDragStart = (e: DragStartEvent) => {
    const d = e.active.data.current as DragData | undefined;
    const ids = carried(d);
    const first = ids.length > 0 ? boardRef.current?.orders.get(ids[0]!) : undefined;
    setDragging({ label: first ? `${first.number} ${first.customerName}` : '', count: ids.length });
  };
  const onDragEnd = (e: DragEndEvent) => {
    setDragging(null);
    const d = e.active.data.current as DragData | undefined;
    const target = e.over?.data.current as DragData | undefined;
    const current = boardRef.current;
    if (!d || !target || !current) return;
    const ids = carried(d);
    if (target.kind === 'pool') {
      void unassign(ids);
      return;
    }
    const tripId = target.kind === 'lane' || target.kind === 'stop' ? target.tripId : null;
    if (tripId === null) return;
    if (d.kind === 'stop' && d.tripId === tripId) {
      // A stop dropped on another stop of its own lane: the new driving order.
      const trip = current.trips.find((x) => x.id === tripId);
      if (!trip || target.kind !== 'stop' || target.stopId === null || d.stopId === null) return;
      const order = trip.stops.map((s) => s.id);
      const from = order.indexOf(d.stopId);
      const to = order.indexOf(target.stopId);
      if (from < 0 || to < 0 || from === to) return;
      void reorder(trip, arrayMove(order, from, to));
      return;
    }
    const beforeStopId = target.kind === 'stop' && target.stopId !== null ? target.stopId : undefined;
    void assign(tripId, ids, beforeStopId !== undefined && d.kind === 'stop' ? { beforeStopId } : {});
  };

  const pool = board?.pool;
  // Rebuilt only when the pool itself changed (a change on the lanes keeps the same pool array).
  const rows = useMemo(() => (pool ? poolRows(pool, collapsed, filter) : []), [pool, collapsed, filter]);
  const toggleGroup = useCallback((key: string) => {
    setCollapsed((c) => {
      const next = new Set(c);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  }, []);

  const assigned = board ? board.orders.size - board.pool.length : 0;
  const poolTotals = useMemo(() => {
    let cases = 0;
    let weightG = 0;
    for (const o of pool ?? []) {
      cases += o.loadCases;
      weightG += o.weightG;
    }
    return { cases, kg: Math.round(weightG / 1000) };
  }, [pool]);

  return (
    <section className="page-body dispatch-board" data-testid="dispatch-board" data-ready={board ? 'true' : 'false'}>
      <div className="toolbar">
        <h1 className="page-title">{t('dispatch:board.title')}</h1>
        <DayPicker value={date} onChange={(d) => navigate('dispatchBoard', { date: d })} testId="board-date" />
        <span
          className="toolbar-count"
          data-testid="board-count"
          data-pool={board?.pool.length ?? 0}
          data-assigned={assigned}
          data-trips={board?.trips.length ?? 0}
        >
          {board
            ? t('dispatch:board.count', {
                trips: f.qty(board.trips.length),
                assigned: f.qty(assigned),
                pool: f.qty(board.pool.length),
              })
            : t('dispatch:board.loading')}
        </span>
        <span className="toolbar-spacer" />
        {dispatcher && board && (
          <>
            <button
              type="button"
              className="primary"
              data-testid="board-auto-assign"
              disabled={board.pool.length === 0}
              title={t('dispatch:board.autoAssignHint')}
              onClick={() => setAutoAssign(poolSelection())}
            >
              {selected > 0 ? t('dispatch:board.autoAssignSelected', { n: selected }) : t('dispatch:board.autoAssign')}
            </button>
            <button type="button" data-testid="board-new-trip" onClick={() => setNewTrip(true)}>
              {t('dispatch:board.newTrip')}
            </button>
            <button
              type="button"
              data-testid="board-assign-key"
              disabled={selected === 0}
              title={t('dispatch:board.assignKeyHint')}
              onClick={() => setPrompt(true)}
            >
              {t('dispatch:board.assignSelected', { n: selected })}
            </button>
            <button
              type="button"
              data-testid="board-unassign"
              disabled={selected === 0}
              onClick={() => void unassign(selection.list())}
            >
              {t('dispatch:board.unassignSelected')}
            </button>
          </>
        )}
      </div>
      {refusal && (
        <div className="refusal" role="alert" data-testid="board-refusal">
          <span>{refusal.text}</span>
          {refusal.retry && (
            <button
              type="button"
              className="danger"
              data-testid="board-force"
              onClick={() => {
                const retry = refusal.retry;
                setRefusal(null);
                retry?.();
              }}
            >
              {t('dispatch:board.force')}
            </button>
          )}
          <button type="button" data-testid="board-refusal-close" onClick={() => setRefusal(null)}>
            {t('common:actions.close')}
          </button>
        </div>
      )}
      {board && (
        <DndContext
          sensors={sensors}
          collisionDetection={collision}
          onDragStart={onDragStart}
          onDragEnd={onDragEnd}
          onDragCancel={() => setDragging(null)}
        >
          <div className="board-split">
            <aside className="pool-side">
              <div className="pool-bar">
                <h2>{t('dispatch:pool.title')}</h2>
                <span className="muted" data-testid="pool-totals">
                  {t('dispatch:pool.totals', {
                    orders: f.qty(board.pool.length),
                    cases: f.qty(poolTotals.cases),
                    kg: f.qty(poolTotals.kg),
                  })}
                </span>
              </div>
              <QuickFilter value={filter} onChange={setFilter} placeholder={t('dispatch:pool.search')} />
              <Pool
                handle={poolRef}
                rows={rows}
                selection={selection}
                canWrite={dispatcher}
                collapsed={collapsed}
                onToggle={toggleGroup}
                onPrompt={() => setPrompt(true)}
              />
              <p className="page-hint key-legend">
                {dispatcher ? t('dispatch:board.keys') : t('dispatch:board.readOnly')}
              </p>
            </aside>
            <div className="lanes" data-testid="lanes">
              {board.trips.map((trip) => (
                <Lane
                  key={trip.id}
                  trip={trip}
                  orders={board.laneOrders.get(trip.id) ?? noOrders}
                  f={f}
                  selection={selection}
                  actions={laneActions}
                  canWrite={dispatcher}
                />
              ))}
              {board.trips.length === 0 && (
                <p className="muted lanes-empty" data-testid="lanes-empty">
                  {t('dispatch:board.noTrips')}
                </p>
              )}
            </div>
          </div>
          <DragOverlay dropAnimation={null}>
            {dragging && (
              <div className="drag-overlay" data-testid="drag-overlay">
                {dragging.count > 1 ? t('dispatch:board.dragMany', { n: dragging.count }) : dragging.label}
              </div>
            )}
          </DragOverlay>
        </DndContext>
      )}
      {prompt && board && (
        <TripPrompt
          trips={board.trips.filter((x) => x.state === 'planned' || x.state === 'picking')}
          count={selection.size}
          onClose={() => {
            setPrompt(false);
            poolRef.current?.focus();
          }}
          onPick={(trip) => {
            setPrompt(false);
            const ids = selection.list();
            selection.clear();
            void assign(trip.id, ids);
            poolRef.current?.focus();
          }}
        />
      )}
      {autoAssign && (
        <AutoAssignDialog
          dispatchDate={date}
          orderIds={autoAssign.length > 0 ? autoAssign : undefined}
          onClose={() => {
            setAutoAssign(null);
            poolRef.current?.focus();
          }}
        />
      )}
      {newTrip && board && (
        <NewTripDialog
          vehicles={board.vehicles}
          trips={board.trips}
          onCreate={createTrip}
          onClose={() => setNewTrip(false)}
        />
      )}
    </section>
  );
}

const noOrders: never[] = [];
