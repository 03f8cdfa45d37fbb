// The CLI acts as a named user (default: the first administrator), so its
// changes carry a name in the audit log like any other.
import { AppError } from '../../shared/errors';
import type { Role } from '../../shared/domain';
import type { Core } from '../core/core';
import type { Caller } from '../core/context';

export function cliCaller(core: Core, username?: string): Caller {
  const sqlite = core.database.sqlite;
  const user = (
    username
      ? sqlite.prepare('SELECT id, username, display_name FROM users WHERE username = ? AND active = 1').get(username)
      : sqlite
          .prepare(
            `SELECT u.id, u.username, u.display_name FROM users u JOIN user_roles r ON r.user_id = u.id
              WHERE r.role = 'admin' AND u.active = 1 ORDER BY u.id LIMIT 1`,
          )
          .get()
  ) as { id: number; username: string; display_name: string } | undefined;
  if (!user) throw new AppError(username ? 'users.notFound' : 'setup.notInitialized', username ? { username } : {});
  const roles = (sqlite.prepare('SELECT role FROM user_roles WHERE user_id = ?').all(user.id) as { role: Role }[]).map(
    (r) => r.role,
  );
  const caller = core.newCaller('cli');
  caller.station = `cli`;
  caller.session = {
    token: '',
    tokenHash: '',
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    roles,
    locale: 'zh-CN',
    station: 'cli',
    expiresAt: Number.POSITIVE_INFINITY,
  };
  return caller;
}
