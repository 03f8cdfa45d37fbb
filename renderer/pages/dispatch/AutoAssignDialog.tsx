// Automatic assignment 自动排车 (issue 12 §3): the preview of a plan for the
// pool (or a selection) — vehicles used beside the lower bound, each trip's
// fill in cases and kg, routes split (and, when mixing heavy and light routes
// saved vehicles, what keeping routes whole would have cost: the trade-off),
// the orders left in the pool and why —
// which the dispatcher accepts (one transaction) or discards. A plan made
// stale by another window's change is refused whole; the dialog then says so
// and computes a fresh plan.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AutoAssignPlan, AutoAssignTrip } from '../../../shared/contract';
import { api } from '../../api/client';
import { useNotify } from '../../components/toast/useNotify';
import { useFormat } from '../../i18n/format';

type State = { kind: 'computing' } | { kind: 'ready'; plan: AutoAssignPlan } | { kind: 'failed' };

/** Amber from 90 %, red beyond capacity (never in a plan, but said plainly if it were). */
const level = (pct: number) => (pct > 100 ? 'over' : pct >= 90 ? 'near' : 'ok');

function FillBar({ label, pct, text, testId }: { label: string; pct: number; text: string; testId: string }) {
  return (
    <div className="auto-assign-fill" data-testid={testId}>
      <span className="auto-assign-fill-label">{label}</span>
      <span
        className="auto-assign-fill-track"
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
      >
        <span
          className={`auto-assign-fill-bar auto-assign-fill-${level(pct)}`}
          style={{ width: `${Math.min(100, pct)}%` }}
        />
      </span>
      <span className="auto-assign-fill-text">{text}</span>
    </div>
  );
}

