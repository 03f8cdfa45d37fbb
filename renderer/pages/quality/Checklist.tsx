// The zone's checklist 质量检查 (GMP 跟踪记录, issue 17 §1), filled by the
// keeper at a keyboard: numbers typed (temperature, humidity) with their
// limits shown and the value marked out of limits as it is typed; pass/fail
// items answered with P or F; Tab moves on. An item out of limits or failed
// opens its corrective action (what, who, by when) under it, and the record
// is not saved without it (the core refuses too). Ctrl+Enter saves. The day's
// record of the zone and shift opens for editing when it exists. A zone's
// label scanned at an idle station opens its checklist (#/quality?zone=…,
// scanning/useScanning.ts).
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { QualityItem, QualityOwner, QualityRecord, QualityZoneDay } from '../../../shared/contract';
import { nextWorkingDay } from '../../../shared/workingDays';
import { api } from '../../api/client';
import { useApiEvent } from '../../api/hooks';
import { useRoute } from '../../app/routes';
import { useSession } from '../../app/session';
import { useNotify } from '../../components/toast/useNotify';
import { useFormat, warehouseDay } from '../../i18n/format';

/** The keys the form answers to (shown on its buttons). */
const keyCaps = { pass: 'P', fail: 'F', save: 'Ctrl+Enter' } as const;

type Answer = { value: string; passed: boolean | null };
type ActionDraft = { description: string; ownerId: number; dueDate: string };

/** Out of limits, failed, or null while not answered. */
function failing(item: QualityItem, a: Answer | undefined): boolean | null {
  if (!a) return null;
  if (item.kind === 'passFail') return a.passed === null ? null : !a.passed;
  if (a.value.trim() === '') return null;
  const v = Number(a.value);
  if (!Number.isFinite(v)) return null;
  return (item.min !== null && v < item.min) || (item.max !== null && v > item.max);
}

