// Request name → service. Typed over every name in the contract, so adding a
// request without a handler (or the reverse) fails the type check.
import type { ParsedInput, RequestName, RequestReply } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { listAudit } from '../audit/audit';
import { backupsHandlers } from '../backups/handlers';
import { databaseSettingsHandlers } from '../databaseSettings/handlers';
import type { DatabasePlace } from '../../../shared/contract/databaseSettings';
import type { BackupService } from '../backups/service';
import { schedulesHandlers } from '../schedules/handlers';
import type { ScheduleService } from '../schedules/service';
import {
  changePassword,
  createUser,
  listUserRows,
  loadUser,
  login,
  logout,
  resetPassword,
  resume,
  setLocale,
  setUserActive,
  unlockUser,
  userView,
} from '../auth/auth';
import { costsFor, hideCosts } from '../auth/costs';
import type { LiveSessions } from '../auth/live';
import { listLocations } from '../catalogue/locations';
import { importProducts, listProducts, updateProduct } from '../catalogue/products';
import { requireSession, type ServiceContext } from '../context';
import { hiddenBins } from '../counts/blindness';
import { approveForm, createManualForm, rejectForm, submitForm, updateManualForm } from '../counts/adjustments';
import { readForm, readForms } from '../counts/forms';
import { productCounts } from '../counts/history';
import { listKeepers } from '../counts/keepers';
import { countMeasures } from '../counts/measures';
import {
  confirmReconciliation,
  reconcileChange,
  reconcileFirst,
  reconcileView,
  requestRecount,
  setCauses,
} from '../counts/reconcile';
import {
  cancelSession,
  finishCounting,
  listSessions,
  planSession,
  previewPlan,
  sessionView,
  startSession,
} from '../counts/sessions';
import { countSheet, enterCount } from '../counts/sheet';
import { countAtStation } from '../counts/station';
import { ordersHandlers } from '../orders/handlers';
import { dispatchHandlers } from '../dispatch/handlers';
import { createDamageHandlers } from '../damage/handlers';
import { returnsHandlers } from '../returns/handlers';
import { analysesHandlers } from '../analyses/handlers';
import { createStationCheckHandlers } from '../returns/stationHandlers';
import { kpiHandlers } from '../kpi/handlers';
import { reportsHandlers } from '../reports/handlers';
import { callsHandlers } from '../calls/handlers';
import { complaintsHandlers } from '../complaints/handlers';
import { qualityHandlers } from '../quality/handlers';
import { surveyHandlers } from '../surveys/handlers';
import { edrHandlers } from '../edr/handlers';
import { listReceipts, postReceipt } from '../receipts/receipts';
import { createAdmin, demoLogins, loadDemo, setupStatus } from '../setup/setup';
import type { SetupGate } from '../setup/setupGate';
import { linkBarcode } from '../scanner/linkBarcode';
import { pageScans } from '../scanner/scanLog';
import { listScannerConfigs, removeScannerConfig, saveScannerConfig } from '../scanner/scannerConfigs';
import type { Scanning } from '../scanner/scanning';
import { listSerialPorts } from '../scanner/serial/bridge';
import type { BalanceIndex } from '../stock/balanceIndex';
import { pageMovements } from '../stock/queries';
import { reverseDocument } from '../stock/reversal';

export type Handler<N extends RequestName> = (ctx: ServiceContext, input: ParsedInput<N>) => Promise<RequestReply<N>>;
export type Handlers = { [N in RequestName]: Handler<N> };

/** What handlers share across requests: in-memory state owned by the core. */
export type HandlerDeps = {
  balances: BalanceIndex;
  scanning: Scanning;
  live?: LiveSessions;
  setupGate: SetupGate;
  backups: BackupService;
  schedules: ScheduleService;
  /** The database the core opened, as it may be shown, and whether the command line chose it (databaseSettings). */
  database: { running: DatabasePlace; commandLine: boolean };
};

/**
 * A station's task is its owner's: another user may replace or start it over
 * only as an operator or administrator (a salesperson cleared a keeper's
 * unposted receiving lines and took the station's scans). A task nobody owns
 * — its owner logged out, or closed every window at this station — is free
 * to take: a keeper who walked away must not keep the station from the next.
 */
