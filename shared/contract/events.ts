// Events fan out from the core to every open window and station.
import type { StockStatus } from '../domain';
import type { OrdersChanged } from './orders';
import type { BackupOutcome } from './backups';
import type { ScheduleRun } from './schedules';
import type { DispatchChanged } from './dispatch/words';
import type { DamageChanged } from './damage/words';
import type { ReturnsChanged } from './returns/words';
import type { CallsChanged } from './calls/words';
import type { ComplaintsChanged } from './complaints/words';
import type { SurveysChanged } from './surveys';
import type { ScanView, ScannerRaw, ScannerStatus, StationPatch, StationState } from './scanning';

export type StockKey = { productId: number; status: StockStatus; locationId: number; qty: number };

export type Events = {
  /** Balances changed; `keys` carry the new quantities so grids apply a transaction. */
  'stock.changed': { documentId: number; documentNo: string; keys: StockKey[] };
  'receipts.changed': { receiptId: number };
  /**
   * A count session or adjustment form changed: open count grids reload. No quantities (blind counts).
   * `lineIds`: only these lines of the session's reconciliation changed (a cause, a recount request),
   * so a reconciliation grid asks for them alone (counts.reconcileLines) instead of every line.
   */
  'counts.changed': { sessionId: number | null; formId: number | null; lineIds?: number[] };
  'products.changed': { productIds: number[] | 'all' };
  'audit.appended': { id: number };
  /** A serial scanner connected, disconnected or is retrying: every window's status bar. */
  'scanner.status': ScannerStatus;
  /**
   * A scan went through the pipeline, with its station's state after it:
   * whole (`state`), or as a patch of the version before it (`patch`) when
   * the task's view is big and the scan changed only a few rows of it.
   */
  'scanner.scan': { station: string; scan: ScanView } & ({ state: StationState } | { patch: StationPatch });
  /** A station's task changed without a scan (undo, task switch, quantity key). */
  'station.changed': StationState;
  /** Raw bytes from a serial scanner, for the scanner test screen. */
  'scanner.raw': ScannerRaw;
  /** Progress of long work (demo load, import, export), for the progress bar. */
  'work.progress': { job: string; phase: string; done: number; total: number };
  /**
   * This window's session was ended elsewhere (logout on another window with
   * the same token, the user disabled, a password changed or reset): back to
   * the login screen. Each window receives only its own client id.
   */
  'auth.sessionEnded': {
    reason: 'loggedOut' | 'disabled' | 'passwordChanged' | 'passwordReset';
    clientIds: string[];
  };
  /**
   * Between hosts only, never sent to a window (issue 15): sessions another
   * host ended — one by its token (a logout), or a user's (disabled, password
   * changed or reset). Each host ends its own connections of those sessions
   * whose rows are gone, and tells their windows with auth.sessionEnded.
   */
  'auth.sessionsRevoked': {
    reason: 'loggedOut' | 'disabled' | 'passwordChanged' | 'passwordReset';
    userId: number | null;
    tokenHash: string | null;
    /** The host that ended them, which has already ended its own. */
    host: string;
  };
  /** Orders entered, changed, released, cancelled: every orders grid and order page updates. */
  'orders.changed': OrdersChanged;
  'customers.changed': { customerIds: number[] | 'all' };
  'prices.changed': { productIds: number[] | 'all' };
  /** A backup finished or failed (admin windows: the backup section and its banner). */
  'backups.changed': BackupOutcome;
  /** Trips, stops, assignments, loading, outcomes or the dispatch report of a date changed: every board and dock screen. */
  'dispatch.changed': DispatchChanged;
  /** Damage reports or disposals written: every register, approval list and damage analysis. */
  'damage.changed': DamageChanged;
  /** A return moved along its chain: every return register, approval list, station and return analysis. */
  'returns.changed': ReturnsChanged;
  /** Call plans, share-outs or recorded calls: every plan, call sheet, summary and customer page. */
  'calls.changed': CallsChanged;
  /** A complaint registered or moved a step, a category, the calendar or the statistics' notes changed. */
  'complaints.changed': ComplaintsChanged;
  /** A scheduled report was written or failed, or a schedule changed (null): the schedules page and the dashboard. */
  'schedules.changed': ScheduleRun | null;
  /** A KPI target was set or cleared: every KPI tracker and dashboard regrades. */
  'kpi.changed': { kpi: string };
  /** A quality check recorded or edited, an action moved, or the checklist changed: every quality page and the dashboard. */
  'quality.changed': { date: string | null; clientId?: string };
  /** An EDR week exported, or a principal code mapped: the EDR page's log and code list. */
  'edr.changed': { week: string | null };
  /** A survey defined, opened or closed, or answered (on a call or from paper): every survey page. */
  'surveys.changed': SurveysChanged;
  /**
   * This host lost (down) or regained (up) its PostgreSQL server (issue 15 §7):
   * every window says so; writes are refused meanwhile (db.connectionLost),
   * and on up every page reads again what it shows (events may have been missed).
   */
  'database.link': { state: 'up' | 'down' };
};
export type EventName = keyof Events;
export const eventNames: EventName[] = [
  'stock.changed',
  'receipts.changed',
  'counts.changed',
  'products.changed',
  'audit.appended',
  'work.progress',
  'auth.sessionEnded',
  'auth.sessionsRevoked',
  'orders.changed',
  'customers.changed',
  'prices.changed',
  'backups.changed',
  'dispatch.changed',
  'damage.changed',
  'returns.changed',
  'calls.changed',
  'complaints.changed',
  'schedules.changed',
  'kpi.changed',
  'quality.changed',
  'edr.changed',
  'surveys.changed',
  'database.link',
];
export type EventMessage = { [N in EventName]: { name: N; payload: Events[N] } }[EventName];
