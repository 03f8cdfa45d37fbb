// The application core, host-agnostic: the Electron host, the station host and
// the CLI each open one and talk to it only through `dispatch`.
import type { EventMessage, Result } from '../../shared/contract';
import { storedTimeZone } from './timeZoneSetting';
import { localOrigin, type Caller, type ClientOrigin } from './context';
import { createDispatcher, createServiceRunner } from './contract/dispatcher';
import { createHandlers } from './contract/handlers';
import { createBackupService, type BackupService } from './backups/service';
import { createScheduleService, type ScheduleService } from './schedules/service';
import { startCheckpointer } from './db/checkpointer';
import { openCoreDatabase, type CoreDatabase } from './db/coreDatabase';
import type { GroupCommitOptions } from './db/groupCommit';
import { createEventBus, type EventBus } from './events';
import { joinPeers, startPeerEvents } from './db/pgEvents';
import { startShortRetry } from './orders/autoRetry';
import { Scanning } from './scanner/scanning';
import { stockEventFor } from './counts/blindness';
import { BalanceIndex } from './stock/balanceIndex';
import { SetupGate } from './setup/setupGate';
import { LiveSessions } from './auth/live';
import { defaultSessionIdleMs, defaultSessionMaxMs } from './auth/sessions';
import { ensurePeriodFigures, ensurePeriodFiguresOf } from './stock/periodFigures';

export type Core = {
  dataDir: string;
  station: string;
  database: CoreDatabase;
  /** The warehouse's zone: business days, the cut-off and every time on screen (timeZoneSetting.ts). */
  timeZone: string;
  /** First-run setup from the network: the station host issues its one-time code here. */
  setupGate: SetupGate;
  backups: BackupService;
  /** Scheduled report PDFs: the host that can print hands it a printer (setPrinter) and starts it. */
  schedules: ScheduleService;
  /** The core's clock (tests pin it): sessions made outside a request (a print's) use it. */
  now(): Date;
  /**
   * A caller for one window or client; `origin` defaults to this machine (a window, the CLI);
   * `station` to the host's own (a browser that named itself: shared/station/stationName.ts).
   */
  newCaller(clientId: string, origin?: ClientOrigin, station?: string): Caller;
  /** A host closed this caller's connection or window: logout, disable and station ownership stop counting it. */
  release(caller: Caller): void;
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
  /** Attachments, backups, exports and the SQLite file (unless `database` names a server). */
  dataDir: string;
  /** A postgres:// URL (`--database`, CANGWU_DATABASE_URL); without it, the SQLite file in the data folder. */
  database?: string | undefined;
  /** `database` came from the command line (`serve --database`): the administrator's setting cannot change it (databaseSettings). */
  databaseFromCommandLine?: boolean;
  station: string;
  /** Tests pin the zone; otherwise the data folder's own (timeZoneSetting.ts). */
  timeZone?: string;
  /** Open the configured serial scanners (the Electron host and the station host do; the CLI does not). */
  serial?: boolean;
  /** Take the daily backup on its schedule (and a missed one at start): the Electron host and `cangwu serve`. */
  backups?: boolean;
  /** Tests pin the clock. */
  now?: () => Date;
  /** A session unused this long ends (default: a shift, 9 h). */
  sessionIdleMs?: number;
  /** A session ends this long after its login however busy (default 24 h). */
  sessionMaxMs?: number;
  log?: (message: string, error: unknown) => void;
  /** Bounds of a commit group (db/groupCommit.ts); benches and tests watch the groups' sizes. */
  groupCommit?: GroupCommitOptions;
};

