// 客户服务部重要衡量指标跟踪表 as printed (issue 14 item 3): A4 landscape, the
// title block, the table with every KPI's definition under its name, the
// legend, and the signature lines of who keeps it and the manager who reviews it.
// Printed through the print engine like every report: the sheet's landscape
// page, the title in the page header and page x of y in the footer
// (electron/print/pdfLayout.ts), the table header repeated on every page.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KpiTracker } from '../../shared/contract';
import { api } from '../api/client';
import { useSession } from '../app/session';
import { useNotify } from '../components/toast/useNotify';
import { KpiLegend, KpiTable } from '../pages/kpi/KpiTable';
import { PrintSheet, SignatureLines } from './PrintSheet';

export function KpiTrackerPrint({ month, onBack }: { month: string; onBack(): void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const { session } = useSession();
  const [k, setK] = useState<KpiTracker | null>(null);
  useEffect(() => {
    api.request('kpi.tracker', { month }).then(setK, notify.error);
  }, [month, notify]);
  if (!k) return null;
  return (
    <PrintSheet
      title={t('kpi:title')}
      number={month}
      meta={[{ label: t('kpi:month'), value: `${month} (${k.periods[k.periods.length - 1]!.from} – ${k.today})` }]}
      printedBy={session.user.displayName}
      fileName={t('kpi:fileName', { month })}
      landscape
      onBack={onBack}
    >
      <div className="kpi-print" data-testid="print-kpi-tracker">
        <p className="page-hint">{t('kpi:basis', { today: k.today })}</p>
        <KpiTable tracker={k} print />
        <KpiLegend />
        <SignatureLines roles={[t('domain:role.supervisor'), t('domain:role.operator'), t('domain:role.csManager')]} />
      </div>
    </PrintSheet>
  );
}
