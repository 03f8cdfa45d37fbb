// Classes drive the call plan (issue 17 §4): "every A customer after each
// refusal" — the rule classARefusalDays calls each refusal of the last N days
// by a customer the customer value analysis puts in class A over the year
// before the plan, and no one else's; with the refusal rule on as well, every
// refusal is still called once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../../electron/core/context';
import { addDays, today } from '../../../electron/core/orders/dates';
import { call, openWarehouse, type Warehouse } from '../fixtures';
import { seedCustomers, seedHistory } from '../analyses/customerValueSeed';

let w: Warehouse;
let manager: Caller;
let day: string;
let ids: number[];

beforeAll(async () => {
  w = await openWarehouse({ now: () => new Date('2026-06-15T04:00:00Z') });
  manager = await w.as('csManager');
  const db = w.core.database.db;
  day = today(w.core.now(), w.core.timeZone);
  ids = await seedCustomers(db, 10);
  const id = (n: number) => ids[n - 1]!;
  // The year before: V001 carries nearly all the value (class A), the others a little each (C).
  await seedHistory(db, [
    ...[1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => ({
      customerId: id(n),
      day: addDays(day, -100 - n),
      outcome: 'signed' as const,
      amountFen: n === 1 ? 2_000_000 : 10_000,
    })),
    // Refusals: V001 two and six days ago, V005 two days ago (C), all this week.
    { customerId: id(1), day: addDays(day, -2), outcome: 'refused', amountFen: 5_000 },
    { customerId: id(1), day: addDays(day, -6), outcome: 'partlyRefused', amountFen: 5_000, refusedFen: 1_000 },
    { customerId: id(5), day: addDays(day, -2), outcome: 'refused', amountFen: 5_000 },
  ]);
}, 60_000);
afterAll(async () => w.core.close());

const refusalCustomers = (plan: { calls: { reason: string; customerCode: string }[] }) =>
  plan.calls
    .filter((c) => c.reason === 'refusal')
    .map((c) => c.customerCode)
    .sort();

describe('the class A refusal rule', () => {
  it("plans a call for each of an A customer's refusals of the last week, none for a C customer's", async () => {
    const a = await call(w.core, manager, 'analyses.customerValue', {
      from: addDays(day, -365),
      to: addDays(day, -1),
    });
    expect(a.rows.find((r) => r.customerCode === 'V001')!.valueClass).toBe('A');
    expect(a.rows.find((r) => r.customerCode === 'V005')!.valueClass).toBe('C');

    const plan = await call(w.core, manager, 'calls.buildPlan', {
      period: 'day',
      date: day,
      rules: { refusalDays: 0, returnDays: 0, complaintDays: 0, alwaysCall: false, classARefusalDays: 7 },
    });
    expect(refusalCustomers(plan)).toEqual(['V001', 'V001']);
  });

  it('calls each refusal once when the refusal rule covers it too', async () => {
    const plan = await call(w.core, manager, 'calls.buildPlan', {
      period: 'day',
      date: day,
      rules: { refusalDays: 3, returnDays: 0, complaintDays: 0, alwaysCall: false, classARefusalDays: 7 },
    });
    // V005's refusal joins through the plain rule; V001's two stay one call each.
    expect(refusalCustomers(plan)).toEqual(['V001', 'V001', 'V005']);
  });
});
