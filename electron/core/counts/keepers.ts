// Who can be given a count: active users holding the warehouse keeper role
// (R10: the keeper counts). Planners need the names; users.list, with roles
// and lock-outs, stays the administrator's.
import type { CountKeeper } from '../../../shared/contract/counts';
import type { Db } from '../db/schema';

export async function listKeepers(db: Db): Promise<CountKeeper[]> {
  const rows = await db
    .selectFrom('users as u')
    .innerJoin('user_roles as r', 'r.user_id', 'u.id')
    .select(['u.id', 'u.username', 'u.display_name'])
    .where('u.active', '=', 1)
    .where('r.role', '=', 'warehouseKeeper')
    .orderBy('u.display_name')
    .execute();
  return rows.map((r) => ({ userId: r.id, username: r.username, displayName: r.display_name }));
}
