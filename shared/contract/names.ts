// The request names alone, as plain data. The Electron preload runs sandboxed
// and must stay tiny: importing requests.ts would bundle zod into it. So the
// names are listed here by hand and two checks keep the copy honest: the type
// below fails `tsc` when requests.ts gains or loses a name, and
// tests/unit/contractNames.test.ts compares the lists at run time.
import type { RequestName } from './requests';

export const requestNameList = [
  'setup.status',
  'setup.createAdmin',
  'setup.loadDemo',
  'setup.demoLogins',
  'auth.login',
  'auth.resume',
  'auth.logout',
  'auth.me',
  'auth.setLocale',
  'users.list',
  'users.create',
  'users.unlock',
  'users.setActive',
  'users.resetPassword',
  'auth.changePassword',
  'products.list',
  'products.update',
  'products.import',
  'locations.list',
  'stock.balances',
  'stock.movements',
  'stock.reverseDocument',
  'receipts.list',
  'receipts.post',
  'scanner.list',
  'scanner.ports',
  'scanner.save',
  'scanner.remove',
  'scanner.submit',
  'station.state',
  'station.setTask',
  'station.setQuantity',
  'station.undoLastScan',
  'station.clearTask',
  'scans.list',
  'barcodes.link',
  'counts.plan',
  'counts.start',
  'counts.list',
  'counts.get',
  'counts.sheet',
  'counts.preview',
  'counts.enter',
  'counts.countAtStation',
  'counts.finishCounting',
  'counts.reconcile',
  'counts.reconcileFirst',
  'counts.reconcileLines',
  'counts.requestRecount',
  'counts.setCauses',
  'counts.confirm',
  'counts.cancel',
  'counts.keepers',
  'counts.productHistory',
  'counts.measures',
  'adjustments.list',
  'adjustments.get',
  'adjustments.createManual',
  'adjustments.updateManual',
  'adjustments.submit',
  'adjustments.approve',
  'adjustments.reject',
  'audit.list',
  'customers.list',
  'customers.save',
  'customers.import',
  'customers.export',
  'customers.salespeople',
  'prices.list',
  'prices.set',
  'prices.remove',
  'prices.import',
  'orders.list',
  'orders.get',
  'orders.create',
  'orders.update',
  'orders.switchLine',
  'orders.requalify',
  'orders.cancel',
  'orders.pendingConfirmation',
  'orders.confirm',
  'orders.reject',
  'orders.release',
  'orders.takeBack',
  'orders.confirmationList',
  'orders.retryShort',
  'orders.resolveLine',
  'orders.previewImport',
  'orders.import',
  'orders.qualifiedRate',
  'backups.status',
  'backups.runNow',
  'backups.configure',
  'dispatch.autoAssignPreview',
  'dispatch.autoAssignAccept',
] as const satisfies readonly RequestName[];

/** Compile-time: `true` only while every contract request is listed above. */
export type RequestNameListComplete = [Exclude<RequestName, (typeof requestNameList)[number]>] extends [never]
  ? true
  : { missingFromNamesTs: Exclude<RequestName, (typeof requestNameList)[number]> };
const listComplete: RequestNameListComplete = true;
void listComplete;

const known: ReadonlySet<string> = new Set(requestNameList);

/** Same answer as requests.ts's isRequestName, without loading the schemas. */
export function isListedRequestName(n: unknown): n is RequestName {
  return typeof n === 'string' && known.has(n);
}
