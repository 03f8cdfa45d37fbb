// The follow-up call plan 回访计划 (issue 16 §4): built from each rule, every
// prompt planned once whatever the plan, due by the 3-day rule.
import { afterEach, describe, expect, it } from 'vitest';
import { addDays } from '../../../electron/core/orders/dates';
import { call, newKey, refusal } from '../fixtures';
import { callsWarehouse, type CallsWarehouse } from './fixtures';

let cw: CallsWarehouse;
afterEach(async () => cw?.w.core.close());

const only = { refusalDays: 0, returnDays: 0, complaintDays: 0, deliverySharePct: 0, alwaysCall: false };

describe('call plan from rules', () => {
  it('plans a call for each refusal of the last N days, due three days after it, once', async () => {
    cw = await callsWarehouse();
    const plan = await call(cw.w.core, cw.manager, 'calls.buildPlan', {
      period: 'day',
      date: cw.day,
      rules: { ...only, refusalDays: 3 },
    });
    expect(plan.calls.map((c) => [c.reason, c.customerCode, c.sourceNo, c.dueDate])).toEqual([
      ['refusal', 'C002', cw.c.number, addDays(cw.day, 3)],
    ]);
    // Again, and in the week's plan: the refusal is not called about twice.
    const again = await call(cw.w.core, cw.manager, 'calls.buildPlan', {
      period: 'day',
      date: cw.day,
      rules: { ...only, refusalDays: 3 },
    });
    expect(again.calls).toHaveLength(1);
    const week = await call(cw.w.core, cw.manager, 'calls.buildPlan', {
      period: 'week',
      date: cw.day,
      rules: { ...only, refusalDays: 7 },
    });
    expect(week.calls).toHaveLength(0);
  });

  it('leaves out a refusal older than the last N days', async () => {
    cw = await callsWarehouse();
    const later = await call(cw.w.core, cw.manager, 'calls.buildPlan', {
      period: 'day',
      date: addDays(cw.day, 4),
      rules: { ...only, refusalDays: 3 },
    });
    expect(later.calls).toHaveLength(0);
  });

  it('plans a call for each return report of the last N days, once', async () => {
    cw = await callsWarehouse();
    const r = await call(cw.w.core, cw.sales1, 'returns.report', {
      customerId: cw.customer('C001'),
      orderIds: [cw.a.id],
      lines: [{ productId: cw.product('P001'), qty: 2, reason: 'quality' }],
      idempotencyKey: newKey(),
    });
    const rules = { ...only, returnDays: 2 };
    const plan = await call(cw.w.core, cw.manager, 'calls.buildPlan', { period: 'day', date: cw.day, rules });
    expect(plan.calls.map((c) => [c.reason, c.customerCode, c.sourceKind, c.sourceNo])).toEqual([
      ['return', 'C001', 'return', r.number],
    ]);
    const next = await call(cw.w.core, cw.manager, 'calls.buildPlan', {
      period: 'day',
      date: addDays(cw.day, 1),
      rules,
    });
    expect(next.calls).toHaveLength(0);
  });

  it('calls each always-call customer once in every plan', async () => {
    cw = await callsWarehouse();
    await call(cw.w.core, cw.manager, 'calls.setAlwaysCall', { customerId: cw.customer('C009'), alwaysCall: true });
    const rules = { ...only, alwaysCall: true };
    const first = await call(cw.w.core, cw.manager, 'calls.buildPlan', { period: 'day', date: cw.day, rules });
    await call(cw.w.core, cw.manager, 'calls.buildPlan', { period: 'day', date: cw.day, rules });
    const second = await call(cw.w.core, cw.manager, 'calls.buildPlan', {
      period: 'day',
      date: addDays(cw.day, 1),
      rules,
    });
    for (const plan of [await call(cw.w.core, cw.op, 'calls.plan', { planId: first.id }), second])
      expect(plan.calls.map((c) => [c.reason, c.customerCode])).toEqual([['alwaysCall', 'C009']]);
    const overview = await call(cw.w.core, cw.op, 'customers.overview', { customerId: cw.customer('C009') });
    expect(overview.customer.alwaysCall).toBe(true);
    expect(overview.calls).toHaveLength(2);
  });

  it('samples a share of the signed deliveries, one call a customer, topped up not redrawn', async () => {
    cw = await callsWarehouse();
    const rules = { ...only, deliverySharePct: 50 };
    const plan = await call(cw.w.core, cw.manager, 'calls.buildPlan', { period: 'day', date: cw.day, rules });
    expect(plan.calls.map((c) => [c.reason, c.customerCode])).toEqual([['deliverySample', 'C001']]);
    expect([cw.a.number, cw.b.number]).toContain(plan.calls[0]!.sourceNo);
    const again = await call(cw.w.core, cw.manager, 'calls.buildPlan', { period: 'day', date: cw.day, rules });
    expect(again.calls.map((c) => c.id)).toEqual(plan.calls.map((c) => c.id));
  });

  it('adds a call by hand, and refuses an unknown customer writing nothing', async () => {
    cw = await callsWarehouse();
    const plan = await call(cw.w.core, cw.manager, 'calls.buildPlan', { period: 'day', date: cw.day, rules: only });
    const added = await call(cw.w.core, cw.manager, 'calls.add', {
      planId: plan.id,
      customerId: cw.customer('C001'),
      note: '节日回访',
    });
    expect([added.reason, added.customerCode, added.note, added.dueDate]).toEqual([
      'byHand',
      'C001',
      '节日回访',
      addDays(cw.day, 3),
    ]);
    expect(
      await refusal(cw.w.core, cw.manager, 'calls.add', { planId: plan.id, customerId: 999_999, note: '' }),
    ).toMatchObject({ code: 'calls.unknownCustomer' });
    expect(
      await refusal(cw.w.core, cw.op, 'calls.buildPlan', { period: 'day', date: cw.day, rules: only }),
    ).toMatchObject({ code: 'auth.forbidden' });
    expect((await call(cw.w.core, cw.op, 'calls.plan', { planId: plan.id })).calls).toHaveLength(1);
  });
});
