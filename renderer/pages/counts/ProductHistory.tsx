// A product's last counts (counts.productHistory), beside the reconciliation:
// focus a line and see how that product counted before — repeated variances
// point at a cause. Variances of sessions whose book is hidden are not sent.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProductCountRow } from '../../../shared/contract/counts';
import { api } from '../../api/client';
import { routeHref } from '../../app/routes';
import { useFormat } from '../../i18n/format';

export function ProductHistory({ product }: { product: { id: number; code: string } | null }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [rows, setRows] = useState<ProductCountRow[] | null>(null);
  const productId = product?.id ?? null;

  useEffect(() => {
    if (productId === null) return;
    let live = true;
    // A keyboard user runs down the grid: only the line they stop on is asked for.
    const timer = setTimeout(() => {
      api.request('counts.productHistory', { productId, limit: 8 }).then(
        (r) => live && setRows(r),
        () => live && setRows([]),
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [productId]);

  return (
    <aside className="card count-product-history" data-testid="count-product-history" aria-live="polite">
      <h2>
        {product ? t('counts:productHistory.titleFor', { code: product.code }) : t('counts:productHistory.title')}
      </h2>
      {!product && <p className="field-hint">{t('counts:productHistory.pick')}</p>}
      {product && rows && rows.length === 0 && <p className="field-hint">{t('counts:productHistory.none')}</p>}
      {product && rows && rows.length > 0 && (
        <table className="task-table">
          <thead>
            <tr>
              <th>
                {t('counts:productHistory.session')} · {t('counts:productHistory.when')}
              </th>
              <th>{t('counts:col.location')}</th>
              <th className="num">{t('counts:col.countedQty')}</th>
              <th className="num">{t('counts:col.varianceQty')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.sessionId}/${r.locationId}/${r.status}`}>
                {/* Number over time in one cell: the panel is narrow and a wrapped number is hard to read. */}
                <td>
                  <a className="mono" href={routeHref('counts', { session: r.sessionId })}>
                    {r.sessionNumber}
                  </a>
                  <div className="muted">{f.dateTime(r.countedAt)}</div>
                </td>
                <td className="mono">
                  {r.locationCode}
                  {r.status !== 'good' ? ` · ${t(`domain:status.${r.status}`)}` : ''}
                </td>
                <td className="num">{f.qty(r.countedQty)}</td>
                <td className="num">
                  {r.varianceQty === undefined
                    ? '—'
                    : r.varianceQty > 0
                      ? `+${f.qty(r.varianceQty)}`
                      : f.qty(r.varianceQty)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </aside>
  );
}
