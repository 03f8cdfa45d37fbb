// Failed logins are counted per (name typed, client address) and per client
// address, never on the account alone: five wrong passwords for `admin` from
// one browser lock that browser out of `admin` — not the administrator out of
// every other machine (issue 10). A flooding client is also stopped across
// names by its address counter. Unknown names are counted exactly like real
// ones, so neither the answer nor the throttling tells them apart.
import type { Db } from '../db/schema';

/** Wrong secrets for one name from one address before it locks there. */
export const failuresBeforeLockout = 5;
/** Wrong secrets from one address, any names, before the address locks. */
export const addressFailuresBeforeLockout = 20;
const lockoutBaseMs = 60_000;
const lockoutMaxMs = 15 * 60_000;
/** A counter with no failure for this long starts again from zero. */
const forgetAfterMs = 60 * 60_000;

export type ThrottleKey = { key: string; username: string | null; address: string; limit: number };

export function keysFor(username: string, address: string): [ThrottleKey, ThrottleKey] {
  return [
    { key: `user:${username}@${address}`, username, address, limit: failuresBeforeLockout },
    { key: `address:${address}`, username: null, address, limit: addressFailuresBeforeLockout },
  ];
}

type Row = { key: string; failures: number; locked_until: string | null; last_failure_at: string };

async function rows(db: Db, keys: ThrottleKey[]): Promise<Map<string, Row>> {
  const found = await db
    .selectFrom('login_throttle')
    .select(['key', 'failures', 'locked_until', 'last_failure_at'])
    .where(
      'key',
      'in',
      keys.map((k) => k.key),
    )
    .execute();
  return new Map(found.map((r) => [r.key, r]));
}

/** Seconds until the caller may try again, or 0 when not locked. */
export async function lockedFor(db: Db, keys: ThrottleKey[], now: number): Promise<number> {
  let until = 0;
  for (const r of (await rows(db, keys)).values()) {
    if (r.locked_until) until = Math.max(until, Date.parse(r.locked_until));
  }
  return until > now ? Math.ceil((until - now) / 1000) : 0;
}

export type FailureOutcome = { attemptsLeft: number; lockedSeconds: number; lockedKeys: ThrottleKey[] };

/** Counts one failure on each key; locks those at their limit, longer for each failure past it. */
export async function recordFailure(db: Db, keys: ThrottleKey[], now: number): Promise<FailureOutcome> {
  const known = await rows(db, keys);
  let attemptsLeft = Infinity;
  let lockedSeconds = 0;
  const lockedKeys: ThrottleKey[] = [];
  for (const k of keys) {
    const prev = known.get(k.key);
    const fresh = !prev || now - Date.parse(prev.last_failure_at) > forgetAfterMs;
    const failures = (fresh ? 0 : prev.failures) + 1;
    const lockMs = failures >= k.limit ? Math.min(lockoutMaxMs, lockoutBaseMs * 2 ** (failures - k.limit)) : 0;
    const lockedUntil = lockMs > 0 ? new Date(now + lockMs).toISOString() : null;
    await db
      .insertInto('login_throttle')
      .values({
        key: k.key,
        username: k.username,
        address: k.address,
        failures,
        locked_until: lockedUntil,
        last_failure_at: new Date(now).toISOString(),
      })
      .onConflict((oc) =>
        oc
          .column('key')
          .doUpdateSet({ failures, locked_until: lockedUntil, last_failure_at: new Date(now).toISOString() }),
      )
      .execute();
    attemptsLeft = Math.min(attemptsLeft, Math.max(0, k.limit - failures));
    if (lockMs > 0) {
      lockedSeconds = Math.max(lockedSeconds, Math.ceil(lockMs / 1000));
      lockedKeys.push(k);
    }
  }
  return { attemptsLeft, lockedSeconds, lockedKeys };
}

/** A right secret clears the name's counter at that address (the address's own counter decays). */
export async function clearName(db: Db, key: ThrottleKey): Promise<void> {
  await db.deleteFrom('login_throttle').where('key', '=', key.key).execute();
}

/** The administrator unlocks a user: every address's counter for the name. */
export async function clearUser(db: Db, username: string): Promise<number> {
  const r = await db.deleteFrom('login_throttle').where('username', '=', username).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Names locked at some address now, with the latest end of their lockouts. */
export async function lockedUsers(db: Db, now: number): Promise<Map<string, string>> {
  const found = await db
    .selectFrom('login_throttle')
    .select(['username', 'locked_until'])
    .where('username', 'is not', null)
    .where('locked_until', '>', new Date(now).toISOString())
    .execute();
  const out = new Map<string, string>();
  for (const r of found) {
    const prev = out.get(r.username!);
    if (!prev || prev < r.locked_until!) out.set(r.username!, r.locked_until!);
  }
  return out;
}
