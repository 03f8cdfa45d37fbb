// A station's view kept up to date by patches (the scanner.scan event's
// `patch`): the core sends the whole state when a task is opened, switched or
// undone, and after a goods scan only what the scan changed. Both the station
// screen and the load check's bench apply patches with this one function, and
// the core computes the load check's totals with the same rule as the screen.
import type { LoadCheckOrder, LoadCheckView } from '../contract/dispatch/loading';
import type { ScanView, StationPatch, StationState, TaskPatch, TaskView } from '../contract/scanning';

/** The trip's figures from its orders: a loaded order counts whole (it went on the truck complete, R8). */
export function loadCheckTotals(orders: readonly LoadCheckOrder[]): Pick<LoadCheckView, 'totals' | 'readyToDepart'> {
  const totals = { expected: 0, scanned: 0, missing: 0, complete: 0, loaded: 0 };
  for (const o of orders) {
    totals.expected += o.expected;
    totals.scanned += o.scanned;
    totals.missing += o.missing;
    if (o.complete) totals.complete += 1;
    if (o.loaded) totals.loaded += 1;
  }
  return { totals, readyToDepart: orders.length > 0 && totals.loaded === orders.length };
}

/** Rows replaced by id; null when a patched row is not in the view (it is not the view the patch was made for). */
function replaceRows<T>(rows: readonly T[], patched: readonly T[], id: (row: T) => number): T[] | null {
  if (patched.length === 0) return rows as T[];
  const byId = new Map(patched.map((r) => [id(r), r]));
  let found = 0;
  const out = rows.map((r) => {
    const p = byId.get(id(r));
    if (p === undefined) return r;
    found += 1;
    return p;
  });
  return found === byId.size ? out : null;
}

function applyTaskPatch(view: TaskView, patch: TaskPatch): TaskView | null {
  if (view.kind !== 'load' || !view.check || view.check.trip.id !== patch.tripId) return null;
  const orders = replaceRows(view.check.orders, patch.orders, (o) => o.orderId);
  const products = replaceRows(view.check.products, patch.products, (p) => p.productId);
  if (!orders || !products) return null;
  return { kind: 'load', check: { ...view.check, orders, products, ...loadCheckTotals(orders) } };
}

/** How many scans the station screen lists (the core keeps as many: stationMemory.ts). */
export const recentScans = 12;

/** The last scans with `scan` noted: a new one at the head, a changed one (refused after all) in its place. */
export function noteScan(scans: readonly ScanView[], scan: ScanView): ScanView[] {
  return scans.some((s) => s.id === scan.id)
    ? scans.map((s) => (s.id === scan.id ? scan : s))
    : [scan, ...scans].slice(0, recentScans);
}

/**
 * The state after `patch` and its event's `scan`, or null when it does not
 * apply to `held` (another version, another trip): the window then asks for
 * the whole state. A patch already applied (the same version: the other scans
 * of one batch carry the same patch) only notes the scan.
 */
export function applyStationPatch(held: StationState | null, patch: StationPatch, scan: ScanView): StationState | null {
  if (!held || held.station !== patch.station) return null;
  const { base: _, task: taskPatch, ...frame } = patch;
  const lastScans = noteScan(held.lastScans, scan);
  if (held.version === patch.version) return { ...held, ...frame, lastScans };
  if (held.version !== patch.base) return null;
  const task = applyTaskPatch(held.task, taskPatch);
  return task ? { ...frame, lastScans, task } : null;
}
