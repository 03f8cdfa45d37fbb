// 退货报告 The salesperson's return report (issue 13 §Returns 1, R12): pick the
// customer, the delivered orders it refers to (only signed or partly refused
// ones, with what can still be returned), then lines — product, cases or
// units, reason ('other' needs a note). The core checks the quantities; its
// refusal (too much, naming the product and the most) shows next to the
// line. ?edit=<id> reopens a report still awaiting the manager. Keyboard:
// type a customer or product and Enter, Tab through a line, Ctrl+Enter files.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  returnReasons,
  type CustomerView,
  type ProductView,
  type ReturnView,
  type ReturnableOrder,
} from '../../shared/contract';
import { api } from '../api/client';
import { toApiError } from '../api/errors';
import { navigate, openPrint, useRoute } from '../app/routes';
import { useNotify } from '../components/toast/useNotify';
import { errorMessage } from '../i18n/errorText';
import { useFormat } from '../i18n/format';
import { Typeahead, type Choice } from './orders/Typeahead';
import {
  draftFromReturn,
  draftUnits,
  leftByProduct,
  lineKey,
  toRequestLines,
  type DraftLine,
  type ReportReason,
} from './returns/reportDraft';
import { casesUnits } from './returns/returnText';

const reportReasons = returnReasons.filter((r): r is ReportReason => r !== 'refusedAtDelivery');
const newKey = () => `return-report-${Date.now()}-${Math.random().toString(36).slice(2)}`;

