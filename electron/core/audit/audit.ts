// Every state change writes the audit log: who, when, which request, before → after.
import type { AuditRow, Paged } from '../../../shared/contract';
import type { ServiceContext } from '../context';
import { runTemplate } from '../db/queryTemplate';

export async function recordAudit(
  ctx: ServiceContext,
  entry: { entity: string; entityId: string | number; before?: unknown; after?: unknown },
): Promise<number> {
  // A template (db/queryTemplate.ts): every write request writes one, so it is built once.
  const values = {
    at: ctx.now.toISOString(),
    user_id: ctx.caller.session?.userId ?? null,
    request: ctx.request,
    entity: entry.entity,
    entity_id: String(entry.entityId),
    before: entry.before === undefined ? null : JSON.stringify(entry.before),
    after: entry.after === undefined ? null : JSON.stringify(entry.after),
  };
  const [row] = (
    await runTemplate(ctx.db, 'audit.append', values, (v) => ctx.db.insertInto('audit_log').values(v).returning('id'))
  ).rows as [{ id: number }];
  ctx.emit('audit.appended', { id: row.id });
  return row.id;
}

export async function listAudit(
  ctx: ServiceContext,
  page: { offset: number; limit: number },
): Promise<Paged<AuditRow>> {
  const rows = await ctx.db
    .selectFrom('audit_log as a')
    .leftJoin('users as u', 'u.id', 'a.user_id')
    .select([
      'a.id',
      'a.at',
      'u.display_name as userName',
      'a.request',
      'a.entity',
      'a.entity_id as entityId',
      'a.before',
      'a.after',
    ])
    .orderBy('a.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const total = await ctx.db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { rows: rows.map((r) => ({ ...r, userName: r.userName ?? '' })), total: Number(total.n) };
}
