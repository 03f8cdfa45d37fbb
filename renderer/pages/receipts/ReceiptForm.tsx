// R7 入仓: a new receipt against a signed delivery note. Keyboard first: the
// delivery note has the focus, Enter posts, every control is reachable by Tab.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocationView, ProductView, ReceiptRow } from '../../../shared/contract/types';
import { api } from '../../api/client';
import { isApiError } from '../../api/errors';
import { FieldError, FormFailure } from '../../components/FormMessages';
import { ProductPicker } from '../../components/ProductPicker';
import { DamageLineFields } from './DamageLineFields';
import { TextField } from '../../components/TextField';
import { LocationSelect, QtyInput, StatusSelect } from '../../components/StockLineFields';
import { useNotify } from '../../components/toast/useNotify';
import { useFormSubmit } from '../../components/useFormSubmit';
import {
  emptyDraft,
  newIdempotencyKey,
  newLine,
  validateDraft,
  type LineDraft,
  type ReceiptDraft,
} from './receiptDraft';

export function ReceiptForm({
  products,
  locations,
  onPosted,
  onCancel,
}: {
  products: ProductView[];
  locations: LocationView[] | null;
  onPosted(row: ReceiptRow): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const { formRef, errors, setErrors, failure, setFailure, busy, onSubmit } = useFormSubmit({
    onFailure: notify.error,
  });
  const [draft, setDraft] = useState<ReceiptDraft>(() => emptyDraft());
  // One key per form: a second click, or a retry, replays the same posting (posted once).
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);

  /** An edited field's complaint goes away at once; the rest wait for the next submit. */
  const clearError = (...keys: string[]) =>
    setErrors((e) => {
      if (!keys.some((k) => k in e)) return e;
      const next = { ...e };
      for (const k of keys) delete next[k];
      return next;
    });
  const set = <K extends keyof ReceiptDraft>(k: K, v: ReceiptDraft[K]) => {
    setDraft((d) => ({ ...d, [k]: v }));
    clearError(k);
  };
  const setLine = (i: number, patch: Partial<LineDraft>) => {
    setDraft((d) => ({ ...d, lines: d.lines.map((l, j) => (j === i ? { ...l, ...patch } : l)) }));
    clearError(
      ...Object.keys(patch).map(
        (k) => `lines.${i}.${k === 'productId' ? 'product' : k === 'locationId' ? 'location' : k}`,
      ),
    );
  };
  // Lines scanned at this station's receiving task (bin label, then goods) fill the form;
  // once the receipt is posted the station's task is cleared for the next delivery.
  const [fromStation, setFromStation] = useState(false);
  const takeScanned = async () => {
    try {
      const state = await api.request('station.state', {});
      if (state.task.kind !== 'receipt' || state.task.lines.length === 0) {
        setFailure(null);
        setErrors({ scanned: 'receipts:form.noScannedLines' });
        return;
      }
      setDraft((d) => ({
        ...d,
        lines:
          state.task.kind === 'receipt'
            ? state.task.lines.map((l) => ({
                ...newLine(),
                productId: l.productId,
                locationId: l.locationId,
                qty: String(l.qty),
                // Damaged on arrival at the station: the line with its cause and suggestion as chosen there.
                ...(l.damaged
                  ? {
                      status: 'damaged' as const,
                      damageCause: l.damage?.cause ?? '',
                      damageCauseNote: l.damage?.causeNote ?? '',
                      ...(l.damage ? { damageSuggestion: l.damage.suggestion } : {}),
                    }
                  : {}),
              }))
            : d.lines,
      }));
      setFromStation(true);
      setErrors({});
    } catch (e) {
      setFailure(e);
    }
  };
  const addLine = () => setDraft((d) => ({ ...d, lines: [...d.lines, newLine(d.lines[d.lines.length - 1])] }));
  const removeLine = (i: number) => {
    setDraft((d) => ({ ...d, lines: d.lines.filter((_, j) => j !== i) }));
    // Line numbers shift: drop the line complaints rather than point at the wrong row.
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !k.startsWith('lines.'))));
  };

  const submit = onSubmit(
    () => validateDraft(draft),
    async () => {
      const row = await api
        .request('receipts.post', {
          deliveryNote: draft.deliveryNote.trim(),
          ...(draft.supplier.trim() ? { supplier: draft.supplier.trim() } : {}),
          arrivedAt: new Date(draft.arrivedLocal).toISOString(),
          ...(draft.note.trim() ? { note: draft.note.trim() } : {}),
          lines: draft.lines.map((l) => ({
            productId: l.productId as number,
            status: l.status,
            locationId: l.locationId as number,
            qty: Number(l.qty),
            // Damaged on arrival: the line opens its damage report with the receipt.
            ...(l.status === 'damaged' && l.damageCause
              ? {
                  damage: {
                    cause: l.damageCause,
                    suggestion: l.damageSuggestion,
                    ...(l.damageCauseNote.trim() ? { causeNote: l.damageCauseNote.trim() } : {}),
                  },
                }
              : {}),
          })),
          idempotencyKey,
        })
        .catch((e: unknown) => {
          // The core's refusal of a damaged line without a cause marks that line's field too.
          if (isApiError(e) && e.code === 'receipts.damageCauseRequired')
            setErrors({ [`lines.${Number(e.details.line) - 1}.damageCause`]: 'damage:invalid.cause' });
          throw e;
        });
      notify.success(t('receipts:posted', { documentNo: row.documentNo }));
      setDraft(emptyDraft());
      if (fromStation) {
        setFromStation(false);
        await api.request('station.clearTask', {}).catch(() => undefined);
      }
      setIdempotencyKey(newIdempotencyKey());
      setErrors({});
      onPosted(row);
    },
  );

  const err = (k: string, testId: string) => <FieldError error={errors[k]} testId={`${testId}-error`} />;

  return (
    <form ref={formRef} className="card receipt-form" onSubmit={submit} noValidate data-testid="receipt-form">
      <h2>{t('receipts:form.title')}</h2>
      <div className="form-row">
        <TextField
          label={t('receipts:form.deliveryNote')}
          testId="receipt-delivery-note"
          value={draft.deliveryNote}
          error={errors.deliveryNote}
          input={{ autoFocus: true }}
          onChange={(v) => set('deliveryNote', v)}
        />
        <TextField
          label={t('receipts:form.supplier')}
          testId="receipt-supplier"
          value={draft.supplier}
          error={errors.supplier}
          onChange={(v) => set('supplier', v)}
        />
        <TextField
          label={t('receipts:form.arrivedAt')}
          testId="receipt-arrived"
          value={draft.arrivedLocal}
          error={errors.arrivedLocal}
          input={{ type: 'datetime-local' }}
          onChange={(v) => set('arrivedLocal', v)}
        />
        <TextField
          label={t('receipts:form.note')}
          testId="receipt-note"
          value={draft.note}
          wide
          onChange={(v) => set('note', v)}
        />
      </div>

      <table className="lines" data-testid="receipt-lines">
        <thead>
          <tr>
            <th scope="col">{t('receipts:form.lineNo')}</th>
            <th scope="col">{t('receipts:form.product')}</th>
            <th scope="col">{t('receipts:form.status')}</th>
            <th scope="col">{t('receipts:form.location')}</th>
            <th scope="col">{t('receipts:form.qty')}</th>
            <th scope="col">
              <span className="sr-only">{t('receipts:form.remove')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {draft.lines.map((l, i) => {
            const unit = products.find((p) => p.id === l.productId)?.unit ?? '';
            return (
              <tr key={l.key} data-testid={`receipt-line-${i}`}>
                <td className="num">{i + 1}</td>
                <td>
                  <ProductPicker
                    products={products}
                    value={l.productId}
                    testId={`receipt-line-${i}-product`}
                    onChange={(productId) => setLine(i, { productId })}
                  />
                  {err(`lines.${i}.product`, `receipt-line-${i}-product`)}
                </td>
                <td>
                  <StatusSelect
                    testId={`receipt-line-${i}-status`}
                    value={l.status}
                    label={t('receipts:form.status')}
                    onChange={(status) => setLine(i, { status })}
                  />
                  {l.status === 'damaged' && (
                    <DamageLineFields
                      index={i}
                      cause={l.damageCause}
                      causeNote={l.damageCauseNote}
                      invalid={!!errors[`lines.${i}.damageCause`]}
                      suggestion={l.damageSuggestion}
                      onChange={(patch) => setLine(i, patch)}
                    />
                  )}
                  {err(`lines.${i}.damageCause`, `receipt-line-${i}-damage-cause`)}
                </td>
                <td>
                  <LocationSelect
                    testId={`receipt-line-${i}-location`}
                    locations={locations}
                    value={l.locationId}
                    label={t('receipts:form.location')}
                    placeholder={t('receipts:form.chooseLocation')}
                    invalid={!!errors[`lines.${i}.location`]}
                    onChange={(locationId) => setLine(i, { locationId })}
                  />
                  {err(`lines.${i}.location`, `receipt-line-${i}-location`)}
                </td>
                <td>
                  <QtyInput
                    testId={`receipt-line-${i}-qty`}
                    value={l.qty}
                    unit={unit}
                    label={t('receipts:form.qty')}
                    invalid={!!errors[`lines.${i}.qty`]}
                    onChange={(qty) => setLine(i, { qty })}
                  />
                  {err(`lines.${i}.qty`, `receipt-line-${i}-qty`)}
                </td>
                <td>
                  <button
                    type="button"
                    className="icon-button"
                    data-testid={`receipt-line-${i}-remove`}
                    aria-label={t('receipts:form.removeLine', { n: i + 1 })}
                    title={t('receipts:form.removeLine', { n: i + 1 })}
                    disabled={draft.lines.length === 1}
                    onClick={() => removeLine(i)}
                  >
                    ×
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {errors.lines && <p className="field-error">{t(errors.lines)}</p>}

      <FormFailure failure={failure} testId="receipt-error" />
      <div className="form-actions">
        <button type="button" data-testid="receipt-take-scanned" onClick={() => void takeScanned()}>
          {t('receipts:form.takeScanned')}
        </button>
        {errors.scanned && (
          <span className="field-error" data-testid="receipt-take-scanned-error">
            {t(errors.scanned)}
          </span>
        )}
        <button type="button" data-testid="receipt-add-line" onClick={addLine} disabled={draft.lines.length >= 500}>
          {t('receipts:form.addLine')}
        </button>
        <span className="toolbar-spacer" />
        <button type="button" data-testid="receipt-cancel" onClick={onCancel}>
          {t('common:actions.cancel')}
        </button>
        <button type="submit" className="primary big" data-testid="receipt-post" disabled={busy}>
          {busy ? t('receipts:form.posting') : t('receipts:form.post')}
        </button>
      </div>
    </form>
  );
}
