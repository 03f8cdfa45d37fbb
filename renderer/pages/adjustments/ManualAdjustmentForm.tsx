// 手工调整: an operator writes an adjustment by hand (a found pallet, a broken
// case found on the shelf). Each line names product, status, location, a
// signed quantity and its cause. Saved as a draft, submitted for the CS
// manager's approval; nothing moves in stock until it is approved.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { countCauses, type AdjustmentFormView, type CountCause } from '../../../shared/contract/counts';
import type { LocationView, ProductView } from '../../../shared/contract/types';
import type { StockStatus } from '../../../shared/domain';
import { api } from '../../api/client';
import { FieldError, FormFailure } from '../../components/FormMessages';
import { ProductPicker } from '../../components/ProductPicker';
import { LocationSelect, QtyInput, StatusSelect } from '../../components/StockLineFields';
import { useNotify } from '../../components/toast/useNotify';
import { useFormSubmit, type FieldErrors } from '../../components/useFormSubmit';
import { useFormat } from '../../i18n/format';

type LineDraft = {
  key: number;
  productId: number | null;
  status: StockStatus;
  locationId: number | null;
  qty: string;
  cause: CountCause | '';
  note: string;
};

let nextKey = 0;
const newLine = (): LineDraft => ({
  key: ++nextKey,
  productId: null,
  status: 'good',
  locationId: null,
  qty: '',
  cause: '',
  note: '',
});

function validate(lines: LineDraft[]): FieldErrors {
  const e: FieldErrors = {};
  if (lines.length === 0) e.lines = 'adjustments:form.noLines';
  lines.forEach((l, i) => {
    if (l.productId === null) e[`${i}.product`] = 'adjustments:form.pickProduct';
    if (l.locationId === null) e[`${i}.location`] = 'adjustments:form.pickLocation';
    const q = Number(l.qty.trim());
    if (!/^[-+]?\d+$/.test(l.qty.trim()) || !Number.isSafeInteger(q) || q === 0)
      e[`${i}.qty`] = 'adjustments:form.qtyNonZero';
    if (!l.cause) e[`${i}.cause`] = 'adjustments:form.pickCause';
  });
  return e;
}

type Props = { formId: number | null; onSaved(form: AdjustmentFormView): void; onCancel(): void };

