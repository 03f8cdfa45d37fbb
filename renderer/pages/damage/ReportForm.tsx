// 登记残损: a damage report in a form (issue 13 §Damage 1). Quantity in units
// or cases, the amount shown as qty × unit cost, cause from the manager's list
// ('other' needs a note), a suggestion, who found it. Keyboard first: the
// product has the focus, Enter submits.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  damageWhereFound,
  type DamageCause,
  type DamageFinder,
  type DamageReportView,
  type DamageWhereFound,
  type DisposalKind,
} from '../../../shared/contract/damage';
import type { LocationView, ProductView } from '../../../shared/contract/types';
import { api } from '../../api/client';
import { ProductPicker } from '../../components/ProductPicker';
import { LocationSelect } from '../../components/StockLineFields';
import { useNotify } from '../../components/toast/useNotify';
import { useFormat } from '../../i18n/format';
import { DisposalKindSelect, Field, QtyInput, TextInput } from './fields';

export function ReportForm({
  causes,
  onReported,
  onCancel,
}: {
  causes: DamageCause[];
  onReported(r: DamageReportView): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const [products, setProducts] = useState<ProductView[]>([]);
  const [locations, setLocations] = useState<LocationView[] | null>(null);
  const [finders, setFinders] = useState<DamageFinder[]>([]);
  const [productId, setProductId] = useState<number | null>(null);
  const [locationId, setLocationId] = useState<number | null>(null);
  const [fromStatus, setFromStatus] = useState<'good' | 'gift'>('good');
  const [qtyText, setQtyText] = useState('1');
  const [inCases, setInCases] = useState(false);
  const [whereFound, setWhereFound] = useState<DamageWhereFound>('bin');
  const [cause, setCause] = useState('');
  const [causeNote, setCauseNote] = useState('');
  const [suggestion, setSuggestion] = useState<DisposalKind>('scrap');
  const [foundBy, setFoundBy] = useState<number | ''>('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(() => crypto.randomUUID());

  useEffect(() => {
    Promise.all([
      api.request('products.list', {}),
      api.request('locations.list', {}),
      api.request('damage.finders', {}),
    ])
      .then(([p, l, u]) => {
        setProducts(p.filter((x) => x.active));
        setLocations(l.filter((x) => x.kind === 'bin'));
        setFinders(u);
      })
      .catch((e: unknown) => notify.error(e));
  }, [notify]);

  const product = products.find((p) => p.id === productId);
  const n = Number(qtyText);
  const qty = Number.isInteger(n) && n > 0 ? n * (inCases && product ? product.casePack : 1) : 0;
  const amount = product?.unitCostFen != null ? qty * product.unitCostFen : null;
  const active = causes.filter((c) => c.active);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (productId === null || locationId === null || qty <= 0 || cause === '') {
      notify.error(new Error(t('errors:contract.invalidInput')));
      return;
    }
    setBusy(true);
    try {
      const r = await api.request('damage.report', {
        productId,
        fromStatus,
        locationId,
        qty,
        whereFound,
        cause,
        causeNote,
        suggestion,
        ...(foundBy !== '' ? { foundBy } : {}),
        note,
        idempotencyKey: key,
      });
      notify.success(t('damage:form.reported', { number: r.number }));
      setKey(crypto.randomUUID());
      onReported(r);
    } catch (err) {
      notify.error(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card damage-form" onSubmit={(e) => void submit(e)} data-testid="damage-form">
      <h2>{t('damage:form.title')}</h2>
      <div className="form-row">
        <Field label={t('damage:form.product')} wide>
          <ProductPicker
            products={products}
            value={productId}
            onChange={setProductId}
            testId="damage-product"
            autoFocus
          />
        </Field>
        <Field label={t('damage:form.fromStatus')}>
          <select
            value={fromStatus}
            onChange={(e) => setFromStatus(e.target.value as 'good' | 'gift')}
            data-testid="damage-from"
          >
            <option value="good">{t('damage:fromStatus.good')}</option>
            <option value="gift">{t('damage:fromStatus.gift')}</option>
          </select>
        </Field>
        <Field label={t('damage:form.location')}>
          <LocationSelect
            locations={locations}
            value={locationId}
            onChange={setLocationId}
            testId="damage-location"
            label={t('damage:form.location')}
            placeholder=""
          />
        </Field>
        <Field label={t('damage:form.qty')}>
          <QtyInput value={qtyText} onChange={setQtyText} testId="damage-qty" />
        </Field>
        <Field label={t('damage:form.unit')}>
          <select
            value={inCases ? 'cases' : 'units'}
            onChange={(e) => setInCases(e.target.value === 'cases')}
            data-testid="damage-unit"
          >
            <option value="units">
              {t('damage:form.units')}
              {product ? ` (${product.unit})` : ''}
            </option>
            <option value="cases">
              {t('damage:form.cases')}
              {product ? ` (×${product.casePack})` : ''}
            </option>
          </select>
        </Field>
        <div className="field">
          <span>{t('damage:form.amount')}</span>
          <output data-testid="damage-amount">
            {f.qty(qty)} {product?.unit ?? ''} · {amount === null ? '—' : f.money(amount)}
          </output>
        </div>
      </div>
      <div className="form-row">
        <Field label={t('damage:form.whereFound')}>
          <select
            value={whereFound}
            onChange={(e) => setWhereFound(e.target.value as DamageWhereFound)}
            data-testid="damage-where"
          >
            {damageWhereFound.map((w) => (
              <option key={w} value={w}>
                {t(`damage:whereFound.${w}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('damage:form.cause')}>
          <select value={cause} onChange={(e) => setCause(e.target.value)} data-testid="damage-cause" required>
            <option value="" />
            {active.map((c) => (
              <option key={c.code} value={c.code}>
                {f.productName(c.nameZh, c.nameEn)}
              </option>
            ))}
          </select>
        </Field>
        {cause === 'other' && (
          <Field label={t('damage:form.causeNote')} wide>
            <TextInput value={causeNote} onChange={setCauseNote} testId="damage-cause-note" />
          </Field>
        )}
        <Field label={t('damage:form.suggestion')}>
          <DisposalKindSelect value={suggestion} onChange={setSuggestion} testId="damage-suggestion" />
        </Field>
        <Field label={t('damage:form.foundBy')}>
          <select
            value={foundBy}
            onChange={(e) => setFoundBy(e.target.value ? Number(e.target.value) : '')}
            data-testid="damage-found-by"
          >
            <option value="" />
            {finders.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('damage:form.note')} wide>
          <TextInput value={note} onChange={setNote} testId="damage-note" />
        </Field>
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy} data-testid="damage-submit">
          {t('damage:form.submit')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('damage:form.cancel')}
        </button>
      </div>
    </form>
  );
}
