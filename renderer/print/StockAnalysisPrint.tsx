// 库存分析报表 as printed: A4 landscape, the title block (warehouse, as-of day and
// parameters, who printed it when), then each section's table. With ?pdf=1 the
// desktop saves it as a PDF as soon as it is drawn.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StockAnalysis } from '../../shared/contract/reports';
import { stockAnalysisTables } from '../../shared/reports/stockAnalysisTable';
import { api } from '../api/client';
import { useSession } from '../app/session';
import { useNotify } from '../components/toast/useNotify';
import { useFormat } from '../i18n/format';
import type { StockAnalysisQuery } from '../pages/reports/stockAnalysisParams';
import { StockAnalysisTableView } from '../pages/reports/StockAnalysisTableView';
import { printPage } from './printing';
import { PrintSheet } from './PrintSheet';
import { stockReportMeta } from './reportMeta';

export function StockAnalysisPrint({
  query,
  pdf,
  onBack,
}: {
  query: StockAnalysisQuery;
  pdf: boolean;
  onBack(): void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const { session } = useSession();
  const [report, setReport] = useState<StockAnalysis | null>(null);
  const key = JSON.stringify(query);
  const saved = useRef(false);

  useEffect(() => {
    api.request('reports.stockAnalysis', JSON.parse(key) as StockAnalysisQuery).then(setReport, notify.error);
  }, [key, notify]);

  const fileName = `${t('stockAnalysis:fileName', { date: report?.date ?? '' })}.pdf`;
  useEffect(() => {
    if (report && pdf && !saved.current) {
      saved.current = true;
      void printPage(fileName);
    }
  }, [report, pdf, fileName]);

  if (!report) return null;
  const meta = stockReportMeta(t, f, 'stockAnalysis', report, [
    { label: t('stockAnalysis:date'), value: report.date },
    { label: t('stockAnalysis:weeks'), value: String(report.weeks) },
    { label: t('stockAnalysis:slowDays'), value: String(report.slowDays) },
  ]);
  return (
    <PrintSheet
      title={t('stockAnalysis:title')}
      number={report.date}
      meta={meta}
      printedBy={session.user.displayName}
      fileName={fileName}
      landscape
      onBack={onBack}
    >
      <div data-testid="print-stock-analysis">
        {stockAnalysisTables(report, t).map((s) => (
          <StockAnalysisTableView key={s.id} section={s} />
        ))}
      </div>
    </PrintSheet>
  );
}
