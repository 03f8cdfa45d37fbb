// 收回拒收 Taking refused goods in (issue 13 §Returns 5, R12 R3): where the
// keeper sees refused lines awaiting return, one press per order makes it a
// refusal return ready for the check (returns.takeRefusal); the returns page
// then holds it for the keeper's count.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { hasRole, useSession } from '../../app/session';
import { useNotify } from '../../components/toast/useNotify';

export function TakeRefusalButton({ orderId, orderNumber }: { orderId: number; orderNumber: string }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const { session } = useSession();
  const [busy, setBusy] = useState(false);
  if (!hasRole(session, ['warehouseKeeper'])) return null;
  return (
    <button
      type="button"
      disabled={busy}
      data-testid={`take-refusal-${orderNumber}`}
      onClick={() => {
        setBusy(true);
        api
          .request('returns.takeRefusal', { orderId })
          .then(
            (r) => notify.success(t('returnDocs:refusals.taken', { number: r.number, order: orderNumber })),
            notify.error,
          )
          .finally(() => setBusy(false));
      }}
    >
      {t('returnDocs:refusals.takeIn')}
    </button>
  );
}
