// 周库存报表 as printed: A4 landscape, the title block (warehouse, period, who
// printed it when), the table with its header on every page, the grand total
// last. With ?pdf=1 the desktop saves it as a PDF as soon as it is drawn.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WeeklyReport } from '../../shared/contract/reports';
import { weeklyPeriodText } from '../../shared/reports/weeklyTable';
import { api } from '../api/client';
import { useSession } from '../app/session';
import { useNotify } from '../components/toast/useNotify';
import { useFormat } from '../i18n/format';
import type { WeeklyQuery } from '../pages/reports/weeklyParams';
import { WeeklyTableView } from '../pages/reports/WeeklyTableView';
import { printPage } from './printing';
import { PrintSheet } from './PrintSheet';
import { stockReportMeta } from './reportMeta';

export function WeeklyReportPrint({ query, pdf, onBack }: { query: WeeklyQuery; pdf: boolean; onBack(): void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const { session } = useSession();
  const [report, setReport] = useState<WeeklyReport | null>(null);
  const key = JSON.stringify(query);
  const saved = useRef(false);

  useEffect(() => {
    api.request('reports.weekly', JSON.parse(key) as WeeklyQuery).then(setReport, notify.error);
  }, [key, notify]);

  const period = report ? weeklyPeriodText(report) : '';
  const fileName = `${t('reports:weekly.fileName', { period: report?.week ?? `${report?.from}_${report?.to}` })}.pdf`;
  useEffect(() => {
    if (report && pdf && !saved.current) {
      saved.current = true;
      void printPage(fileName);
    }
  }, [report, pdf, fileName]);

  if (!report) return null;
  const meta = stockReportMeta(t, f, 'weekly', report, [{ label: t('reports:weekly.period'), value: period }]);
  return (
    <PrintSheet
      title={t('reports:weekly.title')}
      number={report.week ?? undefined}
      meta={meta}
      printedBy={session.user.displayName}
      fileName={fileName}
      landscape
      onBack={onBack}
    >
      <div data-testid="print-weekly-report">
        {!report.complete && <p className="weekly-note">{t('reports:weekly.incomplete')}</p>}
        <WeeklyTableView report={report} />
        <p className="weekly-note">{t('reports:weekly.daysNote')}</p>
      </div>
    </PrintSheet>
  );
}
