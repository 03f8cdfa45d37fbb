// Pages, who sees them, and a hash router (the Electron window loads from
// file://, where only the hash can change without a reload).
import { useSyncExternalStore } from 'react';
import type { Role } from '../../shared/domain';
import { qualityReaders } from '../../shared/contract/quality';
import { surveyReaders } from '../../shared/contract/surveys';

// Every page, in its order within its nav group (pageGroup below; Alt+1 … follows navOrder).
export const pageIds = [
  'inventory',
  'station',
  'orders',
  'orderEntry',
  'phoneOrders',
  'shortOrders',
  'customers',
  'prices',
  // Dispatch (issue 12): the board, the dock, the sign-off and the day's report, then the fleet.
  'dispatchBoard',
  'loading',
  'delivery',
  'dispatchReport',
  'vehicles',
  'counts',
  'adjustments',
  'movements',
  'receipts',
  'products',
  'scanLog',
  'audit',
  'users',
  'scannerTest',
  // Monthly analyses (issue 13): damage 残损分析报告 and returns 退货分析报告.
  'damageAnalysis',
  'returnAnalysis',
  // Damage (issue 13): the register and the manager's approvals.
  'damage',
  'approvals',
  // Returns (issue 13, R12): the return register and its steps.
  'returns',
  // The salesperson's return report 退货报告 (issue 13 §Returns 1): filed and edited while reported.
  'returnReport',
  // Complaints (issue 16): the register with its deadlines, and the month's classification statistics.
  'complaints',
  'complaintStats',
  // Follow-up calls 回访 (issue 16 §4) and the customer's page (§5, #/customer?id=…).
  'calls',
  // Satisfaction surveys 满意度调查 (issue 17 §5).
  'surveys',
  'customer',
  // Reports (issue 14): the weekly stock report 周库存报表 and the scheduled PDFs.
  'weeklyReport',
  'schedules',
  // KPIs (issue 14): the dashboard 看板 and the KPI tracker 客户服务部重要衡量指标跟踪表.
  'dashboard',
  'kpiTracker',
  'kpiReview',
  // The stock analysis report 库存分析报表 (issue 14 item 2).
  'stockAnalysis',
  // The principal's weekly data 运行EDR (issue 17 §2).
  'edr',
  // Customer value analysis 客户价值分析 (issue 17 §4).
  'customerValue',
  // Warehouse quality checks 仓库质量检查 / GMP 跟踪记录 (issue 17 §1).
  'quality',
] as const;
export type PageId = (typeof pageIds)[number];

