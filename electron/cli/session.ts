// The CLI acts as a named user (default: the first administrator), so its
// changes carry a name in the audit log like any other.
import { randomUUID } from 'node:crypto';
import { AppError } from '../../shared/errors';
import type { Role } from '../../shared/domain';
import type { Core } from '../core/core';
import type { Caller } from '../core/context';

export async function cliCaller(core: Core, username?: string): Promise<Caller> {
  const db = core.database.db;
  const user = username
    ? await db
        .selectFrom('users')
        .select('id')
        .where('username', '=', username)
        .where('active', '=', 1)
        .executeTakeFirst()
    : await db
        .selectFrom('users as u')
        .innerJoin('user_roles as r', 'r.user_id', 'u.id')
        .select('u.id')
        .where('r.role', '=', 'admin')
        .where('u.active', '=', 1)
        .orderBy('u.id')
        .limit(1)
        .executeTakeFirst();
  if (!user) throw new AppError(username ? 'users.notFound' : 'setup.notInitialized', username ? { username } : {});
  return userCaller(core, user.id, 'cli');
}

/** A caller acting as one active user, with their roles (the CLI, and PDFs written for a user by a host). */
export async function userCaller(core: Core, userId: number, station: string): Promise<Caller> {
  const db = core.database.db;
  const user = await db
    .selectFrom('users')
    .select(['id', 'username', 'display_name'])
    .where('id', '=', userId)
    .where('active', '=', 1)
    .executeTakeFirst();
  if (!user) throw new AppError('users.notFound', { username: String(userId) });
  const roles = (await db.selectFrom('user_roles').select('role').where('user_id', '=', user.id).execute()).map(
    (r) => r.role as Role,
  );
  const caller = core.newCaller(station);
  caller.station = station;
  caller.session = {
    token: '',
    // No stored session: a key of its own, so this caller's activity is not another's (the live
    // sessions track idleness per key; a shared '' would expire a print made a week after the last).
    tokenHash: `caller:${station}:${randomUUID()}`,
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    roles,
    locale: 'zh-CN',
    station,
    expiresAt: Number.POSITIVE_INFINITY,
  };
  return caller;
}
