// The application core, host-agnostic: the Electron host, the station host and
// the CLI each open one and talk to it only through `dispatch`.
import type { EventMessage, Result } from '../../shared/contract';
import { defaultTimeZone } from './clock';
import { localOrigin, type Caller, type ClientOrigin } from './context';
import { createDispatcher, createServiceRunner } from './contract/dispatcher';
import { createHandlers } from './contract/handlers';
import { startCheckpointer } from './db/checkpointer';
import { openDatabase, type OpenedDatabase } from './db/open';
import { createEventBus } from './events';
import { startShortRetry } from './orders/autoRetry';
import { Scanning } from './scanner/scanning';
import { stockEventFor } from './counts/blindness';
import { BalanceIndex } from './stock/balanceIndex';
import { SetupGate } from './setup/setupGate';

export type Core = {
  dataDir: string;
  station: string;
  database: OpenedDatabase;
  /** First-run setup from the network: the station host issues its one-time code here. */
  setupGate: SetupGate;
  /** A caller for one window or client; `origin` defaults to this machine (a window, the CLI). */
  newCaller(clientId: string, origin?: ClientOrigin): Caller;
  dispatch(caller: Caller, name: string, input: unknown): Promise<Result<unknown>>;
  subscribe(listener: (msg: EventMessage) => void): () => void;
  /**
   * An event as one window may see it, or null. Hosts send each window its
   * own: a blind counter's windows get no book figures (counts/blindness.ts).
   * Most events pass as they are, at once; stock events need a read.
   */
  eventFor(caller: Caller, msg: EventMessage): EventMessage | null | Promise<EventMessage | null>;
  close(): Promise<void>;
};

export type CoreOptions = {
  dataDir: string;
  station: string;
  timeZone?: string;
  /** Open the configured serial scanners (the Electron host and the station host do; the CLI does not). */
  serial?: boolean;
  /** Tests pin the clock. */
  now?: () => Date;
  log?: (message: string, error: unknown) => void;
};

export async function openCore(opts: CoreOptions): Promise<Core> {
  const database = openDatabase(opts.dataDir);
  const checkpointer = startCheckpointer(database.sqlite, database.file);
  const bus = createEventBus();
  const balances = new BalanceIndex(database.sqlite);
  // Names, costs and old-code links live on the balance rows too.
  bus.subscribe((e) => e.name === 'products.changed' && balances.invalidate());
  const log = opts.log ?? ((m: string, e: unknown) => console.error(m, e));
  const runnerOptions = {
    root: database.db,
    bus,
    timeZone: opts.timeZone ?? defaultTimeZone,
    dataDir: opts.dataDir,
    ...(opts.now && { now: opts.now }),
    log,
  };
  const run = createServiceRunner(runnerOptions);
  const scanning = new Scanning({ run, bus, serial: opts.serial ?? false, log });
  await scanning.start(database.db);
  const setupGate = new SetupGate();
  const handlers = createHandlers({ balances, scanning, setupGate });
  // Serial scans are credited to the owner of the station's task (whoever
  // chose it), not to whichever window last made a request: see scanner/pipeline.ts.
  const dispatch = createDispatcher({ ...runnerOptions, handlers });
  // R4: short orders are released when stock arrives (orders/autoRetry.ts).
  const stopShortRetry = startShortRetry(run, bus);
  let closed = false;
  return {
    dataDir: opts.dataDir,
    station: opts.station,
    database,
    setupGate,
    newCaller: (clientId, origin = localOrigin) => ({ session: null, station: opts.station, clientId, origin }),
    dispatch,
    subscribe: bus.subscribe,
    eventFor(caller, msg) {
      // State goes to logged-in windows only; progress also to the first-run screen.
      if (!caller.session) return msg.name === 'work.progress' ? msg : null;
      if (msg.name !== 'stock.changed') return msg;
      return run(caller, 'event.stock.changed', false, (ctx) => stockEventFor(ctx, msg.payload)).then((r) =>
        r.ok ? (r.value ? { name: msg.name, payload: r.value } : null) : null,
      );
    },
    async close() {
      if (closed) return;
      closed = true;
      await stopShortRetry();
      await scanning.close();
      await checkpointer.stop();
      // Closing the last connection checkpoints the WAL into the database file.
      await database.db.destroy();
    },
  };
}
