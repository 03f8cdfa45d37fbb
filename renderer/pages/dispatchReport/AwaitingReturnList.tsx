// 待退回 Goods awaiting return (R6 → R12): what the customers refused, coming
// back on the vehicles, per product (what the warehouse check will count) and
// per line (order, customer, trip, reason).
import { useTranslation } from 'react-i18next';
import type { AwaitingReturn } from '../../../shared/contract/dispatch';
import { useFormat } from '../../i18n/format';
import { TakeRefusalButton } from '../returns/TakeRefusalButton';

export function AwaitingReturnList({ list }: { list: AwaitingReturn }) {
  const { t } = useTranslation();
  const f = useFormat();
  const c = (k: string) => t(`delivery:awaiting.col.${k}`);
  return (
    <section className="awaiting-return" data-testid="awaiting-return">
      <h2 className="report-heading">{t('delivery:awaiting.heading')}</h2>
      <p className="page-hint">{t('delivery:awaiting.hint')}</p>
      {list.rows.length === 0 ? (
        <p>{t('delivery:awaiting.empty')}</p>
      ) : (
        <>
          <h3>{t('delivery:awaiting.byProduct')}</h3>
          <table className="print-table" data-testid="awaiting-by-product">
            <thead>
              <tr>
                <th>{c('product')}</th>
                <th>{c('status')}</th>
                <th className="num">{c('qty')}</th>
                <th className="num">{c('amount')}</th>
              </tr>
            </thead>
            <tbody>
              {list.byProduct.map((p) => (
                <tr key={`${p.productId}-${p.status}`}>
                  <td>
                    {p.productCode} {p.productName}
                  </td>
                  <td>{t(`delivery:status.${p.status}`)}</td>
                  <td className="num">{f.qty(p.qty)}</td>
                  <td className="num">{f.money(p.amountFen)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table className="print-table" data-testid="awaiting-lines">
            <thead>
              <tr>
                <th>{c('order')}</th>
                <th>{c('customer')}</th>
                <th>{c('trip')}</th>
                <th>{c('product')}</th>
                <th className="num">{c('qty')}</th>
                <th className="num">{c('amount')}</th>
                <th>{c('reason')}</th>
                <th>{c('note')}</th>
              </tr>
            </thead>
            <tbody>
              {list.rows.map((r, i) => (
                <tr key={r.lineId}>
                  <td className="mono">
                    {r.orderNumber}
                    {list.rows[i - 1]?.orderId !== r.orderId && (
                      <TakeRefusalButton orderId={r.orderId} orderNumber={r.orderNumber} />
                    )}
                  </td>
                  <td>
                    {r.customerCode} {r.customerName}
                  </td>
                  <td className="mono">{r.tripNumber}</td>
                  <td>
                    {r.productCode} {r.productName}
                  </td>
                  <td className="num">{f.qty(r.qty)}</td>
                  <td className="num">{f.money(r.amountFen)}</td>
                  <td>{t(`delivery:reason.${r.reason}`)}</td>
                  <td>{r.note}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
