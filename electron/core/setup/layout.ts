// The warehouse layout a new data folder starts with, so receiving works on day
// one: one warehouse, a receiving area and a zone per stock status (R13 keeps
// good, damaged and gift stock apart physically as well as in the books).
import type { Db } from '../db/schema';

export type LayoutZone = { code: string; name: string; bins: number };

export const defaultZones: LayoutZone[] = [
  { code: 'R', name: '收货区', bins: 2 },
  { code: 'A', name: '常温区', bins: 4 },
  { code: 'G', name: '赠品区', bins: 1 },
  { code: 'D', name: '残损区', bins: 1 },
];

/** Creates warehouse → zones → bins; bin codes are what the bin labels carry. */
export async function createLayout(
  db: Db,
  warehouse: { code: string; name: string },
  zones: LayoutZone[],
): Promise<Map<string, number[]>> {
  const wh = await db
    .insertInto('locations')
    .values({ code: warehouse.code, name: warehouse.name, kind: 'warehouse', parent_id: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  const binsByZone = new Map<string, number[]>();
  for (const z of zones) {
    const zone = await db
      .insertInto('locations')
      .values({ code: `${warehouse.code}-${z.code}`, name: z.name, kind: 'zone', parent_id: wh.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    const bins = await db
      .insertInto('locations')
      .values(
        Array.from({ length: z.bins }, (_, i) => ({
          code: `${z.code}-${String(i + 1).padStart(2, '0')}`,
          name: `${z.name} ${i + 1}`,
          kind: 'bin',
          parent_id: zone.id,
        })),
      )
      .returning('id')
      .execute();
    binsByZone.set(
      z.code,
      bins.map((b) => b.id),
    );
  }
  return binsByZone;
}
