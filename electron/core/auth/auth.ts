// Login by user + password or PIN; failed logins are throttled and then locked out.
import type { SessionView, UserView } from '../../../shared/contract';
import { roles as allRoles, type Locale, type Role } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { recordAudit } from '../audit/audit';
import type { ServiceContext } from '../context';
import { CommittedRefusal } from '../contract/refusal';
import type { Db } from '../db/schema';
import { hashSecret, newToken, tokenHash, verifySecret } from './password';
import { sessionLifetimeMs, type Session } from './sessions';

/** After this many failures in a row an account locks, for longer each time. */
export const failuresBeforeLockout = 5;
const lockoutBaseMs = 60_000;
const lockoutMaxMs = 15 * 60_000;

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

export async function startSession(ctx: ServiceContext, user: UserView): Promise<SessionView> {
  const token = newToken();
  const expiresAt = ctx.now.getTime() + sessionLifetimeMs;
  await ctx.db
    .insertInto('sessions')
    .values({
      token_hash: tokenHash(token),
      user_id: user.id,
      station: ctx.caller.station,
      created_at: ctx.now.toISOString(),
      expires_at: new Date(expiresAt).toISOString(),
    })
    .execute();
  ctx.caller.session = sessionOf(token, user, ctx.caller.station, expiresAt);
  return { token, user: userView(user), station: ctx.caller.station };
}

function sessionOf(token: string, user: UserView, station: string, expiresAt: number): Session {
  return {
    token,
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    roles: user.roles,
    locale: user.locale,
    station,
    expiresAt,
  };
}

export async function login(ctx: ServiceContext, input: { username: string; secret: string }): Promise<SessionView> {
  const user = await loadUser(ctx.db, { username: input.username.toLowerCase() });
  if (!user || !user.active) {
    // Spend the same time as a real check so timing does not reveal which names exist.
    await verifySecret(
      input.secret,
      'scrypt$16384$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
    );
    throw new AppError('auth.badCredentials');
  }
  if (user.lockedUntil && Date.parse(user.lockedUntil) > ctx.now.getTime()) {
    throw new AppError('auth.lockedOut', {
      retryAfterSeconds: Math.ceil((Date.parse(user.lockedUntil) - ctx.now.getTime()) / 1000),
    });
  }
  const good =
    (await verifySecret(input.secret, user.passwordHash)) ||
    (/^\d{4,8}$/.test(input.secret) && (await verifySecret(input.secret, user.pinHash)));
  if (!good) {
    const failed = user.failedLogins + 1;
    const lockMs =
      failed >= failuresBeforeLockout
        ? Math.min(lockoutMaxMs, lockoutBaseMs * 2 ** (failed - failuresBeforeLockout))
        : 0;
    await ctx.db
      .updateTable('users')
      .set({
        failed_logins: failed,
        locked_until: lockMs > 0 ? new Date(ctx.now.getTime() + lockMs).toISOString() : null,
      })
      .where('id', '=', user.id)
      .execute();
    await recordAudit(ctx, { entity: 'login', entityId: user.id, after: { ok: false, failedLogins: failed } });
    // The failure count must be committed even though the login is refused.
    if (lockMs > 0)
      throw new CommittedRefusal(new AppError('auth.lockedOut', { retryAfterSeconds: Math.ceil(lockMs / 1000) }));
    throw new CommittedRefusal(new AppError('auth.badCredentials', { attemptsLeft: failuresBeforeLockout - failed }));
  }
  if (user.failedLogins > 0 || user.lockedUntil) {
    await ctx.db.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', user.id).execute();
  }
  const session = await startSession(ctx, user);
  await recordAudit(ctx, { entity: 'login', entityId: user.id, after: { ok: true, station: ctx.caller.station } });
  return session;
}

export async function resume(ctx: ServiceContext, token: string): Promise<SessionView> {
  const row = await ctx.db
    .selectFrom('sessions')
    .selectAll()
    .where('token_hash', '=', tokenHash(token))
    .executeTakeFirst();
  if (!row || Date.parse(row.expires_at) <= ctx.now.getTime()) throw new AppError('auth.sessionExpired');
  const user = await loadUser(ctx.db, { id: row.user_id });
  if (!user || !user.active) throw new AppError('auth.sessionExpired');
  ctx.caller.session = sessionOf(token, user, ctx.caller.station, Date.parse(row.expires_at));
  return { token, user: userView(user), station: ctx.caller.station };
}

export async function logout(ctx: ServiceContext): Promise<null> {
  const s = ctx.caller.session;
  if (s) {
    await ctx.db.deleteFrom('sessions').where('token_hash', '=', tokenHash(s.token)).execute();
    await recordAudit(ctx, { entity: 'logout', entityId: s.userId });
  }
  ctx.caller.session = null;
  return null;
}

export async function setLocale(ctx: ServiceContext, locale: Locale): Promise<UserView> {
  const s = ctx.caller.session!;
  await ctx.db.updateTable('users').set({ locale }).where('id', '=', s.userId).execute();
  await recordAudit(ctx, { entity: 'user', entityId: s.userId, before: { locale: s.locale }, after: { locale } });
  s.locale = locale;
  return userView((await loadUser(ctx.db, { id: s.userId }))!);
}
