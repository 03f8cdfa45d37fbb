// One damage report (issue 13): its facts, every step with who and when, what
// was suggested and what was done (disposal lines), its photos; the CS
// manager approves or rejects it here (never their own: the core refuses).
import { useTranslation } from 'react-i18next';
import type { DamageCause } from '../../../shared/contract/damage';
import { api } from '../../api/client';
import { hasRole, useSession } from '../../app/session';
import { openPrint } from '../../app/routes';
import { Attachments } from '../../components/Attachments';
import { DecisionBar } from '../../components/DecisionBar';
import { useNotify } from '../../components/toast/useNotify';
import { useRecord } from '../../components/useRecord';
import { useFormat } from '../../i18n/format';

export function causeName(causes: DamageCause[], code: string, name: (zh: string, en: string) => string): string {
  const c = causes.find((x) => x.code === code);
  return c ? name(c.nameZh, c.nameEn) : code;
}

export function ReportDetail({ reportId, causes }: { reportId: number; causes: DamageCause[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const { session } = useSession();
  const isManager = hasRole(session, ['csManager']);
  const {
    record: r,
    setRecord: setR,
    reload: load,
  } = useRecord({
    id: reportId,
    load: () => api.request('damage.get', { reportId }),
    event: 'damage.changed',
    concerns: (p) => p.reportIds.includes(reportId),
  });

  if (!r) return null;
  const done = r.done.filter((d) => d.state === 'approved').reduce((s, d) => s + d.qty, 0);
  return (
    <section className="card damage-detail" data-testid="damage-detail" data-state={r.state}>
      <div className="toolbar">
        <h2>{t('damage:detail.title', { number: r.number })}</h2>
        <span className={`badge damage-state-${r.state}`} data-testid="damage-detail-state">
          {t(`damage:state.${r.state}`)}
        </span>
        <span className="toolbar-spacer" />
        <button
          type="button"
          onClick={() => openPrint('damageRecord', { ids: String(r.id) })}
          data-testid="damage-print"
        >
          {t('damage:detail.print')}
        </button>
      </div>
      <dl className="damage-facts">
        <dt>{t('damage:col.product')}</dt>
        <dd>
          <span className="mono">{r.productCode}</span> {f.productName(r.productName, r.productNameEn)}
        </dd>
        <dt>{t('damage:col.location')}</dt>
        <dd className="mono">{r.locationCode}</dd>
        <dt>{t('damage:col.qty')}</dt>
        <dd>
          {f.qty(r.qty)} · {t(`damage:fromStatus.${r.fromStatus}`)} → {t('domain:status.damaged')}
        </dd>
        <dt>{t('damage:col.amount')}</dt>
        <dd>{f.money(r.amountFen)}</dd>
        <dt>{t('damage:col.whereFound')}</dt>
        <dd>{t(`damage:whereFound.${r.whereFound}`)}</dd>
        <dt>{t('damage:col.cause')}</dt>
        <dd>
          {causeName(causes, r.cause, f.productName)}
          {r.causeNote && ` — ${r.causeNote}`}
        </dd>
        <dt>{t('damage:col.foundBy')}</dt>
        <dd>{r.foundBy}</dd>
        {r.originDocumentNo && (
          <>
            <dt>{t('damage:col.document')}</dt>
            <dd>{t('damage:detail.origin', { documentNo: r.originDocumentNo })}</dd>
          </>
        )}
        {r.transferDocumentNo && (
          <>
            <dt>{t('damage:col.document')}</dt>
            <dd data-testid="damage-transfer">{t('damage:detail.transfer', { documentNo: r.transferDocumentNo })}</dd>
          </>
        )}
        {r.note && (
          <>
            <dt>{t('damage:form.note')}</dt>
            <dd>{r.note}</dd>
          </>
        )}
      </dl>

      <h3>{t('damage:detail.steps')}</h3>
      <ol className="damage-steps" data-testid="damage-steps">
        {r.steps.map((s, i) => (
          <li key={i}>
            <strong>{t(`damage:step.${s.step}`)}</strong> · {s.by} · {f.dateTime(s.at)}
            {s.note && ` · ${s.note}`}
          </li>
        ))}
      </ol>

      <h3>{t('damage:detail.done')}</h3>
      <p>
        {t('damage:detail.suggested', { kind: t(`damage:kind.${r.suggestion}`) })} · {f.qty(done)} / {f.qty(r.qty)}
      </p>
      {r.done.length === 0 ? (
        <p className="task-empty">{t('damage:detail.notDone')}</p>
      ) : (
        <ul data-testid="damage-done">
          {r.done.map((d) => (
            <li key={`${d.disposalId}`}>
              {d.disposalNumber} · {t(`damage:kind.${d.kind}`)} · {t(`damage:disposalState.${d.state}`)} ·{' '}
              {f.qty(d.qty)}
            </li>
          ))}
        </ul>
      )}

      <Attachments
        items={r.attachments}
        title={t('damage:detail.attachments')}
        testIdPrefix="damage"
        canAttach
        upload={(fileName, dataBase64) => api.request('damage.attach', { reportId, fileName, dataBase64 })}
        read={(attachmentId) => api.request('damage.attachment', { attachmentId })}
        onChanged={() => void load()}
      />

      {isManager && r.state === 'reported' && (
        <DecisionBar
          testId="damage"
          className="form-actions damage-decide"
          labels={{
            approve: t('damage:detail.approve'),
            reject: t('damage:detail.reject'),
            reason: t('damage:detail.rejectReason'),
          }}
          approve={() => api.request('damage.approve', { reportId })}
          reject={(reason) => api.request('damage.reject', { reportId, reason })}
          onDecided={(next, approved) => {
            setR(next);
            notify.success(t(approved ? 'damage:detail.approved' : 'damage:detail.rejected', { number: next.number }));
          }}
        />
      )}
    </section>
  );
}
