// The core's registry of live callers (windows, station connections, the CLI)
// and of each session's last activity.
// Why: a session lives on every connection that logged in or resumed with its
// token. Logging out, disabling the user or changing the password must end
// all of them, not only the connection that asked; so the core keeps (weak)
// references to every caller it handed out and clears the session on each,
// then tells those windows (auth.sessionEnded) so they return to the login.
// Activity is recorded in memory per request and written to the sessions row
// at most every few minutes, so idleness survives a restart without a write
// per request.
import type { Events } from '../../../shared/contract';
import type { Caller } from '../context';
import type { EventBus } from '../events';
import { activityWriteEveryMs, type Session, type SessionLimits } from './sessions';

type Activity = { at: number; written: number };
export type EndReason = Events['auth.sessionEnded']['reason'];

export class LiveSessions {
  private readonly callers = new Set<WeakRef<Caller>>();
  private readonly gone = new FinalizationRegistry<WeakRef<Caller>>((ref) => this.callers.delete(ref));
  private readonly activity = new Map<string, Activity>();
  /**
   * `writeActivity` stores a session's last activity on its row: a prepared
   * statement on SQLite (synchronous, no queueing), a query on PostgreSQL
   * (not awaited by the request; a failure is logged by the core).
   */
  constructor(
    private readonly writeActivity: (at: string, tokenHash: string) => void | Promise<void>,
    private readonly bus: EventBus,
    readonly limits: SessionLimits,
  ) {}

  register(caller: Caller): Caller {
    const ref = new WeakRef(caller);
    this.callers.add(ref);
    this.gone.register(caller, ref, caller);
    return caller;
  }

  /** A host closed the caller's connection or window: it is no longer live (and its user no longer at the station). */
  release(caller: Caller): void {
    for (const ref of this.callers) {
      if (ref.deref() === caller) {
        this.callers.delete(ref);
        this.gone.unregister(caller);
      }
    }
  }

  /** Whether `userId` is logged in on some live connection at `station`. */
  present(userId: number, station: string): boolean {
    for (const c of this.live()) if (c.session?.userId === userId && c.station === station) return true;
    return false;
  }

  /** Live callers now (those a host still holds). */
  private *live(): Generator<Caller> {
    for (const ref of this.callers) {
      const c = ref.deref();
      if (c) yield c;
      else this.callers.delete(ref);
    }
  }

  /** A session starts or resumes: its activity as last stored (or now). */
  started(tokenHash: string, lastActive: number, now: number): void {
    const known = this.activity.get(tokenHash);
    if (!known) this.activity.set(tokenHash, { at: lastActive, written: lastActive });
    this.touch(tokenHash, now);
  }

  /** Whether a session may still be used at `now`; records the activity when it may. */
  active(session: Session, now: number): boolean {
    if (session.expiresAt <= now) return false;
    const a = this.activity.get(session.tokenHash);
    if (a && now - a.at >= this.limits.idleMs) return false;
    this.touch(session.tokenHash, now);
    return true;
  }

  /** Last activity known for a stored session (memory is newer than the row). */
  lastActive(tokenHash: string, stored: number): number {
    return Math.max(stored, this.activity.get(tokenHash)?.at ?? 0);
  }

  private touch(tokenHash: string, now: number): void {
    const a = this.activity.get(tokenHash) ?? { at: now, written: 0 };
    a.at = Math.max(a.at, now);
    if (a.at - a.written >= activityWriteEveryMs) {
      void this.writeActivity(new Date(a.at).toISOString(), tokenHash);
      a.written = a.at;
    }
    this.activity.set(tokenHash, a);
  }

  /**
   * Ends the session on every live caller `match` picks (except `keep`, the
   * caller who asked) and tells those windows why.
   */
  end(match: (s: Session) => boolean, reason: EndReason, keep: Caller | null = null): number {
    const clientIds: string[] = [];
    for (const c of this.live()) {
      if (c === keep || !c.session || !match(c.session)) continue;
      this.activity.delete(c.session.tokenHash);
      c.session = null;
      clientIds.push(c.clientId);
    }
    if (clientIds.length > 0) this.bus.emit('auth.sessionEnded', { reason, clientIds });
    return clientIds.length;
  }

  forget(tokenHash: string): void {
    this.activity.delete(tokenHash);
  }

  /** On close: the latest activity of every session to its row. */
  async flush(): Promise<void> {
    for (const [hash, a] of this.activity)
      if (a.at > a.written) await this.writeActivity(new Date(a.at).toISOString(), hash);
  }
}