export function ManualAdjustmentForm({ formId, onSaved, onCancel }: Props) {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const [products, setProducts] = useState<ProductView[]>([]);
  const [locations, setLocations] = useState<LocationView[] | null>(null);
  const [number, setNumber] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [lines, setLines] = useState<LineDraft[]>(() => [newLine()]);
  const { formRef, errors, setErrors, failure, busy, run, onSubmit } = useFormSubmit({ onFailure: notify.error });

  useEffect(() => {
    Promise.all([api.request('products.list', {}), api.request('locations.list', {})])
      .then(([p, l]) => {
        // Old codes stay adjustable (R13: their stock is their own).
        setProducts(p);
        setLocations(l.filter((x) => x.kind === 'bin'));
      })
      .catch((e: unknown) => notify.error(e));
  }, [notify]);

  // Editing a draft: its lines back into the form.
  useEffect(() => {
    if (formId === null) return;
    api.request('adjustments.get', { formId }).then((form) => {
      setNumber(form.number);
      setNote(form.note);
      setLines(
        form.lines.map((l) => ({
          key: ++nextKey,
          productId: l.productId,
          status: l.status,
          locationId: l.locationId,
          qty: String(l.qty),
          cause: l.cause,
          note: l.note,
        })),
      );
    }, notify.error);
  }, [formId, notify]);

  const setLine = (i: number, patch: Partial<LineDraft>) => {
    setLines((ls) => ls.map((l, j) => (j === i ? { ...l, ...patch } : l)));
    setErrors((e) => {
      const next = { ...e };
      for (const k of Object.keys(patch))
        delete next[`${i}.${k === 'productId' ? 'product' : k === 'locationId' ? 'location' : k}`];
      return next;
    });
  };
  const addLine = () => setLines((ls) => [...ls, newLine()]);

  // Alt+N adds a line without leaving the keyboard.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && e.key.toLowerCase() === 'n') {
        e.preventDefault();
        addLine();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const save = (andSubmit: boolean) => async () => {
    const payload = lines.map((l) => ({
      productId: l.productId!,
      status: l.status,
      locationId: l.locationId!,
      qty: Number(l.qty.trim()),
      cause: l.cause as CountCause,
      ...(l.note.trim() && { note: l.note.trim() }),
    }));
    let form =
      formId === null
        ? await api.request('adjustments.createManual', { lines: payload, ...(note.trim() && { note: note.trim() }) })
        : await api.request('adjustments.updateManual', { formId, lines: payload, note: note.trim() });
    if (andSubmit) form = await api.request('adjustments.submit', { formId: form.id });
    notify.success(
      andSubmit
        ? t('adjustments:detail.submitted', { number: form.number })
        : t('adjustments:form.saved', { number: form.number }),
    );
    onSaved(form);
  };
  const err = (key: string) => <FieldError error={errors[key]} testId={`adjustment-error-${key}`} />;

  return (
    <form
      ref={formRef}
      className="card"
      onSubmit={onSubmit(() => validate(lines), save(false))}
      noValidate
      data-testid="adjustment-form"
    >
      <h2>{number ? t('adjustments:form.editTitle', { number }) : t('adjustments:form.title')}</h2>
      <div className="form-row">
        <label className="field field-wide">
          <span className="field-label">{t('adjustments:form.note')}</span>
          <input data-testid="adjustment-note" value={note} onChange={(e) => setNote(e.target.value)} />
        </label>
      </div>
      <p className="page-hint">{t('adjustments:form.qtyHint')}</p>
      <table className="lines" data-testid="adjustment-form-lines">
        <thead>
          <tr>
            <th scope="col">{t('adjustments:col.lineNo')}</th>
            <th scope="col">{t('adjustments:col.product')}</th>
            <th scope="col">{t('adjustments:col.status')}</th>
            <th scope="col">{t('adjustments:col.location')}</th>
            <th scope="col">{t('adjustments:col.qty')}</th>
            <th scope="col">{t('adjustments:col.cause')}</th>
            <th scope="col">{t('adjustments:col.note')}</th>
            <th scope="col">
              <span className="sr-only">{t('adjustments:form.removeLine')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l, i) => {
            const product = products.find((p) => p.id === l.productId);
            return (
              <tr key={l.key} data-testid={`adjustment-line-${i}`}>
                <td className="num">{i + 1}</td>
                <td>
                  <ProductPicker
                    products={products}
                    value={l.productId}
                    testId={`adjustment-line-${i}-product`}
                    autoFocus={i === lines.length - 1 && i > 0}
                    onChange={(productId) => setLine(i, { productId })}
                  />
                  {err(`${i}.product`)}
                </td>
                <td>
                  <StatusSelect
                    testId={`adjustment-line-${i}-status`}
                    value={l.status}
                    label={t('adjustments:col.status')}
                    onChange={(status) => setLine(i, { status })}
                  />
                </td>
                <td>
                  <LocationSelect
                    testId={`adjustment-line-${i}-location`}
                    locations={locations}
                    value={l.locationId}
                    label={t('adjustments:col.location')}
                    placeholder={t('adjustments:form.pickLocation')}
                    invalid={!!errors[`${i}.location`]}
                    onChange={(locationId) => setLine(i, { locationId })}
                  />
                  {err(`${i}.location`)}
                </td>
                <td>
                  <QtyInput
                    testId={`adjustment-line-${i}-qty`}
                    value={l.qty}
                    unit={product?.unit ?? ''}
                    label={t('adjustments:col.qty')}
                    invalid={!!errors[`${i}.qty`]}
                    onChange={(qty) => setLine(i, { qty })}
                  />
                  {err(`${i}.qty`)}
                </td>
                <td>
                  <select
                    data-testid={`adjustment-line-${i}-cause`}
                    value={l.cause}
                    aria-label={t('adjustments:col.cause')}
                    aria-invalid={errors[`${i}.cause`] ? true : undefined}
                    onChange={(e) => setLine(i, { cause: e.target.value as CountCause | '' })}
                  >
                    <option value="">{t('adjustments:form.pickCause')}</option>
                    {countCauses.map((c) => (
                      <option key={c} value={c}>
                        {t(`domain:countCause.${c}`)}
                      </option>
                    ))}
                  </select>
                  {err(`${i}.cause`)}
                </td>
                <td>
                  <input
                    data-testid={`adjustment-line-${i}-note`}
                    value={l.note}
                    aria-label={t('adjustments:col.note')}
                    onChange={(e) => setLine(i, { note: e.target.value })}
                  />
                </td>
                <td>
                  <button
                    type="button"
                    className="icon-button"
                    data-testid={`adjustment-line-${i}-remove`}
                    aria-label={t('adjustments:form.removeLine')}
                    title={t('adjustments:form.removeLine')}
                    disabled={lines.length === 1}
                    onClick={() => setLines((ls) => ls.filter((_, j) => j !== i))}
                  >
                    ×
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {err('lines')}
      <FormFailure failure={failure} testId="adjustment-form-error" />
      <p className="muted">
        {t('adjustments:detail.totals', {
          lines: f.qty(lines.length),
          qty: f.qty(lines.reduce((s, l) => s + (Number.isSafeInteger(Number(l.qty)) ? Number(l.qty) : 0), 0)),
          amount: f.money(
            lines.reduce((s, l) => {
              const q = Number(l.qty);
              const cost = products.find((p) => p.id === l.productId)?.unitCostFen ?? 0;
              return s + (Number.isSafeInteger(q) ? q * cost : 0);
            }, 0),
          ),
        })}
      </p>
      <div className="form-actions">
        <button type="button" data-testid="adjustment-add-line" onClick={addLine}>
          {t('adjustments:form.addLine')}
        </button>
        <span className="toolbar-spacer" />
        <button type="button" onClick={onCancel} disabled={busy}>
          {t('adjustments:form.cancel')}
        </button>
        <button type="submit" data-testid="adjustment-save" disabled={busy}>
          {t('adjustments:form.save')}
        </button>
        <button
          type="button"
          className="primary"
          data-testid="adjustment-save-submit"
          disabled={busy}
          onClick={() => void run(validate(lines), save(true))}
        >
          {t('adjustments:form.saveSubmit')}
        </button>
      </div>
    </form>
  );
}
