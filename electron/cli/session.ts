// The CLI acts as a named user (default: the first administrator), so its
// changes carry a name in the audit log like any other.
import { randomUUID } from 'node:crypto';
import { AppError } from '../../shared/errors';
import type { Role } from '../../shared/domain';
import type { Core } from '../core/core';
import type { Caller } from '../core/context';

export function cliCaller(core: Core, username?: string): Caller {
  const sqlite = core.database.sqlite;
  const user = (
    username
      ? sqlite.prepare('SELECT id FROM users WHERE username = ? AND active = 1').get(username)
      : sqlite
          .prepare(
            `SELECT u.id FROM users u JOIN user_roles r ON r.user_id = u.id
              WHERE r.role = 'admin' AND u.active = 1 ORDER BY u.id LIMIT 1`,
          )
          .get()
  ) as { id: number } | undefined;
  if (!user) throw new AppError(username ? 'users.notFound' : 'setup.notInitialized', username ? { username } : {});
  return userCaller(core, user.id, 'cli');
}

/** A caller acting as one active user, with their roles (the CLI, and PDFs written for a user by a host). */
export function userCaller(core: Core, userId: number, station: string): Caller {
  const sqlite = core.database.sqlite;
  const user = sqlite
    .prepare('SELECT id, username, display_name FROM users WHERE id = ? AND active = 1')
    .get(userId) as { id: number; username: string; display_name: string } | undefined;
  if (!user) throw new AppError('users.notFound', { username: String(userId) });
  const roles = (sqlite.prepare('SELECT role FROM user_roles WHERE user_id = ?').all(user.id) as { role: Role }[]).map(
    (r) => r.role,
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
