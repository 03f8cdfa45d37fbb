// The CS staff 客服专员 who make follow-up calls: the active operators (the
// CS department's staff, DOMAIN roles). The CS manager and supervisor may be
// given a call by hand, never by the share-out.
import type { CallStaff } from '../../../shared/contract';
import type { Db } from '../db/schema';

export async function listStaff(db: Db): Promise<CallStaff[]> {
  const rows = await db
    .selectFrom('users as u')
    .innerJoin('user_roles as r', 'r.user_id', 'u.id')
    .select(['u.id', 'u.display_name'])
    .where('u.active', '=', 1)
    .where('r.role', '=', 'operator')
    .orderBy('u.id')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.display_name }));
}

/** Active users who may be given a call by hand (any role that makes calls). */
export async function callMaker(db: Db, userId: number): Promise<{ id: number; name: string } | null> {
  const row = await db
    .selectFrom('users as u')
    .innerJoin('user_roles as r', 'r.user_id', 'u.id')
    .select(['u.id', 'u.display_name'])
    .where('u.id', '=', userId)
    .where('u.active', '=', 1)
    .where('r.role', 'in', ['operator', 'csManager', 'supervisor'])
    .executeTakeFirst();
  return row ? { id: row.id, name: row.display_name } : null;
}