export function AutoAssignDialog({
  dispatchDate,
  orderIds,
  onClose,
}: {
  dispatchDate: string;
  orderIds?: number[];
  onClose(): void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const ref = useRef<HTMLDialogElement>(null);
  const [state, setState] = useState<State>({ kind: 'computing' });
  const [busy, setBusy] = useState(false);
  const acceptRef = useRef<HTMLButtonElement>(null);
  const kg = useCallback(
    (g: number) =>
      new Intl.NumberFormat(f.locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(g / 1000),
    [f.locale],
  );

  const preview = useCallback(async () => {
    setState({ kind: 'computing' });
    try {
      const plan = await api.request('dispatch.autoAssignPreview', {
        dispatchDate,
        ...(orderIds && orderIds.length > 0 ? { orderIds } : {}),
      });
      setState({ kind: 'ready', plan });
    } catch (err) {
      notify.error(err);
      setState({ kind: 'failed' });
    }
  }, [dispatchDate, orderIds, notify]);

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    void preview();
  }, [preview]);

  // Keyboard first: once the plan is there, Enter accepts it and Escape discards it.
  useEffect(() => {
    if (state.kind === 'ready') acceptRef.current?.focus();
  }, [state.kind]);

  const accept = async () => {
    if (state.kind !== 'ready' || busy || state.plan.trips.length === 0) return;
    setBusy(true);
    try {
      const done = await api.request('dispatch.autoAssignAccept', {
        dispatchDate,
        assignments: state.plan.trips.map((tr) => ({
          tripId: tr.tripId,
          vehicleId: tr.vehicleId,
          orderIds: tr.orderIds,
        })),
      });
      notify.success(t('autoAssign:accepted', { orders: f.qty(done.assigned), trips: f.qty(done.tripIds.length) }));
      onClose();
    } catch (err) {
      // Stale: the board moved under the plan. Say why, then plan again from the board as it is.
      notify.error(err);
      void preview();
    } finally {
      setBusy(false);
    }
  };

  const tripName = (tr: AutoAssignTrip) =>
    tr.tripNumber ? t('autoAssign:existingTrip', { number: tr.tripNumber }) : t('autoAssign:newTrip');

  return (
    <dialog
      ref={ref}
      className="dialog auto-assign-dialog"
      data-testid="auto-assign-dialog"
      aria-labelledby="auto-assign-title"
      aria-busy={state.kind === 'computing' || busy}
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onClose();
      }}
    >
      <h2 id="auto-assign-title">{t('autoAssign:title', { date: dispatchDate })}</h2>
      {state.kind === 'computing' && (
        <div className="progress" data-testid="auto-assign-computing">
          <div className="progress-label">
            <span>{t('autoAssign:computing')}</span>
          </div>
          <progress className="auto-assign-progress" aria-label={t('autoAssign:computing')} />
        </div>
      )}
      {state.kind === 'failed' && <p className="muted">{t('autoAssign:failed')}</p>}
      {state.kind === 'ready' && (
        <>
          <dl className="auto-assign-summary" data-testid="auto-assign-summary">
            <div>
              <dt>{t('autoAssign:vehiclesUsed')}</dt>
              <dd data-testid="auto-assign-vehicles">
                {t('autoAssign:vehiclesVsBound', {
                  used: state.plan.quality.vehiclesUsed,
                  bound: state.plan.quality.lowerBound,
                })}
              </dd>
            </div>
            <div>
              <dt>{t('autoAssign:ordersPlaced')}</dt>
              <dd data-testid="auto-assign-placed">
                {t('autoAssign:placedOf', {
                  placed: f.qty(state.plan.quality.assigned),
                  considered: f.qty(state.plan.considered),
                })}
              </dd>
            </div>
            <div>
              <dt>{t('autoAssign:fill')}</dt>
              <dd>
                {t('autoAssign:fillMeanMax', {
                  mean: state.plan.quality.meanFillPct,
                  max: state.plan.quality.maxFillPct,
                })}
              </dd>
            </div>
            <div>
              <dt>{t('autoAssign:routesSplit')}</dt>
              <dd data-testid="auto-assign-routes-split">{state.plan.quality.routesSplit}</dd>
            </div>
          </dl>
          {state.plan.quality.routeFirst.vehiclesUsed > state.plan.quality.vehiclesUsed && (
            <p className="muted auto-assign-tradeoff" data-testid="auto-assign-tradeoff">
              {t('autoAssign:tradeoff', {
                vehicles: state.plan.quality.routeFirst.vehiclesUsed,
                split: state.plan.quality.routeFirst.routesSplit,
                saved: state.plan.quality.routeFirst.vehiclesUsed - state.plan.quality.vehiclesUsed,
              })}
            </p>
          )}
          {state.plan.trips.length === 0 && state.plan.unassigned.length === 0 && (
            <p className="muted" data-testid="auto-assign-nothing">
              {t('autoAssign:nothing')}
            </p>
          )}
          {state.plan.trips.length > 0 && (
            <table className="auto-assign-trips" data-testid="auto-assign-trips">
              <thead>
                <tr>
                  <th>{t('autoAssign:vehicle')}</th>
                  <th>{t('autoAssign:trip')}</th>
                  <th className="num">{t('autoAssign:stops')}</th>
                  <th className="num">{t('autoAssign:orders')}</th>
                  <th>{t('autoAssign:load')}</th>
                </tr>
              </thead>
              <tbody>
                {state.plan.trips.map((tr) => (
                  <tr key={`${tr.tripId ?? 'new'}-${tr.vehicleId}`} data-testid="auto-assign-trip">
                    <td>
                      <span className="mono">{tr.plate}</span>
                      <span className="muted"> {tr.vehicleType}</span>
                      <div className="muted">{tr.driverName}</div>
                    </td>
                    <td>{tripName(tr)}</td>
                    <td className="num">{f.qty(tr.stops.length)}</td>
                    <td className="num">{f.qty(tr.orderIds.length)}</td>
                    <td>
                      <FillBar
                        label={t('autoAssign:cases')}
                        pct={tr.fillCasesPct}
                        text={t('autoAssign:casesOf', {
                          load: f.qty(tr.loadCases),
                          capacity: f.qty(tr.capacityCases),
                          pct: tr.fillCasesPct,
                        })}
                        testId="auto-assign-fill-cases"
                      />
                      <FillBar
                        label={t('autoAssign:kg')}
                        pct={tr.fillKgPct}
                        text={t('autoAssign:kgOf', {
                          load: kg(tr.weightG),
                          capacity: f.qty(tr.capacityKg),
                          pct: tr.fillKgPct,
                        })}
                        testId="auto-assign-fill-kg"
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {state.plan.unassigned.length > 0 && (
            <section className="auto-assign-left" data-testid="auto-assign-unassigned">
              <h3>{t('autoAssign:leftTitle', { count: state.plan.unassigned.length })}</h3>
              <ul>
                {state.plan.unassigned.map((u) => (
                  <li key={u.orderId} data-testid="auto-assign-left-order">
                    <span className="mono">{u.number}</span> {u.customerName} · {u.route}
                    {u.emergency && <span className="badge auto-assign-emergency">{t('autoAssign:emergency')}</span>}
                    <span className="muted">
                      {' '}
                      {t('autoAssign:leftLoad', { cases: f.qty(u.loadCases), kg: kg(u.weightG) })}
                    </span>
                    <div className="auto-assign-reason">{t(`autoAssign:reason.${u.reason}`)}</div>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </>
      )}
      <div className="dialog-actions">
        <button
          type="button"
          ref={acceptRef}
          className="primary"
          data-testid="auto-assign-accept"
          disabled={state.kind !== 'ready' || state.plan.trips.length === 0 || busy}
          onClick={() => void accept()}
        >
          {busy ? t('autoAssign:accepting') : t('autoAssign:accept')}
        </button>{' '}
        <button type="button" data-testid="auto-assign-discard" disabled={busy} onClick={onClose}>
          {t('autoAssign:discard')}
        </button>
      </div>
    </dialog>
  );
}
