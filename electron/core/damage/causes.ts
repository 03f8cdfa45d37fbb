// The configurable causes of damage (issue 13 §Damage 1): the CS manager adds,
// renames and retires them; 'other' always stays and asks for a note.
import type { DamageCause } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { recordAudit } from '../audit/audit';
import type { ServiceContext } from '../context';
import type { Db } from '../db/schema';

export async function listCauses(db: Db): Promise<DamageCause[]> {
  const rows = await db.selectFrom('damage_causes').selectAll().orderBy('sort').orderBy('code').execute();
  return rows.map((r) => ({
    code: r.code,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    active: r.active === 1,
    sort: r.sort,
  }));
}

/** A report's cause must exist and be active; 'other' needs a note. */
export async function checkCause(db: Db, cause: string, note: string): Promise<void> {
  const row = await db.selectFrom('damage_causes').select('active').where('code', '=', cause).executeTakeFirst();
  if (!row) throw new AppError('damage.unknownCause', { cause });
  if (row.active !== 1) throw new AppError('damage.causeRetired', { cause });
  if (cause === 'other' && note.trim() === '') throw new AppError('damage.noteRequired');
}

/** damage.saveCause: add a new code, or rename / retire / restore an existing one. */
export async function saveCause(
  ctx: ServiceContext,
  c: { code: string; nameZh: string; nameEn: string; active: boolean },
): Promise<DamageCause[]> {
  if (c.code === 'other' && !c.active) throw new AppError('damage.otherStays');
  const before = await ctx.db.selectFrom('damage_causes').selectAll().where('code', '=', c.code).executeTakeFirst();
  if (before) {
    await ctx.db
      .updateTable('damage_causes')
      .set({ name_zh: c.nameZh, name_en: c.nameEn, active: c.active ? 1 : 0 })
      .where('code', '=', c.code)
      .execute();
  } else {
    // New causes go before 'other' (sort 1000), after the last one.
    const last = await ctx.db
      .selectFrom('damage_causes')
      .select((eb) => eb.fn.max('sort').as('s'))
      .where('code', '<>', 'other')
      .executeTakeFirst();
    await ctx.db
      .insertInto('damage_causes')
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
    entity: 'damageCause',
    entityId: c.code,
    before: before ? { nameZh: before.name_zh, nameEn: before.name_en, active: before.active === 1 } : undefined,
    after: { nameZh: c.nameZh, nameEn: c.nameEn, active: c.active },
  });
  ctx.emit('damage.changed', { reportIds: [], disposalIds: [], clientId: ctx.caller.clientId });
  return listCauses(ctx.db);
}
