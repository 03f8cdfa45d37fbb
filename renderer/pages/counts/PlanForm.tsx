// Plan a count 盘点计划 (R10): the area (warehouse, zones or bins), optional
// cycle filters (ABC class, high value first among them), the counters with
// their zones, blind (on by default), the optional lock of the counted bins and
// the tolerances. How many lines the scope gives now shows as it is chosen.
// Keyboard first: every control is reachable by Tab, Enter plans, Escape closes.
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  abcClasses,
  abcCutsPct,
  abcWindowDays,
  countAreas,
  type AbcClass,
  type CountArea,
  type CountScope,
  type CountScopePreview,
  type CountSessionView,
} from '../../../shared/contract/counts';
import type { LocationView, ProductView } from '../../../shared/contract/types';
import { stockStatuses, type StockStatus } from '../../../shared/domain';
import { api } from '../../api/client';
import { FieldError, FormFailure } from '../../components/FormMessages';
import { ProductPicker, productLabel } from '../../components/ProductPicker';
import { useFormSubmit } from '../../components/useFormSubmit';
import { useNotify } from '../../components/toast/useNotify';
import { TextField } from '../../components/TextField';
import { useFormat } from '../../i18n/format';
import { indexLocations } from './countText';
import { keeperLabel, parseKeeper, useKnownKeepers } from './knownKeepers';
import {
  emptyPlan,
  newCounter,
  planInput,
  scopeErrorKeys,
  scopeOf,
  validatePlan,
  type CounterDraft,
  type PlanDraft,
} from './planDraft';

const areaKind = { warehouse: 'warehouse', zones: 'zone', bins: 'bin' } as const;

