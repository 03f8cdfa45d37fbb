// 每日订单确认清单 as printed (R4): the short orders of a dispatch date for the
// morning call round — each short line with on hand, reserved, available and
// the shortfall, the order's salesperson, and a blank column for the answer
// (substitute / reduce / remove / cancel / wait). A4, page numbers at the foot.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ShortOrder } from '../../shared/contract/orders';
import { api } from '../api/client';
import { useSession } from '../app/session';
import { useNotify } from '../components/toast/useNotify';
import { useFormat } from '../i18n/format';
import { PrintSheet } from './PrintSheet';

export function OrderConfirmationPrint({ date, onBack }: { date: string; onBack(): void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const { session } = useSession();
  const [list, setList] = useState<ShortOrder[] | null>(null);

  useEffect(() => {
    api.request('orders.confirmationList', { dispatchDate: date }).then(setList, notify.error);
  }, [date, notify]);

  if (!list) return null;
  const lines = list.reduce((n, s) => n + s.lines.length, 0);
  return (
    <PrintSheet
      title={t('orders:print.title')}
      meta={[
        { label: t('orders:print.dispatchDate'), value: date },
        {
          label: t('orders:print.orders'),
          value: t('orders:short.count', {
            orders: list.length,
            lines,
            releasable: list.filter((s) => s.releasable).length,
          }),
        },
      ]}
      printedBy={session.user.displayName}
      fileName={`${t('orders:print.title')}-${date}`}
      onBack={onBack}
    >
      {list.length === 0 ? (
        <p className="print-section">{t('orders:print.empty')}</p>
      ) : (
        <table className="print-table order-confirmation-table" data-testid="print-order-confirmation">
          <thead>
            <tr>
              <th>{t('orders:short.col.order')}</th>
              <th>{t('orders:short.col.customer')}</th>
              <th>{t('orders:short.col.salesperson')}</th>
              <th>{t('orders:short.col.product')}</th>
              <th className="num">{t('orders:short.col.qty')}</th>
              <th className="num">{t('orders:short.col.onHand')}</th>
              <th className="num">{t('orders:short.col.reserved')}</th>
              <th className="num">{t('orders:short.col.available')}</th>
              <th className="num">{t('orders:short.col.shortfall')}</th>
              <th className="order-confirmation-answer">{t('orders:print.consent')}</th>
            </tr>
          </thead>
          {list.map((s) => (
            <tbody key={s.order.id} className="order-confirmation-order">
              {s.lines.map((l, i) => (
                <tr key={l.lineId}>
                  {i === 0 && (
                    <>
                      <td rowSpan={s.lines.length} className="mono">
                        {s.order.number}
                        {s.releasable && <div>{t('orders:short.releasable')}</div>}
                      </td>
                      <td rowSpan={s.lines.length}>
                        {s.order.customerCode} {s.order.customerName ?? ''}
                        <div className="muted">{s.order.route ?? ''}</div>
                      </td>
                      <td rowSpan={s.lines.length}>{s.order.salespersonName ?? ''}</td>
                    </>
                  )}
                  <td>
                    {l.productCode} {l.productName}
                    {l.gift ? ` (${t('orders:detail.gift')})` : ''}
                  </td>
                  <td className="num">{f.qty(l.qty)}</td>
                  <td className="num">{f.qty(l.onHand)}</td>
                  <td className="num">{f.qty(l.reserved)}</td>
                  <td className="num">{f.qty(l.available)}</td>
                  <td className="num">{f.qty(l.shortfall)}</td>
                  <td className="order-confirmation-answer" />
                </tr>
              ))}
            </tbody>
          ))}
        </table>
      )}
    </PrintSheet>
  );
}
