// Migration 40 on a database that already holds deliveries: the per-day
// customer figures are filled from the outcomes recorded before it (signed,
// partly refused with what was refused, refused whole), and kept by its
// triggers for the outcomes recorded after.
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/core/db/migrate';
import { databasePath, openDatabase } from '../../../electron/core/db/open';
import { tempDataDir } from '../fixtures';
import { seedCustomers, seedHistory, type SeedOrder } from './customerValueSeed';

type Day = {
  customer_id: number;
  day: string;
  delivered: number;
  amount_fen: number;
  refusals: number;
  refused_fen: number;
};

function expected(orders: SeedOrder[]): Day[] {
  const m = new Map<string, Day>();
  for (const o of orders) {
    const k = `${o.customerId}|${o.day}`;
    const d = m.get(k) ?? {
      customer_id: o.customerId,
      day: o.day,
      delivered: 0,
      amount_fen: 0,
      refusals: 0,
      refused_fen: 0,
    };
    if (o.outcome !== 'refused') {
      d.delivered += 1;
      d.amount_fen += o.amountFen;
    }
    if (o.outcome !== 'signed') d.refusals += 1;
    if (o.outcome === 'partlyRefused') d.refused_fen += o.refusedFen ?? 0;
    m.set(k, d);
  }
  return [...m.values()].sort((a, b) => a.customer_id - b.customer_id || a.day.localeCompare(b.day));
}

describe('migration 40', () => {
  it("fills each customer's day from the outcomes already recorded, then keeps it as more are recorded", async () => {
    const dir = tempDataDir();
    const raw = new Database(databasePath(dir));
    migrate(raw, 36);
    const rawDb = new Kysely<unknown>({ dialect: new SqliteDialect({ database: raw }) });
    const [a, b] = await seedCustomers(rawDb, 2);
    const before: SeedOrder[] = [
      { customerId: a!, day: '2026-03-02', outcome: 'signed', amountFen: 10_000 },
      { customerId: a!, day: '2026-03-02', outcome: 'partlyRefused', amountFen: 8_000, refusedFen: 3_000 },
      { customerId: b!, day: '2026-03-03', outcome: 'refused', amountFen: 5_000 },
    ];
    await seedHistory(rawDb, before);
    await rawDb.destroy();

    const { sqlite, db } = openDatabase(dir);
    const days = () => sqlite.prepare('SELECT * FROM customer_value_days ORDER BY customer_id, day').all();
    expect(days()).toEqual(expected(before));
    const after: SeedOrder[] = [
      { customerId: a!, day: '2026-03-02', outcome: 'partlyRefused', amountFen: 4_000, refusedFen: 500 },
      { customerId: b!, day: '2026-03-04', outcome: 'signed', amountFen: 2_000 },
    ];
    await seedHistory(db, after);
    expect(days()).toEqual(expected([...before, ...after]));
    sqlite.close();
  });
});
