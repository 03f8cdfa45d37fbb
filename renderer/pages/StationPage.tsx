// 扫描工位 The scanning station: the warehouse keeper's main screen. Large
// type, the last scan as a coloured banner, the active task, the last scans,
// the quantity key, undo, the scanners' connection, a field to type a code —
// all by keyboard (F2/F3 task, F4 type a code, digits = quantity, Ctrl+Z undo;
// F10 the return check, F7 finishes it; Ctrl+D damaged on arrival at receiving).
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { DamageCause, DisposalKind } from '../../shared/contract/damage';
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
import { createReturnCheckConfirm, lineKey } from './station/returnCheckConfirm';
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
  // Receiving (issue 13): in the damaged mode, until the cause is chosen, number keys choose it.
  const receiptTask = state?.task.kind === 'receipt' ? state.task : null;
  const choosingArrivalDamage = receiptTask !== null && receiptTask.damaged && receiptTask.damage === null;
  const needCauses = damageTask || receiptTask !== null;
  useEffect(() => {
    if (!needCauses) return;
    api.request('damage.causes', {}).then((c) => setCauses(c.filter((x) => x.active)), notify.error);
  }, [needCauses, notify]);
  /** Ctrl+D / Esc at receiving: the damaged mode on or off, or its cause chosen again. */
  const arrivalDamage = useCallback(
    async (damaged: boolean, damage: { cause: string; causeNote: string; suggestion: DisposalKind } | null) => {
      try {
        apply(await api.request('station.receiptDamage', { damaged, damage }));
        if (damage) playSound('good');
        damageChoice.clear();
        setDamageNote('');
      } catch (e) {
        playSound('error');
        notify.error(e);
      }
    },
    [apply, damageChoice, notify],
  );
  const submitDamage = useCallback(async () => {
    const { cause, suggestion } = damageChoice.get();
    if (cause === null || suggestion === null) {
      playSound('error');
      notify.error(new Error(t(cause === null ? 'damage:station.chooseCause' : 'damage:station.chooseSuggestion')));
      return;
    }
    if (state?.task.kind === 'receipt') {
      await arrivalDamage(true, { cause, causeNote: damageNote, suggestion });
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
  }, [damageChoice, damageNote, notify, t, station, state, arrivalDamage]);

  // 退货验收 (issue 13): F7 confirms the cases, then each line's reason, then finishes.
  const confirm = useMemo(() => createReturnCheckConfirm(), []);
  useEffect(() => registerVirtualField(confirm), [confirm]);
  const checkView = state?.task.kind === 'returnCheck' ? state.task : null;
  const checkTarget = checkView?.target?.number ?? null;
  // Another return scanned (or the check finished elsewhere): its confirmation starts again.
  useEffect(() => confirm.reset(), [checkTarget, confirm]);
  const finishCheck = useCallback(async () => {
    const c = confirm.get();
    if (!checkView || c.phase !== 'ready') return;
    try {
      const r = await api.request('returns.checkAtStation', {
        casesChecked: c.cases,
        reasons: checkView.lines.map((l) => ({
          productId: l.productId,
          status: l.status,
          reason: c.reasons[lineKey(l)] ?? l.reason,
        })),
      });
      playSound('good');
      notify.success(
        t(r.hasDifferences ? 'returnCheck:finishedDiffers' : 'returnCheck:finished', { number: r.number }),
      );
      confirm.reset();
    } catch (e) {
      playSound('error');
      notify.error(e);
    }
  }, [checkView, confirm, notify, t]);
  /** F7 / Enter at the return check: the next step of the confirmation, finishing after the last. */
  const checkStep = useCallback(() => {
    if (!checkView) return;
    if (confirm.get().phase === 'scan') {
      if (!checkView.target) {
        playSound('error');
        notify.error(new Error(t('errors:returnCheck.nothingScanned')));
        return;
      }
      qtyKey.clear();
      confirm.start();
      return;
    }
    if (confirm.enter(checkView)) void finishCheck();
  }, [checkView, confirm, finishCheck, notify, t, qtyKey]);

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
      const confirming = checkView !== null && confirm.get().phase !== 'scan';
      // Enter belongs to the focused button except where a station step takes it:
      // the damage task reports, receiving's damage choice is given, the return check confirms.
      const enterTaken = damageTask || choosingArrivalDamage || confirming;
      if (!action || (action.kind === 'enter' && !enterTaken) || (action.kind === 'damaged' && !receiptTask)) return;
      e.preventDefault();
      switch (action.kind) {
        case 'digit':
          if (confirming) confirm.digit(action.digit, checkView);
          else if (damageTask || choosingArrivalDamage) {
            damageChoice.digit(
              action.digit,
              causes.map((c) => c.code),
            );
            const picked = damageChoice.get();
            // At receiving the pair is the choice: given at once (a note for 'other' first).
            if (choosingArrivalDamage && picked.suggestion !== null && picked.cause !== 'other') void submitDamage();
          } else qtyKey.digit(action.digit);
          return;
        case 'enter':
          if (confirming) checkStep();
          else if (damageTask || choosingArrivalDamage) void submitDamage();
          return;
        case 'qtyBackspace':
          if (confirming) confirm.backspace(checkView);
          else qtyKey.backspace();
          return;
        case 'qtyClear':
          qtyKey.clear();
          if (damageTask) damageChoice.clear();
          if (confirming) confirm.reset();
          if (receiptTask?.damaged) {
            damageChoice.clear();
            // A cause already given: Esc chooses it again.
            if (receiptTask.damage) void arrivalDamage(true, null);
          }
          return;
        case 'damaged':
          if (receiptTask) void arrivalDamage(!receiptTask.damaged, null);
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
          // F7: the load check loads; the return check confirms and finishes.
          if (checkView) checkStep();
          else void loadComplete();
          return;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [
    qtyKey,
    undo,
    setTask,
    clearTask,
    loadComplete,
    linkCode,
    damageTask,
    damageChoice,
    causes,
    submitDamage,
    checkView,
    confirm,
    checkStep,
    choosingArrivalDamage,
    receiptTask,
    arrivalDamage,
  ]);

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
              returnCheck={confirm}
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
                <kbd>{keyCaps.damage}</kbd> <kbd>{keyCaps.returnCheck}</kbd>
              </dt>
              <dd>{t('scan:keys.task')}</dd>
              <dt>
                <kbd>{keyCaps.finishCheck}</kbd>
              </dt>
              <dd>{t('scan:keys.finish')}</dd>
              <dt>
                <kbd>{keyCaps.damaged}</kbd>
              </dt>
              <dd>{t('scan:keys.damaged')}</dd>
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
