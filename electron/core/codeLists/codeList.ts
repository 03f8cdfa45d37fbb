// A configurable list of codes with Chinese and English labels, an order and an
// active flag (damage causes 残损原因, complaint categories 投诉类别): the CS
// manager adds, renames and retires entries; 'other' always stays, last.
import type { Kysely } from 'kysely';
import type { ErrorCode } from '../../../shared/errors';
import { AppError } from '../../../shared/errors';
import { recordAudit } from '../audit/audit';
import type { ServiceContext } from '../context';
import type { Db, DB } from '../db/schema';

export type CodeListEntry = { code: string; nameZh: string; nameEn: string; active: boolean; sort: number };
type CodeListTable = 'damage_causes' | 'complaint_categories';
type Row = DB[CodeListTable];

export type CodeListSpec = {
  table: CodeListTable;
  /** The audit entity of a change. */
  entity: string;
  /** The refusals' codes and the name of the code in their parameters. */
  errors: { unknown: ErrorCode; retired: ErrorCode; otherStays: ErrorCode; param: string };
  /** Tells open windows the list changed. */
  emitChanged(ctx: ServiceContext): void;
};

export type CodeList = {
  list(db: Db): Promise<CodeListEntry[]>;
  /** The code must exist and be active. */
  check(db: Db, code: string): Promise<void>;
  /** Adds a new code, or renames / retires / restores an existing one; returns the list. */
  save(ctx: ServiceContext, c: Omit<CodeListEntry, 'sort'>): Promise<CodeListEntry[]>;
};

export function codeList(spec: CodeListSpec): CodeList {
  // Both tables have the same columns; one name keeps the queries typed.
  const q = (db: Db) => db as unknown as Kysely<{ code_list: Row }>;
  const table = spec.table as unknown as 'code_list';

  const list = async (db: Db): Promise<CodeListEntry[]> => {
    const rows = await q(db).selectFrom(table).selectAll().orderBy('sort').orderBy('code').execute();
    return rows.map((r) => ({
      code: r.code,
      nameZh: r.name_zh,
      nameEn: r.name_en,
      active: r.active === 1,
      sort: r.sort,
    }));
  };

  return {
    list,
    async check(db, code) {
      const row = await q(db).selectFrom(table).select('active').where('code', '=', code).executeTakeFirst();
      if (!row) throw new AppError(spec.errors.unknown, { [spec.errors.param]: code });
      if (row.active !== 1) throw new AppError(spec.errors.retired, { [spec.errors.param]: code });
    },
    async save(ctx, c) {
      if (c.code === 'other' && !c.active) throw new AppError(spec.errors.otherStays);
      const db = q(ctx.db);
      const before = await db.selectFrom(table).selectAll().where('code', '=', c.code).executeTakeFirst();
      if (before) {
        await db
          .updateTable(table)
          .set({ name_zh: c.nameZh, name_en: c.nameEn, active: c.active ? 1 : 0 })
          .where('code', '=', c.code)
          .execute();
      } else {
        // New codes go before 'other' (sort 1000), after the last one.
        const last = await db
          .selectFrom(table)
          .select((eb) => eb.fn.max('sort').as('s'))
          .where('code', '<>', 'other')
          .executeTakeFirst();
        await db
          .insertInto(table)
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
        entity: spec.entity,
        entityId: c.code,
        before: before ? { nameZh: before.name_zh, nameEn: before.name_en, active: before.active === 1 } : undefined,
        after: { nameZh: c.nameZh, nameEn: c.nameEn, active: c.active },
      });
      spec.emitChanged(ctx);
      return list(ctx.db);
    },
  };
}
