// The configurable complaint categories (issue 16 §1): the CS manager adds,
// renames and retires them; 'other' always stays.
import type { ComplaintCategory } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { recordAudit } from '../audit/audit';
import type { ServiceContext } from '../context';
import type { Db } from '../db/schema';

export async function listCategories(db: Db): Promise<ComplaintCategory[]> {
  const rows = await db.selectFrom('complaint_categories').selectAll().orderBy('sort').orderBy('code').execute();
  return rows.map((r) => ({
    code: r.code,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    active: r.active === 1,
    sort: r.sort,
  }));
}

export async function checkCategory(db: Db, category: string): Promise<void> {
  const row = await db
    .selectFrom('complaint_categories')
    .select('active')
    .where('code', '=', category)
    .executeTakeFirst();
  if (!row) throw new AppError('complaints.unknownCategory', { category });
  if (row.active !== 1) throw new AppError('complaints.categoryRetired', { category });
}

export async function saveCategory(
  ctx: ServiceContext,
  c: { code: string; nameZh: string; nameEn: string; active: boolean },
): Promise<ComplaintCategory[]> {
  if (c.code === 'other' && !c.active) throw new AppError('complaints.otherStays');
  const before = await ctx.db
    .selectFrom('complaint_categories')
    .selectAll()
    .where('code', '=', c.code)
    .executeTakeFirst();
  if (before) {
    await ctx.db
      .updateTable('complaint_categories')
      .set({ name_zh: c.nameZh, name_en: c.nameEn, active: c.active ? 1 : 0 })
      .where('code', '=', c.code)
      .execute();
  } else {
    const last = await ctx.db
      .selectFrom('complaint_categories')
      .select((eb) => eb.fn.max('sort').as('s'))
      .where('code', '<>', 'other')
      .executeTakeFirst();
    await ctx.db
      .insertInto('complaint_categories')
      .values({
        code: c.code,
        name_zh: c.nameZh,
        name_en: c.nameEn,
        active: c.active ? 1 : 0,
        sort: Math.min(999, Number(last?.s ?? 0) + 10),
      })
      .execute();
  }
  await recordAudit(ctx, {
    entity: 'complaintCategory',
    entityId: c.code,
    before: before ? { nameZh: before.name_zh, nameEn: before.name_en, active: before.active === 1 } : undefined,
    after: { nameZh: c.nameZh, nameEn: c.nameEn, active: c.active },
  });
  ctx.emit('complaints.changed', { complaintIds: [], clientId: ctx.caller.clientId });
  return listCategories(ctx.db);
}
