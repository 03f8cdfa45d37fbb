// 客户服务部每月业绩回顾表 as printed (issue 14 item 4): A4, the month's KPIs
// against targets and the month before, the damage, counts and adjustments,
// the manager's commentary and actions, and the signature lines.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KpiReview } from '../../shared/contract';
import { api } from '../api/client';
import { useSession } from '../app/session';
import { useNotify } from '../components/toast/useNotify';
import { useFormat } from '../i18n/format';
import { ReviewView } from '../pages/kpi/ReviewView';
import { PrintSheet, SignatureLines } from './PrintSheet';

export function KpiReviewPrint({ month, onBack }: { month: string; onBack(): void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const { session } = useSession();
  const [r, setR] = useState<KpiReview | null>(null);
  useEffect(() => {
    api.request('kpi.review', { month }).then(setR, notify.error);
  }, [month, notify]);
  if (!r) return null;
  const meta = [
    { label: t('kpi:month'), value: `${month} (${r.from} – ${r.to})` },
    { label: t('kpi:review.stateLabel'), value: t(`kpi:review.state.${r.state}`) },
  ];
  if (r.signedBy) meta.push({ label: t('kpi:review.signedLabel'), value: `${r.signedBy} ${f.dateTime(r.signedAt)}` });
  return (
    <PrintSheet
      title={t('kpi:review.title')}
      number={month}
      meta={meta}
      printedBy={session.user.displayName}
      fileName={t('kpi:review.fileName', { month })}
      onBack={onBack}
    >
      <div className="kpi-review-print" data-testid="print-kpi-review">
        <ReviewView r={r} print />
        <section className="print-section">
          <h2>{t('kpi:review.commentary')}</h2>
          <p>{r.commentary}</p>
          <h2>{t('kpi:review.actions')}</h2>
          <p>{r.actions}</p>
        </section>
        <SignatureLines roles={[t('domain:role.csManager'), t('domain:role.supervisor')]} />
      </div>
    </PrintSheet>
  );
}