export function Checklist() {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const { session } = useSession();
  const [items, setItems] = useState<QualityItem[]>([]);
  const [owners, setOwners] = useState<QualityOwner[]>([]);
  const [zones, setZones] = useState<QualityZoneDay[]>([]);
  const [date, setDate] = useState(warehouseDay());
  const [zoneId, setZoneId] = useState<number | null>(null);
  // A scanned zone label arrives as #/quality?zone=…: that zone, today.
  const zoneParam = Number(useRoute().params.get('zone') ?? NaN);
  useEffect(() => {
    if (!Number.isInteger(zoneParam)) return;
    setZoneId(zoneParam);
    setDate(warehouseDay());
  }, [zoneParam]);
  const [shift, setShift] = useState('');
  const [note, setNote] = useState('');
  const [answers, setAnswers] = useState<Record<number, Answer>>({});
  const [actions, setActions] = useState<Record<number, ActionDraft>>({});
  const [busy, setBusy] = useState(false);
  // Each item's control (its number field or its P/F group), to move on to the next by Enter or P.
  const controls = useRef(new Map<number, HTMLElement>());
  const actionFields = useRef(new Map<number, HTMLInputElement>());
  const saveButton = useRef<HTMLButtonElement>(null);
  const focusAfter = (itemId: number) => {
    const at = items.findIndex((i) => i.id === itemId);
    const next = items[at + 1];
    (next ? controls.current.get(next.id) : saveButton.current)?.focus();
  };
  const keep = (map: Map<number, HTMLElement>, id: number) => (el: HTMLElement | null) => {
    if (el) map.set(id, el);
    else map.delete(id);
  };

  useEffect(() => {
    Promise.all([api.request('quality.items', {}), api.request('quality.owners', {})]).then(([i, o]) => {
      setItems(i.filter((x) => x.active));
      setOwners(o);
    }, notify.error);
  }, [notify]);
  const loadDay = useCallback(async () => {
    try {
      const day = await api.request('quality.day', { date });
      setZones(day);
      setZoneId((z) => z ?? day[0]?.zoneId ?? null);
    } catch (e) {
      notify.error(e);
    }
  }, [date, notify]);
  useEffect(() => {
    void loadDay();
  }, [loadDay]);
  useApiEvent('quality.changed', () => void loadDay());

  const existing: QualityRecord | undefined = useMemo(
    () => zones.find((z) => z.zoneId === zoneId)?.records.find((r) => r.shift === shift.trim()),
    [zones, zoneId, shift],
  );
  // The record of this zone, day and shift fills the form; otherwise it starts empty.
  useEffect(() => {
    if (!existing) {
      setAnswers({});
      setActions({});
      setNote('');
      return;
    }
    setAnswers(
      Object.fromEntries(
        existing.values.map((v) => [v.itemId, { value: v.value === null ? '' : String(v.value), passed: v.passed }]),
      ),
    );
    setActions(
      Object.fromEntries(
        existing.actions.map((a) => [a.itemId, { description: a.description, ownerId: a.ownerId, dueDate: a.dueDate }]),
      ),
    );
    setNote(existing.note);
  }, [existing]);

  const answer = (itemId: number, next: Partial<Answer>) =>
    setAnswers((all) => ({ ...all, [itemId]: { value: '', passed: null, ...all[itemId], ...next } }));
  const actionOf = (itemId: number): ActionDraft =>
    actions[itemId] ?? { description: '', ownerId: session.user.id, dueDate: nextWorkingDay(date) };
  const setAction = (itemId: number, next: Partial<ActionDraft>) =>
    setActions((all) => ({ ...all, [itemId]: { ...actionOf(itemId), ...next } }));

  const save = async () => {
    if (zoneId === null || busy) return;
    setBusy(true);
    try {
      const values = items.map((i) => {
        const a = answers[i.id];
        return i.kind === 'passFail'
          ? { itemId: i.id, ...(a?.passed !== null && a?.passed !== undefined && { passed: a.passed }) }
          : { itemId: i.id, ...(a && a.value.trim() !== '' && { value: Number(a.value) }) };
      });
      const needed = items.filter((i) => failing(i, answers[i.id]) === true);
      const rec = await api.request('quality.saveRecord', {
        ...(existing && { recordId: existing.id }),
        zoneId,
        date,
        shift: shift.trim(),
        note,
        values,
        actions: needed.map((i) => ({ itemId: i.id, ...actionOf(i.id) })).filter((a) => a.description.trim() !== ''),
      });
      notify.success(t('quality:saved', { zone: rec.zoneName, date: rec.date, actions: rec.actions.length }));
      await loadDay();
    } catch (e) {
      notify.error(e);
    } finally {
      setBusy(false);
    }
  };

  const onFormKey = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void save();
    }
  };
  // P passes and moves on; F fails and goes to the corrective action it needs.
  const onPassFailKey = (itemId: number) => (e: KeyboardEvent) => {
    const k = e.key.toLowerCase();
    if (k === 'p' || k === 'f') {
      e.preventDefault();
      answer(itemId, { passed: k === 'p' });
      if (k === 'p') focusAfter(itemId);
      // The action's field appears with the next render.
      else setTimeout(() => actionFields.current.get(itemId)?.focus(), 0);
    }
  };
  // Enter in a number or an action's text moves on to the next item (Ctrl+Enter saves).
  const onEnterNext = (itemId: number) => (e: KeyboardEvent) => {
    if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      focusAfter(itemId);
    }
  };

  return (
    <div className="quality-form" onKeyDown={onFormKey} data-testid="quality-form">
      <div className="toolbar">
        <label>
          {t('quality:zone')}{' '}
          <select value={zoneId ?? ''} onChange={(e) => setZoneId(Number(e.target.value))} data-testid="quality-zone">
            {zones.map((z) => (
              <option key={z.zoneId} value={z.zoneId}>
                {z.zoneCode} {z.zoneName} {z.records.length > 0 ? `· ${t('quality:recorded')}` : ''}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('quality:date')}{' '}
          <input type="date" value={date} onChange={(e) => setDate(e.target.value)} data-testid="quality-date" />
        </label>
        <label>
          {t('quality:shift')}{' '}
          <input
            value={shift}
            maxLength={20}
            placeholder={t('quality:shiftHint')}
            onChange={(e) => setShift(e.target.value)}
            data-testid="quality-shift"
          />
        </label>
        {existing && (
          <span className="badge" data-testid="quality-existing">
            {t('quality:editing', { by: existing.recordedBy, at: f.dateTime(existing.recordedAt) })}
          </span>
        )}
      </div>
      <p className="page-hint">{t('quality:keys')}</p>
      <table className="lines quality-items">
        <thead>
          <tr>
            <th>{t('quality:item')}</th>
            <th>{t('quality:limits')}</th>
            <th>{t('quality:answer')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((i) => {
            const a = answers[i.id];
            const bad = failing(i, a);
            const act = actionOf(i.id);
            return [
              <tr key={i.id} className={bad ? 'quality-bad' : ''} data-testid={`quality-row-${i.code}`}>
                <td>{f.locale === 'en' ? i.nameEn : i.nameZh}</td>
                <td>{i.kind === 'passFail' ? t('quality:passFail') : `${i.min ?? '…'} – ${i.max ?? '…'} ${i.unit}`}</td>
                <td>
                  {i.kind === 'passFail' ? (
                    <div
                      role="radiogroup"
                      tabIndex={0}
                      className="quality-passfail"
                      aria-label={f.locale === 'en' ? i.nameEn : i.nameZh}
                      onKeyDown={onPassFailKey(i.id)}
                      ref={keep(controls.current, i.id)}
                      data-testid={`quality-pf-${i.code}`}
                      data-answer={a?.passed === true ? 'pass' : a?.passed === false ? 'fail' : ''}
                    >
                      <button
                        type="button"
                        tabIndex={-1}
                        aria-pressed={a?.passed === true}
                        className={a?.passed === true ? 'primary' : ''}
                        onClick={() => answer(i.id, { passed: true })}
                      >
                        {t('quality:pass')} <kbd>{keyCaps.pass}</kbd>
                      </button>
                      <button
                        type="button"
                        tabIndex={-1}
                        aria-pressed={a?.passed === false}
                        className={a?.passed === false ? 'danger' : ''}
                        onClick={() => answer(i.id, { passed: false })}
                      >
                        {t('quality:fail')} <kbd>{keyCaps.fail}</kbd>
                      </button>
                    </div>
                  ) : (
                    <input
                      type="number"
                      step="0.1"
                      inputMode="decimal"
                      value={a?.value ?? ''}
                      aria-invalid={bad === true}
                      onChange={(e) => answer(i.id, { value: e.target.value })}
                      onKeyDown={onEnterNext(i.id)}
                      ref={keep(controls.current, i.id)}
                      data-testid={`quality-value-${i.code}`}
                    />
                  )}
                  {bad && <span className="quality-flag">{t('quality:outOfLimits')}</span>}
                </td>
              </tr>,
              bad ? (
                <tr key={`${i.id}-action`} className="quality-action-row" data-testid={`quality-action-${i.code}`}>
                  <td colSpan={3}>
                    <label>
                      {t('quality:action')}{' '}
                      <input
                        value={act.description}
                        maxLength={1000}
                        placeholder={t('quality:actionHint')}
                        onChange={(e) => setAction(i.id, { description: e.target.value })}
                        onKeyDown={onEnterNext(i.id)}
                        ref={keep(actionFields.current as Map<number, HTMLElement>, i.id)}
                        data-testid={`quality-action-text-${i.code}`}
                      />
                    </label>{' '}
                    <label>
                      {t('quality:owner')}{' '}
                      <select
                        value={act.ownerId}
                        onChange={(e) => setAction(i.id, { ownerId: Number(e.target.value) })}
                        data-testid={`quality-action-owner-${i.code}`}
                      >
                        {owners.map((o) => (
                          <option key={o.id} value={o.id}>
                            {o.name}
                          </option>
                        ))}
                      </select>
                    </label>{' '}
                    <label>
                      {t('quality:due')}{' '}
                      <input
                        type="date"
                        value={act.dueDate}
                        onChange={(e) => setAction(i.id, { dueDate: e.target.value })}
                        data-testid={`quality-action-due-${i.code}`}
                      />
                    </label>
                  </td>
                </tr>
              ) : null,
            ];
          })}
        </tbody>
      </table>
      <label className="field">
        <span>{t('quality:note')}</span>
        <input value={note} maxLength={1000} onChange={(e) => setNote(e.target.value)} data-testid="quality-note" />
      </label>
      <div className="form-actions">
        <button
          ref={saveButton}
          type="button"
          className="primary"
          disabled={busy || zoneId === null}
          onClick={() => void save()}
          data-testid="quality-save"
        >
          {t(existing ? 'quality:update' : 'quality:save')} <kbd>{keyCaps.save}</kbd>
        </button>
      </div>
    </div>
  );
}
