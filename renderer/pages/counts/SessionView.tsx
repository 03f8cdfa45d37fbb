// One count session: what it covers, who counts, where it stands, and the
// actions the caller's roles allow in that state — start (the snapshot),
// print the sheets, count at my station, the manual sheet, finish counting,
// reconcile, cancel. The book is only ever shown when the core sends it.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CountScope, CountScopePreview, CountSessionView } from '../../../shared/contract/counts';
import type { LocationView } from '../../../shared/contract/types';
import { api } from '../../api/client';
import { navigate, openPrint, routeHref } from '../../app/routes';
import { hasRole, useSession } from '../../app/session';
import { useGridEvents } from '../../components/grid/useGridEvents';
import { useNotify } from '../../components/toast/useNotify';
import { useFormat } from '../../i18n/format';
import { CountSheetGrid } from './CountSheetGrid';
import { countersText, indexLocations, scopeSummary } from './countText';
import { ReconcileGrid } from './ReconcileGrid';
import { TabBar } from '../../components/TabBar';

type Tab = 'sheet' | 'reconcile' | 'history';

/** The states in which counts.measures includes a session: counting finished, not cancelled. */
const measuredStates = new Set<CountSessionView['state']>(['reconciling', 'confirmed', 'closed']);

/** A percentage the core rounded to 0.01 %, shown with two decimals ("93.33%"). */
const percent = (locale: string, pct: number) =>
  new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(
    pct / 100,
  );

