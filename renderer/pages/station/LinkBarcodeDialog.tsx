// "Link this barcode": an unknown code scanned at the station becomes a
// product's unit or case barcode there and then (admin/operator; the core
// checks the role again). A modal <dialog>: focus stays inside, Escape closes.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProductView } from '../../../shared/contract/types';
import type { BarcodeLevel } from '../../../shared/domain';
import { api } from '../../api/client';
import { ProductPicker } from '../../components/ProductPicker';
import { errorMessage } from '../../i18n/errorText';
import { useFormat } from '../../i18n/format';

/** What barcodes.link accepts: a GTIN-8 to GTIN-14 as digits. */
export const linkableCode = (code: string) => /^\d{8,14}$/.test(code);

export function LinkBarcodeDialog({
  code,
  onClose,
  onLinked,
}: {
  code: string;
  onClose(): void;
  onLinked(product: ProductView): void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const ref = useRef<HTMLDialogElement>(null);
  const [products, setProducts] = useState<ProductView[]>([]);
  const [productId, setProductId] = useState<number | null>(null);
  const [level, setLevel] = useState<BarcodeLevel>('unit');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);

  useEffect(() => {
    api
      .request('products.list', {})
      .then(setProducts)
      .catch((e: unknown) => setError(e));
  }, []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy || productId === null) return;
    setBusy(true);
    setError(null);
    try {
      const product = await api.request('barcodes.link', { code, productId, level });
      onLinked(product);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <dialog
      ref={ref}
      className="dialog"
      data-testid="link-dialog"
      aria-labelledby="link-dialog-title"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <form onSubmit={submit} noValidate>
        <h2 id="link-dialog-title">{t('scan:link.title')}</h2>
        <p className="link-code mono" data-testid="link-dialog-code">
          {code}
        </p>
        <p className="muted">{t('scan:link.hint')}</p>
        <label className="field">
          <span className="field-label">{t('scan:link.product')}</span>
          <ProductPicker
            products={products}
            value={productId}
            onChange={setProductId}
            testId="link-dialog-product"
            autoFocus
            required
          />
        </label>
        <fieldset className="roles-fieldset">
          <legend className="field-label">{t('scan:link.level')}</legend>
          {(['unit', 'case'] as const).map((l) => (
            <label key={l} className="checkbox">
              <input
                type="radio"
                name="link-level"
                value={l}
                checked={level === l}
                onChange={() => setLevel(l)}
                data-testid={`link-dialog-level-${l}`}
              />
              {t(`scan:link.levels.${l}`)}
            </label>
          ))}
        </fieldset>
        {error !== null && (
          <p className="form-error" role="alert" data-testid="link-dialog-error">
            {errorMessage(error, t, f)}
          </p>
        )}
        <div className="form-actions dialog-actions">
          <button
            type="submit"
            className="primary big"
            disabled={busy || productId === null}
            data-testid="link-dialog-submit"
          >
            {t('scan:link.submit')}
          </button>
          <button type="button" className="big" onClick={onClose} data-testid="link-dialog-cancel">
            {t('common:actions.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