async function mayTakeStation(ctx: ServiceContext, deps: HandlerDeps): Promise<void> {
  const me = requireSession(ctx);
  const { owner } = await deps.scanning.pipeline.state(ctx, ctx.caller.station);
  if (!owner || owner.userId === me.userId) return;
  if (deps.live && !deps.live.present(owner.userId, ctx.caller.station)) return;
  if (me.roles.includes('operator') || me.roles.includes('admin')) return;
  throw new AppError('scan.notTaskOwner', { owner: owner.displayName });
}

export const createHandlers = (deps: HandlerDeps): Handlers => ({
  'setup.status': (ctx) => setupStatus(ctx, deps.setupGate),
  'setup.createAdmin': (ctx, input) => createAdmin(ctx, deps.setupGate, input),
  'setup.loadDemo': (ctx, input) => loadDemo(ctx, deps.setupGate, input),
  'setup.demoLogins': (ctx) => demoLogins(ctx),

  'auth.login': (ctx, input) => login(ctx, input, deps.live),
  'auth.resume': (ctx, input) => resume(ctx, input.token, deps.live),
  'auth.logout': async (ctx) => {
    const s = ctx.caller.session;
    if (s) await deps.scanning.pipeline.release(ctx, ctx.caller.station, s.userId);
    return logout(ctx, deps.live);
  },
  'auth.me': async (ctx) => {
    const s = requireSession(ctx);
    const user = await loadUser(ctx.db, { id: s.userId });
    if (!user) throw new AppError('auth.sessionExpired');
    return { token: s.token, user: userView(user), station: s.station };
  },
  'auth.setLocale': (ctx, input) => setLocale(ctx, input.locale),

  'users.list': (ctx) => listUserRows(ctx),
  'users.create': (ctx, input) => createUser(ctx, input),
  'users.unlock': (ctx, input) => unlockUser(ctx, input),
  'users.setActive': (ctx, input) => setUserActive(ctx, input, deps.live),
  'users.resetPassword': (ctx, input) => resetPassword(ctx, input, deps.live),
  'auth.changePassword': (ctx, input) => changePassword(ctx, input, deps.live),

  'products.list': async (ctx) => costsFor(ctx, await listProducts(ctx.db), hideCosts.product),
  'products.update': (ctx, input) => updateProduct(ctx, input),
  'products.import': (ctx, input) => importProducts(ctx, input.csv),

  'locations.list': (ctx) => listLocations(ctx.db),

  'stock.balances': async (ctx, input) => {
    const rows = await deps.balances.list(ctx.db, input);
    // A blind counter does not read the book of the bins being counted off the inventory grid.
    const hidden = await hiddenBins(ctx);
    return costsFor(ctx, hidden.size > 0 ? rows.filter((r) => !hidden.has(r.locationId)) : rows, hideCosts.balance);
  },
  'stock.movements': async (ctx, input) => {
    // The ledger sums to the book: while a blind count hides bins from this
    // caller, it waits until counting is finished (paging cannot skip bins
    // without lying about the total).
    if ((await hiddenBins(ctx)).size > 0) throw new AppError('counts.bookHidden');
    const page = await pageMovements(ctx.db, input);
    return { ...page, rows: costsFor(ctx, page.rows, hideCosts.movement) };
  },
  'stock.reverseDocument': (ctx, input) => reverseDocument(ctx, input),

  'receipts.list': async (ctx) => costsFor(ctx, await listReceipts(ctx.db), hideCosts.receipt),
  'receipts.post': (ctx, input) => postReceipt(ctx, input),

  'scanner.list': async (ctx) => ({ configs: await listScannerConfigs(ctx.db), status: deps.scanning.statuses() }),
  'scanner.ports': () => listSerialPorts(),
  'scanner.save': async (ctx, input) => {
    const saved = await saveScannerConfig(ctx, input);
    await deps.scanning.apply(await listScannerConfigs(ctx.db));
    return saved;
  },
  'scanner.remove': async (ctx, input) => {
    await removeScannerConfig(ctx, input.id);
    await deps.scanning.apply(await listScannerConfigs(ctx.db));
    return null;
  },
  'scanner.submit': async (ctx, input) => {
    const scan = await deps.scanning.submit(ctx, {
      station: ctx.caller.station,
      sourceKind: input.source,
      sourceName: input.sourceName ?? requireSession(ctx).displayName,
      text: input.raw,
      fault: null,
    });
    return scan;
  },
  'station.state': (ctx) => deps.scanning.pipeline.state(ctx, ctx.caller.station),
  'station.setTask': async (ctx, input) => {
    await mayTakeStation(ctx, deps);
    return deps.scanning.pipeline.setTask(ctx, ctx.caller.station, input.task);
  },
  'station.setQuantity': (ctx, input) => {
    deps.scanning.pipeline.setQuantity(ctx.caller.station, input.qty);
    return deps.scanning.pipeline.changed(ctx, ctx.caller.station);
  },
  'station.undoLastScan': async (ctx) => {
    await deps.scanning.pipeline.undoLast(ctx, ctx.caller.station);
    return deps.scanning.pipeline.changed(ctx, ctx.caller.station);
  },
  'station.clearTask': async (ctx) => {
    await mayTakeStation(ctx, deps);
    await deps.scanning.pipeline.clear(ctx, ctx.caller.station);
    return deps.scanning.pipeline.changed(ctx, ctx.caller.station);
  },
  'scans.list': (ctx, input) => pageScans(ctx.db, input),
  'barcodes.link': (ctx, input) => linkBarcode(ctx, input),

  'counts.plan': (ctx, input) => planSession(ctx, input),
  'counts.start': (ctx, input) => startSession(ctx, input.sessionId),
  'counts.list': (ctx, input) => listSessions(ctx, input),
  'counts.keepers': (ctx) => listKeepers(ctx.db),
  'counts.get': (ctx, input) => sessionView(ctx, input.sessionId),
  'counts.sheet': (ctx, input) => countSheet(ctx, input),
  'counts.preview': (ctx, input) => previewPlan(ctx, input.scope),
  'counts.enter': (ctx, input) => enterCount(ctx, input),
  'counts.countAtStation': async (ctx, input) => {
    await countAtStation(ctx, input.sessionId);
    // Through the pipeline, which owns the station's task: a fresh count task reads the chosen session.
    const { pipeline } = deps.scanning;
    const current = await pipeline.state(ctx, ctx.caller.station);
    if (current.task.kind !== 'count') return pipeline.setTask(ctx, ctx.caller.station, 'count');
    await pipeline.clear(ctx, ctx.caller.station);
    return pipeline.changed(ctx, ctx.caller.station);
  },
  'counts.finishCounting': (ctx, input) => finishCounting(ctx, input.sessionId),
  'counts.reconcile': (ctx, input) => reconcileView(ctx, input.sessionId),
  'counts.reconcileFirst': (ctx, input) => reconcileFirst(ctx, input),
  'counts.reconcileLines': (ctx, input) => reconcileChange(ctx, input),
  'counts.requestRecount': (ctx, input) => requestRecount(ctx, input),
  'counts.setCauses': (ctx, input) => setCauses(ctx, input),
  'counts.confirm': (ctx, input) => confirmReconciliation(ctx, input),
  'counts.cancel': (ctx, input) => cancelSession(ctx, input.sessionId, input.reason),
  'counts.productHistory': (ctx, input) => productCounts(ctx, input),
  'counts.measures': (ctx, input) => countMeasures(ctx, input),

  'adjustments.list': (ctx, input) => readForms(ctx, input),
  'adjustments.get': (ctx, input) => readForm(ctx, input.formId),
  'adjustments.createManual': (ctx, input) => createManualForm(ctx, input),
  'adjustments.updateManual': (ctx, input) => updateManualForm(ctx, input),
  'adjustments.submit': (ctx, input) => submitForm(ctx, input.formId),
  'adjustments.approve': (ctx, input) => approveForm(ctx, input),
  'adjustments.reject': (ctx, input) => rejectForm(ctx, input),

  'audit.list': (ctx, input) => listAudit(ctx, input),

  ...ordersHandlers,
  ...dispatchHandlers,
  ...createDamageHandlers(deps),
  ...returnsHandlers,
  ...analysesHandlers,
  ...callsHandlers,
  ...kpiHandlers,
  ...backupsHandlers(deps.backups),
  ...databaseSettingsHandlers(deps.database),
  ...createStationCheckHandlers(deps),
  ...schedulesHandlers(deps.schedules, deps.backups),
  ...reportsHandlers,
  ...complaintsHandlers,
  ...qualityHandlers,
  ...surveyHandlers,
  ...edrHandlers,
});
