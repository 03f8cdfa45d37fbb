// The quantity key's box: what is being typed (blue) or what the core holds
// for the next product scan. Its own component, subscribed to the buffer, so a
// digit re-renders this box and not the whole station screen.
import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { QtyKey } from '../../scanning/qtyKey';

export function QtyKeyPanel({ qtyKey, pendingQty }: { qtyKey: QtyKey; pendingQty: number | null }) {
  const { t } = useTranslation();
  const typed = useSyncExternalStore(qtyKey.subscribe, qtyKey.get);
  const shown = typed ?? (pendingQty ? String(pendingQty) : '');
  return (
    <section className="card qty-key" data-testid="station-qty" data-qty={shown} data-typing={typed !== null}>
      <h2>{t('scan:qty.title')}</h2>
      <div className={typed !== null ? 'qty-key-value typing' : 'qty-key-value'}>{shown || '—'}</div>
      <p className="muted">{shown ? t('scan:qty.next', { qty: shown }) : t('scan:qty.hint')}</p>
    </section>
  );
}