export async function openCore(opts: CoreOptions): Promise<Core> {
  const database = await openCoreDatabase({ dataDir: opts.dataDir, url: opts.database, groupCommit: opts.groupCommit });
  const sqlite = database.dialect === 'sqlite' ? database.sqlite : null;
  const timeZone = opts.timeZone ?? (await storedTimeZone(database.db));
  // Issue 14: the period figures' days are in the warehouse's zone (rebuilt once if it changed).
  if (sqlite) ensurePeriodFigures(sqlite, timeZone);
  else await ensurePeriodFiguresOf(database.db, timeZone);
  // SQLite's WAL is checkpointed off the posting thread; a PostgreSQL server checkpoints itself.
  const checkpointer = sqlite ? startCheckpointer(sqlite, database.file) : null;
  const bus = createEventBus();
  // PostgreSQL: every host on the database hears the others' events (LISTEN/NOTIFY, db/pgEvents.ts).
  const peers = database.dialect === 'postgres' ? await joinOtherHosts(opts.database!, bus, opts.log) : null;
  const balances = new BalanceIndex(sqlite ? () => sqlite.pragma('data_version', { simple: true }) as number : null);
  // Names, costs and old-code links live on the balance rows too.
  bus.subscribe((e) => e.name === 'products.changed' && balances.invalidate());
  const log = opts.log ?? ((m: string, e: unknown) => console.error(m, e));
  const runnerOptions = {
    root: database.db,
    bus,
    timeZone,
    dataDir: opts.dataDir,
    ...(opts.now && { now: opts.now }),
    log,
    // SQLite: write requests waiting at once share one COMMIT, each in its own
    // savepoint. PostgreSQL: a transaction each, retried on a deadlock.
    writes: database.writes,
  };
  const run = createServiceRunner(runnerOptions);
  const scanning = new Scanning({ run, bus, serial: opts.serial ?? false, log });
  await scanning.start(database.db);
  const backups = createBackupService({
    sqlite: () => database.sqlite,
    server: database.dialect === 'postgres' ? database.file : null,
    dataDir: opts.dataDir,
    timeZone: runnerOptions.timeZone,
    bus,
    ...(opts.now && { now: opts.now }),
    log,
  });
  // The daily file backup is the SQLite host's; a PostgreSQL site backs up its server (pg_dump, README).
  if (opts.backups && sqlite) backups.start();
  const schedules = createScheduleService({
    db: database.db,
    dataDir: opts.dataDir,
    timeZone: runnerOptions.timeZone,
    bus,
    ...(opts.now && { now: opts.now }),
    log,
  });
  const setupGate = new SetupGate();
  // Every caller handed out, so logout / disable / password change reach all of a session's connections.
  const writeActivity = sqlite
    ? (
        (statement) => (at: string, hash: string) =>
          void statement.run(at, hash)
      )(sqlite.prepare('UPDATE sessions SET last_active_at = ? WHERE token_hash = ?'))
    : (at: string, hash: string) =>
        database.db
          .updateTable('sessions')
          .set({ last_active_at: at })
          .where('token_hash', '=', hash)
          .execute()
          .then(
            () => undefined,
            (e: unknown) => log('session activity not stored', e),
          );
  const live = new LiveSessions(
    writeActivity,
    bus,
    { idleMs: opts.sessionIdleMs ?? defaultSessionIdleMs, maxMs: opts.sessionMaxMs ?? defaultSessionMaxMs },
    // Which sessions another host left standing (it deleted the rows of those it ended).
    async (hashes) =>
      new Set(
        (await database.db.selectFrom('sessions').select('token_hash').where('token_hash', 'in', hashes).execute()).map(
          (r) => r.token_hash,
        ),
      ),
  );
  const handlers = createHandlers({
    balances,
    scanning,
    live,
    setupGate,
    backups,
    schedules,
    database: {
      running: { kind: database.dialect, where: database.file },
      commandLine: opts.databaseFromCommandLine === true,
    },
  });
  // Serial scans are credited to the owner of the station's task (whoever
  // chose it), not to whichever window last made a request: see scanner/pipeline.ts.
  const dispatch = createDispatcher({ ...runnerOptions, handlers, sessions: live });
  // R4: short orders are released when stock arrives (orders/autoRetry.ts).
  const stopShortRetry = startShortRetry(run, bus);
  let closed = false;
  return {
    dataDir: opts.dataDir,
    station: opts.station,
    database,
    timeZone,
    setupGate,
    newCaller: (clientId, origin = localOrigin, station = opts.station) =>
      live.register({ session: null, station, clientId, origin }),
    release: (caller) => live.release(caller),
    backups,
    schedules,
    now: opts.now ?? (() => new Date()),
    dispatch,
    subscribe: bus.subscribe,
    eventFor(caller, msg) {
      // A window whose session ended elsewhere hears it (and only its own id).
      if (msg.name === 'auth.sessionEnded') {
        return msg.payload.clientIds.includes(caller.clientId)
          ? { name: msg.name, payload: { reason: msg.payload.reason, clientIds: [caller.clientId] } }
          : null;
      }
      // Between hosts only (auth/live.ts).
      if (msg.name === 'auth.sessionsRevoked') return null;
      // The database server lost or back: every window, logged in or not.
      if (msg.name === 'database.link') return msg;
      // State goes to logged-in windows only; progress also to the first-run screen.
      if (!caller.session) return msg.name === 'work.progress' ? msg : null;
      // Backup outcomes (file names, causes) are the administrator's.
      if (msg.name === 'backups.changed') return caller.session.roles.includes('admin') ? msg : null;
      // Scheduled runs (folders, file names): the people who schedule them and the dashboard's readers.
      if (msg.name === 'schedules.changed')
        return caller.session.roles.some((r) => ['admin', 'supervisor', 'csManager', 'operator'].includes(r))
          ? msg
          : null;
      if (msg.name !== 'stock.changed') return msg;
      return run(caller, 'event.stock.changed', false, (ctx) => stockEventFor(ctx, msg.payload)).then((r) =>
        r.ok ? (r.value ? { name: msg.name, payload: r.value } : null) : null,
      );
    },
    async close() {
      if (closed) return;
      closed = true;
      await stopShortRetry();
      await backups.stop();
      await schedules.stop();
      await scanning.close();
      // A session's last activity that cannot be stored (a full disk) is not worth failing the close for.
      await live.flush().catch((e: unknown) => log('session activity not stored at close', e));
      await checkpointer?.stop();
      await peers?.close();
      // Closing the last connection checkpoints the WAL into the database file.
      await database.db.destroy();
    },
  };
}

/**
 * Joins this core's bus to the other hosts on the same PostgreSQL database: a
 * posting, an order change or a board move made on one reaches every window
 * of every host. What is read per request (balances, counts) needs nothing more.
 */
async function joinOtherHosts(
  url: string,
  bus: EventBus,
  log: CoreOptions['log'],
): Promise<{ close(): Promise<void> }> {
  const say = (m: string, e?: unknown) => (log ?? ((x: string, y: unknown) => console.error(x, y)))(m, e);
  let join: ReturnType<typeof joinPeers> | null = null;
  const peers = await startPeerEvents({
    url,
    onEvent: (msg) => join?.deliver(msg),
    // The listening connection is the host's watch on the server: lost, every window hears it.
    onLink: (state) => {
      say(`database server: ${state}`, null);
      bus.emit('database.link', { state });
    },
    log: say,
  });
  join = joinPeers(bus, peers, say);
  return {
    async close() {
      join?.leave();
      await peers.close();
    },
  };
}
