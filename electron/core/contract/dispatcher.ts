// The only door to the services (GUIDE: "the contract is the only door").
// parse input → check the caller's role → run the service (in a transaction for
// writes) → { ok, value } | { ok: false, error }. Events a service emits are
// held until its transaction commits, so no window sees a rolled-back change.
import type { Kysely } from 'kysely';
import {
  err,
  ok,
  isRequestName,
  requests,
  type EventName,
  type Events,
  type Result,
  type Access,
} from '../../../shared/contract';
import { AppError, isAppError } from '../../../shared/errors';
import type { Session } from '../auth/sessions';
import type { Caller, ServiceContext } from '../context';
import type { DB } from '../db/schema';
import { perRequestWrites, type WriteRunner } from '../db/groupCommit';
import { storageError } from '../db/sqliteErrors';
import type { EventBus } from '../events';
import type { Handlers } from './handlers';
import { CommittedRefusal } from './refusal';

export type Dispatch = (caller: Caller, name: string, input: unknown) => Promise<Result<unknown>>;

export type DispatcherOptions = {
  root: Kysely<DB>;
  bus: EventBus;
  handlers: Handlers;
  timeZone: string;
  dataDir: string;
  now?: () => Date;
  log?: (message: string, error: unknown) => void;
  /**
   * Whether a session may still be used (not past its absolute end, not idle
   * too long) — recording the activity when it may. Without it only the
   * absolute end counts.
   */
  sessions?: { active(session: Session, now: number): boolean };
  /**
   * How write transactions run: one per request by default; the SQLite host
   * groups the write requests waiting at once under one COMMIT (db/groupCommit.ts).
   */
  writes?: WriteRunner;
};

/** Zod issues trimmed to what a form needs to point at the field. */
function issuesOf(error: { issues: readonly { path: readonly PropertyKey[]; message: string; code: string }[] }) {
  return error.issues
    .slice(0, 20)
    .map((i) => ({ path: i.path.map(String).join('.'), code: i.code, message: i.message }));
}

export function checkAccess(access: Access, caller: Caller): AppError | null {
  if (access === 'public') return null;
  if (!caller.session) return new AppError('auth.required');
  if (access === 'any') return null;
  return caller.session.roles.some((r) => access.includes(r))
    ? null
    : new AppError('auth.forbidden', { allowed: [...access] });
}

export type ServiceRunner = <T>(
  caller: Caller,
  request: string,
  write: boolean,
  fn: (ctx: ServiceContext) => Promise<T>,
) => Promise<Result<T>>;

/**
 * Runs one service call: in a transaction when it writes, events held until
 * commit, AppErrors as typed results, anything else logged and answered with
 * contract.internal. The dispatcher uses it for every request; the scanner
 * pipeline for scans that arrive on a serial port rather than as a request.
 */
export function createServiceRunner(opts: Omit<DispatcherOptions, 'handlers'>): ServiceRunner {
  const now = opts.now ?? (() => new Date());
  const log = opts.log ?? ((m, e) => console.error(m, e));
  const writes = opts.writes ?? perRequestWrites(opts.root);
  return async function run<T>(
    caller: Caller,
    request: string,
    write: boolean,
    fn: (ctx: ServiceContext) => Promise<T>,
  ) {
    const queued: { name: EventName; payload: unknown }[] = [];
    const committed: (() => void)[] = [];
    const base: Omit<ServiceContext, 'db'> = {
      root: opts.root,
      caller,
      now: now(),
      request,
      timeZone: opts.timeZone,
      dataDir: opts.dataDir,
      emit<N extends EventName>(event: N, payload: Events[N]) {
        // Progress is not state: it goes out at once so a bar can move mid-transaction.
        if (event === 'work.progress') opts.bus.emit(event, payload);
        else queued.push({ name: event, payload });
      },
      afterCommit: (fn) => void committed.push(fn),
    };
    try {
      let value: T | null;
      let refusal: AppError | null = null;
      if (write) {
        // Resolves only once the transaction holding this request has committed.
        value = await writes(async (trx) => {
          // A write runner may run this again (PostgreSQL retries a deadlocked
          // transaction, db/pgWrites.ts): only the last attempt's events count.
          queued.length = 0;
          committed.length = 0;
          refusal = null;
          try {
            return await fn({ ...base, db: trx });
          } catch (e) {
            if (e instanceof CommittedRefusal) {
              refusal = e.error;
              return null;
            }
            throw e;
          }
        });
      } else {
        value = await fn({ ...base, db: opts.root });
      }
      for (const fn of committed) fn();
      for (const e of queued) opts.bus.emit(e.name, e.payload as never);
      if (refusal) return err((refusal as AppError).toJSON());
      return ok(value as T);
    } catch (e) {
      if (e instanceof CommittedRefusal) return err(e.error.toJSON());
      if (isAppError(e)) return err(e.toJSON());
      // A full or read-only disk, an I/O error, a busy or damaged database: the
      // user sees which (translated), the log keeps the real cause. Nothing
      // was written: SQLite rolled the transaction back.
      const storage = storageError(e);
      if (storage) {
        log(`${request} failed: ${storage.code}`, e);
        return err({ code: storage.code, details: { reason: storage.details.reason } });
      }
      // The log keeps the stack; the user gets a stable code, never a trace.
      log(`${request} failed`, e);
      return err({ code: 'contract.internal' });
    }
  };
}

export function createDispatcher(opts: DispatcherOptions): Dispatch {
  const now = opts.now ?? (() => new Date());
  const run = createServiceRunner(opts);

  return async function dispatch(caller, name, input) {
    if (!isRequestName(name)) {
      return err({ code: 'contract.unknownRequest', details: { name: String(name).slice(0, 100) } });
    }
    const spec = requests[name];
    const at = now().getTime();
    if (caller.session && !(opts.sessions?.active(caller.session, at) ?? caller.session.expiresAt > at)) {
      caller.session = null;
      if (spec.access !== 'public') return err({ code: 'auth.sessionExpired' });
    }
    // The role before the input: a caller who may not make the request learns
    // nothing of its schema from the refusal.
    const denied = checkAccess(spec.access, caller);
    if (denied) return err(denied.toJSON());

    const parsed = spec.input.safeParse(input === undefined ? {} : input);
    if (!parsed.success) return err({ code: 'contract.invalidInput', details: { issues: issuesOf(parsed.error) } });

    const handler = opts.handlers[name] as (ctx: ServiceContext, input: unknown) => Promise<unknown>;
    return run(caller, name, spec.write, (ctx) => handler(ctx, parsed.data));
  };
}
