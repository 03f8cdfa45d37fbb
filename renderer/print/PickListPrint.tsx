// 拣货单 Pick list (issue 12 §4): the trip's number as a barcode (scanned at
// the dock to begin its load check), vehicle, driver, date; the lines in
// walking order — bin and how much to take from it, product code and name,
// units, cases + loose, the orders served — and signature lines. A wave (several
// trips) prints one list over all of them, every trip's barcode on top.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PickList } from '../../shared/contract';
import { api } from '../api/client';
import { useSession } from '../app/session';
import { useNotify } from '../components/toast/useNotify';
import { useFormat } from '../i18n/format';
import { Barcode } from './Barcode';
import { PrintSheet, SignatureLines } from './PrintSheet';

export function PickListPrint({ tripIds, onBack }: { tripIds: number[]; onBack(): void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const { session } = useSession();
  const [list, setList] = useState<PickList | null>(null);
  const key = tripIds.join(',');

  useEffect(() => {
    api.request('dispatch.pickList', { tripIds: key.split(',').map(Number) }).then(setList, notify.error);
  }, [key, notify]);

  if (!list) return <div className="print-view" data-testid="pick-list-loading" />;
  const wave = list.trips.length > 1;
  const first = list.trips[0]!;
  const title = wave ? t('loading:print.wave') : t('loading:print.title');
  return (
    <PrintSheet
      title={title}
      number={list.trips.map((x) => x.number).join(' · ')}
      meta={[
        { label: t('loading:print.date'), value: first.dispatchDate },
        ...(wave
          ? [{ label: t('loading:print.trips'), value: list.trips.map((x) => `${x.number} ${x.plate}`).join(', ') }]
          : [
              { label: t('loading:print.vehicle'), value: first.plate },
              { label: t('loading:print.driver'), value: `${first.driverName} ${first.driverPhone}`.trim() },
              { label: t('loading:print.departTime'), value: first.departTime || '—' },
            ]),
        {
          label: t('loading:col.orders'),
          value: t('loading:print.totals', {
            lines: list.totals.lines,
            units: f.qty(list.totals.units),
            cases: f.qty(list.totals.cases),
            loose: f.qty(list.totals.loose),
            orders: list.totals.orders,
          }),
        },
      ]}
      printedBy={session.user.displayName}
      fileName={`${title}-${list.trips.map((x) => x.number).join('_')}`}
      onBack={onBack}
    >
      <div className="pick-print" data-testid="pick-list-print">
        <div className="pick-print-barcodes">
          {list.trips.map((x) => (
            <div key={x.id} className="pick-print-trip" data-testid={`pick-trip-${x.number}`}>
              <Barcode text={x.number} heightMm={12} />
              <span>
                {x.plate} · {x.driverName}
              </span>
            </div>
          ))}
        </div>
        <table className="print-table pick-print-table">
          <thead>
            <tr>
              <th>{t('loading:col.bin')}</th>
              <th>{t('loading:col.product')}</th>
              <th className="num">{t('loading:col.units')}</th>
              <th className="num">{t('loading:col.casesLoose')}</th>
              <th>{t('loading:col.orders')}</th>
              <th className="pick-print-check">✓</th>
            </tr>
          </thead>
          <tbody>
            {list.lines.map((l) => (
              <tr key={`${l.productId}|${l.status}`} data-product={l.productCode}>
                <td className="mono">
                  {l.bins.map((b) => (
                    <div key={b.locationId}>
                      {b.locationCode} × {f.qty(b.qty)}
                    </div>
                  ))}
                  {l.shortUnits > 0 && (
                    <div className="pick-print-short">{t('loading:print.short', { qty: f.qty(l.shortUnits) })}</div>
                  )}
                </td>
                <td>
                  <span className="mono">{l.productCode}</span> {f.productName(l.productNameZh, l.productNameEn)}
                  {l.status === 'gift' && <span className="cp-status"> · {t('loading:print.gift')}</span>}
                </td>
                <td className="num">
                  {f.qty(l.units)} {l.unit}
                </td>
                <td className="num">{t('loading:print.cases', { cases: f.qty(l.cases), loose: f.qty(l.loose) })}</td>
                <td className="pick-print-orders">
                  {l.orders.map((o) => `${o.number.slice(-5)} ${o.customerName} ×${f.qty(o.qty)}`).join('; ')}
                </td>
                <td className="print-blank" />
              </tr>
            ))}
          </tbody>
        </table>
        <SignatureLines
          roles={[t('loading:print.picker'), t('loading:print.checker'), t('loading:print.driverSign')]}
        />
      </div>
    </PrintSheet>
  );
}
