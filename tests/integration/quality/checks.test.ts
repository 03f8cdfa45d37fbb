// Warehouse quality checks (issue 17 §1): a failed item needs an action, the
// refusals write nothing, missed days over a Sunday with a pinned clock, and
// the month's summary equals SQL written here.
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { call, openWarehouse, refusal, type Warehouse } from '../fixtures';

let w: Warehouse;
afterEach(async () => w?.core.close());

// Wednesday 2026-11-11, 10:00 in Shanghai.
const now = new Date('2026-11-11T02:00:00Z');
async function open() {
  w = await openWarehouse({ now: () => now, timeZone: 'Asia/Shanghai' } as never);
  const keeper = await w.as('warehouseKeeper');
  const items = await call(w.core, keeper, 'quality.items', {});
  const zones = await call(w.core, keeper, 'quality.day', { date: '2026-11-11' });
  const me = await w.core.database.db
    .selectFrom('users')
    .select('id')
    .where('username', '=', 'u-warehousekeeper')
    .executeTakeFirstOrThrow();
  const values = (temperature: number, failed: string[] = []) =>
    items.map((i) =>
      i.kind === 'passFail'
        ? { itemId: i.id, passed: !failed.includes(i.code) }
        : { itemId: i.id, value: i.kind === 'temperature' ? temperature : 50 },
    );
  const item = (code: string) => items.find((i) => i.code === code)!.id;
  return { keeper, items, zones, values, item, me };
}

describe('quality checks', () => {
  it('requires an action for an out-of-limit value and a failed item, then records both actions', async () => {
    const { keeper, zones, values, item, me } = await open();
    const zoneId = zones[0]!.zoneId;
    const userId = me.id;
    const input = { zoneId, date: '2026-11-11', values: values(35, ['fefo']) };
    expect(await refusal(w.core, keeper, 'quality.saveRecord', input)).toMatchObject({
      code: 'quality.actionRequired',
    });
    const action = (code: string) => ({
      itemId: item(code),
      description: '整改',
      ownerId: userId,
      dueDate: '2026-11-12',
    });
    expect(
      await refusal(w.core, keeper, 'quality.saveRecord', { ...input, actions: [action('temperature')] }),
    ).toMatchObject({ code: 'quality.actionRequired' });
    const rec = await call(w.core, keeper, 'quality.saveRecord', {
      ...input,
      actions: [action('temperature'), action('fefo')],
    });
    expect(rec.actions.map((a) => a.itemCode).sort()).toEqual(['fefo', 'temperature']);
    const openActions = await call(w.core, keeper, 'quality.actions', { state: 'open' });
    expect(openActions).toHaveLength(2);
    const done = await call(w.core, keeper, 'quality.completeAction', { actionId: openActions[0]!.id, note: '已处理' });
    expect(done.state).toBe('done');
  });

  it('refuses nonsense values, future days, a second record and a reader, writing nothing', async () => {
    const { keeper, zones, values } = await open();
    const zoneId = zones[0]!.zoneId;
    const ok = { zoneId, date: '2026-11-11', values: values(20) };
    expect(await refusal(w.core, keeper, 'quality.saveRecord', { ...ok, values: values(90) })).toMatchObject({
      code: 'quality.outsidePhysicalRange',
    });
    expect(await refusal(w.core, keeper, 'quality.saveRecord', { ...ok, date: '2026-11-12' })).toMatchObject({
      code: 'quality.futureDay',
    });
    const supervisor = await w.as('supervisor');
    expect(await refusal(w.core, supervisor, 'quality.saveRecord', ok)).toMatchObject({ code: 'auth.forbidden' });
    expect((await call(w.core, keeper, 'quality.day', { date: '2026-11-11' }))[0]!.records).toHaveLength(0);
    await call(w.core, keeper, 'quality.saveRecord', ok);
    expect(await refusal(w.core, keeper, 'quality.saveRecord', ok)).toMatchObject({ code: 'quality.recordExists' });
  });

  it('lists missed working days across a Sunday, and the summary equals SQL', async () => {
    const { keeper, zones, values } = await open();
    const zoneId = zones[0]!.zoneId;
    // Sat 7th recorded, Sun 8th not a working day, Mon 9th missed.
    await call(w.core, keeper, 'quality.saveRecord', { zoneId, date: '2026-11-07', values: values(20) });
    const missed = await call(w.core, keeper, 'quality.missedDays', { from: '2026-11-07', to: '2026-11-20' });
    const mine = missed.filter((m) => m.zoneId === zoneId).map((m) => m.date);
    expect(mine).toEqual(['2026-11-09', '2026-11-10', '2026-11-11']);
    expect(missed).toHaveLength(zones.length * 4 - 1);
    const s = await call(w.core, keeper, 'quality.summary', { month: '2026-11' });
    const line = s.lines.find((l) => l.zoneId === zoneId)!;
    const { rows } = await sql<{ c: number; p: number }>`SELECT COUNT(*) c, SUM(v.passed) p FROM quality_values v
      JOIN quality_records r ON r.id = v.record_id WHERE r.zone_id = ${zoneId} AND r.check_date LIKE '2026-11-%'`.execute(
      w.core.database.db,
    );
    // Working days of November up to Wednesday the 11th: Mon 2 – Sat 7 and Mon 9 – Wed 11.
    expect([line.itemsChecked, line.itemsPassed, line.daysRecorded, line.workingDays]).toEqual([
      rows[0]!.c,
      rows[0]!.p,
      1,
      9,
    ]);
  });
});
