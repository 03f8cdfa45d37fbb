// What a service receives: the database (inside the request's transaction for
// writes), the caller, the time, and a way to queue events. Events are sent
// only after the transaction commits, so a window never sees a rolled-back
// change.
import type { Kysely } from 'kysely';
import type { EventName, Events } from '../../shared/contract';
import type { Role } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type { Session } from './auth/sessions';
import type { Db, DB } from './db/schema';

/**
 * Where a caller's requests come from. `local`: this machine itself (an
 * Electron window, the CLI, a browser on loopback); first-run setup and
 * other things only the machine's owner may do check it. `address`: the
 * client's network address, for per-client throttling; 'local' for windows
 * and the CLI.
 */
export type ClientOrigin = { address: string; local: boolean };

export type Caller = { session: Session | null; station: string; clientId: string; origin: ClientOrigin };

export const localOrigin: ClientOrigin = { address: 'local', local: true };

export type ServiceContext = {
  db: Db;
  /** The root handle, for the few services that manage their own transactions (demo load). */
  root: Kysely<DB>;
  caller: Caller;
  now: Date;
  request: string;
  timeZone: string;
  dataDir: string;
  emit<N extends EventName>(name: N, payload: Events[N]): void;
  /**
   * Runs `fn` once the request's transaction has committed (at once for a
   * read), never after a rollback: how in-memory copies of stored state (a
   * station's task and last scans) follow the database without drifting.
   */
  afterCommit(fn: () => void): void;
};

export function requireSession(ctx: ServiceContext): Session {
  if (!ctx.caller.session) throw new AppError('auth.required');
  return ctx.caller.session;
}

export function hasRole(ctx: ServiceContext, role: Role): boolean {
  return ctx.caller.session?.roles.includes(role) ?? false;
}
