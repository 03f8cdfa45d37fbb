// One disposal (issue 13 §Damage 3): its lines and the reports they dispose
// of; the CS manager approves (posted through the ledger) or rejects it.
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { hasRole, useSession } from '../../app/session';
import { DecisionBar } from '../../components/DecisionBar';
import { useNotify } from '../../components/toast/useNotify';
import { useRecord } from '../../components/useRecord';
import { useFormat } from '../../i18n/format';

export function DisposalDetail({ disposalId }: { disposalId: number }) {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const { session } = useSession();
  const isManager = hasRole(session, ['csManager']);
  const { record: d, setRecord: setD } = useRecord({
    id: disposalId,
    load: () => api.request('disposals.get', { disposalId }),
    event: 'damage.changed',
    concerns: (p) => p.disposalIds.includes(disposalId),
  });
  if (!d) return null;
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
        <DecisionBar
          testId="disposal"
          className="form-actions damage-decide"
          labels={{
            approve: t('damage:detail.approve'),
            reject: t('damage:detail.reject'),
            reason: t('damage:detail.rejectReason'),
          }}
          approve={() => api.request('disposals.approve', { disposalId })}
          reject={(reason) => api.request('disposals.reject', { disposalId, reason })}
          onDecided={(next, approved) => {
            setD(next);
            notify.success(
              t(approved ? 'damage:disposal.approved' : 'damage:disposal.rejected', { number: next.number }),
            );
          }}
        />
      )}
    </section>
  );
}
