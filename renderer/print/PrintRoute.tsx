// #/print/<doc>?…: a printable document full-window, outside the console's
// chrome, so what is on screen is what prints. Back (Esc) returns to the page
// that opened it.
import { useEffect } from 'react';
import { navigate, type Route } from '../app/routes';
import { AdjustmentFormPrint } from './AdjustmentFormPrint';
import { DamageAnalysisPrint, ReturnAnalysisPrint } from './AnalysisPrint';
import { CountSheetPrint } from './CountSheetPrint';
import { DamageRecordPrint } from './DamageRecordPrint';
import { DispatchReportPrint } from './DispatchReportPrint';
import { KpiReviewPrint } from './KpiReviewPrint';
import { KpiTrackerPrint } from './KpiTrackerPrint';
import { OrderConfirmationPrint } from './OrderConfirmationPrint';
import { PickListPrint } from './PickListPrint';
import { ReturnNotePrint } from './ReturnNotePrint';
import { ReturnReportPrint } from './ReturnReportPrint';
import { ComplaintStatsPrint } from './ComplaintStatsPrint';
import { CallSheetPrint } from './CallSheetPrint';
import { CallSummaryPrint } from './CallSummaryPrint';
import { WeeklyReportPrint } from './WeeklyReportPrint';
import { StockAnalysisPrint } from './StockAnalysisPrint';
import { ScorecardPrint } from './ScorecardPrint';
import { QualitySummaryPrint } from './QualitySummaryPrint';
import { stockAnalysisQueryOf } from '../pages/reports/stockAnalysisParams';
import { weeklyQueryOf } from '../pages/reports/weeklyParams';

const idParam = (route: Route, name: string): number | null => {
  const n = Number(route.params.get(name));
  return Number.isSafeInteger(n) && n > 0 ? n : null;
};

export function PrintRoute({ route }: { route: Route }) {
  const doc = route.page.slice('print/'.length);
  const back = () => {
    if (window.history.length > 1) window.history.back();
    else navigate('inventory');
  };
  const formId = idParam(route, 'form');
  const sessionId = idParam(route, 'session');
  const date = route.params.get('date');
  const day = date !== null && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : null;
  const monthParam = route.params.get('month');
  const month = monthParam !== null && /^\d{4}-(0[1-9]|1[0-2])$/.test(monthParam) ? monthParam : null;
  const tripIds = (route.params.get('trips') ?? '')
    .split(',')
    .map(Number)
    .filter((n) => Number.isSafeInteger(n) && n > 0);
  const reportIds = (route.params.get('ids') ?? '')
    .split(',')
    .map(Number)
    .filter((n) => Number.isSafeInteger(n) && n > 0)
    .slice(0, 500);
  const returnId = idParam(route, 'return');
  const planId = idParam(route, 'plan');
  const toParam = route.params.get('to');
  const toDay = toParam !== null && /^\d{4}-\d{2}-\d{2}$/.test(toParam) ? toParam : null;
  const weekParam = route.params.get('week');
  const week = weekParam !== null && /^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/.test(weekParam) ? weekParam : null;
  const known =
    (doc === 'pickList' && tripIds.length > 0) ||
    (doc === 'adjustmentForm' && formId !== null) ||
    (doc === 'countSheet' && sessionId !== null) ||
    (doc === 'orderConfirmation' && day !== null) ||
    (doc === 'dispatchReport' && day !== null) ||
    ((doc === 'damageAnalysis' || doc === 'returnAnalysis') && month !== null) ||
    (doc === 'damageRecord' && reportIds.length > 0) ||
    ((doc === 'returnReport' || doc === 'returnNote') && returnId !== null) ||
    (doc === 'complaintStats' && month !== null) ||
    doc === 'weeklyReport' ||
    ((doc === 'kpiTracker' || doc === 'kpiReview') && month !== null) ||
    doc === 'stockAnalysis' ||
    (doc === 'callSheet' && planId !== null) ||
    (doc === 'callSummary' && day !== null && toDay !== null) ||
    (doc === 'scorecard' && week !== null) ||
    (doc === 'qualitySummary' && month !== null);

  // An address that names no document goes back to the console.
  useEffect(() => {
    if (!known) navigate('inventory');
  }, [known]);

  if (doc === 'adjustmentForm' && formId !== null) return <AdjustmentFormPrint formId={formId} onBack={back} />;
  if (doc === 'countSheet' && sessionId !== null)
    return <CountSheetPrint sessionId={sessionId} locationId={idParam(route, 'location')} onBack={back} />;
  if (doc === 'orderConfirmation' && day !== null) return <OrderConfirmationPrint date={day} onBack={back} />;
  if (doc === 'dispatchReport' && day !== null) return <DispatchReportPrint date={day} onBack={back} />;
  if (doc === 'pickList' && tripIds.length > 0) return <PickListPrint tripIds={tripIds} onBack={back} />;
  const warehouseId = idParam(route, 'warehouse') ?? undefined;
  if (doc === 'damageAnalysis' && month !== null)
    return <DamageAnalysisPrint month={month} warehouseId={warehouseId} onBack={back} />;
  if (doc === 'returnAnalysis' && month !== null)
    return <ReturnAnalysisPrint month={month} warehouseId={warehouseId} onBack={back} />;
  if (doc === 'damageRecord' && reportIds.length > 0) return <DamageRecordPrint reportIds={reportIds} onBack={back} />;
  if (doc === 'returnReport' && returnId !== null) return <ReturnReportPrint returnId={returnId} onBack={back} />;
  if (doc === 'returnNote' && returnId !== null) return <ReturnNotePrint returnId={returnId} onBack={back} />;
  if (doc === 'complaintStats' && month !== null) return <ComplaintStatsPrint month={month} onBack={back} />;
  if (doc === 'weeklyReport')
    return (
      <WeeklyReportPrint query={weeklyQueryOf(route.params)} pdf={route.params.get('pdf') === '1'} onBack={back} />
    );
  if (doc === 'callSheet' && planId !== null)
    return <CallSheetPrint planId={planId} userId={idParam(route, 'user') ?? undefined} onBack={back} />;
  if (doc === 'callSummary' && day !== null && toDay !== null)
    return <CallSummaryPrint from={day} to={toDay} onBack={back} />;
  if (doc === 'kpiTracker' && month !== null) return <KpiTrackerPrint month={month} onBack={back} />;
  if (doc === 'scorecard' && week !== null) return <ScorecardPrint week={week} onBack={back} />;
  if (doc === 'qualitySummary' && month !== null) return <QualitySummaryPrint month={month} onBack={back} />;
  if (doc === 'kpiReview' && month !== null) return <KpiReviewPrint month={month} onBack={back} />;
  if (doc === 'stockAnalysis')
    return (
      <StockAnalysisPrint
        query={stockAnalysisQueryOf(route.params)}
        pdf={route.params.get('pdf') === '1'}
        onBack={back}
      />
    );
  return null;
}
