// The whole contract × role matrix: every request, made by a caller holding
// each role (and by nobody), is let through exactly when the contract says so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckDigit } from '../../../shared/barcode/gtin';
import { requestNames, requests, type RequestInput, type RequestName } from '../../../shared/contract';
import { roles, type Role } from '../../../shared/domain';
import type { Caller } from '../../../electron/core/context';
import { newKey, openWarehouse, type Warehouse } from '../fixtures';
import { newScanner } from '../../helpers/scannerConfig';

let w: Warehouse;
const callers = new Map<Role, Caller>();
beforeAll(async () => {
  w = await openWarehouse();
  for (const role of roles) callers.set(role, await w.as(role));
});
afterAll(async () => w.core.close());

let seq = 0;
/** A valid input for each request; typed over every name so a new request needs a sample. */
const sample: { [N in RequestName]: () => RequestInput<N> } = {
  'setup.status': () => ({}),
  'setup.createAdmin': () => ({ username: 'another-admin', displayName: 'x', password: 'password-123' }),
  'setup.loadDemo': () => ({}),
  'setup.demoLogins': () => ({}),
  'auth.login': () => ({ username: 'nobody-here', secret: 'wrong-secret' }),
  'auth.resume': () => ({ token: 'not-a-real-token-000000' }),
  'auth.logout': () => ({}),
  'auth.me': () => ({}),
  'auth.setLocale': () => ({ locale: 'en' }),
  'users.list': () => ({}),
  'users.create': () => ({
    username: `matrix-${++seq}`,
    displayName: 'x',
    roles: ['operator'],
    password: 'password-123',
  }),
  'users.unlock': () => ({ userId: 999_999 }),
  'users.setActive': () => ({ userId: 999_999, active: false, reason: 'x' }),
  'users.setDispatchOverride': () => ({ userId: 999_999, allowed: true, reason: 'x' }),
  'users.resetPassword': () => ({ userId: 999_999, password: 'password-123', reason: 'x' }),
  'auth.changePassword': () => ({ oldPassword: 'not-the-password', newPassword: 'password-456' }),
  'products.list': () => ({}),
  'products.update': () => ({ id: w.products[0]!.id, spec: `550ml ${++seq}` }),
  'products.import': () => ({ csv: 'code,name_zh,unit,case_pack,unit_cost\nP900,测试,个,1,1.00\n' }),
  'locations.list': () => ({}),
  'stock.balances': () => ({}),
  'stock.movements': () => ({ offset: 0, limit: 10 }),
  'stock.reverseDocument': () => ({ documentId: 999_999, reason: 'x', idempotencyKey: newKey() }),
  'receipts.list': () => ({}),
  'receipts.post': () => ({
    deliveryNote: `QS-${++seq}`,
    arrivedAt: new Date().toISOString(),
    idempotencyKey: newKey(),
    lines: [{ productId: w.products[0]!.id, status: 'good', locationId: w.bins[0]!.id, qty: 1 }],
  }),
  'scanner.list': () => ({}),
  'scanner.ports': () => ({}),
  'scanner.save': () =>
    newScanner({
      name: `Dock ${++seq}`,
      station: 'test-station',
      port: '/dev/null-scanner',
      baudRate: 9600,
      idleMs: 50,
      enabled: false,
    }),
  'scanner.remove': () => ({ id: 999_999 }),
  'scanner.submit': () => ({ raw: 'A-01', source: 'manual' }),
  'station.state': () => ({}),
  'station.setTask': () => ({ task: 'lookup' }),
  'station.setQuantity': () => ({ qty: null }),
  'station.undoLastScan': () => ({}),
  'station.clearTask': () => ({}),
  'scans.list': () => ({ offset: 0, limit: 10 }),
  'barcodes.link': () => ({
    code: withCheckDigit(`6909${String(++seq).padStart(8, '0')}`),
    productId: w.products[1]!.id,
    level: 'unit',
  }),
  'counts.plan': () => ({ scope: { area: 'warehouse', locationIds: [] }, counters: [{ userId: 999_999 }] }),
  'counts.start': () => ({ sessionId: 999_999 }),
  'counts.list': () => ({}),
  'counts.get': () => ({ sessionId: 999_999 }),
  'counts.sheet': () => ({ sessionId: 999_999 }),
  'counts.preview': () => ({ scope: { area: 'warehouse', locationIds: [] } }),
  'counts.enter': () => ({
    sessionId: 999_999,
    productId: w.products[0]!.id,
    locationId: w.bins[0]!.id,
    mode: 'add',
    qty: 1,
  }),
  'counts.countAtStation': () => ({ sessionId: 999_999 }),
  'counts.finishCounting': () => ({ sessionId: 999_999 }),
  'counts.reconcile': () => ({ sessionId: 999_999 }),
  'counts.reconcileFirst': () => ({ sessionId: 999_999, limit: 100 }),
  'counts.reconcileLines': () => ({ sessionId: 999_999, lineIds: [1] }),
  'counts.requestRecount': () => ({ sessionId: 999_999, lineIds: [1], keeperId: 999_999 }),
  'counts.setCauses': () => ({ sessionId: 999_999, lines: [{ lineId: 1, cause: 'miscount' }] }),
  'counts.confirm': () => ({ sessionId: 999_999 }),
  'counts.cancel': () => ({ sessionId: 999_999, reason: 'x' }),
  'counts.keepers': () => ({}),
  'counts.productHistory': () => ({ productId: w.products[0]!.id }),
  'counts.measures': () => ({ from: '2020-01-01T00:00:00Z', to: new Date().toISOString() }),
  'adjustments.list': () => ({}),
  'adjustments.get': () => ({ formId: 999_999 }),
  'adjustments.createManual': () => ({
    lines: [{ productId: w.products[0]!.id, status: 'good', locationId: w.bins[0]!.id, qty: 1, cause: 'miscount' }],
  }),
  'adjustments.updateManual': () => ({ formId: 999_999, note: 'x' }),
  'adjustments.submit': () => ({ formId: 999_999 }),
  'adjustments.approve': () => ({ formId: 999_999 }),
  'adjustments.reject': () => ({ formId: 999_999, comment: 'x' }),
  'audit.list': () => ({ offset: 0, limit: 10 }),
  'customers.list': () => ({}),
  'customers.save': () => ({ code: `CM${++seq}`, name: '矩阵客户', area: '天河', route: 'TH-1' }),
  'customers.import': () => ({ csv: `code,name,area,route\nCI${++seq},导入客户,天河,TH-1\n` }),
  'customers.export': () => ({}),
  'customers.salespeople': () => ({}),
  'prices.list': () => ({}),
  'prices.set': () => ({ productId: w.products[0]!.id, customerId: null, priceFen: 150, validFrom: '2026-01-01' }),
  'prices.remove': () => ({ id: 999_999 }),
  'prices.import': () => ({ csv: 'product_code,price,valid_from\nP002,3.50,2026-01-01\n' }),
  'orders.list': () => ({}),
  'orders.get': () => ({ orderId: 999_999 }),
  'orders.create': () => ({ channel: 'desk', customerCode: 'NO-SUCH', lines: [{ productCode: 'P001', qty: 1 }] }),
  'orders.update': () => ({ orderId: 999_999, note: 'x' }),
  'orders.switchLine': () => ({ orderId: 999_999, lineId: 1 }),
  'orders.requalify': () => ({ orderIds: [999_999] }),
  'orders.cancel': () => ({ orderId: 999_999, reason: 'x' }),
  'orders.pendingConfirmation': () => ({}),
  'orders.confirm': () => ({ orderId: 999_999 }),
  'orders.reject': () => ({ orderId: 999_999, reason: 'x' }),
  'orders.release': () => ({ orderIds: [999_999] }),
  'orders.takeBack': () => ({ orderId: 999_999 }),
  'orders.confirmationList': () => ({ dispatchDate: '2026-12-05' }),
  'orders.retryShort': () => ({}),
  'orders.resolveLine': () => ({ action: 'remove', orderId: 999_999, lineId: 1, consent: { how: 'phone' } }),
  'orders.previewImport': () => ({
    csv: 'order_ref,customer_code,product_code,qty\nR1,C1,P001,2\n',
    fileName: 'a.csv',
  }),
  'orders.import': () => ({
    csv: `order_ref,customer_code,product_code,qty\nR${++seq},C1,P001,2\n`,
    fileName: 'a.csv',
  }),
  'orders.qualifiedRate': () => ({ from: '2026-01-01', to: '2026-12-31' }),
  'backups.status': () => ({}),
  'backups.runNow': () => ({}),
  'backups.configure': () => ({ dailyAt: '02:30', keepDaily: 7, keepWeekly: 4 }),
  'vehicles.list': () => ({ date: '2026-12-05' }),
  'vehicles.save': () => ({ plate: `粤A·M${++seq}`, capacityCases: 300, capacityKg: 2000, driverName: '矩阵司机' }),
  'vehicles.setOffRoad': () => ({ vehicleId: 999_999, date: '2026-12-05', off: true, reason: 'x' }),
  'dispatch.board': () => ({ dispatchDate: '2026-12-05' }),
  'dispatch.boardRows': () => ({ dispatchDate: '2026-12-05', tripIds: [999_999], orderIds: [999_999] }),
  'dispatch.createTrip': () => ({ dispatchDate: '2026-12-05', vehicleId: 999_999 }),
  'dispatch.updateTrip': () => ({ tripId: 999_999, departTime: '07:30' }),
  'dispatch.removeTrip': () => ({ tripId: 999_999 }),
  'dispatch.assign': () => ({ tripId: 999_999, orderIds: [999_999] }),
  'dispatch.unassign': () => ({ orderIds: [999_999] }),
  'dispatch.reorderStops': () => ({ tripId: 999_999, stopIds: [999_999] }),
  'dispatch.sortStops': () => ({ tripId: 999_999 }),
  'dispatch.autoAssignPreview': () => ({ dispatchDate: '2026-12-05' }),
  'dispatch.autoAssignAccept': () => ({
    dispatchDate: '2026-12-05',
    assignments: [{ tripId: null, vehicleId: 999_999, orderIds: [999_999] }],
  }),
  'dispatch.loadingTrips': () => ({ dispatchDate: '2026-12-05' }),
  'dispatch.pickList': () => ({ tripIds: [999_999] }),
  'dispatch.startPicking': () => ({ tripIds: [999_999] }),
  'dispatch.loadCheck': () => ({ tripId: 999_999 }),
  'dispatch.loadOrder': () => ({ orderId: 999_999 }),
  'dispatch.takeOff': () => ({ orderId: 999_999, to: 'pool', reason: 'short' }),
  'dispatch.depart': () => ({ tripId: 999_999 }),
  'dispatch.returned': () => ({ tripId: 999_999 }),
  'dispatch.deliveryTrips': () => ({ dispatchDate: '2026-12-05' }),
  'dispatch.deliveryTrip': () => ({ tripId: 999_999 }),
  'dispatch.recordOutcome': () => ({ orderId: 999_999, outcome: 'signed', signedBy: '张三' }),
  'dispatch.awaitingReturn': () => ({}),
  'dispatch.serviceLevel': () => ({ from: '2026-01-01', to: '2026-12-31' }),
  'dispatch.report': () => ({ dispatchDate: '2026-12-05' }),
  'dispatch.saveReport': () => ({ dispatchDate: '2026-12-05', note: 'x' }),
  'dispatch.submitReport': () => ({ dispatchDate: `2025-01-${String((++seq % 28) + 1).padStart(2, '0')}` }),
  'dispatch.postReport': () => ({ dispatchDate: '2026-12-05' }),
  'dispatch.cutoff': () => ({}),
  'dispatch.setCutoff': () => ({ time: '16:30' }),
  'analyses.damage': () => ({ month: '2026-11' }),
  'analyses.saveDamage': () => ({ month: '2026-11', note: 'x' }),
  'analyses.submitDamage': () => ({ month: `2024-${String((++seq % 12) + 1).padStart(2, '0')}` }),
  'analyses.returns': () => ({ month: '2026-11' }),
  'analyses.saveReturns': () => ({
    month: '2026-11',
    note: 'x',
    plans: [{ scope: 'reason', key: 'quality', text: 'x' }],
  }),
  'analyses.submitReturns': () => ({ month: `2023-${String((++seq % 12) + 1).padStart(2, '0')}` }),
  'damage.causes': () => ({}),
  'damage.saveCause': () => ({ code: 'matrixCause', nameZh: '测试', nameEn: 'Test' }),
  'damage.finders': () => ({}),
  'damage.report': () => ({
    productId: w.products[0]!.id,
    fromStatus: 'good',
    locationId: w.bins[0]!.id,
    qty: 1,
    whereFound: 'bin',
    cause: 'crushed',
    suggestion: 'scrap',
    idempotencyKey: newKey(),
  }),
  'damage.list': () => ({}),
  'damage.get': () => ({ reportId: 999_999 }),
  'damage.approve': () => ({ reportId: 999_999 }),
  'damage.reject': () => ({ reportId: 999_999, reason: 'x' }),
  'damage.attach': () => ({ reportId: 999_999, fileName: 'a.png', dataBase64: 'iVBORw0KGgo=' }),
  'damage.attachment': () => ({ attachmentId: 999_999 }),
  'disposals.propose': () => ({
    kind: 'scrap',
    lines: [{ productId: w.products[0]!.id, locationId: w.bins[0]!.id, qty: 1 }],
    idempotencyKey: newKey(),
  }),
  'disposals.list': () => ({}),
  'disposals.get': () => ({ disposalId: 999_999 }),
  'disposals.approve': () => ({ disposalId: 999_999 }),
  'disposals.reject': () => ({ disposalId: 999_999, reason: 'x' }),
  'damage.reportAtStation': () => ({ cause: 'crushed', suggestion: 'scrap', idempotencyKey: newKey() }),
  'returns.report': () => ({
    customerId: 999_999,
    lines: [{ productId: w.products[0]!.id, qty: 1, reason: 'quality' }],
    idempotencyKey: newKey(),
  }),
  'returns.list': () => ({}),
  'returns.get': () => ({ returnId: 999_999 }),
  'returns.find': () => ({ number: 'TH-none' }),
  'returns.approve': () => ({ returnId: 999_999 }),
  'returns.reject': () => ({ returnId: 999_999, reason: 'x' }),
  'returns.takeRefusal': () => ({ orderId: 999_999 }),
  'returns.check': () => ({
    returnId: 999_999,
    casesChecked: 1,
    lines: [{ productId: w.products[0]!.id, qty: 1, reason: 'quality' }],
  }),
  'returns.issueNote': () => ({
    returnId: 999_999,
    lines: [{ lineNo: 1, qtyGood: 1, qtyDamaged: 0 }],
    idempotencyKey: newKey(),
  }),
  'returns.financeExport': () => ({ from: '2026-12-01', to: '2026-12-31' }),
  'station.receiptDamage': () => ({ damaged: true, damage: { cause: 'crushed', suggestion: 'scrap' } }),
  'returns.checkAtStation': () => ({ casesChecked: 1 }),
  'returns.returnable': () => ({ customerId: 999_999 }),
  'returns.edit': () => ({
    returnId: 999_999,
    lines: [{ productId: w.products[0]!.id, qty: 1, reason: 'quality' }],
  }),
  'schedules.status': () => ({}),
  // Disabled, with a folder that does not exist: refused as such, never as forbidden.
  'schedules.configure': () => ({
    kind: 'weeklyReport',
    enabled: false,
    weekday: 6,
    at: '18:00',
    folder: '/nonexistent-cangwu-folder',
  }),
  'schedules.runNow': () => ({ kind: 'weeklyReport' }),
  'schedules.failures': () => ({}),
  'kpi.tracker': () => ({ month: '2026-11' }),
  'kpi.drill': () => ({ kpi: 'serviceLevel', from: '2026-11-02', to: '2026-11-08' }),
  'kpi.targets': () => ({}),
  'kpi.setTarget': () => ({ kpi: 'inventoryAccuracy', target: 98.5 }),
  'kpi.dashboard': () => ({}),
  'kpi.review': () => ({ month: '2026-11' }),
  'kpi.saveReview': () => ({ month: '2026-10', commentary: 'x', actions: 'y' }),
  'kpi.signReview': () => ({ month: `2022-${String((++seq % 12) + 1).padStart(2, '0')}` }),
  'reports.weekly': () => ({ week: '2026-W48' }),
  'calls.plans': () => ({}),
  'calls.plan': () => ({ planId: 999_999 }),
  'calls.buildPlan': () => ({ period: 'day', date: '2026-12-01', rules: {} }),
  'calls.add': () => ({ planId: 999_999, customerId: 999_999 }),
  'calls.share': () => ({ planId: 999_999, mode: 'even' }),
  'calls.assign': () => ({ callIds: [999_999], userId: 999_999 }),
  'calls.staff': () => ({}),
  'calls.sheet': () => ({ planId: 999_999 }),
  'calls.get': () => ({ callId: 999_999 }),
  'calls.record': () => ({ callId: 999_999, outcome: 'satisfied' }),
  'calls.setAlwaysCall': () => ({ customerId: 999_999, alwaysCall: true }),
  'calls.summary': () => ({ from: '2026-12-01', to: '2026-12-31' }),
  'calls.saveSummaryNote': () => ({ from: '2026-12-01', to: '2026-12-31', note: 'x' }),
  'customers.overview': () => ({ customerId: 999_999 }),
  'complaints.categories': () => ({}),
  'complaints.saveCategory': () => ({ code: 'matrixCategory', nameZh: '测试', nameEn: 'Test' }),
  'complaints.calendar': () => ({ year: 2026 }),
  'complaints.setCalendarDay': () => ({ date: '2026-10-01', kind: 'holiday', note: '国庆' }),
  'complaints.setRules': () => ({ responseHours: 24, resolveWorkingDays: 3 }),
  'complaints.register': () => ({
    callerName: '来电人',
    channel: 'phone',
    content: '送货太晚',
    category: 'deliveryLate',
    idempotencyKey: newKey(),
  }),
  'complaints.list': () => ({}),
  'complaints.get': () => ({ complaintId: 999_999 }),
  'complaints.links': () => ({ customerId: 999_999 }),
  'complaints.judge': () => ({ complaintId: 999_999, valid: true }),
  'complaints.investigate': () => ({ complaintId: 999_999, department: 'delivery' }),
  'complaints.propose': () => ({ complaintId: 999_999, text: 'x' }),
  'complaints.approve': () => ({ complaintId: 999_999, solutionId: 999_999 }),
  'complaints.resolve': () => ({ complaintId: 999_999, result: 'x' }),
  'complaints.confirm': () => ({ complaintId: 999_999 }),
  'complaints.followUp': () => ({ complaintId: 999_999, note: 'x' }),
  'complaints.close': () => ({ complaintId: 999_999 }),
  'complaints.summary': () => ({}),
  'complaints.stats': () => ({ month: '2026-11' }),
  'complaints.saveStatsNote': () => ({ month: '2026-11', note: 'x' }),
  'quality.items': () => ({}),
  'quality.saveItem': () => ({ code: `matrixItem${++seq}`, nameZh: '测试', nameEn: 'Test', kind: 'passFail' }),
  'quality.day': () => ({ date: '2026-11-02' }),
  'quality.saveRecord': () => ({ zoneId: 999_999, date: '2026-11-02', values: [{ itemId: 1, value: 20 }] }),
  'quality.actions': () => ({}),
  'quality.completeAction': () => ({ actionId: 999_999, note: 'done' }),
  'quality.reassignAction': () => ({ actionId: 999_999, ownerId: 1, dueDate: '2026-11-03' }),
  'quality.missedDays': () => ({ from: '2026-11-02', to: '2026-11-07' }),
  'quality.summary': () => ({ month: '2026-11' }),
  'edr.week': () => ({ week: '2026-W45' }),
  'edr.recordExport': () => ({ week: '2026-W45', format: 'csv', draft: true }),
  'edr.log': () => ({}),
  'edr.codes': () => ({}),
  'edr.setCode': () => ({ productId: 999_999, principalCode: 'PX-1' }),
  'reports.stockAnalysis': () => ({ weeks: 8 }),
  'analyses.customerValue': () => ({ from: '2026-01-01', to: '2026-01-31' }),
};

