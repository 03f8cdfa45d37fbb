// 装车 Loading: the trips of a dispatch date with their state and progress —
// print a trip's pick list 拣货单 (or a wave of the selected trips), start
// picking. Live: every 'dispatch.changed' of the date reloads the list. The
// load check itself is the station's task (F6 on the scanning screen).
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LoadingTrip } from '../../shared/contract';
import { api } from '../api/client';
import { navigate, openPrint, useRoute } from '../app/routes';
import { hasRole, useSession } from '../app/session';
import { useNotify } from '../components/toast/useNotify';
import { useFormat } from '../i18n/format';
import { DayPicker } from './orders/DayPicker';
import { isDay, nextDispatchDay } from './orders/orderText';

export function LoadingPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const route = useRoute();
  const dateParam = route.params.get('date');
  const date = isDay(dateParam) ? dateParam : nextDispatchDay();
  const { session } = useSession();
  const canPick = hasRole(session, ['warehouseKeeper', 'dispatcher', 'admin']);
  const [trips, setTrips] = useState<LoadingTrip[] | null>(null);
  const [selected, setSelected] = useState<Set<number>>(new Set());

  const load = useCallback(async () => {
    try {
      setTrips(await api.request('dispatch.loadingTrips', { dispatchDate: date }));
    } catch (e) {
      notify.error(e);
    }
  }, [date, notify]);
  useEffect(() => {
    void load();
    const off = api.on('dispatch.changed', (p) => {
      if (p.dispatchDate === date) void load();
    });
    const offBack = api.onReconnected(() => void load());
    return () => {
      off();
      offBack();
    };
  }, [load, date]);

  const startPicking = async (tripIds: number[]) => {
    try {
      const done = await api.request('dispatch.startPicking', { tripIds });
      notify.success(t('loading:page.started', { count: done.length }));
      await load();
    } catch (e) {
      notify.error(e);
    }
  };
  const toggle = (id: number) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const chosen = (trips ?? []).filter((x) => selected.has(x.id)).map((x) => x.id);

  return (
    <section className="page-body" data-testid="loading">
      <div className="toolbar">
        <h1 className="page-title">{t('loading:page.title')}</h1>
        <DayPicker value={date} onChange={(d) => navigate('loading', { date: d })} testId="loading-date" />
        <span className="toolbar-spacer" />
        <button
          type="button"
          disabled={chosen.length === 0}
          data-testid="loading-wave"
          onClick={() => openPrint('pickList', { trips: chosen.join(',') })}
        >
          {t('loading:page.wave')}
        </button>
      </div>
      {trips && trips.length === 0 && <p className="task-empty">{t('loading:page.empty')}</p>}
      {trips && trips.length > 0 && (
        <table className="task-table" data-testid="loading-trips">
          <thead>
            <tr>
              <th>{t('loading:page.select')}</th>
              <th>{t('loading:col.trip')}</th>
              <th>{t('loading:col.plate')}</th>
              <th>{t('loading:col.driver')}</th>
              <th>{t('loading:col.departTime')}</th>
              <th className="num">{t('loading:col.stops')}</th>
              <th className="num">{t('loading:col.ordersCount')}</th>
              <th className="num">{t('loading:col.loadedCount')}</th>
              <th className="num">{t('loading:col.units')}</th>
              <th>{t('loading:col.state')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {trips.map((x) => (
              <tr key={x.id} data-trip={x.number} data-state={x.state}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={x.number}
                    checked={selected.has(x.id)}
                    onChange={() => toggle(x.id)}
                  />
                </td>
                <td className="mono">{x.number}</td>
                <td>{x.plate}</td>
                <td>{x.driverName}</td>
                <td>{x.departTime || '—'}</td>
                <td className="num">{f.qty(x.stops)}</td>
                <td className="num">{f.qty(x.orders)}</td>
                <td className="num">{f.qty(x.loaded)}</td>
                <td className="num">{f.qty(x.units)}</td>
                <td data-testid="loading-trip-state">{t(`loading:tripState.${x.state}`)}</td>
                <td>
                  <button
                    type="button"
                    data-testid="loading-pick-list"
                    onClick={() => openPrint('pickList', { trips: x.id })}
                  >
                    {t('loading:page.pickList')}
                  </button>{' '}
                  {canPick && x.state === 'planned' && (
                    <button
                      type="button"
                      className="primary"
                      data-testid="loading-start-picking"
                      onClick={() => void startPicking([x.id])}
                    >
                      {t('loading:page.startPicking')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
