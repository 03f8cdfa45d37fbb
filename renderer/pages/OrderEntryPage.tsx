// 手工录单 Desk entry (issue 11), keyboard-first: customer by code or name,
// then lines — product by code, barcode (typed, or scanned with the station's
// keyboard wedge) or name, quantity in units or cases, Enter to the next line;
// F2 makes the line a gift line (R2); totals as you type; Ctrl+Enter saves and
// shows the qualification result (R1).
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerView, LineUnit, OrderChannel, OrderView, PriceView } from '../../shared/contract/orders';
import type { ProductView } from '../../shared/contract/types';
import { api } from '../api/client';
import { useApiEvent } from '../api/hooks';
import { navigate } from '../app/routes';
import { useSession } from '../app/session';
import { useNotify } from '../components/toast/useNotify';
import { useFormat } from '../i18n/format';
import { issuesText, nextDispatchDay } from './orders/orderText';
import { Typeahead, type Choice } from './orders/Typeahead';

type Line = { key: number; product: ProductView; qty: number; per: LineUnit; gift: boolean };
const channels = ['desk', 'phone', 'fax'] as const satisfies readonly OrderChannel[];

/** The price a line takes on the day (customer price first, else list price), or null. */
function priceIndex(prices: PriceView[], customerId: number | null): Map<number, number> {
  const list = new Map<number, number>();
  const own = new Map<number, number>();
  for (const p of prices) {
    if (p.customerId === null) list.set(p.productId, p.priceFen);
    else if (p.customerId === customerId) own.set(p.productId, p.priceFen);
  }
  for (const [k, v] of own) list.set(k, v);
  return list;
}

const unitsOf = (l: { product: ProductView; qty: number; per: LineUnit }) =>
  l.per === 'case' ? l.qty * l.product.casePack : l.qty;

