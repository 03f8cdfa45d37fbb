// Each counter's running count (count_tallies, kept by triggers) against the
// entries it is derived from: adds, a set that replaces, a negative
// correction, two counters on one line, an undone scan before and after a
// set, a recount round; and the migration's backfill gives the same rows.
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { tallyBackfillSql } from '../../../electron/core/db/migrations/006_count_tallies';
import { toPostgres } from '../../../electron/core/db/pgTranslate';
import type { Db } from '../../../electron/core/db/schema';
import { call, onPostgres } from '../fixtures';
import { countWarehouse, startZoneCount, type CountWarehouse } from './countFixtures';

let c: CountWarehouse | null = null;
afterEach(async () => {
  await c?.w.core.close();
  c = null;
});

/** The tallies, and the same figures folded from the entries in JavaScript (the definition). */
async function talliesAndFold(db: Db) {
  const tallies = await db
    .selectFrom('count_tallies')
    .select(['line_id', 'round', 'user_id', 'qty', 'position', 'at', 'last_entry_id'])
    .orderBy(['line_id', 'round', 'user_id'])
    .execute();
  const entries = await db.selectFrom('count_entries').selectAll().orderBy('id').execute();
  const folded = new Map<string, (typeof tallies)[number]>();
  for (const e of entries) {
    const k = `${e.line_id}|${e.round}|${e.user_id}`;
    const t = folded.get(k) ?? {
      line_id: e.line_id,
      round: e.round,
      user_id: e.user_id,
      qty: 0,
      position: 0,
      at: '',
      last_entry_id: 0,
    };
    t.qty = e.kind === 'set' ? e.qty : t.qty + e.qty;
    t.position = Math.max(t.position, e.ledger_position);
    t.at = e.at;
    t.last_entry_id = e.id;
    folded.set(k, t);
  }
  const fold = [...folded.values()].sort((a, b) => a.line_id - b.line_id || a.round - b.round || a.user_id - b.user_id);
  return { tallies, fold };
}

describe('count tallies', () => {
  it('follow every entry written and undone, and the backfill agrees', async () => {
    c = await countWarehouse();
    const { core } = c.w;
    const db = core.database.db;
    const s = await startZoneCount(c, [c.ids.keeper, c.ids.keeper2]);
    const enter = (who: CountWarehouse['keeper'], code: string, bin: string, mode: 'set' | 'add', qty: number) =>
      call(core, who, 'counts.enter', {
        sessionId: s.id,
        productId: c!.product(code).id,
        locationId: c!.bin(bin),
        mode,
        qty,
      });
    await enter(c.keeper, 'P001', 'A-01', 'add', 5);
    await enter(c.keeper, 'P001', 'A-01', 'add', 7);
    await enter(c.keeper2, 'P001', 'A-01', 'add', 4); // a second counter on the same line: apart
    await enter(c.keeper, 'P002', 'A-01', 'set', 40);
    await enter(c.keeper, 'P002', 'A-01', 'add', -2);
    await enter(c.keeper, 'P002', 'A-01', 'set', 48);

    // Scans at the station, one undone before a typed set and one after it.
    await call(core, c.keeper, 'counts.countAtStation', { sessionId: s.id });
    const scan = (raw: string) => call(core, c!.keeper, 'scanner.submit', { raw, source: 'wedge' });
    await scan('A-01');
    await scan('6902234567899'); // P002 unit, on top of the typed 48
    await scan('6902234567899');
    await call(core, c.keeper, 'station.undoLastScan', {});
    await scan('6901234567892'); // P001 unit
    await enter(c.keeper, 'P001', 'A-01', 'set', 100);
    await scan('6901234567892');
    await call(core, c.keeper, 'station.undoLastScan', {});

    const { tallies, fold } = await talliesAndFold(db);
    expect(tallies).toEqual(fold);
    const lines = await db.selectFrom('count_lines').select(['id', 'product_id', 'location_id']).execute();
    const lineId = (code: string, bin: string) =>
      lines.find((l) => l.product_id === c!.product(code).id && l.location_id === c!.bin(bin))!.id;
    const qty = (code: string, bin: string, userId: number) =>
      tallies.find((t) => t.user_id === userId && t.line_id === lineId(code, bin))?.qty;
    expect(qty('P001', 'A-01', c.ids.keeper)).toBe(100);
    expect(qty('P001', 'A-01', c.ids.keeper2)).toBe(4);
    expect(qty('P002', 'A-01', c.ids.keeper)).toBe(49);

    // The migration's backfill, run on these entries, builds the same rows.
    await sql`DELETE FROM count_tallies`.execute(db);
    // As the migration ran it on each dialect (PostgreSQL's through the migration translator).
    await sql.raw(onPostgres() ? toPostgres(tallyBackfillSql) : tallyBackfillSql).execute(db);
    expect((await talliesAndFold(db)).tallies).toEqual(tallies);
  });

  it('start again in a recount round, the first round kept as evidence', async () => {
    c = await countWarehouse();
    const { core } = c.w;
    const s = await startZoneCount(c, [c.ids.keeper], { toleranceUnits: 0 });
    const sheet = await call(core, c.keeper, 'counts.sheet', { sessionId: s.id });
    for (const l of sheet.lines)
      await call(core, c.keeper, 'counts.enter', {
        sessionId: s.id,
        productId: l.productId,
        locationId: l.locationId,
        mode: 'set',
        qty: 1,
      });
    await call(core, c.keeper, 'counts.finishCounting', { sessionId: s.id });
    const r = await call(core, c.op, 'counts.reconcile', { sessionId: s.id });
    const line = r.lines[0]!;
    await call(core, c.op, 'counts.requestRecount', {
      sessionId: s.id,
      lineIds: [line.lineId],
      keeperId: c.ids.keeper2,
    });
    await call(core, c.keeper2, 'counts.enter', {
      sessionId: s.id,
      productId: line.productId,
      locationId: line.locationId,
      mode: 'add',
      qty: 9,
    });
    const { tallies, fold } = await talliesAndFold(core.database.db);
    expect(tallies).toEqual(fold);
    expect(tallies.filter((t) => t.line_id === line.lineId).map((t) => [t.round, t.user_id, t.qty])).toEqual([
      [1, c.ids.keeper, 1],
      [2, c.ids.keeper2, 9],
    ]);
  });
});
