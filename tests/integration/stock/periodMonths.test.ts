// The monthly figures (stock/periodFigures.ts): a posting writes its day's
// figures, and its month's only where the months table already reaches; a
// month is rolled up from its days when a later month's first posting comes.
// Whatever order the clock takes, the opening balances the reports read equal
// the ledger and `cangwu check` finds nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkIntegrity } from '../../../electron/core/db/integrity';
import { openingAt } from '../../../electron/core/reports/figures';
import { newKey, openWarehouse, call, type Warehouse } from '../fixtures';

let clock = new Date('2026-01-15T10:00:00+08:00');
let w: Warehouse;
beforeAll(async () => {
  w = await openWarehouse({ now: () => clock, timeZone: 'Asia/Shanghai' });
});
afterAll(async () => w?.core.close());

async function receiveAt(at: string, qty: number) {
  clock = new Date(at);
  // Logged in at each moment: months apart, an earlier session would have expired.
  const keeper = await w.as('warehouseKeeper');
  await call(w.core, keeper, 'receipts.post', {
    deliveryNote: `QS-${at.slice(0, 10)}`,
    arrivedAt: clock.toISOString(),
    idempotencyKey: newKey(),
    lines: [{ productId: w.products[0]!.id, status: 'good', locationId: w.bins[0]!.id, qty }],
  });
}

const monthsInTable = async () =>
  (await w.core.database.db.selectFrom('period_months').select('month').distinct().orderBy('month').execute()).map(
    (r) => r.month,
  );

const openingQty = async (day: string) =>
  (await openingAt(w.core.database.db, day, null)).get(`${w.products[0]!.id}|good`)?.qty ?? 0;

describe('monthly period figures', () => {
  it('roll a month up when the next month posts, take a posting into a month they reach, and keep openings equal to the ledger', async () => {
    await receiveAt('2026-01-15T10:00:00+08:00', 10);
    // The month being posted is not in the table: its days are.
    expect(await monthsInTable()).toEqual([]);
    expect(await openingQty('2026-01-16')).toBe(10);

    // March's first posting rolls January up (February had nothing).
    await receiveAt('2026-03-03T09:00:00+08:00', 5);
    expect(await monthsInTable()).toEqual(['2026-01']);

    // A clock set back into January: the month the table holds moves with the posting.
    await receiveAt('2026-01-20T16:00:00+08:00', 2);
    expect(await monthsInTable()).toEqual(['2026-01']);

    expect(await openingQty('2026-01-20')).toBe(10);
    expect(await openingQty('2026-02-01')).toBe(12);
    expect(await openingQty('2026-03-03')).toBe(12);
    expect(await openingQty('2026-03-04')).toBe(17);
    expect((await checkIntegrity(w.core.database.db)).findings).toEqual([]);
  });
});
