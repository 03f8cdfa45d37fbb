// The customer's page (issue 16 §5): everything about one customer in one
// place — orders and deliveries, refusals, returns, complaints and follow-up
// calls, with dates — and the "always call" mark. Reached at #/customer?id=…
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { callPlanners, type CustomerOverview } from '../../shared/contract';
import { api } from '../api/client';
import { useApiEvent } from '../api/hooks';
import { hasRole, useSession } from '../app/session';
import { useNotify } from '../components/toast/useNotify';
import { useFormat } from '../i18n/format';
import { TabBar } from '../components/TabBar';

type Tab = 'orders' | 'refusals' | 'returns' | 'complaints' | 'calls';
const tabs: Tab[] = ['orders', 'refusals', 'returns', 'complaints', 'calls'];

export function CustomerPage({ customerId }: { customerId: number | null }) {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const { session } = useSession();
  const [data, setData] = useState<CustomerOverview | null>(null);
  const [tab, setTab] = useState<Tab>('orders');
  const load = useCallback(async () => {
    if (customerId === null) return;
    try {
      setData(await api.request('customers.overview', { customerId }));
    } catch (e) {
      notify.error(e);
    }
  }, [customerId, notify]);
  useEffect(() => {
    void load();
  }, [load]);
  const mine = (ids: number[] | 'all') => ids === 'all' || (customerId !== null && ids.includes(customerId));
  useApiEvent('calls.changed', (e) => mine(e.customerIds) && void load());
  useApiEvent('orders.changed', () => void load());
  useApiEvent('returns.changed', () => void load());
  useApiEvent('complaints.changed', () => void load());
  useApiEvent('customers.changed', (e) => mine(e.customerIds) && void load());

  if (customerId === null) return <p className="task-empty">{t('customer:none')}</p>;
  if (!data) return null;
  const c = data.customer;
  const count: Record<Tab, number> = {
    orders: data.orders.length,
    refusals: data.refusals.length,
    returns: data.returns.length,
    complaints: data.complaints.length,
    calls: data.calls.length,
  };
  return (
    <section className="page-body customer-page" data-testid="customer">
      <div className="toolbar">
        <h1 className="page-title">
          {c.code} {c.name}
        </h1>
        <span>
          {c.area} · {c.route} · {c.contact} {c.phone} · {c.address}
          {c.salesperson ? ` · ${t('customer:salesperson', { name: c.salesperson })}` : ''}
        </span>
        <span className="toolbar-spacer" />
        <label className="check-label">
          <input
            type="checkbox"
            checked={c.alwaysCall}
            disabled={!hasRole(session, callPlanners)}
            onChange={(e) =>
              void api
                .request('calls.setAlwaysCall', { customerId: c.id, alwaysCall: e.target.checked })
                .then(load)
                .catch((err: unknown) => notify.error(err))
            }
            data-testid="customer-always-call"
          />
          {t('customer:alwaysCall')}
        </label>
      </div>
      <TabBar
        tabs={tabs.map((k) => ({ id: k, label: t(`customer:tabs.${k}`), count: count[k] }))}
        current={tab}
        onChange={setTab}
        testIdPrefix="customer"
      />
      <table className="call-table" data-testid={`customer-${tab}`}>
        {tab === 'orders' && (
          <>
            <thead>
              <tr>
                <th>{t('customer:col.number')}</th>
                <th>{t('customer:col.orderDate')}</th>
                <th>{t('customer:col.dispatchDate')}</th>
                <th>{t('customer:col.delivered')}</th>
                <th>{t('customer:col.outcome')}</th>
                <th>{t('customer:col.cases')}</th>
                <th>{t('customer:col.amount')}</th>
              </tr>
            </thead>
            <tbody>
              {data.orders.map((o) => (
                <tr key={o.id}>
                  <td>{o.number}</td>
                  <td>{o.orderDate}</td>
                  <td>{o.dispatchDate ?? ''}</td>
                  <td>{o.deliveredDate ?? ''}</td>
                  <td>{o.outcome ? t(`customer:outcome.${o.outcome}`) : t(`orders:state.${o.state}`)}</td>
                  <td>{o.cases}</td>
                  <td>{f.money(o.amountFen)}</td>
                </tr>
              ))}
            </tbody>
          </>
        )}
        {tab === 'refusals' && (
          <>
            <thead>
              <tr>
                <th>{t('customer:col.number')}</th>
                <th>{t('customer:col.product')}</th>
                <th>{t('customer:col.qty')}</th>
                <th>{t('customer:col.amount')}</th>
                <th>{t('customer:col.at')}</th>
                <th>{t('customer:col.returnedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {data.refusals.map((r) => (
                <tr key={`${r.orderId}-${r.productCode}-${r.refusedAt}`}>
                  <td>{r.orderNumber}</td>
                  <td>
                    {r.productCode} {r.productName}
                  </td>
                  <td>{f.qty(r.qty)}</td>
                  <td>{f.money(r.amountFen)}</td>
                  <td>{f.dateTime(r.refusedAt)}</td>
                  <td>{f.dateTime(r.returnedAt)}</td>
                </tr>
              ))}
            </tbody>
          </>
        )}
        {tab === 'returns' && (
          <>
            <thead>
              <tr>
                <th>{t('customer:col.number')}</th>
                <th>{t('customer:col.state')}</th>
                <th>{t('customer:col.at')}</th>
                <th>{t('customer:col.note')}</th>
                <th>{t('customer:col.credit')}</th>
              </tr>
            </thead>
            <tbody>
              {data.returns.map((r) => (
                <tr key={r.id}>
                  <td>{r.number}</td>
                  <td>{t(`returns:state.${r.state}`)}</td>
                  <td>{f.dateTime(r.reportedAt)}</td>
                  <td>{r.noteNumber ?? ''}</td>
                  <td>{r.creditFen === null ? '' : f.money(r.creditFen)}</td>
                </tr>
              ))}
            </tbody>
          </>
        )}
        {tab === 'complaints' && (
          <>
            <thead>
              <tr>
                <th>{t('customer:col.number')}</th>
                <th>{t('customer:col.state')}</th>
                <th>{t('customer:col.at')}</th>
                <th>{t('customer:col.content')}</th>
              </tr>
            </thead>
            <tbody>
              {data.complaints.map((r) => (
                <tr key={r.id}>
                  <td>{r.number}</td>
                  <td>{t(`complaints:state.${r.state}`)}</td>
                  <td>{f.dateTime(r.receivedAt)}</td>
                  <td>{r.content}</td>
                </tr>
              ))}
            </tbody>
          </>
        )}
        {tab === 'calls' && (
          <>
            <thead>
              <tr>
                <th>{t('calls:col.reason')}</th>
                <th>{t('calls:col.source')}</th>
                <th>{t('calls:col.due')}</th>
                <th>{t('calls:col.assignee')}</th>
                <th>{t('calls:col.state')}</th>
                <th>{t('calls:col.note')}</th>
              </tr>
            </thead>
            <tbody>
              {data.calls.map((r) => (
                <tr key={r.id}>
                  <td>{t(`calls:reason.${r.reason}`)}</td>
                  <td>{r.sourceNo}</td>
                  <td>{r.dueDate}</td>
                  <td>{r.assignedName ?? ''}</td>
                  <td>{r.outcome ? t(`calls:outcome.${r.outcome}`) : t(`calls:state.${r.state}`)}</td>
                  <td>{r.note}</td>
                </tr>
              ))}
            </tbody>
          </>
        )}
      </table>
    </section>
  );
}
