// Login by user + password or PIN; failed logins are throttled per client
// (throttle.ts) and sessions end on logout, disable, password change and
// idleness (live.ts).
// The key derivation (scrypt, tens of milliseconds) never runs inside a
// transaction: the core has one database connection, and a transaction
// holding it while scrypt runs made every other client's read wait behind a
// flood of wrong logins. Only the bookkeeping writes, in a short transaction.
import type { SessionView, UserRow, UserView } from '../../../shared/contract';
import { roles as allRoles, type Locale, type Role } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { recordAudit } from '../audit/audit';
import type { ServiceContext } from '../context';
import type { Db } from '../db/schema';
import type { LiveSessions } from './live';
import { hashSecret, newToken, tokenHash, verifySecret } from './password';
import { defaultSessionMaxMs, type Session } from './sessions';
import { clearName, clearUser, keysFor, lockedFor, lockedUsers, recordFailure } from './throttle';

export { failuresBeforeLockout } from './throttle';

/** A hash nobody's secret matches: unknown and disabled names spend the same time as real ones. */
const decoyHash = 'scrypt$16384$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

/** Runs `fn` in a short write transaction of its own (for services that do slow work first). */
async function inTransaction<T>(ctx: ServiceContext, fn: (tx: ServiceContext) => Promise<T>): Promise<T> {
  return ctx.root.transaction().execute((trx) => fn({ ...ctx, db: trx }));
}

export async function loadUser(
  db: Db,
  where: { id: number } | { username: string },
): Promise<
  | (UserView & {
      passwordHash: string | null;
      pinHash: string | null;
      failedLogins: number;
      lockedUntil: string | null;
    })
  | null
> {
  let q = db.selectFrom('users').selectAll();
  q = 'id' in where ? q.where('id', '=', where.id) : q.where('username', '=', where.username);
  const u = await q.executeTakeFirst();
  if (!u) return null;
  const roleRows = await db.selectFrom('user_roles').select('role').where('user_id', '=', u.id).execute();
  const roles = roleRows.map((r) => r.role as Role).sort((a, b) => allRoles.indexOf(a) - allRoles.indexOf(b));
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    roles,
    locale: u.locale as Locale,
    active: u.active === 1,
    passwordHash: u.password_hash,
    pinHash: u.pin_hash,
    failedLogins: u.failed_logins,
    lockedUntil: u.locked_until,
  };
}

export function userView(u: UserView): UserView {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    roles: u.roles,
    locale: u.locale,
    active: u.active,
  };
}

