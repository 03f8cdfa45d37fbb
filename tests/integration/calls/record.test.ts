// Sharing out and recording calls 回访记录表 (issue 16 §4): evenly or by area,
// only the assignee records, no answer tries again the next day, call back
// waits for the agreed time, and the summary counts what was done.
import { afterEach, describe, expect, it } from 'vitest';
import { addDays } from '../../../electron/core/orders/dates';
import { call, refusal } from '../fixtures';
import { callsWarehouse, type CallsWarehouse } from './fixtures';

let cw: CallsWarehouse;
afterEach(async () => cw?.w.core.close());

const none = { refusalDays: 0, returnDays: 0, complaintDays: 0, deliverySharePct: 0, alwaysCall: false };

async function handPlan(customers: string[]) {
  const plan = await call(cw.w.core, cw.manager, 'calls.buildPlan', { period: 'day', date: cw.day, rules: none });
  for (const code of customers)
    await call(cw.w.core, cw.manager, 'calls.add', { planId: plan.id, customerId: cw.customer(code), note: '' });
  return plan.id;
}

describe('share-out and recording', () => {
  it('shares calls evenly among the CS staff', async () => {
    cw = await callsWarehouse();
    const li = await cw.staff('li');
    const planId = await handPlan(['C001', 'C001', 'C002', 'C002', 'C009', 'C009', 'C009']);
    const plan = await call(cw.w.core, cw.manager, 'calls.share', { planId, mode: 'even' });
    expect(plan.unassigned).toBe(0);
    const loads = plan.staff.map((s) => s.calls).sort();
    expect(loads).toEqual([3, 4]);
    expect(plan.staff.map((s) => s.userId).sort()).toEqual([await cw.userId('u-operator'), li.id].sort());
  });

  it('shares by area: each area whole to one person', async () => {
    cw = await callsWarehouse();
    await cw.staff('li');
    const planId = await handPlan(['C001', 'C001', 'C002', 'C009']);
    const plan = await call(cw.w.core, cw.manager, 'calls.share', { planId, mode: 'area' });
    const byArea = new Map<string, Set<number | null>>();
    for (const c of plan.calls) byArea.set(c.area, (byArea.get(c.area) ?? new Set()).add(c.assignedTo));
    expect([...byArea.values()].every((s) => s.size === 1)).toBe(true);
    expect(plan.staff.map((s) => s.calls).sort()).toEqual([2, 2]);
  });

  it('lets only the assignee record a call; anyone else is refused and nothing is written', async () => {
    cw = await callsWarehouse();
    const li = await cw.staff('li');
    const planId = await handPlan(['C001']);
    const [c] = await call(cw.w.core, cw.manager, 'calls.assign', {
      callIds: [(await call(cw.w.core, cw.op, 'calls.plan', { planId })).calls[0]!.id],
      userId: li.id,
    });
    expect(
      await refusal(cw.w.core, cw.op, 'calls.record', { callId: c!.id, outcome: 'satisfied', note: '' }),
    ).toMatchObject({ code: 'calls.notYours', details: { assignee: 'li' } });
    const after = await call(cw.w.core, cw.op, 'calls.get', { callId: c!.id });
    expect([after.state, after.attempts, after.attempts_]).toEqual(['planned', 0, []]);
    const done = await call(cw.w.core, li.caller, 'calls.record', {
      callId: c!.id,
      outcome: 'satisfied',
      note: '满意',
    });
    expect([done.state, done.outcome, done.doneDate, done.late]).toEqual(['done', 'satisfied', cw.day, false]);
    expect(done.attempts_.map((t) => [t.outcome, t.note, t.recordedBy])).toEqual([['satisfied', '满意', 'li']]);
    expect(
      await refusal(cw.w.core, li.caller, 'calls.record', { callId: c!.id, outcome: 'satisfied', note: '' }),
    ).toMatchObject({ code: 'calls.wrongState' });
  });

  it('tries again the next day after no answer, and waits for the agreed time to call back', async () => {
    cw = await callsWarehouse();
    const planId = await handPlan(['C001']);
    await call(cw.w.core, cw.manager, 'calls.share', { planId, mode: 'even' });
    const sheet = await call(cw.w.core, cw.op, 'calls.sheet', { planId });
    const id = sheet.calls[0]!.id;
    const noAnswer = await call(cw.w.core, cw.op, 'calls.record', { callId: id, outcome: 'noAnswer', note: '' });
    expect([noAnswer.state, noAnswer.attempts, noAnswer.nextDate > cw.day]).toEqual(['planned', 1, true]);
    expect(
      await refusal(cw.w.core, cw.op, 'calls.record', { callId: id, outcome: 'callBack', note: '' }),
    ).toMatchObject({ code: 'calls.callBackTimeRequired' });
    const at = new Date(Date.now() + 2 * 86_400_000).toISOString();
    const later = await call(cw.w.core, cw.op, 'calls.record', {
      callId: id,
      outcome: 'callBack',
      note: '下午再打',
      callBackAt: at,
    });
    expect([later.state, later.callBackAt, later.attempts]).toEqual(['callBack', at, 2]);
    // A re-share leaves a call already tried with its person.
    await cw.staff('li');
    await call(cw.w.core, cw.manager, 'calls.add', { planId, customerId: cw.customer('C002'), note: '' });
    const shared = await call(cw.w.core, cw.manager, 'calls.share', { planId, mode: 'even' });
    expect(shared.calls.find((c) => c.id === id)!.assignedTo).toBe(await cw.userId('u-operator'));
  });

  it('sums the period in the follow-up summary', async () => {
    cw = await callsWarehouse();
    const planId = await handPlan(['C001', 'C002', 'C009']);
    await call(cw.w.core, cw.manager, 'calls.share', { planId, mode: 'even' });
    const [x, y] = (await call(cw.w.core, cw.op, 'calls.sheet', { planId })).calls;
    await call(cw.w.core, cw.op, 'calls.record', { callId: x!.id, outcome: 'satisfied', note: '' });
    await call(cw.w.core, cw.op, 'calls.record', { callId: y!.id, outcome: 'noAnswer', note: '' });
    const range = { from: cw.day, to: addDays(cw.day, 6) };
    await call(cw.w.core, cw.manager, 'calls.saveSummaryNote', { ...range, note: '整体满意' });
    const s = await call(cw.w.core, cw.op, 'calls.summary', range);
    expect([
      s.planned,
      s.done,
      s.satisfied,
      s.noAnswerAttempts,
      s.open,
      s.satisfactionPermille,
      s.onTimePermille,
    ]).toEqual([3, 1, 1, 1, 2, 1000, 1000]);
    expect(s.byReason).toEqual([{ key: 'byHand', calls: 3, done: 1, satisfied: 1, issueRaised: 0 }]);
    expect([s.note, s.noteBy]).toEqual(['整体满意', 'csManager']);
  });
});
