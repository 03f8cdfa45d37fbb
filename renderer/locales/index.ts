// Every translation, bundled: the console runs offline (file:// in Electron, a
// LAN station host), so there is nothing to fetch at run time. Adding a
// namespace means a JSON file in both folders and a line in each map below;
// tests/unit/locales.test.ts checks the two stay the same shape.
import type { Locale } from '../../shared/domain';
import enAdjustments from './en/adjustments.json';
import enAudit from './en/audit.json';
import enAuth from './en/auth.json';
import enCommon from './en/common.json';
import enCounts from './en/counts.json';
import enDomain from './en/domain.json';
import enErrors from './en/errors.json';
import enGrid from './en/grid.json';
import enInventory from './en/inventory.json';
import enMovements from './en/movements.json';
import enPrint from './en/print.json';
import enProducts from './en/products.json';
import enReceipts from './en/receipts.json';
import enScan from './en/scan.json';
import enUsers from './en/users.json';
import zhAdjustments from './zh-CN/adjustments.json';
import zhAudit from './zh-CN/audit.json';
import zhAuth from './zh-CN/auth.json';
import zhCommon from './zh-CN/common.json';
import zhCounts from './zh-CN/counts.json';
import zhDomain from './zh-CN/domain.json';
import zhErrors from './zh-CN/errors.json';
import zhGrid from './zh-CN/grid.json';
import zhInventory from './zh-CN/inventory.json';
import zhMovements from './zh-CN/movements.json';
import zhPrint from './zh-CN/print.json';
import zhProducts from './zh-CN/products.json';
import zhReceipts from './zh-CN/receipts.json';
import zhScan from './zh-CN/scan.json';
import zhUsers from './zh-CN/users.json';
import enCustomers from './en/customers.json';
import enOrders from './en/orders.json';
import enPrices from './en/prices.json';
import zhCustomers from './zh-CN/customers.json';
import zhOrders from './zh-CN/orders.json';
import zhPrices from './zh-CN/prices.json';
import enDispatch from './en/dispatch.json';
import zhDispatch from './zh-CN/dispatch.json';
import enAutoAssign from './en/autoAssign.json';
import zhAutoAssign from './zh-CN/autoAssign.json';
import enLoading from './en/loading.json';
import zhLoading from './zh-CN/loading.json';
import enDelivery from './en/delivery.json';
import zhDelivery from './zh-CN/delivery.json';
import enAnalyses from './en/analyses.json';
import zhAnalyses from './zh-CN/analyses.json';
import enDamage from './en/damage.json';
import zhDamage from './zh-CN/damage.json';
import enApprovals from './en/approvals.json';
import zhApprovals from './zh-CN/approvals.json';
import enReturns from './en/returns.json';
import zhReturns from './zh-CN/returns.json';
import enReturnCheck from './en/returnCheck.json';
import zhReturnCheck from './zh-CN/returnCheck.json';
import enReturnDocs from './en/returnDocs.json';
import zhReturnDocs from './zh-CN/returnDocs.json';
import enComplaints from './en/complaints.json';
import zhComplaints from './zh-CN/complaints.json';
import enCalls from './en/calls.json';
import zhCalls from './zh-CN/calls.json';
import enCustomer from './en/customer.json';
import zhCustomer from './zh-CN/customer.json';
import enStockAnalysis from './en/stockAnalysis.json';
import zhStockAnalysis from './zh-CN/stockAnalysis.json';
import enEdr from './en/edr.json';
import enQuality from './en/quality.json';
import zhQuality from './zh-CN/quality.json';
import enSurveys from './en/surveys.json';
import zhSurveys from './zh-CN/surveys.json';
import zhEdr from './zh-CN/edr.json';
import enReports from './en/reports.json';
import zhReports from './zh-CN/reports.json';
import enSchedules from './en/schedules.json';
import zhSchedules from './zh-CN/schedules.json';
import enKpi from './en/kpi.json';
import zhKpi from './zh-CN/kpi.json';
import enCustomerValue from './en/customerValue.json';
import zhCustomerValue from './zh-CN/customerValue.json';

export const namespaces = [
  'common',
  'domain',
  'errors',
  'grid',
  'auth',
  'inventory',
  'movements',
  'products',
  'receipts',
  'audit',
  'users',
  'scan',
  'print',
  'adjustments',
  'counts',
  'orders',
  'customers',
  'prices',
  'dispatch',
  'autoAssign',
  'loading',
  'delivery',
  'analyses',
  'damage',
  'approvals',
  'returns',
  'returnCheck',
  'returnDocs',
  'complaints',
  'calls',
  'customer',
  'reports',
  'schedules',
  'kpi',
  'stockAnalysis',
  'edr',
  'customerValue',
  'quality',
  'surveys',
] as const;
export type Namespace = (typeof namespaces)[number];

/** A namespace's translations: nested objects whose leaves are strings. */
export type Messages = { [key: string]: string | Messages };

export const resources: Record<Locale, Record<Namespace, Messages>> = {
  'zh-CN': {
    common: zhCommon,
    domain: zhDomain,
    errors: zhErrors,
    grid: zhGrid,
    auth: zhAuth,
    inventory: zhInventory,
    movements: zhMovements,
    products: zhProducts,
    receipts: zhReceipts,
    audit: zhAudit,
    users: zhUsers,
    scan: zhScan,
    print: zhPrint,
    adjustments: zhAdjustments,
    counts: zhCounts,
    orders: zhOrders,
    customers: zhCustomers,
    prices: zhPrices,
    dispatch: zhDispatch,
    autoAssign: zhAutoAssign,
    loading: zhLoading,
    delivery: zhDelivery,
    analyses: zhAnalyses,
    damage: zhDamage,
    approvals: zhApprovals,
    returns: zhReturns,
    returnCheck: zhReturnCheck,
    returnDocs: zhReturnDocs,
    complaints: zhComplaints,
    calls: zhCalls,
    customer: zhCustomer,
    reports: zhReports,
    schedules: zhSchedules,
    kpi: zhKpi,
    stockAnalysis: zhStockAnalysis,
    edr: zhEdr,
    customerValue: zhCustomerValue,
    quality: zhQuality,
    surveys: zhSurveys,
  },
  en: {
    common: enCommon,
    domain: enDomain,
    errors: enErrors,
    grid: enGrid,
    auth: enAuth,
    inventory: enInventory,
    movements: enMovements,
    products: enProducts,
    receipts: enReceipts,
    audit: enAudit,
    users: enUsers,
    scan: enScan,
    print: enPrint,
    adjustments: enAdjustments,
    counts: enCounts,
    orders: enOrders,
    customers: enCustomers,
    prices: enPrices,
    dispatch: enDispatch,
    autoAssign: enAutoAssign,
    loading: enLoading,
    delivery: enDelivery,
    analyses: enAnalyses,
    damage: enDamage,
    approvals: enApprovals,
    returns: enReturns,
    returnCheck: enReturnCheck,
    returnDocs: enReturnDocs,
    complaints: enComplaints,
    calls: enCalls,
    customer: enCustomer,
    reports: enReports,
    schedules: enSchedules,
    kpi: enKpi,
    stockAnalysis: enStockAnalysis,
    edr: enEdr,
    customerValue: enCustomerValue,
    quality: enQuality,
    surveys: enSurveys,
  },
};
