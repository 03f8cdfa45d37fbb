// Templates must give exactly what the query builder gives, for every shape,
// and never run a query with a value from an earlier call.
import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openDatabase, type OpenedDatabase } from '../../../electron/core/db/open';
import { runTemplate } from '../../../electron/core/db/queryTemplate';
import { tempDataDir } from '../fixtures';

let opened: OpenedDatabase | undefined;
afterEach(async () => {
  await opened?.db.destroy();
  opened = undefined;
});

function database() {
  opened = openDatabase(tempDataDir('template'));
  return opened;
}

describe('runTemplate', () => {
  it('runs each call with its own values, for IN lists of any length', async () => {
    const { db, sqlite } = database();
    const at = new Date().toISOString();
    const insert = sqlite.prepare(
      "INSERT INTO products (code, name_zh, unit, case_pack, unit_cost_fen, created_at, updated_at) VALUES (?, ?, '个', 1, ?, ?, ?)",
    );
    for (let i = 1; i <= 20; i++) insert.run(`P${i}`, `商品${i}`, i * 10, at, at);
    const byTemplate = (ids: number[]) =>
      runTemplate(db, 'test.costs', ids, (p) =>
        db.selectFrom('products').select(['code', 'unit_cost_fen']).where('id', 'in', p).orderBy('id'),
      );
    for (const ids of [[1, 2, 3], [4, 5, 6], [7], [20, 19, 18, 17, 16, 15], [1, 2, 3]]) {
      const expected = await db
        .selectFrom('products')
        .select(['code', 'unit_cost_fen'])
        .where('id', 'in', ids)
        .orderBy('id')
        .execute();
      expect((await byTemplate(ids)).rows).toEqual(expected);
    }
  });

  it('inserts rows as the builder would, including nulls, and keeps undefined columns out', async () => {
    const { db } = database();
    const at = new Date().toISOString();
    const rows = (call: number, n: number, withSpec: boolean) =>
      Array.from({ length: n }, (_, i) => ({
        code: `T${call}-${i}`,
        name_zh: `样品${i}`,
        name_en: '',
        category: '',
        active: 1,
        spec: withSpec ? `${i}ml` : undefined,
        unit: '瓶',
        case_pack: 1 + i,
        unit_cost_fen: 5 * i,
        replaced_by_id: null,
        created_at: at,
        updated_at: at,
      }));
    const calls = [
      rows(1, 3, true),
      rows(2, 3, false),
      rows(3, 1, true),
      rows(4, 3, true), // the shape of the first call: its template, these values
    ];
    // Kysely's types have no undefined columns; the builder still leaves them out at run time.
    for (const r of calls) await runTemplate(db, 'test.insert', r, (p) => db.insertInto('products').values(p as never));
    const stored = await db.selectFrom('products').select(['code', 'spec', 'case_pack']).orderBy('id').execute();
    expect(stored.map((p) => p.code)).toEqual(calls.flat().map((r) => r.code));
    // Undefined spec left the column to its default, as the builder does.
    expect(stored.filter((p) => p.spec === '').map((p) => p.code)).toEqual(['T2-0', 'T2-1', 'T2-2']);
    expect(stored.find((p) => p.code === 'T4-2')).toMatchObject({ spec: '2ml', case_pack: 3 });
  });

  it('refuses a shape whose builder leaves a parameter out', async () => {
    const { db } = database();
    await expect(
      runTemplate(db, 'test.unbound', { a: 1, b: 2 }, (p) =>
        db
          .selectFrom('products')
          .select('id')
          .where('id', '=', p.a)
          .where(sql`1`, '=', 1),
      ),
    ).rejects.toThrow(/not bound/);
  });
});
