// One change to a short order (R4): substitute another product, reduce the
// quantity, remove the line, or cancel the order — each with the salesperson's
// consent (who, how: phone / in person), which the core records and audits.
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { consentWays, type ConsentWay, type SalespersonView } from '../../../shared/contract/orders';
import type { ProductView } from '../../../shared/contract/types';
import { api } from '../../api/client';
import { useNotify } from '../../components/toast/useNotify';
import { useFormat } from '../../i18n/format';
import type { ShortRow } from './shortRows';
import { Typeahead, type Choice } from './Typeahead';

export type ResolveAction = 'substitute' | 'reduce' | 'remove' | 'cancel';

export function ResolveDialog({
  row,
  action,
  products,
  salespeople,
  onClose,
}: {
  row: ShortRow;
  action: ResolveAction;
  products: ProductView[];
  salespeople: SalespersonView[];
  onClose(done: boolean): void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const ref = useRef<HTMLDialogElement>(null);
  const [product, setProduct] = useState<ProductView | null>(() =>
    row.successorCode ? (products.find((p) => p.code === row.successorCode) ?? null) : null,
  );
  const [qty, setQty] = useState(String(action === 'reduce' ? Math.max(1, row.available) : row.qty));
  const [who, setWho] = useState<number | ''>(row.order.salespersonId ?? '');
  const [how, setHow] = useState<ConsentWay>('phone');
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);

  const choices = useMemo<Choice<ProductView>[]>(
    () =>
      products
        .filter((p) => p.active && p.id !== row.productId)
        .map((p) => ({
          item: p,
          key: String(p.id),
          code: p.code,
          label: f.productName(p.nameZh, p.nameEn),
          search: `${p.code} ${p.nameZh} ${p.nameEn}`.toLowerCase(),
        })),
    [products, row.productId, f],
  );

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const consent = { how, salespersonId: who === '' ? undefined : who, note: note.trim() || undefined };
    const orderId = row.order.id;
    const lineId = row.lineId;
    const n = Number(qty);
    setBusy(true);
    try {
      const o =
        action === 'substitute'
          ? product
            ? await api.request('orders.resolveLine', {
                action,
                orderId,
                lineId,
                productId: product.id,
                qty: Number.isInteger(n) && n > 0 ? n : undefined,
                consent,
              })
            : null
          : action === 'reduce'
            ? await api.request('orders.resolveLine', { action, orderId, lineId, qty: n, consent })
            : action === 'remove'
              ? await api.request('orders.resolveLine', { action, orderId, lineId, consent })
              : await api.request('orders.cancel', { orderId, reason: reason.trim(), consent });
      if (o) {
        notify.success(t('orders:short.done', { number: o.number }));
        onClose(true);
      }
    } catch (err) {
      notify.error(err);
    } finally {
      setBusy(false);
    }
  };

  const ready =
    (action !== 'substitute' || product !== null) &&
    (action !== 'reduce' || (Number.isInteger(Number(qty)) && Number(qty) > 0)) &&
    (action !== 'cancel' || reason.trim() !== '');

  return (
    <dialog
      ref={ref}
      className="dialog"
      data-testid="resolve-dialog"
      aria-labelledby="resolve-title"
      onCancel={(e) => {
        e.preventDefault();
        onClose(false);
      }}
    >
      <form onSubmit={submit} noValidate>
        <h2 id="resolve-title">{t(`orders:short.action.${action}`)}</h2>
        <p className="muted">
          {t('orders:short.dialogLine', {
            number: row.order.number,
            lineNo: row.lineNo,
            product: `${row.productCode} ${row.productName}`,
            qty: f.qty(row.qty),
            available: f.qty(row.available),
          })}
        </p>
        {action === 'substitute' && (
          <label className="field">
            <span className="field-label">{t('orders:short.newProduct')}</span>
            {product ? (
              <span data-testid="resolve-product-chosen">
                <span className="mono">{product.code}</span> {f.productName(product.nameZh, product.nameEn)}{' '}
                <button type="button" onClick={() => setProduct(null)}>
                  ×
                </button>
              </span>
            ) : (
              <Typeahead
                choices={choices}
                onPick={setProduct}
                placeholder={t('orders:entry.productPlaceholder')}
                label={t('orders:short.newProduct')}
                noMatch={t('orders:entry.unknownProduct', { text: '' })}
                testId="resolve-product"
                autoFocus
              />
            )}
          </label>
        )}
        {(action === 'substitute' || action === 'reduce') && (
          <label className="field">
            <span className="field-label">{t('orders:short.newQty')}</span>
            <input
              className="qty-input"
              inputMode="numeric"
              data-testid="resolve-qty"
              value={qty}
              onChange={(e) => setQty(e.target.value)}
            />
          </label>
        )}
        {action === 'cancel' && (
          <label className="field">
            <span className="field-label">{t('orders:short.reason')}</span>
            <input
              autoFocus
              required
              data-testid="resolve-reason"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          </label>
        )}
        <fieldset className="roles-fieldset">
          <legend>{t('orders:short.consentWho')}</legend>
          <select
            data-testid="resolve-consent-who"
            aria-label={t('orders:short.consentWho')}
            value={who}
            onChange={(e) => setWho(e.target.value === '' ? '' : Number(e.target.value))}
          >
            <option value="">{row.order.salespersonName ?? ''}</option>
            {salespeople.map((s) => (
              <option key={s.id} value={s.id}>
                {s.displayName}
              </option>
            ))}
          </select>
          {consentWays.map((w) => (
            <label key={w} className="checkbox">
              <input
                type="radio"
                name="consent-how"
                data-testid={`resolve-consent-${w}`}
                checked={how === w}
                onChange={() => setHow(w)}
              />
              {t(`orders:consentWay.${w}`)}
            </label>
          ))}
          <label className="field">
            <span className="field-label">{t('orders:short.consentNote')}</span>
            <input data-testid="resolve-consent-note" value={note} onChange={(e) => setNote(e.target.value)} />
          </label>
        </fieldset>
        <div className="dialog-actions">
          <button type="submit" className="primary" disabled={!ready || busy} data-testid="resolve-submit">
            {t('orders:short.submit')}
          </button>
          <button type="button" onClick={() => onClose(false)}>
            {t('common:actions.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
