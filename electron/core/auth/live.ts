// The core's registry of live callers (windows, station connections, the CLI)
// and of each session's last activity.
// Why: a session lives on every connection that logged in or resumed with its
// token. Logging out, disabling the user or changing the password must end
// all of them, not only the connection that asked; so the core keeps (weak)
// references to every caller it handed out and clears the session on each,
// then tells those windows (auth.sessionEnded) so they return to the login.
// On PostgreSQL other hosts hold connections of the same sessions: the end
// goes to them as auth.sessionsRevoked (the peer events), and each ends those
// of its connections whose session rows are gone — the database, not the
// message, decides, so a login made on that host a moment later survives.
// Activity is recorded in memory per request and written to the sessions row
// at most every few minutes, so idleness survives a restart without a write
// per request.
import type { Events } from '../../../shared/contract';
import type { Caller } from '../context';
import type { EventBus } from '../events';
import { activityWriteEveryMs, type Session, type SessionLimits } from './sessions';

type Activity = { at: number; written: number };
export type EndReason = Events['auth.sessionEnded']['reason'];
/** Which sessions end: one (its token's hash) or every one of a user. */
export type Ended = { tokenHash: string } | { userId: number };

export class LiveSessions {
  private readonly callers = new Set<WeakRef<Caller>>();
  private readonly gone = new FinalizationRegistry<WeakRef<Caller>>((ref) => this.callers.delete(ref));
  private readonly activity = new Map<string, Activity>();
  /** This host among the others on one database (random: only ever compared). */
  private readonly host = Math.random().toString(36).slice(2);

  /**
   * `writeActivity` stores a session's last activity on its row: a prepared
   * statement on SQLite (synchronous, no queueing), a query on PostgreSQL
   * (not awaited by the request; a failure is logged by the core).
   * `stored` answers which of these token hashes still have a session row
   * (asked when another host ends sessions).
   */
  constructor(
    private readonly writeActivity: (at: string, tokenHash: string) => void | Promise<void>,
    private readonly bus: EventBus,
    readonly limits: SessionLimits,
    private readonly stored: (tokenHashes: string[]) => Promise<Set<string>> = async (h) => new Set(h),
  ) {
    bus.subscribe((msg) => {
      if (msg.name === 'auth.sessionsRevoked' && msg.payload.host !== this.host)
        void this.endRevoked(msg.payload).catch(() => undefined);
    });
  }

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
   * Ends the session on every live caller `which` names (except `keep`, the
   * caller who asked), tells those windows why, and the other hosts.
   */
  end(which: Ended, reason: EndReason, keep: Caller | null = null): number {
    const ended = this.endHere(
      this.matching(which).filter((c) => c !== keep),
      reason,
    );
    this.bus.emit('auth.sessionsRevoked', {
      reason,
      userId: 'userId' in which ? which.userId : null,
      tokenHash: 'tokenHash' in which ? which.tokenHash : null,
      host: this.host,
    });
    return ended;
  }

  /** Another host ended sessions: end ours of them whose rows it deleted. */
  private async endRevoked(r: Events['auth.sessionsRevoked']): Promise<void> {
    const which: Ended = r.tokenHash !== null ? { tokenHash: r.tokenHash } : { userId: r.userId ?? -1 };
    const candidates = this.matching(which);
    if (candidates.length === 0) return;
    const alive = await this.stored([...new Set(candidates.map((c) => c.session!.tokenHash))]);
    // Still matching after the read: a caller may have logged out or in meanwhile.
    this.endHere(
      candidates.filter((c) => c.session && !alive.has(c.session.tokenHash) && this.matches(c.session, which)),
      r.reason,
    );
  }

  private matches(s: Session, which: Ended): boolean {
    return 'tokenHash' in which ? s.tokenHash === which.tokenHash : s.userId === which.userId;
  }

  private matching(which: Ended): Caller[] {
    return [...this.live()].filter((c) => c.session && this.matches(c.session, which));
  }

  private endHere(callers: Caller[], reason: EndReason): number {
    const clientIds: string[] = [];
    for (const c of callers) {
      if (!c.session) continue;
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
