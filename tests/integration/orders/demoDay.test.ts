// The demo warehouse's day of orders (issue 11 §10): tomorrow's ≈5,200 orders
// at the reference scale, with phone orders awaiting confirmation, orders
// unqualified for each reason, some short, a few emergencies — released, its
// stock received today and reserved.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderReasons } from '../../../shared/contract';
import { call, openDemoCore } from '../fixtures';
import type { Core } from '../../../electron/core/core';
import type { Caller } from '../../../electron/core/context';

let core: Core;
let op: Caller;
beforeAll(async () => {
  // The run's demo warehouse, copied (built by the first file that asks).
  core = await openDemoCore();
  op = core.newCaller('op');
  await call(core, op, 'auth.login', { username: 'operator', secret: 'demo1234' });
}, 120_000);
afterAll(async () => core.close());

describe('the demo day of orders', () => {
  it('holds tomorrow’s ≈5,200 orders and ~20,000 lines, every state of the day present', async () => {
    // Tomorrow's day: the demo also has a dozen orders delivered two days ago (the returns refer to them).
    const all = await call(core, op, 'orders.list', {});
    const perDay = new Map<string | null, number>();
    for (const o of all) perDay.set(o.dispatchDate, (perDay.get(o.dispatchDate) ?? 0) + 1);
    const day = [...perDay.entries()].sort((a, b) => b[1] - a[1])[0]![0];
    const rows = all.filter((o) => o.dispatchDate === day);
    expect(rows.length).toBeGreaterThanOrEqual(5200);
    const lines = rows.reduce((s, o) => s + o.lineCount, 0);
    expect(lines).toBeGreaterThan(18_000);
    const units = rows.reduce((s, o) => s + o.units, 0) / rows.length;
    expect(units).toBeGreaterThan(10);
    const states = new Set(rows.map((o) => o.state));
    // The day is released: nothing qualified waits; held, phone and short orders stay as a real day has them.
    expect([...states].sort()).toEqual(['awaitingConfirmation', 'held', 'released', 'short']);
    expect(rows.filter((o) => o.emergency).length).toBeGreaterThan(10);
  });

  it('is released with its stock reserved: most orders released, every emergency order among them', async () => {
    const rows = await call(core, op, 'orders.list', {});
    expect(rows.filter((o) => o.state === 'released').length).toBeGreaterThan(4800);
    expect(rows.filter((o) => o.emergency && o.state !== 'released')).toEqual([]);
    const shortRows = rows.filter((o) => o.state === 'short');
    expect(shortRows.length).toBeGreaterThanOrEqual(20);
    expect(shortRows.length).toBeLessThan(50);
  });

  it('has orders unqualified for each reason', async () => {
    const rows = await call(core, op, 'orders.list', { states: ['held'] });
    const seen = new Set(rows.flatMap((o) => o.issues.map((i) => i.reason)));
    for (const r of orderReasons.filter((x) => !['missingDate', 'datesOutOfOrder', 'noLines'].includes(x)))
      expect([r, seen.has(r)]).toEqual([r, true]);
  });

  it('gives the salesperson a list of their customers’ phone orders to confirm', async () => {
    const sales = core.newCaller('sales');
    await call(core, sales, 'auth.login', { username: 'sales', secret: 'demo1234' });
    const pending = await call(core, sales, 'orders.pendingConfirmation', {});
    expect(pending.length).toBeGreaterThan(20);
    expect(new Set(pending.map((o) => o.salespersonName))).toEqual(new Set(['陈业务']));
  });

  it('puts the short orders on the daily confirmation list with their figures', async () => {
    const rows = await call(core, op, 'orders.list', { states: ['short'] });
    const list = await call(core, op, 'orders.confirmationList', { dispatchDate: rows[0]!.dispatchDate! });
    expect(list.length).toBeGreaterThanOrEqual(20);
    expect(list[0]!.lines[0]!.shortfall).toBeGreaterThan(0);
  });
});
