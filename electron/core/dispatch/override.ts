// The right to force an assignment beyond capacity (users.dispatch_override),
// granted per user; using it is recorded on the order and in the audit log.
import type { ServiceContext } from '../context';

export async function canOverride(ctx: ServiceContext): Promise<boolean> {
  const userId = ctx.caller.session?.userId;
  if (userId === undefined) return false;
  const row = await ctx.db.selectFrom('users').select('dispatch_override').where('id', '=', userId).executeTakeFirst();
  return row?.dispatch_override === 1;
}
