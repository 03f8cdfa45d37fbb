// 待退回 on the returns page, for the keeper: the refused orders whose goods
// came back on the vehicles and wait to be taken in, one line per order with
// its products, and the button that starts their check. Live: a delivery
// outcome or a take-in anywhere reloads it.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AwaitingReturn } from '../../../shared/contract/dispatch';
import { api } from '../../api/client';
import { useApiEvent, useReconnected } from '../../api/hooks';
import { hasRole, useSession } from '../../app/session';
import { useNotify } from '../../components/toast/useNotify';
import { useFormat } from '../../i18n/format';
import { TakeRefusalButton } from './TakeRefusalButton';
import { casesUnits } from './returnText';

export function RefusalsAwaiting() {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const { session } = useSession();
  const keeper = hasRole(session, ['warehouseKeeper']);
  const [list, setList] = useState<AwaitingReturn | null>(null);
  const load = useCallback(() => {
    if (keeper) api.request('dispatch.awaitingReturn', {}).then(setList, notify.error);
  }, [keeper, notify]);
  useEffect(load, [load]);
  useApiEvent('returns.changed', load);
  useApiEvent('dispatch.changed', load);
  useReconnected(load);
  if (!keeper || !list || list.rows.length === 0) return null;
  const orders = new Map<number, AwaitingReturn['rows']>();
  for (const r of list.rows) orders.set(r.orderId, [...(orders.get(r.orderId) ?? []), r]);
  return (
    <section className="returndocs-refusals" data-testid="refusals-awaiting">
      <h2>{t('returnDocs:refusals.heading')}</h2>
      <table>
        <tbody>
          {[...orders.values()].map((rows) => {
            const o = rows[0]!;
            return (
              <tr key={o.orderId}>
                <td className="mono">{o.orderNumber}</td>
                <td>
                  {o.customerCode} {o.customerName}
                </td>
                <td className="mono">{o.tripNumber}</td>
                <td>
                  {rows
                    .map((r) => `${r.productCode} ${r.productName} ${casesUnits(t, f, r.qty, r.casePack)}`)
                    .join('；')}
                </td>
                <td>{t(`delivery:reason.${o.reason}`)}</td>
                <td>
                  <TakeRefusalButton orderId={o.orderId} orderNumber={o.orderNumber} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
