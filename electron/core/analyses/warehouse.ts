// The warehouse filter of the monthly analyses, for a site with more than one
// warehouse (locations: warehouse → zones → bins). A damage report and a
// disposal line belong to the warehouse of their bin; a return to the
// warehouse its note first put goods into (a return comes back to one dock:
// taking the first movement partitions the returns exactly, so the
// warehouses' figures add up to the site's even for a note split across two).
import { listOf } from '../db/portable';
import { sql, type RawBuilder } from 'kysely';
import type { AnalysisWarehouse } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { Db } from '../db/schema';

export type WarehouseScope = {
  warehouse: AnalysisWarehouse | null;
  /** `location` (a column, or an expression) is a bin of the chosen warehouse (always true without one). */
  holds(location: string | RawBuilder<unknown>): RawBuilder<boolean>;
};

export async function warehouseScope(db: Db, warehouseId: number | undefined): Promise<WarehouseScope> {
  if (warehouseId === undefined) return { warehouse: null, holds: () => sql<boolean>`1 = 1` };
  const w = await db
    .selectFrom('locations')
    .select(['id', 'code', 'name'])
    .where('id', '=', warehouseId)
    .where('kind', '=', 'warehouse')
    .executeTakeFirst();
  if (!w) throw new AppError('analyses.unknownWarehouse', { warehouseId });
  const bins = (
    await sql<{ id: number }>`
      WITH RECURSIVE under(id, kind) AS (
        SELECT id, kind FROM locations WHERE id = ${w.id}
        UNION ALL SELECT l.id, l.kind FROM locations l JOIN under u ON l.parent_id = u.id)
      SELECT id FROM under WHERE kind = 'bin'`.execute(db)
  ).rows.map((b) => b.id);
  const list = listOf(db, bins);
  return {
    warehouse: w,
    holds: (location) => sql<boolean>`${typeof location === 'string' ? sql.ref(location) : location} IN ${list}`,
  };
}
