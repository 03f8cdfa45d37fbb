// 顾客投诉分类统计表 as printed (issue 16 §3): A4 with the chart (SVG, vector
// in the PDF), the four breakdowns, the trend, the supervisor's analysis and
// improvement measures, and the signature lines.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComplaintCategory, ComplaintStats } from '../../shared/contract';
import { api } from '../api/client';
import { useSession } from '../app/session';
import { useNotify } from '../components/toast/useNotify';
import { StatsView } from '../pages/complaints/StatsView';
import { PrintSheet, SignatureLines } from './PrintSheet';

export function ComplaintStatsPrint({ month, onBack }: { month: string; onBack(): void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const { session } = useSession();
  const [s, setS] = useState<ComplaintStats | null>(null);
  const [categories, setCategories] = useState<ComplaintCategory[]>([]);
  useEffect(() => {
    Promise.all([api.request('complaints.stats', { month }), api.request('complaints.categories', {})]).then(
      ([r, c]) => {
        setS(r);
        setCategories(c);
      },
      notify.error,
    );
  }, [month, notify]);
  if (!s) return null;
  const n = (k: string) => t(`complaints:stats.${k}`);
  return (
    <PrintSheet
      title={n('title')}
      number={month}
      meta={[{ label: n('month'), value: `${s.month} (${s.from} – ${s.to})` }]}
      printedBy={session.user.displayName}
      fileName={t('complaints:stats.fileName', { month })}
      onBack={onBack}
    >
      <div data-testid="print-complaint-stats">
        <StatsView s={s} categories={categories} print />
        <section className="print-section">
          <h2>{n('note')}</h2>
          <p>{s.note}</p>
        </section>
        <SignatureLines roles={[n('signSupervisor'), n('signManager')]} />
      </div>
    </PrintSheet>
  );
}
