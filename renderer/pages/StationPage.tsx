// 扫描工位 The scanning station: the warehouse keeper's main screen. Large
// type, the last scan as a coloured banner, the active task, the last scans,
// the quantity key, undo, the scanners' connection, a field to type a code —
// all by keyboard (F2/F3 task, F4 type a code, digits = quantity, Ctrl+Z undo).
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { DamageCause } from '../../shared/contract/damage';
import { useTranslation } from 'react-i18next';
import type { ScanView, TaskKind } from '../../shared/contract/scanning';
import { taskKinds } from '../../shared/contract/scanning';
import { api } from '../api/client';
import { hasRole, useSession } from '../app/session';
import { useNotify } from '../components/toast/useNotify';
import { errorMessage } from '../i18n/errorText';
import { useFormat } from '../i18n/format';
import { playSound } from '../scanning/feedback';
import { createQtyKey } from '../scanning/qtyKey';
import { setBeforeScanSubmit } from '../scanning/useScanning';
import { asEditable, registerVirtualField } from '../scanning/wedge';
import { LastScanBanner } from './station/LastScanBanner';
import { LinkBarcodeDialog, linkableCode } from './station/LinkBarcodeDialog';
import { ManualEntry } from './station/ManualEntry';
import { QtyKeyPanel } from './station/QtyKeyPanel';
import { RecentScans } from './station/RecentScans';
import { StationScanners } from './station/StationScanners';
import { keyCaps, stationKeyAction } from './station/stationKeys';
import { loadCompleteOrders } from './station/LoadCheckPanel';
import { TaskPanel } from './station/TaskPanel';
import { createDamageChoice } from './station/damageChoice';
import { useStation } from './station/useStation';

