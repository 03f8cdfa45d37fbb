// The right to force an assignment beyond capacity (users.dispatch_override),
// granted per user; using it is recorded on the order and in the audit log.
import type { UserRow } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { recordAudit } from '../audit/audit';
import { listUserRows } from '../auth/auth';
import type { ServiceContext } from '../context';

export async function canOverride(ctx: ServiceContext): Promise<boolean> {
  const userId = ctx.caller.session?.userId;
  if (userId === undefined) return false;
  const row = await ctx.db.selectFrom('users').select('dispatch_override').where('id', '=', userId).executeTakeFirst();
  return row?.dispatch_override === 1;
}

/** users.setDispatchOverride: the administrator grants or withdraws the right, with a reason (audited). */
export async function setDispatchOverride(
  ctx: ServiceContext,
  input: { userId: number; allowed: boolean; reason: string },
): Promise<UserRow> {
  const user = await ctx.db
    .selectFrom('users')
    .select(['id', 'dispatch_override'])
    .where('id', '=', input.userId)
    .executeTakeFirst();
  if (!user) throw new AppError('users.notFound', { userId: input.userId });
  await ctx.db
    .updateTable('users')
    .set({ dispatch_override: input.allowed ? 1 : 0 })
    .where('id', '=', user.id)
    .execute();
  await recordAudit(ctx, {
    entity: 'user.dispatchOverride',
    entityId: user.id,
    before: { dispatchOverride: user.dispatch_override === 1 },
    after: { dispatchOverride: input.allowed, reason: input.reason },
  });
  return (await listUserRows(ctx)).find((u) => u.id === user.id)!;
}