/** 'any' = everyone logged in. The core checks again (GUIDE: a hidden button is a courtesy). */
export const pageAccess: Record<PageId, 'any' | readonly Role[]> = {
  inventory: 'any',
  // Scanning (issue 4): the station and its log for everyone; scanners are set up by the administrator.
  station: 'any',
  scanLog: 'any',
  scannerTest: ['admin'],
  // Stock counts (issue 5): planned and reconciled by the operator with the keeper; forms approved by the CS manager.
  counts: ['operator', 'warehouseKeeper', 'csManager', 'supervisor'],
  adjustments: ['operator', 'warehouseKeeper', 'csManager', 'supervisor'],
  movements: 'any',
  receipts: 'any',
  // Everyone may look; editing is operator/admin (ProductsPage).
  products: 'any',
  audit: ['admin', 'csManager', 'supervisor'],
  users: ['admin'],
  // Orders (issue 11, R1 R2 R4 R5 R8 R13): the day's orders for the office; desk entry and the daily
  // confirmation list for the operator; the salesperson confirms phone orders (the CS manager in their absence).
  orders: ['operator', 'csManager', 'supervisor', 'salesperson', 'dispatcher', 'admin'],
  orderEntry: ['operator', 'csManager'],
  phoneOrders: ['salesperson', 'csManager'],
  shortOrders: ['operator', 'csManager', 'supervisor', 'salesperson'],
  customers: ['operator', 'admin', 'csManager', 'supervisor'],
  prices: ['operator', 'admin', 'csManager', 'supervisor'],
  // The dispatch board (issue 12): the dispatcher's screen; read-only for the dock's keeper (wall screen) and the office.
  dispatchBoard: ['dispatcher', 'admin', 'warehouseKeeper', 'operator', 'csManager', 'supervisor'],
  // Vehicles and drivers (issue 12 §1): the dispatcher's and the administrator's.
  vehicles: ['dispatcher', 'admin'],
  // Delivery outcomes (issue 12 §6, R6): recorded by the dispatcher, operator or CS manager; the daily
  // dispatch report (R9) filled by the keeper, posted by the operator, read by supervisor and CS manager.
  delivery: ['dispatcher', 'operator', 'csManager', 'supervisor', 'admin'],
  dispatchReport: ['warehouseKeeper', 'operator', 'supervisor', 'csManager', 'dispatcher', 'admin'],
  // Pick lists and loading (issue 12 §4 §5): the dock, the dispatcher and the office.
  loading: ['dispatcher', 'warehouseKeeper', 'operator', 'supervisor', 'csManager', 'admin'],
  // Monthly analyses (issue 13): prepared by the operator (damage with the keeper), submitted to the CS manager.
  damageAnalysis: ['operator', 'warehouseKeeper', 'csManager', 'supervisor', 'admin'],
  returnAnalysis: ['operator', 'csManager', 'supervisor', 'admin'],
  // Damage register (issue 13, R11): raised by the floor and office, decided by the CS manager.
  damage: ['warehouseKeeper', 'operator', 'dispatcher', 'supervisor', 'csManager', 'admin'],
  approvals: ['csManager'],
  // Returns (issue 13, R12): the salesperson (own), the manager, the keeper, the operator.
  returns: ['salesperson', 'csManager', 'operator', 'warehouseKeeper', 'supervisor', 'admin'],
  // The salesperson files a return report; the operator may file it on their behalf (returns.report's access).
  returnReport: ['salesperson', 'operator'],
  // Complaints (issue 16): CS staff and salespeople register; the supervisor approves solutions and writes the statistics' measures.
  complaints: ['operator', 'salesperson', 'supervisor', 'csManager', 'admin'],
  complaintStats: ['operator', 'salesperson', 'supervisor', 'csManager', 'admin'],
  // Follow-up calls: planned and shared by the CS manager or supervisor, made by the CS staff.
  calls: ['operator', 'csManager', 'supervisor', 'admin'],
  customer: ['csManager', 'operator', 'supervisor', 'salesperson', 'dispatcher', 'admin'],
  // Weekly stock report (issue 14 §1): the supervisor's, the operator's and the CS manager's.
  weeklyReport: ['supervisor', 'operator', 'csManager'],
  // Scheduled output (issue 14 §6): set up by the administrator or the supervisor.
  schedules: ['admin', 'supervisor'],
  // KPIs (issue 14, R14): kept by the supervisor and the operator, reviewed by the CS manager.
  dashboard: ['supervisor', 'csManager', 'operator'],
  kpiTracker: ['supervisor', 'csManager', 'operator'],
  // The monthly performance review (issue 14 item 4): the CS manager's, read by the supervisor.
  kpiReview: ['csManager', 'supervisor'],
  // The stock analysis (issue 14 item 2): the operator's, read by the supervisor and the CS manager.
  stockAnalysis: ['operator', 'supervisor', 'csManager'],
  // The EDR (issue 17 §2): the operator's, read by the CS manager and the supervisor.
  edr: ['operator', 'csManager', 'supervisor'],
  // Customer value (issue 17 §4): the CS manager's and the supervisor's, prepared by the operator.
  customerValue: ['operator', 'csManager', 'supervisor'],
  quality: qualityReaders,
  surveys: surveyReaders,
};

/**
 * Each role lands on the page it works on (issue 14 item 7): the supervisor and
 * the CS manager on the dashboard, the operator on the day's orders, the
 * dispatcher on the board, the salesperson on the phone orders awaiting their
 * confirmation, the keeper at the station, the administrator on the users. A
 * person with several roles lands by the first of them in this order.
 */
const landings: readonly [Role, PageId][] = [
  ['supervisor', 'dashboard'],
  ['csManager', 'dashboard'],
  ['operator', 'orders'],
  ['dispatcher', 'dispatchBoard'],
  ['salesperson', 'phoneOrders'],
  ['warehouseKeeper', 'station'],
  ['admin', 'users'],
];

export function landingPage(roles: readonly Role[]): PageId {
  const allowed = pagesFor(roles);
  for (const [role, page] of landings) if (roles.includes(role) && allowed.includes(page)) return page;
  return allowed[0] ?? 'inventory';
}

export function pagesFor(roles: readonly Role[]): PageId[] {
  return pageIds.filter((p) => {
    const access = pageAccess[p];
    return access === 'any' || roles.some((r) => access.includes(r));
  });
}

/**
 * The navigation's groups, by the department's work, in their default order.
 * A new page names its group in `pageGroup` (tsc refuses a page without one);
 * within a group pages keep their order in `pageIds`.
 */
export const navGroupIds = ['warehouse', 'dispatch', 'ordersCs', 'reports', 'system'] as const;
export type NavGroupId = (typeof navGroupIds)[number];