// Logging out ends the caller's session, so it goes last.
const order = [...requestNames.filter((n) => n !== 'auth.logout'), 'auth.logout' as const];

describe('contract × role matrix', () => {
  for (const role of roles) {
    it(`lets a ${role} make exactly the requests the contract allows`, async () => {
      const caller = callers.get(role)!;
      for (const name of order) {
        const access = requests[name].access;
        const allowed = access === 'public' || access === 'any' || access.includes(role);
        const r = await w.core.dispatch(caller, name, sample[name]());
        const code = r.ok ? null : r.error.code;
        if (allowed)
          expect([name, code]).not.toEqual([
            name,
            expect.stringMatching(/^(auth\.forbidden|auth\.required|contract\.)/),
          ]);
        else expect([name, code]).toEqual([name, 'auth.forbidden']);
      }
    });
  }

  it('refuses every non-public request to a caller who has not logged in', async () => {
    const anonymous = w.core.newCaller('anonymous');
    for (const name of requestNames) {
      const r = await w.core.dispatch(anonymous, name, sample[name]());
      if (requests[name].access === 'public') expect([name, r.ok || r.error.code]).not.toEqual([name, 'auth.required']);
      else expect([name, r.ok ? 'ok' : r.error.code]).toEqual([name, 'auth.required']);
    }
  });
});
