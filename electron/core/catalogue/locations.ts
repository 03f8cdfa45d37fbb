import type { LocationView } from '../../../shared/contract';
import type { LocationKind } from '../../../shared/domain';
import type { Db } from '../db/schema';

/** Warehouse → zone → bin, each with a scannable code; `path` reads "WH1 / A / A-01-01". */
export async function listLocations(db: Db): Promise<LocationView[]> {
  const rows = await db.selectFrom('locations').selectAll().orderBy('code').execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const pathOf = (id: number | null): string[] => {
    const parts: string[] = [];
    for (
      let cur = id === null ? undefined : byId.get(id);
      cur;
      cur = cur.parent_id === null ? undefined : byId.get(cur.parent_id)
    )
      parts.unshift(cur.code);
    return parts;
  };
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    kind: r.kind as LocationKind,
    parentId: r.parent_id,
    path: pathOf(r.id).join(' / '),
  }));
}