export const pageGroup: Record<PageId, NavGroupId> = {
  // 仓库 Warehouse: the floor's stock, scanning, counts, damage and returns.
  inventory: 'warehouse',
  station: 'warehouse',
  receipts: 'warehouse',
  movements: 'warehouse',
  products: 'warehouse',
  counts: 'warehouse',
  adjustments: 'warehouse',
  scanLog: 'warehouse',
  damage: 'warehouse',
  approvals: 'warehouse',
  returns: 'warehouse',
  // 调度 Dispatch: the board, the dock, the sign-off, the day's report and the fleet.
  dispatchBoard: 'dispatch',
  loading: 'dispatch',
  delivery: 'dispatch',
  dispatchReport: 'dispatch',
  vehicles: 'dispatch',
  // 订单与客服 Orders & CS: orders, confirmations, customers, complaints and calls.
  orders: 'ordersCs',
  orderEntry: 'ordersCs',
  phoneOrders: 'ordersCs',
  shortOrders: 'ordersCs',
  customers: 'ordersCs',
  customer: 'ordersCs',
  prices: 'ordersCs',
  returnReport: 'ordersCs',
  complaints: 'ordersCs',
  calls: 'ordersCs',
  surveys: 'ordersCs',
  // 报表 Reports: the dashboard, the reports, the analyses, the KPIs and the schedules.
  dashboard: 'reports',
  weeklyReport: 'reports',
  stockAnalysis: 'reports',
  damageAnalysis: 'reports',
  returnAnalysis: 'reports',
  complaintStats: 'reports',
  kpiTracker: 'reports',
  kpiReview: 'reports',
  schedules: 'reports',
  edr: 'reports',
  customerValue: 'reports',
  quality: 'warehouse',
  // 系统 System: users, the audit log and the scanners.
  users: 'system',
  audit: 'system',
  scannerTest: 'system',
};

export type NavGroup = { id: NavGroupId; pages: PageId[] };

/**
 * The navigation these roles see: only their pages, groups without any left
 * out, and the role's own page (its landing page) first, in the first group.
 */
export function navGroupsFor(roles: readonly Role[]): NavGroup[] {
  const allowed = pagesFor(roles);
  const home = landingPage(roles);
  const groups = navGroupIds
    .map((id) => {
      const pages = allowed.filter((p) => pageGroup[p] === id);
      return { id, pages: pages.includes(home) ? [home, ...pages.filter((p) => p !== home)] : pages };
    })
    .filter((g) => g.pages.length > 0);
  const first = groups.findIndex((g) => g.pages.includes(home));
  return first > 0 ? [groups[first]!, ...groups.filter((_, i) => i !== first)] : groups;
}

/** The pages in navigation order (Alt+1 … follows it). */
export function navOrder(roles: readonly Role[]): PageId[] {
  return navGroupsFor(roles).flatMap((g) => g.pages);
}

export type Route = { page: string; params: URLSearchParams };

function parse(hash: string): Route {
  const text = hash.replace(/^#\/?/, '');
  const [path = '', query = ''] = text.split('?');
  return { page: path, params: new URLSearchParams(query) };
}

export function routeHref(page: PageId, params?: Record<string, string | number>): string {
  const q = params ? new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString() : '';
  return `#/${page}${q ? `?${q}` : ''}`;
}

export function navigate(page: PageId, params?: Record<string, string | number>): void {
  window.location.hash = routeHref(page, params);
}

/** Printable documents, shown full-window at #/print/<doc>?… (renderer/print/PrintRoute.tsx). */
export const printDocs = [
  'adjustmentForm',
  'countSheet',
  'orderConfirmation',
  'dispatchReport',
  'pickList',
  'damageAnalysis',
  'returnAnalysis',
  'damageRecord',
  'returnReport',
  'returnNote',
  'complaintStats',
  'weeklyReport',
  'kpiTracker',
  'kpiReview',
  'stockAnalysis',
  'callSheet',
  'callSummary',
  'scorecard',
  'qualitySummary',
] as const;
export type PrintDoc = (typeof printDocs)[number];

export function printHref(doc: PrintDoc, params: Record<string, string | number>): string {
  const q = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();
  return `#/print/${doc}?${q}`;
}

/** Opens a document's print view; its Back returns to where the user was. */
export function openPrint(doc: PrintDoc, params: Record<string, string | number>): void {
  window.location.hash = printHref(doc, params);
}

const subscribe = (listener: () => void) => {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
};
const snapshot = () => window.location.hash;

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, snapshot);
  return parse(hash);
}
