// 投诉受理 Registering a complaint (issue 16 §1): the customer from the list
// (typed by code or name) or a caller not yet a customer, channel, time
// received, category, severity, content, and the customer's order, trip or
// return it is about. Keyboard: the first field has focus, Enter registers,
// Esc cancels.
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  complaintChannels,
  complaintSeverities,
  type ComplaintCategory,
  type ComplaintChannel,
  type ComplaintLinks,
  type ComplaintSeverity,
  type ComplaintView,
  type CustomerView,
} from '../../../shared/contract';
import { api } from '../../api/client';
import { useNotify } from '../../components/toast/useNotify';
import { useFormat } from '../../i18n/format';
import { warehouseWallToIso } from './words';

const newKey = () => `complaint-${Date.now()}-${Math.random().toString(36).slice(2, 10)}`;

export function ComplaintForm({
  categories,
  onCancel,
  onRegistered,
}: {
  categories: ComplaintCategory[];
  onCancel(): void;
  onRegistered(c: ComplaintView): void;
}) {
  const { t, i18n } = useTranslation();
  const notify = useNotify();
  const zh = i18n.language === 'zh-CN';
  const [customers, setCustomers] = useState<CustomerView[]>([]);
  const [customerText, setCustomerText] = useState('');
  const [notCustomer, setNotCustomer] = useState(false);
  const [callerName, setCallerName] = useState('');
  const [callerPhone, setCallerPhone] = useState('');
  const [channel, setChannel] = useState<ComplaintChannel>('phone');
  // Empty: now. Else a wall-clock time in the warehouse's zone.
  const [receivedAt, setReceivedAt] = useState('');
  const f = useFormat();
  const [category, setCategory] = useState('');
  const [severity, setSeverity] = useState<ComplaintSeverity>('normal');
  const [content, setContent] = useState('');
  const [links, setLinks] = useState<ComplaintLinks | null>(null);
  const [orderId, setOrderId] = useState('');
  const [tripId, setTripId] = useState('');
  const [returnId, setReturnId] = useState('');
  const [busy, setBusy] = useState(false);
  const [key] = useState(newKey);
  const k = (x: string) => t(`complaints:form.${x}`);

  useEffect(() => {
    api.request('customers.list', {}).then(setCustomers, notify.error);
  }, [notify]);
  const customer = useMemo(() => {
    const code = customerText.split(' ')[0];
    return customers.find((c) => c.code === code) ?? null;
  }, [customerText, customers]);
  useEffect(() => {
    setLinks(null);
    setOrderId('');
    setTripId('');
    setReturnId('');
    if (customer) api.request('complaints.links', { customerId: customer.id }).then(setLinks, notify.error);
  }, [customer, notify]);

  const submit = async () => {
    setBusy(true);
    try {
      const c = await api.request('complaints.register', {
        ...(notCustomer || !customer ? { callerName, callerPhone } : { customerId: customer.id }),
        channel,
        ...(receivedAt && { receivedAt: warehouseWallToIso(receivedAt, f.timeZone) }),
        category,
        severity,
        content,
        ...(orderId && { orderId: Number(orderId) }),
        ...(tripId && { tripId: Number(tripId) }),
        ...(returnId && { returnId: Number(returnId) }),
        idempotencyKey: key,
      });
      notify.success(t('complaints:form.registered', { number: c.number }));
      onRegistered(c);
    } catch (e) {
      notify.error(e);
    } finally {
      setBusy(false);
    }
  };
  const active = categories.filter((c) => c.active);
  return (
    <form
      className="card complaint-form"
      data-testid="complaint-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      onKeyDown={(e) => e.key === 'Escape' && onCancel()}
    >
      <h2>{k('title')}</h2>
      <div className="form-grid">
        <label className="check-label">
          <input
            type="checkbox"
            checked={notCustomer}
            onChange={(e) => setNotCustomer(e.target.checked)}
            data-testid="complaint-not-customer"
          />
          {k('notCustomer')}
        </label>
        {notCustomer ? (
          <>
            <label>
              <span>{k('callerName')}</span>
              <input
                required
                value={callerName}
                maxLength={100}
                onChange={(e) => setCallerName(e.target.value)}
                data-testid="complaint-caller-name"
              />
            </label>
            <label>
              <span>{k('callerPhone')}</span>
              <input value={callerPhone} maxLength={40} onChange={(e) => setCallerPhone(e.target.value)} />
            </label>
          </>
        ) : (
          <label>
            <span>{k('customer')}</span>
            <input
              autoFocus
              required
              list="complaint-customers"
              placeholder={k('customerHint')}
              value={customerText}
              onChange={(e) => setCustomerText(e.target.value)}
              data-testid="complaint-customer"
            />
            <datalist id="complaint-customers">
              {customers.map((c) => (
                <option key={c.id} value={`${c.code} ${c.name}`} />
              ))}
            </datalist>
          </label>
        )}
        <label>
          <span>{t('complaints:col.channel')}</span>
          <select value={channel} onChange={(e) => setChannel(e.target.value as ComplaintChannel)}>
            {complaintChannels.map((c) => (
              <option key={c} value={c}>
                {t(`complaints:channel.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>
            {k('receivedAt')} ({k('receivedNow')})
          </span>
          <input type="datetime-local" value={receivedAt} onChange={(e) => setReceivedAt(e.target.value)} />
        </label>
        <label>
          <span>{t('complaints:col.category')}</span>
          <select
            required
            value={category}
            onChange={(e) => setCategory(e.target.value)}
            data-testid="complaint-category"
          >
            <option value="" />
            {active.map((c) => (
              <option key={c.code} value={c.code}>
                {zh ? c.nameZh : c.nameEn}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('complaints:col.severity')}</span>
          <select value={severity} onChange={(e) => setSeverity(e.target.value as ComplaintSeverity)}>
            {complaintSeverities.map((s) => (
              <option key={s} value={s}>
                {t(`complaints:severity.${s}`)}
              </option>
            ))}
          </select>
        </label>
        {links && (
          <>
            <label>
              <span>{k('order')}</span>
              <select value={orderId} onChange={(e) => setOrderId(e.target.value)} data-testid="complaint-order">
                <option value="">{k('none')}</option>
                {links.orders.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.number} {o.deliveryDate ?? ''} {o.outcome ? t(`complaints:outcome.${o.outcome}`, o.outcome) : ''}
                  </option>
                ))}
              </select>
            </label>
            <label>
              <span>{k('trip')}</span>
              <select value={tripId} onChange={(e) => setTripId(e.target.value)} data-testid="complaint-trip">
                <option value="">{k('none')}</option>
                {links.trips.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.number} {o.dispatchDate}
                  </option>
                ))}
              </select>
            </label>
            <label>
              <span>{k('return')}</span>
              <select value={returnId} onChange={(e) => setReturnId(e.target.value)} data-testid="complaint-return">
                <option value="">{k('none')}</option>
                {links.returns.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.number}
                  </option>
                ))}
              </select>
            </label>
          </>
        )}
        <label className="wide">
          <span>{t('complaints:col.content')}</span>
          <textarea
            required
            maxLength={2000}
            value={content}
            onChange={(e) => setContent(e.target.value)}
            data-testid="complaint-content"
          />
        </label>
      </div>
      <div className="form-actions">
        <button type="button" onClick={onCancel}>
          {k('cancel')}
        </button>
        <button type="submit" className="primary" disabled={busy} data-testid="complaint-submit">
          {k('submit')}
        </button>
      </div>
    </form>
  );
}