export function StationPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const { session } = useSession();
  const canLink = hasRole(session, ['admin', 'operator']);
  const [linkCode, setLinkCode] = useState<string | null>(null);
  const manualRef = useRef<HTMLInputElement>(null);

  const onScan = useCallback(
    (scan: ScanView) => {
      // Issue 4: an authorised user links an unknown code there and then.
      if (
        canLink &&
        scan.outcome === 'unknown' &&
        scan.resolution?.kind === 'unknown' &&
        linkableCode(scan.resolution.code)
      )
        setLinkCode(scan.resolution.code);
    },
    [canLink],
  );
  const station = useStation(onScan);
  const { state, lastScan, apply } = station;

  // The quantity key: local digits, sent to the core shortly after the last one.
  const qtyKey = useMemo(
    () =>
      createQtyKey({
        send: async (qty) => apply(await api.request('station.setQuantity', { qty })),
        onError: (e) => notify.error(e),
      }),
    [apply, notify],
  );
  useEffect(() => {
    const offVirtual = registerVirtualField(qtyKey);
    setBeforeScanSubmit(() => qtyKey.flush());
    return () => {
      offVirtual();
      setBeforeScanSubmit(null);
      qtyKey.dispose();
    };
  }, [qtyKey]);

  // 残损登记 (issue 13): number keys pick the cause and the suggestion, Enter reports.
  const damageChoice = useMemo(() => createDamageChoice(), []);
  useEffect(() => registerVirtualField(damageChoice), [damageChoice]);
  const [causes, setCauses] = useState<DamageCause[]>([]);
  const [damageNote, setDamageNote] = useState('');
  const damageTask = state?.task.kind === 'damage';
  useEffect(() => {
    if (!damageTask) return;
    api.request('damage.causes', {}).then((c) => setCauses(c.filter((x) => x.active)), notify.error);
  }, [damageTask, notify]);
  const submitDamage = useCallback(async () => {
    const { cause, suggestion } = damageChoice.get();
    if (cause === null || suggestion === null) {
      playSound('error');
      notify.error(new Error(t(cause === null ? 'damage:station.chooseCause' : 'damage:station.chooseSuggestion')));
      return;
    }
    try {
      const r = await api.request('damage.reportAtStation', {
        cause,
        causeNote: damageNote,
        suggestion,
        idempotencyKey: crypto.randomUUID(),
      });
      playSound('good');
      notify.success(t('damage:station.reported', { number: r.number }));
      damageChoice.clear();
      setDamageNote('');
      void station.reload();
    } catch (e) {
      playSound('error');
      notify.error(e);
    }
  }, [damageChoice, damageNote, notify, t, station]);

  const undo = useCallback(async () => {
    try {
      apply(await api.request('station.undoLastScan', {}));
      playSound('warning');
    } catch (e) {
      playSound('error');
      notify.error(e);
    }
  }, [apply, notify]);

  const setTask = useCallback(
    async (task: TaskKind) => {
      if (!state || state.task.kind === task) return;
      // Switching starts the new task empty: scanned receipt lines would be gone.
      if (state.task.kind === 'receipt' && state.task.lines.length > 0 && !window.confirm(t('scan:task.switchConfirm')))
        return;
      try {
        apply(await api.request('station.setTask', { task }));
      } catch (e) {
        notify.error(e);
      }
    },
    [state, apply, notify, t],
  );

  // 装车核对: loading, a take-off or the board changing the trip (any window) shows at once.
  const loadTripId = state?.task.kind === 'load' ? (state.task.check?.trip.id ?? null) : null;
  const { reload } = station;
  useEffect(() => {
    if (loadTripId === null) return;
    return api.on('dispatch.changed', (p) => {
      if (p.tripIds.includes(loadTripId)) void reload();
    });
  }, [loadTripId, reload]);

  // 装车核对: F7 loads every complete order of the trip, each with its own stock posting.
  const loadComplete = useCallback(async () => {
    if (state?.task.kind !== 'load' || !state.task.check) return;
    try {
      const n = await loadCompleteOrders(state.task.check);
      playSound('good');
      notify.success(t('loading:loadedCount', { count: n }));
    } catch (e) {
      playSound('error');
      notify.error(e);
    }
  }, [state, notify, t]);

  const clearTask = useCallback(async () => {
    if (state?.task.kind === 'receipt' && state.task.lines.length > 0 && !window.confirm(t('scan:task.clearConfirm')))
      return;
    try {
      apply(await api.request('station.clearTask', {}));
    } catch (e) {
      notify.error(e);
    }
  }, [state, apply, notify, t]);

  // The station's keys, in the bubble phase. A wedge scan's digits reach this
  // handler too (nobody knows it is a scan before its Enter); the wedge puts
  // the quantity key back (a virtual field) and swallows that Enter.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || linkCode !== null) return;
      const action = stationKeyAction(e, asEditable(document.activeElement) !== null);
      // Enter belongs to the focused button except in the damage task, where it reports.
      if (!action || (action.kind === 'enter' && !damageTask)) return;
      e.preventDefault();
      switch (action.kind) {
        case 'digit':
          if (damageTask)
            damageChoice.digit(
              action.digit,
              causes.map((c) => c.code),
            );
          else qtyKey.digit(action.digit);
          return;
        case 'enter':
          if (damageTask) void submitDamage();
          return;
        case 'qtyBackspace':
          qtyKey.backspace();
          return;
        case 'qtyClear':
          qtyKey.clear();
          if (damageTask) damageChoice.clear();
          return;
        case 'undo':
          void undo();
          return;
        case 'task':
          void setTask(action.task);
          return;
        case 'focusManual':
          manualRef.current?.focus();
          return;
        case 'clearTask':
          void clearTask();
          return;
        case 'loadComplete':
          void loadComplete();
          return;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [qtyKey, undo, setTask, clearTask, loadComplete, linkCode, damageTask, damageChoice, causes, submitDamage]);

  const lastUnknown =
    lastScan?.outcome === 'unknown' && lastScan.resolution?.kind === 'unknown' && linkableCode(lastScan.resolution.code)
      ? lastScan.resolution.code
      : null;

  return (
    <section className="page-body station" data-testid="station">
      <div className="toolbar station-toolbar">
        <h1 className="page-title">{t('scan:station.title')}</h1>
        <div className="task-switch" role="group" aria-label={t('scan:task.label')} data-testid="station-task-switch">
          {taskKinds.map((k) => (
            <button
              key={k}
              type="button"
              className={state?.task.kind === k ? 'primary big' : 'big'}
              aria-pressed={state?.task.kind === k}
              data-testid={`station-task-${k}`}
              onClick={() => void setTask(k)}
              disabled={!state}
            >
              {t(`scan:task.${k}`)}
              {k in keyCaps && <kbd>{keyCaps[k as keyof typeof keyCaps]}</kbd>}
            </button>
          ))}
        </div>
        <span className="toolbar-spacer" />
        <StationScanners owner={state?.owner} />
      </div>

      {station.loadError !== null && !state && (
        <p className="form-error" role="alert" data-testid="station-error">
          {errorMessage(station.loadError, t, f)}
        </p>
      )}

      <LastScanBanner scan={lastScan} onLink={canLink && lastUnknown ? () => setLinkCode(lastUnknown) : undefined} />

      <div className="station-grid">
        <div className="station-main">
          {state && (
            <TaskPanel
              task={state.task}
              lastScans={state.lastScans}
              onLoad={() => void loadComplete()}
              damage={{
                causes,
                choice: damageChoice,
                note: damageNote,
                onNote: setDamageNote,
                onSubmit: () => void submitDamage(),
              }}
            />
          )}
          <RecentScans scans={state?.lastScans ?? []} />
        </div>
        <aside className="station-side">
          <QtyKeyPanel qtyKey={qtyKey} pendingQty={state?.pendingQty ?? null} />
          <ManualEntry inputRef={manualRef} />

          <section className="card station-actions">
            <button type="button" className="big" data-testid="station-undo" onClick={() => void undo()}>
              {t('scan:actions.undo')} <kbd>{keyCaps.undo}</kbd>
            </button>
            <button type="button" className="big" data-testid="station-clear-task" onClick={() => void clearTask()}>
              {t('scan:actions.clearTask')} <kbd>{keyCaps.clearTask}</kbd>
            </button>
          </section>

          <section className="card key-legend" aria-labelledby="key-legend-title">
            <h2 id="key-legend-title">{t('scan:keys.title')}</h2>
            <dl>
              <dt>
                <kbd>{keyCaps.digits}</kbd>
              </dt>
              <dd>{t('scan:keys.digits')}</dd>
              <dt>
                <kbd>{keyCaps.escape}</kbd>
              </dt>
              <dd>{t('scan:keys.escape')}</dd>
              <dt>
                <kbd>{keyCaps.undo}</kbd>
              </dt>
              <dd>{t('scan:keys.undo')}</dd>
              <dt>
                <kbd>{keyCaps.lookup}</kbd> <kbd>{keyCaps.receipt}</kbd> <kbd>{keyCaps.load}</kbd>{' '}
                <kbd>{keyCaps.damage}</kbd>
              </dt>
              <dd>{t('scan:keys.task')}</dd>
              <dt>
                <kbd>{keyCaps.manual}</kbd>
              </dt>
              <dd>{t('scan:keys.manual')}</dd>
            </dl>
          </section>
        </aside>
      </div>

      {linkCode !== null && (
        <LinkBarcodeDialog
          code={linkCode}
          onClose={() => setLinkCode(null)}
          onLinked={(p) => {
            setLinkCode(null);
            notify.success(
              t('scan:link.done', { code: linkCode, product: `${p.code} ${f.productName(p.nameZh, p.nameEn)}` }),
            );
          }}
        />
      )}
    </section>
  );
}
