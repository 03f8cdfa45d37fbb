// 每日发货报告 as printed (R9): A4, every trip with its customers and loads, the
// total departed, the exceptions with the keeper's remarks, the general note,
// and the signature lines 仓管员 / 操作员 with their dates.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DispatchReport } from '../../shared/contract/dispatch';
import { api } from '../api/client';
import { useSession } from '../app/session';
import { useNotify } from '../components/toast/useNotify';
import { useFormat } from '../i18n/format';
import { ReportBody } from '../pages/dispatchReport/ReportView';
import { PrintSheet, SignatureLines } from './PrintSheet';

export function DispatchReportPrint({ date, onBack }: { date: string; onBack(): void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const { session } = useSession();
  const [report, setReport] = useState<DispatchReport | null>(null);

  useEffect(() => {
    api.request('dispatch.report', { dispatchDate: date }).then(setReport, notify.error);
  }, [date, notify]);

  if (!report) return null;
  const cutoff = `${report.cutoffTime} (${report.timeZone})`;
  const meta = [
    { label: t('delivery:report.dispatchDate'), value: date },
    { label: t('delivery:report.stateLabel'), value: t(`delivery:report.state.${report.state}`) },
    {
      label: t('delivery:report.cutoffLabel'),
      value:
        report.late === null
          ? cutoff
          : `${cutoff} · ${t(report.late ? 'delivery:report.late' : 'delivery:report.onTime')}`,
    },
  ];
  if (report.submittedBy)
    meta.push({
      label: t('delivery:report.submittedLabel'),
      value: `${report.submittedBy} ${f.dateTime(report.submittedAt)}`,
    });
  if (report.postedBy)
    meta.push({ label: t('delivery:report.postedLabel'), value: `${report.postedBy} ${f.dateTime(report.postedAt)}` });
  return (
    <PrintSheet
      title={t('delivery:report.title')}
      number={date}
      meta={meta}
      printedBy={session.user.displayName}
      fileName={t('delivery:report.fileName', { date })}
      onBack={onBack}
    >
      <div data-testid="print-dispatch-report">
        <ReportBody report={report} stops />
        <section className="print-section">
          <h2>{t('delivery:report.note')}</h2>
          <p>{report.note}</p>
        </section>
        <SignatureLines roles={[t('delivery:report.signKeeper'), t('delivery:report.signOperator')]} />
      </div>
    </PrintSheet>
  );
}
