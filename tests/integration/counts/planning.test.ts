// Planning who counts where: the keepers a planner can pick from, and a
// counter's sheet offering only the bins of their own zone.
import { afterEach, describe, expect, it } from 'vitest';
import { call } from '../fixtures';
import { countWarehouse, type CountWarehouse } from './countFixtures';

let c: CountWarehouse;
afterEach(async () => c?.w.core.close());

describe('planning a count', () => {
  it('lists the active keepers to a planner by name, and only keepers', async () => {
    c = await countWarehouse();
    const keepers = await call(c.w.core, c.op, 'counts.keepers', {});
    expect(keepers.map((k) => k.userId).sort()).toEqual([c.ids.keeper, c.ids.keeper2].sort());
    expect(keepers.every((k) => k.displayName.length > 0)).toBe(true);
  });

  it('opens to each counter only the lines of their own zone', async () => {
    c = await countWarehouse();
    const { core } = c.w;
    const locations = await call(core, c.op, 'locations.list', {});
    const zoneB = locations.find((l) => l.kind === 'zone' && l.id !== c.zoneA)!;
    const binB = locations.find((l) => l.kind === 'bin' && l.parentId === zoneB.id)!;
    await c.receive([{ code: 'P001', bin: binB.code, qty: 9 }]);
    const warehouse = locations.find((l) => l.kind === 'warehouse')!;
    const planned = await call(core, c.op, 'counts.plan', {
      scope: { area: 'warehouse', locationIds: [warehouse.id] },
      counters: [
        { userId: c.ids.keeper, zoneId: c.zoneA },
        { userId: c.ids.keeper2, zoneId: zoneB.id },
      ],
    });
    await call(core, c.op, 'counts.start', { sessionId: planned.id });

    const openBins = async (who: typeof c.keeper) =>
      new Set(
        (await call(core, who, 'counts.sheet', { sessionId: planned.id })).lines
          .filter((l) => l.open)
          .map((l) => l.locationCode),
      );
    const first = await openBins(c.keeper);
    const second = await openBins(c.keeper2);
    expect([...first].sort()).toEqual(['A-01', 'A-02']);
    expect([...second]).toEqual([binB.code]);
    // The operator watches; nothing is theirs to count.
    expect((await openBins(c.op)).size).toBe(0);
  });
});