export function SessionView({
  sessionId,
  locations,
  onBack,
}: {
  sessionId: number;
  locations: LocationView[];
  onBack(): void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const { session: me } = useSession();
  const [view, setView] = useState<CountSessionView | null>(null);
  const [tab, setTab] = useState<Tab | null>(null);
  const [busy, setBusy] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');
  const [printLocation, setPrintLocation] = useState('');
  const index = useMemo(() => indexLocations(locations), [locations]);
  const plannedLines = usePlannedLines(view);

  const load = useCallback(async () => {
    try {
      setView(await api.request('counts.get', { sessionId }));
    } catch (e) {
      notify.error(e);
    }
  }, [sessionId, notify]);
  useEffect(() => {
    void load();
  }, [load]);
  useGridEvents({
    'counts.changed': (p) => {
      if (p.sessionId === null || p.sessionId === sessionId) void load();
    },
    reconnected: () => void load(),
  });

  // R14 inventory record accuracy: the session's own figure once counting is finished, from the
  // totals the view already carries (the same definition counts.measures reports), so no second
  // working-out of every line. Shown to the roles that read the measures.
  const canMeasure = hasRole(me, ['operator', 'csManager', 'supervisor']);
  const accuracy =
    view !== null && canMeasure && view.countingFinishedAt !== null && measuredStates.has(view.state)
      ? (view.totals?.accuracy ?? null)
      : null;

  const isKeeper = hasRole(me, ['warehouseKeeper']);
  const isOperator = hasRole(me, ['operator']);
  const isPlanner = isKeeper || isOperator;
  const canReconcile = hasRole(me, ['operator', 'warehouseKeeper', 'csManager']);
  const state = view?.state;
  const counting = state === 'counting' || state === 'recounting';
  const amCounter = view?.counters.some((c) => c.userId === me.user.id) ?? false;
  const tabs: Tab[] = [];
  if (view && isKeeper && counting) tabs.push('sheet');
  if (view && canReconcile && view.bookVisible && state !== 'planned' && state !== 'cancelled') tabs.push('reconcile');
  tabs.push('history');
  // The keeper lands on the sheet while counting; everyone else on the reconciliation when there is one.
  const shown: Tab = tab && tabs.includes(tab) ? tab : (tabs[0] ?? 'history');

  const act = async (run: () => Promise<unknown>, done: string) => {
    if (busy) return;
    setBusy(true);
    try {
      await run();
      notify.success(done);
      await load();
    } catch (e) {
      notify.error(e);
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // Escape goes back to the list unless an editor or a field has it.
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      const el = e.target as HTMLElement | null;
      if (el && (el.closest('.ag-root-wrapper') || /^(INPUT|SELECT|TEXTAREA)$/.test(el.tagName))) return;
      onBack();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onBack]);

  // Sheets can be printed for the whole session, or one zone or bin of it.
  const printChoices = useMemo(() => {
    if (!view) return [];
    const kinds = new Set(['zone', 'bin']);
    return locations
      .filter((l) => kinds.has(l.kind))
      .filter((l) => {
        const ids = view.scope.locationIds;
        if (view.scope.area === 'warehouse' && ids.length === 0) return true;
        return ids.some((id) => l.id === id || chainHas(l.id, id) || chainHas(id, l.id));
      })
      .sort((a, b) => a.code.localeCompare(b.code));
    function chainHas(child: number, ancestor: number): boolean {
      let cur = index.get(child);
      for (let i = 0; cur && i < 16; i++) {
        if (cur.id === ancestor) return true;
        cur = cur.parentId === null ? undefined : index.get(cur.parentId);
      }
      return false;
    }
  }, [view, locations, index]);

  if (!view) {
    return (
      <section className="page-body" data-testid="count-session">
        <p className="page-hint">{t('counts:loading')}</p>
      </section>
    );
  }

  const confirmation = (c: CountSessionView['operatorConfirmation']) =>
    c ? t('counts:session.confirmedBy', { name: c.userName, at: f.dateTime(c.at) }) : t('counts:session.notConfirmed');

  return (
    <section className="page-body count-session" data-testid="count-session" data-state={view.state}>
      <div className="toolbar">
        <button type="button" data-testid="count-back" onClick={onBack}>
          {t('counts:session.back')}
        </button>
        <h1 className="page-title">
          {t('counts:session.title')} <span className="mono">{view.number}</span>
        </h1>
        <span className={`count-state-chip count-state-${view.state}`} data-testid="count-session-state">
          {t(`counts:state.${view.state}`)}
        </span>
        {view.blind && (
          <span className="count-blind-chip" data-testid="count-session-blind">
            {t('counts:session.blind')}
          </span>
        )}
        {view.lockBins && (
          <span className="count-blind-chip" data-testid="count-session-lock" title={t('counts:session.lockHint')}>
            {t('counts:session.lockChip')}
          </span>
        )}
        <span className="toolbar-spacer" />
        {state === 'planned' && isPlanner && (
          <button
            type="button"
            className="primary"
            data-testid="count-start"
            disabled={busy}
            onClick={() => void act(() => api.request('counts.start', { sessionId }), t('counts:session.started'))}
          >
            {t('counts:session.start')}
          </button>
        )}
        {(counting || state === 'planned') && isPlanner && (
          <span className="count-print-choice">
            <select
              data-testid="count-print-location"
              aria-label={t('counts:session.printWhich')}
              value={printLocation}
              onChange={(e) => setPrintLocation(e.target.value)}
            >
              <option value="">{t('counts:session.printAll')}</option>
              {printChoices.map((l) => (
                <option key={l.id} value={l.id}>
                  {t(`domain:locationKind.${l.kind}`)} {l.code}
                </option>
              ))}
            </select>
            <button
              type="button"
              data-testid="count-print"
              onClick={() =>
                openPrint(
                  'countSheet',
                  printLocation ? { session: sessionId, location: printLocation } : { session: sessionId },
                )
              }
            >
              {t('counts:session.print')}
            </button>
          </span>
        )}
        {counting && isKeeper && (
          <button
            type="button"
            data-testid="count-at-station"
            disabled={busy}
            onClick={() =>
              void act(async () => {
                await api.request('counts.countAtStation', { sessionId });
                navigate('station');
              }, t('counts:session.atStation'))
            }
          >
            {t('counts:session.countAtStation')}
          </button>
        )}
        {counting && isPlanner && (
          <button
            type="button"
            data-testid="count-finish"
            disabled={busy}
            onClick={() =>
              window.confirm(t('counts:session.finishConfirm')) &&
              void act(() => api.request('counts.finishCounting', { sessionId }), t('counts:session.finished'))
            }
          >
            {t('counts:session.finish')}
          </button>
        )}
        {isOperator && ['planned', 'counting', 'recounting', 'reconciling'].includes(view.state) && !cancelling && (
          <button type="button" className="danger" data-testid="count-cancel" onClick={() => setCancelling(true)}>
            {t('counts:session.cancel')}
          </button>
        )}
      </div>

      {cancelling && (
        <form
          className="card count-cancel"
          data-testid="count-cancel-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (!reason.trim()) return;
            void act(
              () => api.request('counts.cancel', { sessionId, reason: reason.trim() }),
              t('counts:session.cancelled'),
            ).then(() => setCancelling(false));
          }}
        >
          <label className="field field-wide">
            <span className="field-label">{t('counts:session.cancelReason')}</span>
            <input
              autoFocus
              data-testid="count-cancel-reason"
              value={reason}
              maxLength={200}
              aria-invalid={!reason.trim() ? true : undefined}
              onChange={(e) => setReason(e.target.value)}
            />
            {!reason.trim() && <span className="field-hint">{t('counts:session.cancelReasonHint')}</span>}
          </label>
          <div className="form-actions">
            <button type="button" onClick={() => setCancelling(false)}>
              {t('counts:session.keep')}
            </button>
            <button
              type="submit"
              className="danger"
              data-testid="count-cancel-confirm"
              disabled={!reason.trim() || busy}
            >
              {t('counts:session.cancelConfirm')}
            </button>
          </div>
        </form>
      )}

      <dl className="count-meta" data-testid="count-session-meta">
        <div>
          <dt>{t('counts:col.scope')}</dt>
          <dd>{scopeSummary(view.scope, index, t)}</dd>
        </div>
        <div>
          <dt>{t('counts:col.counters')}</dt>
          <dd>{countersText(view.counters, t)}</dd>
        </div>
        {view.recountKeepers.length > 0 && (
          <div>
            <dt>{t('counts:col.recountKeepers')}</dt>
            <dd data-testid="count-session-recounters">{view.recountKeepers.join(t('common:listSeparator'))}</dd>
          </div>
        )}
        <div>
          <dt>{t('counts:col.progress')}</dt>
          <dd data-testid="count-session-progress">
            {state === 'planned'
              ? plannedLines && t('counts:session.plannedLines', plannedLines)
              : t('counts:progress', { counted: f.qty(view.countedLineCount), total: f.qty(view.lineCount) })}
          </dd>
        </div>
        {view.selection && (
          <div>
            <dt>{t('counts:session.selection')}</dt>
            <dd data-testid="count-session-selection">
              {t('counts:session.selectionText', {
                classes: Object.entries(view.selection.products)
                  .map(([c, n]) => t('counts:session.selectionClass', { c, n: f.qty(n) }))
                  .join(t('counts:scope.sep')),
                from: f.dateTime(view.selection.windowFrom),
                to: f.dateTime(view.selection.windowTo),
              })}
            </dd>
          </div>
        )}
        <div>
          <dt>{t('counts:session.tolerance')}</dt>
          <dd>
            {view.toleranceUnits === null && view.toleranceFen === null
              ? t('counts:session.noTolerance')
              : [
                  view.toleranceUnits !== null
                    ? t('counts:session.toleranceUnits', { n: f.qty(view.toleranceUnits) })
                    : '',
                  view.toleranceFen !== null ? f.money(view.toleranceFen) : '',
                ]
                  .filter(Boolean)
                  .join(' · ')}
          </dd>
        </div>
        <div>
          <dt>{t('counts:col.createdBy')}</dt>
          <dd>
            {view.createdBy} · {f.dateTime(view.createdAt)}
          </dd>
        </div>
        {view.startedAt && (
          <div>
            <dt>{t('counts:col.startedAt')}</dt>
            <dd>
              {view.startedBy ?? ''} · {f.dateTime(view.startedAt)}
            </dd>
          </div>
        )}
        {view.countingFinishedAt && (
          <div>
            <dt>{t('counts:col.finishedAt')}</dt>
            <dd>{f.dateTime(view.countingFinishedAt)}</dd>
          </div>
        )}
        {['reconciling', 'confirmed', 'closed'].includes(view.state) && (
          <>
            <div>
              <dt>{t('counts:session.operatorConfirmation')}</dt>
              <dd data-testid="count-confirm-operator">{confirmation(view.operatorConfirmation)}</dd>
            </div>
            <div>
              <dt>{t('counts:session.keeperConfirmation')}</dt>
              <dd data-testid="count-confirm-keeper">{confirmation(view.keeperConfirmation)}</dd>
            </div>
          </>
        )}
        {accuracy && accuracy.accuracyPct !== null && (
          <div>
            <dt>{t('counts:session.accuracy')}</dt>
            <dd
              data-testid="count-session-accuracy"
              data-within={accuracy.linesWithinTolerance}
              data-counted={accuracy.linesCounted}
            >
              {t('counts:session.accuracyLines', {
                pct: percent(f.locale, accuracy.accuracyPct),
                within: f.qty(accuracy.linesWithinTolerance),
                counted: f.qty(accuracy.linesCounted),
              })}
              {accuracy.accuracyByAmountPct !== null &&
                t('counts:session.accuracyAmount', { pct: percent(f.locale, accuracy.accuracyByAmountPct) })}
            </dd>
          </div>
        )}
        {view.formId !== null && view.formNumber && (
          <div>
            <dt>{t('counts:col.form')}</dt>
            <dd>
              <a href={routeHref('adjustments', { form: view.formId })} data-testid="count-form-link">
                {view.formNumber}
              </a>{' '}
              {view.formState ? t(`counts:formState.${view.formState}`) : ''}
            </dd>
          </div>
        )}
        {view.cancelledReason && (
          <div>
            <dt>{t('counts:session.cancelledReason')}</dt>
            <dd>{view.cancelledReason}</dd>
          </div>
        )}
        {view.note && (
          <div>
            <dt>{t('counts:plan.note')}</dt>
            <dd>{view.note}</dd>
          </div>
        )}
      </dl>
      {state === 'planned' && <p className="page-hint">{t('counts:session.plannedHint')}</p>}
      {counting && view.blind && !view.bookVisible && <p className="page-hint">{t('counts:session.blindHint')}</p>}
      {counting && isKeeper && !amCounter && state === 'counting' && (
        <p className="page-hint">{t('counts:session.notYourCount')}</p>
      )}

      <TabBar
        tabs={tabs.map((k) => ({ id: k, label: t(`counts:tab.${k}`) }))}
        current={shown}
        onChange={setTab}
        testIdPrefix="count"
        label={t('counts:session.title')}
      />
      {shown === 'sheet' && <CountSheetGrid session={view} locations={locations} />}
      {shown === 'reconcile' && <ReconcileGrid session={view} onSession={setView} />}
      {shown === 'history' && (
        <ol className="count-history" data-testid="count-history">
          {view.history.map((h, i) => (
            <li key={i}>
              <span className="muted">{f.dateTime(h.at)}</span> <strong>{h.userName}</strong>{' '}
              {t(`counts:history.${h.action}`, { defaultValue: h.action })}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** A planned session has no lines yet: what its scope would give now, as the plan form showed it. */
function usePlannedLines(view: CountSessionView | null): { lines: string; bins: string } | null {
  const f = useFormat();
  const [preview, setPreview] = useState<CountScopePreview | null>(null);
  const planned = view?.state === 'planned' ? JSON.stringify(view.scope) : '';
  useEffect(() => {
    setPreview(null);
    if (!planned) return;
    let live = true;
    api.request('counts.preview', { scope: JSON.parse(planned) as CountScope }).then(
      (p) => live && setPreview(p),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [planned]);
  return preview && { lines: f.qty(preview.lines), bins: f.qty(preview.bins) };
}
