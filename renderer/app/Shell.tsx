// The logged-in console: top bar, the pages this user's roles allow, the page.
import { useEffect, useMemo } from 'react';
import { AdjustmentsPage } from '../pages/AdjustmentsPage';
import { ApprovalsPage } from '../pages/ApprovalsPage';
import { DamagePage } from '../pages/DamagePage';
import { ReturnsPage } from '../pages/ReturnsPage';
import { ReturnReportPage } from '../pages/ReturnReportPage';
import { AuditPage } from '../pages/AuditPage';
import { CountsPage } from '../pages/CountsPage';
import { DeliveryPage } from '../pages/DeliveryPage';
import { DispatchReportPage } from '../pages/DispatchReportPage';
import { LoadingPage } from '../pages/LoadingPage';
import { InventoryPage } from '../pages/InventoryPage';
import { MovementsPage } from '../pages/MovementsPage';
import { OrderEntryPage } from '../pages/OrderEntryPage';
import { OrdersPage } from '../pages/OrdersPage';
import { PhoneOrdersPage } from '../pages/PhoneOrdersPage';
import { ShortOrdersPage } from '../pages/ShortOrdersPage';
import { CustomersPage } from '../pages/CustomersPage';
import { VehiclesPage } from '../pages/VehiclesPage';
import { PricesPage } from '../pages/PricesPage';
import { ProductsPage } from '../pages/ProductsPage';
import { ReceiptsPage } from '../pages/ReceiptsPage';
import { ScanLogPage } from '../pages/ScanLogPage';
import { ScannerTestPage } from '../pages/ScannerTestPage';
import { StationPage } from '../pages/StationPage';
import { UsersPage } from '../pages/UsersPage';
import { DispatchBoardPage } from '../pages/DispatchBoardPage';
import { DamageAnalysisPage } from '../pages/DamageAnalysisPage';
import { ReturnAnalysisPage } from '../pages/ReturnAnalysisPage';
import { ComplaintsPage } from '../pages/ComplaintsPage';
import { CallsPage } from '../pages/CallsPage';
import { CustomerPage } from '../pages/CustomerPage';
import { ComplaintStatsPage } from '../pages/ComplaintStatsPage';
import { SchedulesPage } from '../pages/reports/SchedulesPage';
import { WeeklyReportPage } from '../pages/reports/WeeklyReportPage';
import { StockAnalysisPage } from '../pages/reports/StockAnalysisPage';
import { EdrPage } from '../pages/edr/EdrPage';
import { CustomerValuePage } from '../pages/customerValue/CustomerValuePage';
import { DashboardPage } from '../pages/kpi/DashboardPage';
import { KpiTrackerPage } from '../pages/kpi/KpiTrackerPage';
import { ReviewPage } from '../pages/kpi/ReviewPage';
import { PrintRoute } from '../print/PrintRoute';
import { ScannerStatusBar } from '../scanning/ScannerStatusBar';
import { useScanning } from '../scanning/useScanning';
import { Nav } from './Nav';
import { landingPage, navGroupsFor, navigate, pagesFor, useRoute, type PageId } from './routes';
import { useSession } from './session';
import { TopBar } from './TopBar';
import { QualityPage } from '../pages/quality/QualityPage';
import { SurveysPage } from '../pages/surveys/SurveysPage';

export function Shell() {
  const { session } = useSession();
  const route = useRoute();
  const allowed = pagesFor(session.user.roles);
  const roles = session.user.roles;
  const groups = useMemo(() => navGroupsFor(roles), [roles]);
  const navPages = useMemo(() => groups.flatMap((g) => g.pages), [groups]);
  const printing = route.page.startsWith('print/');
  const requested = allowed.find((p) => p === route.page);
  // No page asked for (just logged in) or one this user may not see: the page their role works on.
  const page: PageId = requested ?? landingPage(session.user.roles);
  // The keyboard wedge and the scan sounds work on every page.
  useScanning();

  // An unknown or forbidden address goes to the page this user's role lands on.
  useEffect(() => {
    if (!requested && !printing) navigate(page);
  }, [requested, printing, page]);

  // Alt+1 … Alt+9: the pages in nav order (grouped, the role's own page first), without the mouse.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const n = Number(e.key);
      const target = Number.isInteger(n) && n >= 1 ? navPages[n - 1] : undefined;
      if (target) {
        e.preventDefault();
        navigate(target);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navPages]);

  // A print view replaces the console's chrome: what is on screen is what prints.
  if (printing) return <PrintRoute route={route} />;

  const productParam = Number(route.params.get('product'));
  const productId = Number.isSafeInteger(productParam) && productParam > 0 ? productParam : null;
  const customerParam = Number(route.params.get('id'));
  const customerId = Number.isSafeInteger(customerParam) && customerParam > 0 ? customerParam : null;

  return (
    <div className="shell">
      <TopBar />
      <ScannerStatusBar />
      <div className="shell-body">
        <Nav groups={groups} current={page} />
        <main className="page" data-testid={`page-${page}`} id="main">
          {page === 'inventory' && <InventoryPage />}
          {page === 'movements' && <MovementsPage productId={productId} />}
          {page === 'receipts' && <ReceiptsPage />}
          {page === 'products' && <ProductsPage />}
          {page === 'audit' && <AuditPage />}
          {page === 'users' && <UsersPage />}
          {page === 'station' && <StationPage />}
          {page === 'scanLog' && <ScanLogPage />}
          {page === 'scannerTest' && <ScannerTestPage />}
          {page === 'counts' && <CountsPage />}
          {page === 'adjustments' && <AdjustmentsPage />}
          {page === 'orders' && <OrdersPage />}
          {page === 'orderEntry' && <OrderEntryPage />}
          {page === 'phoneOrders' && <PhoneOrdersPage />}
          {page === 'shortOrders' && <ShortOrdersPage />}
          {page === 'customers' && <CustomersPage />}
          {page === 'prices' && <PricesPage />}
          {page === 'dispatchBoard' && <DispatchBoardPage />}
          {page === 'vehicles' && <VehiclesPage />}
          {page === 'delivery' && <DeliveryPage />}
          {page === 'dispatchReport' && <DispatchReportPage />}
          {page === 'loading' && <LoadingPage />}
          {page === 'damageAnalysis' && <DamageAnalysisPage />}
          {page === 'returnAnalysis' && <ReturnAnalysisPage />}
          {page === 'damage' && <DamagePage />}
          {page === 'approvals' && <ApprovalsPage />}
          {page === 'returns' && <ReturnsPage />}
          {page === 'returnReport' && <ReturnReportPage />}
          {page === 'complaints' && <ComplaintsPage />}
          {page === 'complaintStats' && <ComplaintStatsPage />}
          {page === 'calls' && <CallsPage />}
          {page === 'customer' && <CustomerPage key={customerId ?? 0} customerId={customerId} />}
          {page === 'weeklyReport' && <WeeklyReportPage />}
          {page === 'schedules' && <SchedulesPage />}
          {page === 'dashboard' && <DashboardPage />}
          {page === 'kpiTracker' && <KpiTrackerPage />}
          {page === 'kpiReview' && <ReviewPage />}
          {page === 'stockAnalysis' && <StockAnalysisPage />}
          {page === 'edr' && <EdrPage />}
          {page === 'quality' && <QualityPage />}
          {page === 'surveys' && <SurveysPage />}
          {page === 'customerValue' && <CustomerValuePage />}
        </main>
      </div>
    </div>
  );
}