export function ReturnReportPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const route = useRoute();
  const editParam = Number(route.params.get('edit'));
  const editId = Number.isSafeInteger(editParam) && editParam > 0 ? editParam : null;

  const [customers, setCustomers] = useState<CustomerView[]>([]);
  const [products, setProducts] = useState<ProductView[]>([]);
  const [customer, setCustomer] = useState<CustomerView | null>(null);
  const [orders, setOrders] = useState<ReturnableOrder[]>([]);
  const [picked, setPicked] = useState<Set<number>>(new Set());
  const [lines, setLines] = useState<DraftLine[]>([]);
  const [note, setNote] = useState('');
  const [lineErrors, setLineErrors] = useState<Record<string, string>>({});
  const [editing, setEditing] = useState<ReturnView | null>(null);
  const [filed, setFiled] = useState<ReturnView | null>(null);
  const [busy, setBusy] = useState(false);
  const idempotency = useRef(newKey());
  const qtyRefs = useRef(new Map<string, HTMLInputElement>());
  const focusLine = useRef<string | null>(null);

  useEffect(() => {
    api.request('customers.list', {}).then(setCustomers, notify.error);
    api.request('products.list', {}).then((p) => setProducts(p.filter((x) => x.active)), notify.error);
  }, [notify]);

  const loadOrders = useCallback(
    async (customerId: number, returnId: number | null) => {
      try {
        setOrders(await api.request('returns.returnable', { customerId, ...(returnId ? { returnId } : {}) }));
      } catch (e) {
        notify.error(e);
      }
    },
    [notify],
  );

  // Editing: the report as filed, its customer and orders picked again.
  useEffect(() => {
    if (editId === null || customers.length === 0) return;
    api.request('returns.get', { returnId: editId }).then(async (r) => {
      setEditing(r);
      const c = customers.find((x) => x.id === r.customerId) ?? null;
      setCustomer(c);
      const found = await api.request('returns.returnable', { customerId: r.customerId, returnId: r.id });
      setOrders(found);
      setPicked(new Set(found.filter((o) => r.orderNumbers.includes(o.number)).map((o) => o.orderId)));
      setLines(draftFromReturn(r));
      setNote(r.note);
    }, notify.error);
  }, [editId, customers, notify]);

  useEffect(() => {
    if (focusLine.current) {
      qtyRefs.current.get(focusLine.current)?.focus();
      qtyRefs.current.get(focusLine.current)?.select();
      focusLine.current = null;
    }
  });

  const customerChoices = useMemo<Choice<CustomerView>[]>(
    () =>
      customers.map((c) => ({
        item: c,
        key: String(c.id),
        code: c.code,
        label: `${c.name} · ${c.salespersonName ?? ''}`,
        search: `${c.code} ${c.name} ${c.area}`.toLowerCase(),
      })),
    [customers],
  );
  const left = useMemo(() => leftByProduct(orders, picked), [orders, picked]);
  // With orders picked, what they delivered; with none, the catalogue (the report is flagged: no delivery).
  const productChoices = useMemo<Choice<{ id: number; code: string; name: string; casePack: number }>[]>(() => {
    if (picked.size > 0) {
      const seen = new Map<number, Choice<{ id: number; code: string; name: string; casePack: number }>>();
      for (const o of orders)
        if (picked.has(o.orderId))
          for (const l of o.lines)
            if (!seen.has(l.productId))
              seen.set(l.productId, {
                item: { id: l.productId, code: l.productCode, name: l.productName, casePack: l.casePack },
                key: String(l.productId),
                code: l.productCode,
                label: f.productName(l.productName, l.productNameEn),
                search: `${l.productCode} ${l.productName} ${l.productNameEn}`.toLowerCase(),
              });
      return [...seen.values()];
    }
    return products.map((p) => ({
      item: { id: p.id, code: p.code, name: p.nameZh, casePack: p.casePack },
      key: String(p.id),
      code: p.code,
      label: f.productName(p.nameZh, p.nameEn),
      search: `${p.code} ${p.nameZh} ${p.nameEn}`.toLowerCase(),
    }));
  }, [picked, orders, products, f]);

  const pickCustomer = (c: CustomerView) => {
    setCustomer(c);
    setPicked(new Set());
    setLines([]);
    setLineErrors({});
    setOrders([]);
    void loadOrders(c.id, editing?.id ?? null);
  };
  const togglePicked = (orderId: number) => {
    const next = new Set(picked);
    if (next.has(orderId)) next.delete(orderId);
    else next.add(orderId);
    setPicked(next);
  };
  const addLine = (
    p: { id: number; code: string; name: string; casePack: number },
    status: 'good' | 'gift' = 'good',
  ) => {
    const existing = lines.find((l) => l.productId === p.id && l.status === status);
    if (existing) {
      focusLine.current = existing.key;
      setLines([...lines]);
      return;
    }
    const key = lineKey();
    focusLine.current = key;
    setLines([
      ...lines,
      {
        key,
        productId: p.id,
        productCode: p.code,
        productName: p.name,
        casePack: p.casePack,
        status,
        qty: '1',
        per: p.casePack > 1 ? 'case' : 'unit',
        reason: 'quality',
        reasonNote: '',
      },
    ]);
  };
  const change = (key: string, patch: Partial<DraftLine>) => {
    setLines(lines.map((l) => (l.key === key ? { ...l, ...patch } : l)));
    setLineErrors(({ [key]: _gone, ...rest }) => rest);
  };

  const submit = async () => {
    if (!customer || lines.length === 0) return;
    setBusy(true);
    setLineErrors({});
    const body = { orderIds: [...picked], lines: toRequestLines(lines), note };
    try {
      const r = editing
        ? await api.request('returns.edit', { returnId: editing.id, ...body })
        : await api.request('returns.report', {
            customerId: customer.id,
            ...body,
            idempotencyKey: idempotency.current,
          });
      idempotency.current = newKey();
      notify.success(t(editing ? 'returnDocs:form.saved' : 'returnDocs:form.filed', { number: r.number }));
      setFiled(r);
      if (editing) setEditing(r);
      else {
        setLines([]);
        setNote('');
        setPicked(new Set());
        void loadOrders(customer.id, null);
      }
    } catch (e) {
      const err = toApiError(e);
      const line = Number(err.details.line);
      const target = Number.isInteger(line) && line > 0 ? lines[line - 1] : undefined;
      if (target) {
        const text =
          err.code === 'returns.tooMuch'
            ? t('returnDocs:form.tooMuch', {
                product: String(err.details.product ?? target.productCode),
                max: casesUnits(t, f, Number(err.details.max ?? 0), target.casePack),
                qty: casesUnits(t, f, Number(err.details.qty ?? 0), target.casePack),
              })
            : errorMessage(e, t, f);
        setLineErrors({ [target.key]: text });
        qtyRefs.current.get(target.key)?.focus();
      } else notify.error(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section
      className="page-body returndocs-form"
      data-testid="returnReport"
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          void submit();
        }
      }}
    >
      <div className="toolbar">
        <h1 className="page-title">
          {editing ? t('returnDocs:form.editTitle', { number: editing.number }) : t('returnDocs:form.title')}
        </h1>
        <button type="button" onClick={() => navigate('returns')}>
          {t('returnDocs:form.toRegister')}
        </button>
      </div>
      <p className="page-hint">{t('returnDocs:form.hint')}</p>
      {editing && editing.state !== 'reported' && (
        <p className="returndocs-warning">{t('returnDocs:form.notEditable', { number: editing.number })}</p>
      )}

      <fieldset className="returndocs-step">
        <legend>{t('returnDocs:form.customer')}</legend>
        {customer ? (
          <p data-testid="return-form-customer">
            <span className="mono">{customer.code}</span> {customer.name} · {customer.salespersonName ?? ''}
            {!editing && (
              <button type="button" className="link" onClick={() => setCustomer(null)}>
                {t('returnDocs:form.changeCustomer')}
              </button>
            )}
          </p>
        ) : (
          <Typeahead
            choices={customerChoices}
            onPick={pickCustomer}
            placeholder={t('returnDocs:form.customerPlaceholder')}
            label={t('returnDocs:form.customer')}
            testId="return-form-customer-input"
            noMatch={t('returnDocs:form.noMatch')}
            autoFocus
          />
        )}
      </fieldset>

      {customer && (
        <fieldset className="returndocs-step" data-testid="return-form-orders">
          <legend>{t('returnDocs:form.orders')}</legend>
          {orders.length === 0 ? (
            <p className="muted">{t('returnDocs:form.noOrders')}</p>
          ) : (
            <ul className="returndocs-orders">
              {orders.map((o) => (
                <li key={o.orderId}>
                  <label>
                    <input
                      type="checkbox"
                      checked={picked.has(o.orderId)}
                      onChange={() => togglePicked(o.orderId)}
                      data-testid={`return-form-order-${o.number}`}
                    />{' '}
                    <span className="mono">{o.number}</span> · {o.deliveredDate} ·{' '}
                    {t(`returnDocs:form.outcome.${o.outcome}`)}
                  </label>
                  {picked.has(o.orderId) && (
                    <table className="returndocs-returnable">
                      <tbody>
                        {o.lines.map((l) => (
                          <tr key={l.orderLineId}>
                            <td>
                              {l.productCode} {f.productName(l.productName, l.productNameEn)}
                              {l.status === 'gift' ? ` (${t('returns:gift')})` : ''}
                            </td>
                            <td className="num">
                              {t('returnDocs:form.delivered', { qty: casesUnits(t, f, l.delivered, l.casePack) })}
                            </td>
                            <td className="num">
                              {t('returnDocs:form.left', { qty: casesUnits(t, f, l.left, l.casePack) })}
                            </td>
                            <td>
                              <button
                                type="button"
                                disabled={l.left === 0}
                                data-testid={`return-form-add-${o.number}-${l.lineNo}`}
                                onClick={() =>
                                  addLine(
                                    { id: l.productId, code: l.productCode, name: l.productName, casePack: l.casePack },
                                    l.status,
                                  )
                                }
                              >
                                {t('returnDocs:form.add')}
                              </button>
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  )}
                </li>
              ))}
            </ul>
          )}
          {picked.size === 0 && <p className="returndocs-warning">{t('returnDocs:form.noDeliveryFlag')}</p>}
        </fieldset>
      )}

      {customer && (
        <fieldset className="returndocs-step">
          <legend>{t('returnDocs:form.lines')}</legend>
          <Typeahead
            choices={productChoices}
            onPick={(p) => addLine(p)}
            placeholder={t('returnDocs:form.productPlaceholder')}
            label={t('returnDocs:form.product')}
            testId="return-form-product-input"
            noMatch={t('returnDocs:form.noMatch')}
          />
          <table className="returndocs-lines" data-testid="return-form-lines">
            <thead>
              <tr>
                <th>#</th>
                <th>{t('returnDocs:col.product')}</th>
                <th>{t('returnDocs:col.qty')}</th>
                <th>{t('returnDocs:col.reason')}</th>
                <th>{t('returnDocs:form.reasonNote')}</th>
                <th>{t('returnDocs:form.maxCol')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {lines.map((l, i) => {
                const max = picked.size > 0 ? (left.get(`${l.productId}|${l.status}`) ?? 0) : null;
                const units = draftUnits(l);
                return (
                  <tr
                    key={l.key}
                    className={lineErrors[l.key] ? 'returndocs-line-error' : ''}
                    data-testid={`return-form-line-${i + 1}`}
                  >
                    <td>{i + 1}</td>
                    <td>
                      <span className="mono">{l.productCode}</span> {l.productName}
                      {l.status === 'gift' ? ` (${t('returns:gift')})` : ''}
                    </td>
                    <td className="returndocs-qty">
                      <input
                        ref={(el) => {
                          if (el) qtyRefs.current.set(l.key, el);
                          else qtyRefs.current.delete(l.key);
                        }}
                        inputMode="numeric"
                        aria-label={t('returnDocs:col.qty')}
                        data-testid={`return-form-qty-${i + 1}`}
                        value={l.qty}
                        onChange={(e) => change(l.key, { qty: e.target.value })}
                      />
                      <select
                        aria-label={t('returnDocs:form.per')}
                        value={l.per}
                        data-testid={`return-form-per-${i + 1}`}
                        onChange={(e) => change(l.key, { per: e.target.value as 'case' | 'unit' })}
                      >
                        {l.casePack > 1 && (
                          <option value="case">{t('returnDocs:form.perCase', { pack: l.casePack })}</option>
                        )}
                        <option value="unit">{t('returnDocs:form.perUnit')}</option>
                      </select>
                      {units !== null && l.per === 'case' && <span className="muted"> = {f.qty(units)}</span>}
                    </td>
                    <td>
                      <select
                        aria-label={t('returnDocs:col.reason')}
                        value={l.reason}
                        data-testid={`return-form-reason-${i + 1}`}
                        onChange={(e) => change(l.key, { reason: e.target.value as ReportReason })}
                      >
                        {reportReasons.map((r) => (
                          <option key={r} value={r}>
                            {t(`returns:reason.${r}`)}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      <input
                        aria-label={t('returnDocs:form.reasonNote')}
                        data-testid={`return-form-note-${i + 1}`}
                        value={l.reasonNote}
                        required={l.reason === 'other'}
                        placeholder={l.reason === 'other' ? t('returnDocs:form.noteNeeded') : ''}
                        onChange={(e) => change(l.key, { reasonNote: e.target.value })}
                      />
                    </td>
                    <td className="num">
                      {max === null ? '—' : casesUnits(t, f, max, l.casePack)}
                      {lineErrors[l.key] && (
                        <div className="returndocs-error" role="alert" data-testid={`return-form-error-${i + 1}`}>
                          {lineErrors[l.key]}
                        </div>
                      )}
                    </td>
                    <td>
                      <button
                        type="button"
                        aria-label={t('returnDocs:form.remove')}
                        onClick={() => setLines(lines.filter((x) => x.key !== l.key))}
                      >
                        ✕
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <label className="returndocs-note">
            {t('returnDocs:form.note')}{' '}
            <input value={note} onChange={(e) => setNote(e.target.value)} data-testid="return-form-remark" />
          </label>
          <div className="toolbar">
            <button
              type="button"
              className="primary"
              disabled={busy || lines.length === 0 || (editing !== null && editing.state !== 'reported')}
              data-testid="return-form-submit"
              onClick={() => void submit()}
            >
              {editing ? t('returnDocs:form.save') : t('returnDocs:form.file')}
            </button>
            {filed && (
              <>
                <span data-testid="return-form-filed">{t('returnDocs:form.filedAs', { number: filed.number })}</span>
                <button type="button" onClick={() => openPrint('returnReport', { return: filed.id })}>
                  {t('returnDocs:actions.printReport')}
                </button>
              </>
            )}
          </div>
        </fieldset>
      )}
    </section>
  );
}