export function OrderEntryPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const { session } = useSession();
  const [customers, setCustomers] = useState<CustomerView[]>([]);
  const [products, setProducts] = useState<ProductView[]>([]);
  const [prices, setPrices] = useState<PriceView[]>([]);
  const [customer, setCustomer] = useState<CustomerView | null>(null);
  const [channel, setChannel] = useState<(typeof channels)[number]>('desk');
  const [dispatchDate, setDispatchDate] = useState(nextDispatchDay());
  const [emergency, setEmergency] = useState(false);
  const [note, setNote] = useState('');
  const [lines, setLines] = useState<Line[]>([]);
  const [pending, setPending] = useState<ProductView | null>(null);
  const [qtyText, setQtyText] = useState('');
  const [per, setPer] = useState<LineUnit>('unit');
  const [gift, setGift] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<OrderView | null>(null);
  const nextKey = useRef(1);
  const customerRef = useRef<HTMLInputElement>(null);
  const productRef = useRef<HTMLInputElement>(null);
  const qtyRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    api.request('customers.list', {}).then(setCustomers, notify.error);
    api.request('products.list', {}).then(setProducts, notify.error);
  }, [notify]);
  useEffect(() => {
    api.request('prices.list', { on: dispatchDate }).then(setPrices, notify.error);
  }, [dispatchDate, notify]);

  const customerChoices = useMemo<Choice<CustomerView>[]>(
    () =>
      customers
        .filter((c) => !c.blocked)
        .map((c) => ({
          item: c,
          key: String(c.id),
          code: c.code,
          label: `${c.name} · ${c.area} ${c.route}`,
          search: `${c.code} ${c.name}`.toLowerCase(),
        })),
    [customers],
  );
  const productChoices = useMemo<Choice<ProductView>[]>(
    () =>
      products
        .filter((p) => p.active || p.replacedByCode)
        .map((p) => ({
          item: p,
          key: String(p.id),
          code: p.code,
          label: f.productName(p.nameZh, p.nameEn),
          search: `${p.code} ${p.nameZh} ${p.nameEn}`.toLowerCase(),
        })),
    [products, f],
  );
  const byBarcode = useMemo(() => {
    const m = new Map<string, { product: ProductView; per: LineUnit }>();
    for (const p of products) {
      if (p.unitBarcode) m.set(p.unitBarcode, { product: p, per: 'unit' });
      if (p.caseBarcode) m.set(p.caseBarcode, { product: p, per: 'case' });
    }
    return m;
  }, [products]);
  const price = useMemo(() => priceIndex(prices, customer?.id ?? null), [prices, customer]);

  const choose = useCallback((p: ProductView, unit?: LineUnit) => {
    setPending(p);
    if (unit) setPer(unit);
    setQtyText((q) => q || '1');
  }, []);
  // A product chosen: the quantity has the focus, its text selected, once the field is enabled.
  useEffect(() => {
    if (pending) qtyRef.current?.select();
  }, [pending]);

  // A barcode scanned with the keyboard wedge at this station: the product of the next line.
  useApiEvent('scanner.scan', (p) => {
    if (p.station !== session.station || !customer) return;
    const r = p.scan.resolution;
    if (r?.kind !== 'product') return;
    const product = products.find((x) => x.id === r.productId);
    if (product) {
      notify.info(t('orders:entry.scanned', { code: product.code }));
      choose(product, r.level);
    }
  });

  const addLine = () => {
    const qty = Number(qtyText);
    if (!pending || !qtyText.trim() || !Number.isFinite(qty)) return;
    setLines((ls) => [...ls, { key: nextKey.current++, product: pending, qty, per, gift }]);
    setPending(null);
    setQtyText('');
    setGift(false);
    setPer('unit');
    requestAnimationFrame(() => productRef.current?.focus());
  };

  const totals = useMemo(() => {
    const all =
      pending && Number(qtyText) > 0 ? [...lines, { product: pending, qty: Number(qtyText), per, gift }] : lines;
    let units = 0;
    let cases = 0;
    let amountFen = 0;
    let grams = 0;
    // A line whose product has no weight yet leaves the total without one: never a total that looks complete and is not.
    let weighed = all.length > 0;
    for (const l of all) {
      const u = unitsOf(l);
      units += u;
      if (l.product.unitWeightG === null) weighed = false;
      else grams += u * l.product.unitWeightG;
      cases += Math.floor(u / l.product.casePack);
      if (!l.gift) amountFen += u * (price.get(l.product.id) ?? 0);
    }
    return { units, cases, amountFen, kg: weighed ? grams / 1000 : null };
  }, [lines, pending, qtyText, per, gift, price]);

  const save = async () => {
    if (!customer || saving) return;
    setSaving(true);
    try {
      const o = await api.request('orders.create', {
        channel,
        customerId: customer.id,
        dispatchDate,
        emergency,
        note: note.trim() || undefined,
        lines: lines.map((l) => ({ productId: l.product.id, qty: l.qty, per: l.per, gift: l.gift })),
      });
      setSaved(o);
      notify.success(
        o.issues.length
          ? t('orders:entry.savedIssues', { number: o.number, issues: issuesText(t, o.issues) })
          : t('orders:entry.saved', { number: o.number, state: t(`orders:state.${o.state}`) }),
      );
    } catch (e) {
      notify.error(e);
    } finally {
      setSaving(false);
    }
  };

  const reset = () => {
    setSaved(null);
    setCustomer(null);
    setLines([]);
    setPending(null);
    setQtyText('');
    setNote('');
    setEmergency(false);
    requestAnimationFrame(() => customerRef.current?.focus());
  };

  // F2 toggles gift, Ctrl+Enter saves — anywhere on the form.
  const onFormKey = (e: React.KeyboardEvent) => {
    if (e.key === 'F2') {
      e.preventDefault();
      setGift((g) => !g);
    } else if (e.key === 'F4') {
      // F4 steps through the channels: desk → phone → fax.
      e.preventDefault();
      setChannel((c) => channels[(channels.indexOf(c) + 1) % channels.length]!);
    } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void save();
    }
  };

  if (saved)
    return (
      <section className="page-body order-entry" data-testid="order-entry">
        <h1 className="page-title">{t('orders:entry.title')}</h1>
        <section className="card" data-testid="order-entry-result" data-state={saved.state}>
          <p className={saved.issues.length ? 'form-error' : 'form-success'} role="status">
            {saved.issues.length
              ? t('orders:entry.savedIssues', { number: saved.number, issues: issuesText(t, saved.issues) })
              : t('orders:entry.saved', { number: saved.number, state: t(`orders:state.${saved.state}`) })}
          </p>
          <div className="form-actions">
            <button type="button" className="primary" autoFocus data-testid="order-entry-another" onClick={reset}>
              {t('orders:entry.another')}
            </button>
            <button
              type="button"
              data-testid="order-entry-open"
              onClick={() => navigate('orders', { order: saved.id, date: saved.dispatchDate ?? dispatchDate })}
            >
              {t('orders:entry.open')}
            </button>
          </div>
        </section>
      </section>
    );

  return (
    <section className="page-body order-entry" data-testid="order-entry" onKeyDown={onFormKey}>
      <div className="toolbar">
        <h1 className="page-title">{t('orders:entry.title')}</h1>
      </div>
      <p className="page-hint">{t('orders:entry.hint')}</p>
      <div className="form-row order-entry-head">
        <label className="field">
          <span className="field-label">{t('orders:entry.customer')}</span>
          {customer ? (
            <span className="order-entry-customer" data-testid="order-entry-customer-chosen">
              <span className="mono">{customer.code}</span> {customer.name} · {customer.area} {customer.route}
              <button type="button" onClick={() => setCustomer(null)} data-testid="order-entry-customer-clear">
                ×
              </button>
            </span>
          ) : (
            <Typeahead
              choices={customerChoices}
              onPick={(c) => {
                setCustomer(c);
                requestAnimationFrame(() => productRef.current?.focus());
              }}
              placeholder={t('orders:entry.customerPlaceholder')}
              label={t('orders:entry.customer')}
              noMatch={t('orders:entry.noCustomer')}
              testId="order-entry-customer"
              inputRef={customerRef}
              autoFocus
            />
          )}
        </label>
        <label className="field">
          <span className="field-label">{t('orders:entry.channel')}</span>
          <select
            data-testid="order-entry-channel"
            value={channel}
            onChange={(e) => setChannel(e.target.value as (typeof channels)[number])}
          >
            {channels.map((c) => (
              <option key={c} value={c}>
                {t(`orders:channel.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">{t('orders:entry.dispatchDate')}</span>
          <input
            type="date"
            data-testid="order-entry-dispatch-date"
            value={dispatchDate}
            onChange={(e) => e.target.value && setDispatchDate(e.target.value)}
          />
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            data-testid="order-entry-emergency"
            checked={emergency}
            onChange={(e) => setEmergency(e.target.checked)}
          />
          {t('orders:entry.emergency')}
        </label>
        <label className="field order-entry-note">
          <span className="field-label">{t('orders:entry.note')}</span>
          <input data-testid="order-entry-note" value={note} onChange={(e) => setNote(e.target.value)} />
        </label>
      </div>
      <table className="lines order-entry-lines" data-testid="order-entry-lines">
        <thead>
          <tr>
            <th>#</th>
            <th>{t('orders:entry.product')}</th>
            <th>{t('orders:entry.qty')}</th>
            <th>{t('orders:entry.per')}</th>
            <th>{t('orders:line.qty')}</th>
            <th>{t('orders:line.price')}</th>
            <th>{t('orders:line.amount')}</th>
            <th>{t('orders:line.gift')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {lines.map((l, i) => {
            const u = unitsOf(l);
            const p = l.gift ? 0 : price.get(l.product.id);
            return (
              <tr key={l.key} data-testid="order-entry-line" className={l.gift ? 'order-line-gift' : undefined}>
                <td>{i + 1}</td>
                <td>
                  <span className="mono">{l.product.code}</span> {f.productName(l.product.nameZh, l.product.nameEn)}
                </td>
                <td className="num">{f.qty(l.qty)}</td>
                <td>{t(`orders:per.${l.per}`)}</td>
                <td className="num">{f.qty(u)}</td>
                <td className="num">{p === undefined ? t('orders:entry.noPrice') : f.money(p)}</td>
                <td className="num">{p === undefined ? '' : f.money(p * u)}</td>
                <td>{l.gift ? t('orders:detail.gift') : ''}</td>
                <td>
                  <button type="button" onClick={() => setLines((ls) => ls.filter((x) => x.key !== l.key))}>
                    {t('orders:entry.remove')}
                  </button>
                </td>
              </tr>
            );
          })}
          <tr className="order-entry-new">
            <td>{lines.length + 1}</td>
            <td>
              {pending ? (
                <span data-testid="order-entry-product-chosen">
                  <span className="mono">{pending.code}</span> {f.productName(pending.nameZh, pending.nameEn)}
                  {pending.replacedByCode && <span className="cell-old-code"> → {pending.replacedByCode}</span>}
                </span>
              ) : (
                <Typeahead
                  choices={productChoices}
                  onPick={(p) => choose(p)}
                  exact={(text) => {
                    const hit = byBarcode.get(text);
                    if (hit) setPer(hit.per);
                    return hit?.product;
                  }}
                  placeholder={t('orders:entry.productPlaceholder')}
                  label={t('orders:entry.product')}
                  noMatch={t('orders:entry.unknownProduct', { text: '' })}
                  testId="order-entry-product"
                  inputRef={productRef}
                />
              )}
            </td>
            <td>
              <input
                ref={qtyRef}
                className="qty-input"
                inputMode="numeric"
                data-testid="order-entry-qty"
                aria-label={t('orders:entry.qty')}
                value={qtyText}
                disabled={!pending}
                onChange={(e) => setQtyText(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) {
                    e.preventDefault();
                    addLine();
                  } else if (e.key === 'Escape') {
                    setPending(null);
                    setQtyText('');
                    requestAnimationFrame(() => productRef.current?.focus());
                  } else if (e.key === '*') {
                    // "*" switches units ⇄ cases without leaving the quantity.
                    e.preventDefault();
                    setPer((p) => (p === 'unit' ? 'case' : 'unit'));
                  }
                }}
              />
            </td>
            <td>
              <select
                data-testid="order-entry-per"
                aria-label={t('orders:entry.per')}
                value={per}
                onChange={(e) => setPer(e.target.value as LineUnit)}
              >
                <option value="unit">{t('orders:per.unit')}</option>
                <option value="case">{t('orders:per.case')}</option>
              </select>
            </td>
            <td colSpan={3} />
            <td>
              <label className="checkbox">
                <input
                  type="checkbox"
                  data-testid="order-entry-gift"
                  checked={gift}
                  onChange={(e) => setGift(e.target.checked)}
                />
                {t('orders:entry.gift')}
              </label>
            </td>
            <td>
              <button type="button" disabled={!pending} onClick={addLine} data-testid="order-entry-add">
                {t('orders:entry.addLine')}
              </button>
            </td>
          </tr>
        </tbody>
      </table>
      <p className="order-entry-totals" data-testid="order-entry-totals">
        {totals.kg === null
          ? t('orders:entry.totalsNoWeight', {
              units: f.qty(totals.units),
              cases: f.qty(totals.cases),
              amount: f.money(totals.amountFen),
            })
          : t('orders:entry.totals', {
              units: f.qty(totals.units),
              cases: f.qty(totals.cases),
              weight: t('orders:entry.weight', {
                kg: new Intl.NumberFormat(f.locale, { maximumFractionDigits: 1 }).format(totals.kg),
              }),
              amount: f.money(totals.amountFen),
            })}
      </p>
      <div className="form-actions">
        <button
          type="button"
          className="primary"
          data-testid="order-entry-save"
          disabled={!customer || lines.length === 0 || saving}
          onClick={() => void save()}
        >
          {saving ? t('orders:entry.saving') : t('orders:entry.save')}
        </button>
      </div>
    </section>
  );
}
