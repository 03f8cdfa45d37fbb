// Who may be named as the finder of damage: active users of a reporting role.
import { damageReporters, type DamageFinder } from '../../../shared/contract';
import type { Db } from '../db/schema';

export async function listFinders(db: Db): Promise<DamageFinder[]> {
  const rows = await db
    .selectFrom('users as u')
    .innerJoin('user_roles as r', 'r.user_id', 'u.id')
    .select(['u.id', 'u.display_name as name'])
    .where('u.active', '=', 1)
    .where('r.role', 'in', [...damageReporters])
    .groupBy('u.id')
    .orderBy('u.display_name')
    .execute();
  return rows;
}
