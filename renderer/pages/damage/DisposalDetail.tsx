// One disposal (issue 13 §Damage 3): its lines and the reports they dispose
// of; the CS manager approves (posted through the ledger) or rejects it.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DisposalView } from '../../../shared/contract/damage';
import { api } from '../../api/client';
import { useApiEvent } from '../../api/hooks';
import { hasRole, useSession } from '../../app/session';
import { useNotify } from '../../components/toast/useNotify';
import { useFormat } from '../../i18n/format';

export function DisposalDetail({ disposalId }: { disposalId: number }) {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const { session } = useSession();
  const isManager = hasRole(session, ['csManager']);
  const [d, setD] = useState<DisposalView | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const load = useCallback(async () => {
    try {
      setD(await api.request('disposals.get', { disposalId }));
    } catch (e) {
      notify.error(e);
    }
  }, [disposalId, notify]);
  useEffect(() => {
    void load();
  }, [load]);
  useApiEvent('damage.changed', (p) => {
    if (p.disposalIds.includes(disposalId)) void load();
  });
  if (!d) return null;
  const decide = async (approve: boolean) => {
    setBusy(true);
    try {
      const next = approve
        ? await api.request('disposals.approve', { disposalId })
        : await api.request('disposals.reject', { disposalId, reason });
      setD(next);
      notify.success(t(approve ? 'damage:disposal.approved' : 'damage:disposal.rejected', { number: next.number }));
    } catch (e) {
      notify.error(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card damage-detail" data-testid="disposal-detail" data-state={d.state}>
      <div className="toolbar">
        <h2>{t('damage:disposal.title', { number: d.number })}</h2>
        <span className={`badge damage-state-${d.state}`}>{t(`damage:disposalState.${d.state}`)}</span>
      </div>
      <p>
        {t(`damage:kind.${d.kind}`)}
        {d.supplier && ` · ${d.supplier}`}
        {d.reference && ` · ${d.reference}`}
        {d.documentNo && ` · ${d.documentNo}`}
      </p>
      <ol className="damage-steps">
        <li>
          {t('damage:step.disposalProposed')} · {d.proposedBy} · {f.dateTime(d.proposedAt)}
        </li>
        {d.decidedAt && (
          <li>
            {t(`damage:step.disposal_${d.state}`)} · {d.decidedBy} · {f.dateTime(d.decidedAt)}
            {d.rejectReason && ` · ${d.rejectReason}`}
          </li>
        )}
      </ol>
      <table className="lines">
        <thead>
          <tr>
            <th>#</th>
            <th>{t('damage:col.product')}</th>
            <th>{t('damage:col.location')}</th>
            <th className="num">{t('damage:col.qty')}</th>
            <th className="num">{t('damage:col.amount')}</th>
            <th>{t('damage:disposal.report')}</th>
          </tr>
        </thead>
        <tbody>
          {d.lines.map((l) => (
            <tr key={l.lineNo}>
              <td className="num">{l.lineNo}</td>
              <td>
                <span className="mono">{l.productCode}</span> {f.productName(l.productName, l.productNameEn)}
              </td>
              <td className="mono">{l.locationCode}</td>
              <td className="num">{f.qty(l.qty)}</td>
              <td className="num">{f.money(l.amountFen)}</td>
              <td className="mono">{l.damageReportNumber ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {isManager && d.state === 'proposed' && (
        <div className="form-actions damage-decide">
          <button
            type="button"
            className="primary"
            disabled={busy}
            onClick={() => void decide(true)}
            data-testid="disposal-approve"
          >
            {t('damage:detail.approve')}
          </button>
          <input
            placeholder={t('damage:detail.rejectReason')}
            aria-label={t('damage:detail.rejectReason')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
          <button type="button" disabled={busy || reason.trim() === ''} onClick={() => void decide(false)}>
            {t('damage:detail.reject')}
          </button>
        </div>
      )}
    </section>
  );
}