export async function createUser(
  ctx: ServiceContext,
  input: { username: string; displayName: string; roles: Role[]; password?: string; pin?: string; locale?: Locale },
): Promise<UserView> {
  const taken = await ctx.db.selectFrom('users').select('id').where('username', '=', input.username).executeTakeFirst();
  if (taken) throw new AppError('users.usernameTaken', { username: input.username });
  const row = await ctx.db
    .insertInto('users')
    .values({
      username: input.username,
      display_name: input.displayName,
      password_hash: input.password ? await hashSecret(input.password) : null,
      pin_hash: input.pin ? await hashSecret(input.pin) : null,
      locale: input.locale ?? 'zh-CN',
      active: 1,
      failed_logins: 0,
      locked_until: null,
      created_at: ctx.now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const uniqueRoles = [...new Set(input.roles)];
  await ctx.db
    .insertInto('user_roles')
    .values(uniqueRoles.map((role) => ({ user_id: row.id, role })))
    .execute();
  const user = userView((await loadUser(ctx.db, { id: row.id }))!);
  await recordAudit(ctx, { entity: 'user', entityId: row.id, after: user });
  return user;
}

export async function listUsers(db: Db): Promise<UserView[]> {
  const ids = await db.selectFrom('users').select('id').orderBy('username').execute();
  const users = [];
  for (const { id } of ids) users.push(userView((await loadUser(db, { id }))!));
  return users;
}

export async function startSession(
  ctx: ServiceContext,
  user: UserView,
  maxMs: number = defaultSessionMaxMs,
): Promise<SessionView> {
  const token = newToken();
  const expiresAt = ctx.now.getTime() + maxMs;
  await ctx.db
    .insertInto('sessions')
    .values({
      token_hash: tokenHash(token),
      user_id: user.id,
      station: ctx.caller.station,
      created_at: ctx.now.toISOString(),
      expires_at: new Date(expiresAt).toISOString(),
      last_active_at: ctx.now.toISOString(),
    })
    .execute();
  ctx.caller.session = sessionOf(token, user, ctx.caller.station, expiresAt);
  return { token, user: userView(user), station: ctx.caller.station };
}

function sessionOf(token: string, user: UserView, station: string, expiresAt: number): Session {
  return {
    token,
    tokenHash: tokenHash(token),
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    roles: user.roles,
    locale: user.locale,
    station,
    expiresAt,
  };
}

async function secretMatches(
  user: { passwordHash: string | null; pinHash: string | null } | null,
  secret: string,
): Promise<boolean> {
  if (!user) {
    await verifySecret(secret, decoyHash);
    return false;
  }
  return (
    (await verifySecret(secret, user.passwordHash)) ||
    (/^\d{4,8}$/.test(secret) && (await verifySecret(secret, user.pinHash)))
  );
}

/**
 * Counts a wrong secret for (name, address) and the address, in its own short
 * transaction, audits it (and a lockout), and answers as for any name.
 */
async function refuseLogin(ctx: ServiceContext, username: string, userId: number | null): Promise<never> {
  const keys = keysFor(username, ctx.caller.origin.address);
  const outcome = await inTransaction(ctx, async (tx) => {
    const o = await recordFailure(tx.db, keys, ctx.now.getTime());
    const subject = userId ?? username;
    await recordAudit(tx, {
      entity: 'login',
      entityId: subject,
      after: { ok: false, username, address: ctx.caller.origin.address, attemptsLeft: o.attemptsLeft },
    });
    if (o.lockedKeys.length > 0) {
      await recordAudit(tx, {
        entity: 'login.lockout',
        entityId: subject,
        after: {
          username,
          address: ctx.caller.origin.address,
          scope: o.lockedKeys.map((k) => (k.username === null ? 'address' : 'user')),
          retryAfterSeconds: o.lockedSeconds,
        },
      });
    }
    return o;
  });
  if (outcome.lockedSeconds > 0) throw new AppError('auth.lockedOut', { retryAfterSeconds: outcome.lockedSeconds });
  throw new AppError('auth.badCredentials', { attemptsLeft: outcome.attemptsLeft });
}

/** auth.login: a read request; its few writes run in their own short transaction (see the top). */
export async function login(
  ctx: ServiceContext,
  input: { username: string; secret: string },
  live?: LiveSessions,
): Promise<SessionView> {
  const username = input.username.toLowerCase();
  const keys = keysFor(username, ctx.caller.origin.address);
  const wait = await lockedFor(ctx.db, keys, ctx.now.getTime());
  if (wait > 0) throw new AppError('auth.lockedOut', { retryAfterSeconds: wait });
  const found = await loadUser(ctx.db, { username });
  // A disabled account answers exactly as an unknown name.
  const user = found?.active ? found : null;
  if (!(await secretMatches(user, input.secret)) || !user) return refuseLogin(ctx, username, found?.id ?? null);
  return inTransaction(ctx, async (tx) => {
    await clearName(tx.db, keys[0]);
    const session = await startSession(tx, user, live?.limits.maxMs);
    await recordAudit(tx, {
      entity: 'login',
      entityId: user.id,
      after: { ok: true, station: ctx.caller.station, address: ctx.caller.origin.address },
    });
    return session;
  });
}

export async function resume(ctx: ServiceContext, token: string, live?: LiveSessions): Promise<SessionView> {
  const hash = tokenHash(token);
  const row = await ctx.db.selectFrom('sessions').selectAll().where('token_hash', '=', hash).executeTakeFirst();
  const now = ctx.now.getTime();
  if (!row || Date.parse(row.expires_at) <= now) throw new AppError('auth.sessionExpired');
  const stored = Date.parse(row.last_active_at ?? row.created_at);
  const lastActive = live ? live.lastActive(hash, stored) : stored;
  if (live && now - lastActive >= live.limits.idleMs) throw new AppError('auth.sessionExpired');
  const user = await loadUser(ctx.db, { id: row.user_id });
  if (!user || !user.active) throw new AppError('auth.sessionExpired');
  ctx.caller.session = sessionOf(token, user, ctx.caller.station, Date.parse(row.expires_at));
  live?.started(hash, lastActive, now);
  return { token, user: userView(user), station: ctx.caller.station };
}

export async function logout(ctx: ServiceContext, live?: LiveSessions): Promise<null> {
  const s = ctx.caller.session;
  if (s) {
    await ctx.db.deleteFrom('sessions').where('token_hash', '=', s.tokenHash).execute();
    await recordAudit(ctx, { entity: 'logout', entityId: s.userId });
    // Every other connection that resumed with this token ends too.
    ctx.afterCommit(() => {
      live?.end({ tokenHash: s.tokenHash }, 'loggedOut', ctx.caller);
      live?.forget(s.tokenHash);
    });
  }
  ctx.caller.session = null;
  return null;
}

/** The administrator's view of the users: who is locked out somewhere, who is disabled. */
export async function listUserRows(ctx: ServiceContext): Promise<UserRow[]> {
  const locked = await lockedUsers(ctx.db, ctx.now.getTime());
  const overriders = new Set(
    (await ctx.db.selectFrom('users').select('id').where('dispatch_override', '=', 1).execute()).map((u) => u.id),
  );
  return (await listUsers(ctx.db)).map((u) => ({
    ...u,
    lockedUntil: locked.get(u.username) ?? null,
    dispatchOverride: overriders.has(u.id),
  }));
}

async function userRow(ctx: ServiceContext, userId: number): Promise<UserRow> {
  const row = (await listUserRows(ctx)).find((u) => u.id === userId);
  if (!row) throw new AppError('users.notFound', { userId });
  return row;
}

async function requireUser(ctx: ServiceContext, userId: number) {
  const user = await loadUser(ctx.db, { id: userId });
  if (!user) throw new AppError('users.notFound', { userId });
  return user;
}

/** Ends every stored session of a user and, once committed, every live connection of theirs. */
async function endUserSessions(
  ctx: ServiceContext,
  userId: number,
  reason: Parameters<LiveSessions['end']>[1],
  live: LiveSessions | undefined,
  keep: ServiceContext['caller'] | null = null,
): Promise<void> {
  await ctx.db.deleteFrom('sessions').where('user_id', '=', userId).execute();
  ctx.afterCommit(() => live?.end({ userId }, reason, keep));
}

/** users.unlock: clears the user's failed-login counters at every address. */
export async function unlockUser(ctx: ServiceContext, input: { userId: number }): Promise<UserRow> {
  const user = await requireUser(ctx, input.userId);
  const cleared = await clearUser(ctx.db, user.username);
  await ctx.db.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', user.id).execute();
  await recordAudit(ctx, { entity: 'user.unlock', entityId: user.id, after: { username: user.username, cleared } });
  return userRow(ctx, user.id);
}

/** users.setActive: disable (ending all the user's sessions) or enable again, with a reason. */
export async function setUserActive(
  ctx: ServiceContext,
  input: { userId: number; active: boolean; reason: string },
  live?: LiveSessions,
): Promise<UserRow> {
  const user = await requireUser(ctx, input.userId);
  if (!input.active && user.id === ctx.caller.session?.userId) throw new AppError('users.cannotDisableSelf');
  await ctx.db
    .updateTable('users')
    .set({ active: input.active ? 1 : 0 })
    .where('id', '=', user.id)
    .execute();
  if (!input.active) await endUserSessions(ctx, user.id, 'disabled', live);
  await recordAudit(ctx, {
    entity: 'user',
    entityId: user.id,
    before: { active: user.active },
    after: { active: input.active, reason: input.reason },
  });
  return userRow(ctx, user.id);
}

/** users.resetPassword: a new password set by the administrator; the user's sessions end. */
export async function resetPassword(
  ctx: ServiceContext,
  input: { userId: number; password: string; reason: string },
  live?: LiveSessions,
): Promise<UserRow> {
  const hash = await hashSecret(input.password);
  return inTransaction(ctx, async (tx) => {
    const user = await requireUser(tx, input.userId);
    await tx.db.updateTable('users').set({ password_hash: hash }).where('id', '=', user.id).execute();
    await clearUser(tx.db, user.username);
    await endUserSessions(tx, user.id, 'passwordReset', live);
    await recordAudit(tx, { entity: 'user.password', entityId: user.id, after: { reset: true, reason: input.reason } });
    return userRow(tx, user.id);
  });
}

/**
 * auth.changePassword: the old password first (a wrong one counts as a failed
 * login). Every session of the user ends, other connections included; this
 * connection continues on a new session (its token is the reply).
 */
export async function changePassword(
  ctx: ServiceContext,
  input: { oldPassword: string; newPassword: string },
  live?: LiveSessions,
): Promise<SessionView> {
  const s = ctx.caller.session!;
  const user = await requireUser(ctx, s.userId);
  const keys = keysFor(user.username, ctx.caller.origin.address);
  const wait = await lockedFor(ctx.db, keys, ctx.now.getTime());
  if (wait > 0) throw new AppError('auth.lockedOut', { retryAfterSeconds: wait });
  if (!(await verifySecret(input.oldPassword, user.passwordHash))) return refuseLogin(ctx, user.username, user.id);
  const hash = await hashSecret(input.newPassword);
  return inTransaction(ctx, async (tx) => {
    await tx.db.updateTable('users').set({ password_hash: hash }).where('id', '=', user.id).execute();
    await endUserSessions(tx, user.id, 'passwordChanged', live, ctx.caller);
    await recordAudit(tx, { entity: 'user.password', entityId: user.id, after: { changed: true } });
    return startSession(tx, user, live?.limits.maxMs);
  });
}

export async function setLocale(ctx: ServiceContext, locale: Locale): Promise<UserView> {
  const s = ctx.caller.session!;
  await ctx.db.updateTable('users').set({ locale }).where('id', '=', s.userId).execute();
  await recordAudit(ctx, { entity: 'user', entityId: s.userId, before: { locale: s.locale }, after: { locale } });
  s.locale = locale;
  return userView((await loadUser(ctx.db, { id: s.userId }))!);
}