export function PlanForm({
  locations,
  products,
  onPlanned,
  onCancel,
}: {
  locations: LocationView[];
  products: ProductView[];
  onPlanned(view: CountSessionView): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const keepers = useKnownKeepers();
  const { formRef, errors, setErrors, failure, busy, onSubmit } = useFormSubmit({ onFailure: notify.error });
  const [draft, setDraft] = useState<PlanDraft>(emptyPlan);
  const [locFilter, setLocFilter] = useState('');
  const [pickedProduct, setPickedProduct] = useState<number | null>(null);
  const index = useMemo(() => indexLocations(locations), [locations]);
  const preview = useScopePreview(draft);

  const set = <K extends keyof PlanDraft>(k: K, v: PlanDraft[K], errorKey: string = k) => {
    setDraft((d) => ({ ...d, [k]: v }));
    setErrors((e) => {
      if (!(errorKey in e)) return e;
      const next = { ...e };
      delete next[errorKey];
      return next;
    });
  };
  const toggle = <T,>(list: T[], v: T): T[] => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);

  // The locations of the chosen kind, in code order; bins grouped under their zone.
  const choices = useMemo(() => {
    const kind = areaKind[draft.area];
    const q = locFilter.trim().toLowerCase();
    return locations
      .filter((l) => l.kind === kind)
      .filter(
        (l) =>
          !q ||
          l.code.toLowerCase().includes(q) ||
          l.name.toLowerCase().includes(q) ||
          l.path.toLowerCase().includes(q),
      )
      .sort((a, b) => a.path.localeCompare(b.path));
  }, [locations, draft.area, locFilter]);
  const groupOf = (l: LocationView) => (l.parentId === null ? '' : (index.get(l.parentId)?.code ?? ''));

  // Zones a counter may be given: those the scope reaches.
  const zones = useMemo(() => {
    const all = locations.filter((l) => l.kind === 'zone');
    if (draft.area === 'zones') return all.filter((z) => draft.locationIds.includes(z.id));
    if (draft.area === 'bins') {
      const parents = new Set(draft.locationIds.map((id) => index.get(id)?.parentId));
      return all.filter((z) => parents.has(z.id));
    }
    return draft.locationIds.length === 0
      ? all
      : all.filter((z) => z.parentId !== null && draft.locationIds.includes(z.parentId));
  }, [locations, draft.area, draft.locationIds, index]);

  const categories = useMemo(
    () =>
      [...new Set(products.map((p) => p.category).filter((c) => c.trim() !== ''))].sort((a, b) => a.localeCompare(b)),
    [products],
  );

  const setCounter = (i: number, patch: Partial<CounterDraft>) => {
    setDraft((d) => ({ ...d, counters: d.counters.map((c, j) => (j === i ? { ...c, ...patch } : c)) }));
    setErrors((e) => {
      const next = { ...e };
      delete next[`counters.${i}`];
      delete next.counters;
      return next;
    });
  };

  const submit = onSubmit(
    () => validatePlan(draft),
    async () => {
      const view = await api.request('counts.plan', planInput(draft));
      notify.success(t('counts:plan.planned', { number: view.number }));
      onPlanned(view);
    },
  );

  const err = (k: string, testId: string) => <FieldError error={errors[k]} testId={`${testId}-error`} />;

  return (
    <form
      ref={formRef}
      className="card count-plan"
      onSubmit={submit}
      noValidate
      data-testid="count-plan"
      onKeyDown={(e) => {
        if (e.key === 'Escape') onCancel();
      }}
    >
      <h2>{t('counts:plan.title')}</h2>
      <div className="count-plan-body">
        <fieldset className="count-plan-area">
          <legend>{t('counts:plan.area')}</legend>
          <div className="count-plan-radios" role="radiogroup" aria-label={t('counts:plan.area')}>
            {countAreas.map((a: CountArea, i) => (
              <label key={a} className="checkbox">
                <input
                  type="radio"
                  name="count-area"
                  data-testid={`count-plan-area-${a}`}
                  checked={draft.area === a}
                  autoFocus={i === 0}
                  onChange={() => {
                    set('area', a, 'locations');
                    set('locationIds', [], 'locations');
                  }}
                />
                {t(`counts:plan.areaKind.${a}`)}
              </label>
            ))}
          </div>
          <input
            type="search"
            className="count-plan-filter"
            data-testid="count-plan-loc-filter"
            placeholder={t('counts:plan.locFilter')}
            aria-label={t('counts:plan.locFilter')}
            value={locFilter}
            onChange={(e) => setLocFilter(e.target.value)}
          />
          <div
            className="count-plan-locs"
            data-testid="count-plan-locs"
            aria-invalid={errors.locations ? true : undefined}
            tabIndex={-1}
          >
            {choices.length === 0 && <p className="field-hint">{t('counts:plan.noLocations')}</p>}
            {choices.map((l, i) => {
              const group = draft.area === 'bins' ? groupOf(l) : '';
              const prev = choices[i - 1];
              const newGroup = draft.area === 'bins' && (i === 0 || (prev && groupOf(prev) !== group));
              return (
                <div key={l.id}>
                  {newGroup && <div className="count-plan-group">{group}</div>}
                  <label className="checkbox">
                    <input
                      type="checkbox"
                      data-testid={`count-plan-loc-${l.code}`}
                      checked={draft.locationIds.includes(l.id)}
                      onChange={() => set('locationIds', toggle(draft.locationIds, l.id), 'locations')}
                    />
                    <span className="mono">{l.code}</span> <span className="muted">{l.name}</span>
                  </label>
                </div>
              );
            })}
          </div>
          <div className="count-plan-loc-actions">
            <button
              type="button"
              data-testid="count-plan-loc-all"
              onClick={() =>
                set('locationIds', [...new Set([...draft.locationIds, ...choices.map((c) => c.id)])], 'locations')
              }
            >
              {t('counts:plan.selectShown')}
            </button>
            <button type="button" onClick={() => set('locationIds', [], 'locations')}>
              {t('counts:plan.clear')}
            </button>
            <span className="field-hint" data-testid="count-plan-loc-count">
              {draft.area === 'warehouse' && draft.locationIds.length === 0
                ? t('counts:plan.allWarehouses')
                : t('counts:plan.chosen', { n: draft.locationIds.length })}
            </span>
          </div>
          {err('locations', 'count-plan-locs')}
        </fieldset>

        <fieldset className="count-plan-filters">
          <legend>{t('counts:plan.filters')}</legend>
          <p className="field-hint">{t('counts:plan.filtersHint')}</p>
          <div className="field">
            <span className="field-label">{t('counts:plan.statuses')}</span>
            <div className="count-plan-inline">
              {stockStatuses.map((s: StockStatus) => (
                <label key={s} className="checkbox">
                  <input
                    type="checkbox"
                    data-testid={`count-plan-status-${s}`}
                    checked={draft.statuses.includes(s)}
                    onChange={() => set('statuses', toggle(draft.statuses, s))}
                  />
                  {t(`domain:status.${s}`)}
                </label>
              ))}
            </div>
          </div>
          {categories.length > 0 && (
            <div className="field">
              <span className="field-label">{t('counts:plan.categories')}</span>
              <div className="count-plan-inline count-plan-cats">
                {categories.map((c) => (
                  <label key={c} className="checkbox">
                    <input
                      type="checkbox"
                      checked={draft.categories.includes(c)}
                      onChange={() => set('categories', toggle(draft.categories, c))}
                    />
                    {c}
                  </label>
                ))}
              </div>
            </div>
          )}
          <TextField
            label={t('counts:plan.notCountedForDays')}
            testId="count-plan-days"
            value={draft.notCountedForDays}
            error={errors.days}
            input={{ inputMode: 'numeric', placeholder: t('counts:plan.daysPlaceholder') }}
            onChange={(v) => set('notCountedForDays', v, 'days')}
          />
          <div className="field">
            <span className="field-label">{t('counts:plan.abc')}</span>
            <div className="count-plan-inline">
              {abcClasses.map((c: AbcClass) => (
                <label key={c} className="checkbox">
                  <input
                    type="checkbox"
                    data-testid={`count-plan-abc-${c}`}
                    checked={draft.abcClasses.includes(c)}
                    onChange={() => set('abcClasses', toggle(draft.abcClasses, c))}
                  />
                  {t('counts:plan.abcClass', { c })}
                </label>
              ))}
            </div>
            <span className="field-hint">
              {t('counts:plan.abcHint', { days: abcWindowDays, a: abcCutsPct.A, b: abcCutsPct.B })}
            </span>
          </div>
          <TextField
            label={t('counts:plan.topValue')}
            testId="count-plan-top"
            value={draft.topValueLines}
            error={errors.topValueLines}
            input={{ inputMode: 'numeric', placeholder: t('counts:plan.topValuePlaceholder') }}
            onChange={(v) => set('topValueLines', v)}
          />
          <p className="field-hint">{t('counts:plan.topValueHint')}</p>
          <div className="field">
            <span className="field-label">{t('counts:plan.products')}</span>
            <div className="count-plan-inline">
              <ProductPicker
                products={products}
                value={pickedProduct}
                onChange={setPickedProduct}
                testId="count-plan-product"
              />
              <button
                type="button"
                data-testid="count-plan-product-add"
                disabled={pickedProduct === null}
                onClick={() => {
                  if (pickedProduct !== null && !draft.productIds.includes(pickedProduct))
                    set('productIds', [...draft.productIds, pickedProduct]);
                  setPickedProduct(null);
                }}
              >
                {t('counts:plan.addProduct')}
              </button>
            </div>
            <ul className="chips">
              {draft.productIds.map((id) => {
                const p = products.find((x) => x.id === id);
                return (
                  <li key={id} className="chip">
                    {p ? productLabel(p, f.productName) : `#${id}`}
                    <button
                      type="button"
                      className="icon-button"
                      aria-label={t('counts:plan.removeProduct')}
                      title={t('counts:plan.removeProduct')}
                      onClick={() =>
                        set(
                          'productIds',
                          draft.productIds.filter((x) => x !== id),
                        )
                      }
                    >
                      ×
                    </button>
                  </li>
                );
              })}
            </ul>
          </div>
        </fieldset>

        <fieldset className="count-plan-counters">
          <legend>{t('counts:plan.counters')}</legend>
          <p className="field-hint">{t('counts:plan.countersHint')}</p>
          <datalist id="count-keepers">
            {keepers.map((k) => (
              <option key={k.userId} value={keeperLabel(k)} />
            ))}
          </datalist>
          {draft.counters.map((c, i) => (
            <div key={c.key} className="count-plan-counter" data-testid={`count-plan-counter-${i}`}>
              <label className="field">
                <span className="field-label">{t('counts:plan.counter', { n: i + 1 })}</span>
                <input
                  list="count-keepers"
                  data-testid={`count-plan-counter-${i}-user`}
                  value={c.text}
                  placeholder={t('counts:plan.counterPlaceholder')}
                  aria-invalid={errors[`counters.${i}`] ? true : undefined}
                  onChange={(e) =>
                    setCounter(i, { text: e.target.value, userId: parseKeeper(e.target.value, keepers) })
                  }
                />
                {err(`counters.${i}`, `count-plan-counter-${i}`)}
              </label>
              <label className="field">
                <span className="field-label">{t('counts:plan.zone')}</span>
                <select
                  data-testid={`count-plan-counter-${i}-zone`}
                  value={c.zoneId ?? ''}
                  onChange={(e) => setCounter(i, { zoneId: e.target.value ? Number(e.target.value) : null })}
                >
                  <option value="">{t('counts:plan.anyZone')}</option>
                  {zones.map((z) => (
                    <option key={z.id} value={z.id}>
                      {z.code} {z.name}
                    </option>
                  ))}
                </select>
              </label>
              <button
                type="button"
                className="icon-button"
                aria-label={t('counts:plan.removeCounter', { n: i + 1 })}
                title={t('counts:plan.removeCounter', { n: i + 1 })}
                disabled={draft.counters.length === 1}
                onClick={() =>
                  set(
                    'counters',
                    draft.counters.filter((_, j) => j !== i),
                  )
                }
              >
                ×
              </button>
            </div>
          ))}
          {err('counters', 'count-plan-counters')}
          <button
            type="button"
            data-testid="count-plan-counter-add"
            onClick={() => set('counters', [...draft.counters, newCounter()])}
            disabled={draft.counters.length >= 100}
          >
            {t('counts:plan.addCounter')}
          </button>

          <label className="checkbox count-plan-blind">
            <input
              type="checkbox"
              data-testid="count-plan-blind"
              checked={draft.blind}
              onChange={(e) => set('blind', e.target.checked)}
            />
            <span>
              <strong>{t('counts:plan.blind')}</strong>
              <span className="field-hint"> {t('counts:plan.blindHint')}</span>
            </span>
          </label>
          <label className="checkbox count-plan-blind">
            <input
              type="checkbox"
              data-testid="count-plan-lock"
              checked={draft.lockBins}
              onChange={(e) => set('lockBins', e.target.checked)}
            />
            <span>
              <strong>{t('counts:plan.lockBins')}</strong>
              <span className="field-hint"> {t('counts:plan.lockBinsHint')}</span>
            </span>
          </label>
          <div className="form-row">
            <TextField
              label={t('counts:plan.toleranceUnits')}
              testId="count-plan-tol-units"
              value={draft.toleranceUnits}
              error={errors.toleranceUnits}
              input={{ inputMode: 'numeric' }}
              onChange={(v) => set('toleranceUnits', v)}
            />
            <TextField
              label={t('counts:plan.toleranceAmount')}
              testId="count-plan-tol-amount"
              value={draft.toleranceYuan}
              error={errors.toleranceYuan}
              input={{ inputMode: 'decimal' }}
              onChange={(v) => set('toleranceYuan', v)}
            />
          </div>
          <p className="field-hint">{t('counts:plan.toleranceHint')}</p>
          <TextField
            label={t('counts:plan.note')}
            testId="count-plan-note"
            value={draft.note}
            error={errors.note}
            onChange={(v) => set('note', v)}
          />
        </fieldset>
      </div>
      <FormFailure failure={failure} testId="count-plan-error" />
      <div className="form-actions">
        <span className="field-hint" data-testid="count-plan-preview" aria-live="polite">
          {preview === 'loading'
            ? t('counts:plan.previewing')
            : preview
              ? t('counts:plan.preview', {
                  lines: f.qty(preview.lines),
                  bins: f.qty(preview.bins),
                  products: f.qty(preview.products),
                })
              : ''}
        </span>
        <span className="toolbar-spacer" />
        <button type="button" data-testid="count-plan-cancel" onClick={onCancel}>
          {t('common:actions.cancel')}
        </button>
        <button type="submit" className="primary big" data-testid="count-plan-submit" disabled={busy}>
          {busy ? t('counts:plan.planning') : t('counts:plan.submit')}
        </button>
      </div>
    </form>
  );
}

/**
 * How many lines the draft's scope gives as the book stands now (counts.preview),
 * asked for a moment after the scope stops changing and only while its fields
 * are valid; null when there is nothing to say (an empty or invalid scope).
 */
function useScopePreview(draft: PlanDraft): CountScopePreview | 'loading' | null {
  const problems = validatePlan(draft);
  const key = scopeErrorKeys.some((k) => k in problems) ? '' : JSON.stringify(scopeOf(draft));
  const [preview, setPreview] = useState<CountScopePreview | 'loading' | null>(null);
  useEffect(() => {
    if (!key) {
      setPreview(null);
      return;
    }
    setPreview('loading');
    let live = true;
    const timer = setTimeout(() => {
      api.request('counts.preview', { scope: JSON.parse(key) as CountScope }).then(
        (p) => live && setPreview(p),
        // The plan's own submit reports a bad scope; the preview just says nothing.
        () => live && setPreview(null),
      );
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [key]);
  return preview;
}
