// 送货签收 Departure and delivery outcomes (issue 12 §6, R6 R8): the trips of a
// dispatch date; a loaded trip departs (every order loaded or taken off), a
// departed trip's orders are signed or refused one by one on the original
// order, and the vehicle is marked back once every order has its outcome.
// Keyboard-first: ↑/↓ through the orders, S signs, R refuses, Esc closes.
// Live: another window's outcome or departure shows at once.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeliveryOrder, DeliveryTrip, DeliveryTripRow } from '../../shared/contract/dispatch';
import { api } from '../api/client';
import { navigate, useRoute } from '../app/routes';
import { hasRole, useSession } from '../app/session';
import { useGridEvents } from '../components/grid/useGridEvents';
import { useNotify } from '../components/toast/useNotify';
import { useFormat } from '../i18n/format';
import { OutcomeForm } from './delivery/OutcomeForm';
import { DayPicker } from './orders/DayPicker';
import { isDay, localDay } from './orders/orderText';

export function DeliveryPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const route = useRoute();
  const dateParam = route.params.get('date');
  const date = isDay(dateParam) ? dateParam : localDay(new Date());
  const tripParam = Number(route.params.get('trip'));
  const tripId = Number.isSafeInteger(tripParam) && tripParam > 0 ? tripParam : null;
  const { session } = useSession();
  const canDepart = hasRole(session, ['dispatcher', 'admin']);
  const canRecord = hasRole(session, ['dispatcher', 'operator', 'csManager', 'admin']);
  const [trips, setTrips] = useState<DeliveryTripRow[]>([]);
  const [trip, setTrip] = useState<DeliveryTrip | null>(null);
  const [focus, setFocus] = useState(0);
  const [form, setForm] = useState<{ order: DeliveryOrder; mode: 'sign' | 'refuse' } | null>(null);
  const [busy, setBusy] = useState(false);
  const rows = useRef<(HTMLTableRowElement | null)[]>([]);

  const loadTrips = useCallback(() => {
    api.request('dispatch.deliveryTrips', { dispatchDate: date }).then(setTrips, notify.error);
  }, [date, notify]);
  const loadTrip = useCallback(() => {
    if (tripId === null) setTrip(null);
    else api.request('dispatch.deliveryTrip', { tripId }).then(setTrip, notify.error);
  }, [tripId, notify]);
  useEffect(loadTrips, [loadTrips]);
  useEffect(loadTrip, [loadTrip]);
  useGridEvents({
    'dispatch.changed': (p) => {
      if (p.dispatchDate !== date) return;
      loadTrips();
      if (tripId !== null && (p.tripIds.includes(tripId) || p.tripIds.length === 0)) loadTrip();
    },
    reconnected: () => {
      loadTrips();
      loadTrip();
    },
  });

  const act = async (fn: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await fn();
      notify.success(done);
      loadTrips();
      loadTrip();
    } catch (e) {
      notify.error(e);
    } finally {
      setBusy(false);
    }
  };
  const depart = (r: DeliveryTripRow) => {
    if (!window.confirm(t('delivery:trips.departConfirm', { number: r.number, count: r.orderCount }))) return;
    void act(
      () => api.request('dispatch.depart', { tripId: r.id }),
      t('delivery:trips.departed', { number: r.number }),
    );
  };
  const back = (r: DeliveryTripRow) =>
    void act(
      () => api.request('dispatch.returned', { tripId: r.id }),
      t('delivery:trips.returnedDone', { number: r.number }),
    );

  const orders = trip?.orders ?? [];
  const open = (i: number, mode: 'sign' | 'refuse') => {
    const o = orders[i];
    if (o && o.state === 'departed' && canRecord) setForm({ order: o, mode });
  };
  const onKey = (e: React.KeyboardEvent, i: number) => {
    const k = e.key.toLowerCase();
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = Math.max(0, Math.min(orders.length - 1, i + (e.key === 'ArrowDown' ? 1 : -1)));
      setFocus(next);
      rows.current[next]?.focus();
    } else if (k === 's' || k === 'r') {
      e.preventDefault();
      open(i, k === 's' ? 'sign' : 'refuse');
    } else if (e.key === 'Escape') navigate('delivery', { date });
  };

  const outcomeText = (o: DeliveryOrder) =>
    o.outcome
      ? [
          t(`delivery:outcome.${o.outcome.outcome}`),
          o.outcome.reason ? t(`delivery:reason.${o.outcome.reason}`) : '',
          o.outcome.signedBy,
          o.outcome.note,
        ]
          .filter(Boolean)
          .join(' · ')
      : o.state === 'departed'
        ? t('delivery:outcome.open')
        : t(`orders:state.${o.state}`);

  return (
    <section className="page-body delivery" data-testid="delivery">
      <div className="toolbar">
        <h2>{t('delivery:trips.heading', { date })}</h2>
        <DayPicker value={date} onChange={(d) => navigate('delivery', { date: d })} testId="delivery-date" />
      </div>
      {trips.length === 0 ? (
        <p>{t('delivery:trips.empty')}</p>
      ) : (
        <table className="print-table delivery-trips" data-testid="delivery-trips">
          <thead>
            <tr>
              {['trip', 'plate', 'driver', 'state', 'orders', 'loaded', 'open', 'signed', 'refused'].map((k) => (
                <th key={k} className={['trip', 'plate', 'driver', 'state'].includes(k) ? '' : 'num'}>
                  {t(`delivery:trips.col.${k}`)}
                </th>
              ))}
              <th />
            </tr>
          </thead>
          <tbody>
            {trips.map((r) => (
              <tr key={r.id} data-testid={`delivery-trip-${r.number}`} className={r.id === tripId ? 'selected' : ''}>
                <td className="mono">{r.number}</td>
                <td>{r.plate}</td>
                <td>{r.driverName}</td>
                <td data-testid={`trip-state-${r.number}`}>{t(`delivery:tripState.${r.state}`)}</td>
                <td className="num">{f.qty(r.orderCount)}</td>
                <td className="num">{f.qty(r.loaded)}</td>
                <td className="num">{f.qty(r.open)}</td>
                <td className="num">{f.qty(r.signed)}</td>
                <td className="num">{f.qty(r.refused)}</td>
                <td>
                  <div className="row-actions">
                    {canDepart && (r.state === 'loading' || r.state === 'picking') && (
                      <button
                        type="button"
                        className="primary"
                        disabled={busy}
                        onClick={() => depart(r)}
                        data-testid={`depart-${r.number}`}
                      >
                        {t('delivery:trips.depart')}
                      </button>
                    )}
                    {(r.state === 'departed' || r.state === 'returned') && (
                      <button
                        type="button"
                        onClick={() => navigate('delivery', { date, trip: r.id })}
                        data-testid={`open-${r.number}`}
                      >
                        {t('delivery:trips.open')}
                      </button>
                    )}
                    {canDepart && r.state === 'departed' && r.open === 0 && (
                      <button
                        type="button"
                        disabled={busy}
                        onClick={() => back(r)}
                        data-testid={`returned-${r.number}`}
                      >
                        {t('delivery:trips.returned')}
                      </button>
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {trip && (
        <section className="delivery-orders" data-testid="delivery-orders">
          <h2 className="report-heading">
            {t('delivery:orders.heading', { number: trip.number, plate: trip.plate, driver: trip.driverName })}
          </h2>
          <p className="page-hint">{t('delivery:orders.hint')}</p>
          <table className="print-table">
            <thead>
              <tr>
                {['stop', 'order', 'customer', 'units', 'amount', 'due', 'outcome'].map((k) => (
                  <th key={k} className={k === 'units' || k === 'amount' ? 'num' : ''}>
                    {t(`delivery:orders.col.${k}`)}
                  </th>
                ))}
                <th />
              </tr>
            </thead>
            <tbody>
              {orders.map((o, i) => (
                <tr
                  key={o.id}
                  ref={(el) => {
                    rows.current[i] = el;
                  }}
                  tabIndex={i === focus ? 0 : -1}
                  onFocus={() => setFocus(i)}
                  onKeyDown={(e) => onKey(e, i)}
                  data-testid={`delivery-order-${o.number}`}
                  className={`outcome-${o.outcome?.outcome ?? o.state}`}
                >
                  <td className="num">{o.stopSeq}</td>
                  <td className="mono">{o.number}</td>
                  <td>
                    {o.customerCode} {o.customerName}
                  </td>
                  <td className="num">{f.qty(o.units)}</td>
                  <td className="num">{f.money(o.amountFen)}</td>
                  <td>{o.dueDate ?? ''}</td>
                  <td data-testid={`outcome-${o.number}`}>{outcomeText(o)}</td>
                  <td>
                    <div className="row-actions">
                      {canRecord && o.state === 'departed' && (
                        <>
                          <button
                            type="button"
                            tabIndex={-1}
                            onClick={() => open(i, 'sign')}
                            data-testid={`sign-${o.number}`}
                          >
                            {t('delivery:orders.sign')}
                          </button>
                          <button
                            type="button"
                            tabIndex={-1}
                            onClick={() => open(i, 'refuse')}
                            data-testid={`refuse-${o.number}`}
                          >
                            {t('delivery:orders.refuse')}
                          </button>
                        </>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {form && (
            <OutcomeForm
              key={`${form.order.id}-${form.mode}`}
              order={form.order}
              mode={form.mode}
              onCancel={() => {
                setForm(null);
                rows.current[focus]?.focus();
              }}
              onDone={(o) => {
                setForm(null);
                setTrip((tr) => tr && { ...tr, orders: tr.orders.map((x) => (x.id === o.id ? o : x)) });
                loadTrips();
                const next = Math.min(orders.length - 1, focus + 1);
                setFocus(next);
                setTimeout(() => rows.current[next]?.focus(), 0);
              }}
            />
          )}
        </section>
      )}
    </section>
  );
}
