// Follow-up calls and the complaint register (issue 16 §1, §4): a confirmed
// complaint is planned for a follow-up call that its handler never makes,
// the call is the register's follow-up step, and a call that raises an issue
// opens a complaint linked to it.
import { afterEach, describe, expect, it } from 'vitest';
import { call, newKey, refusal } from '../fixtures';
import { callsWarehouse, type CallsWarehouse } from './fixtures';

let cw: CallsWarehouse;
afterEach(async () => cw?.w.core.close());

const none = { refusalDays: 0, returnDays: 0, complaintDays: 0, deliverySharePct: 0, alwaysCall: false };

/** A complaint of C001 about order a, resolved by the operator and confirmed with the customer. */
async function confirmedComplaint() {
  const { w, op, sales1 } = cw;
  const supervisor = await w.as('supervisor');
  const c = await call(w.core, op, 'complaints.register', {
    customerId: cw.customer('C001'),
    channel: 'phone',
    content: '送货晚了',
    category: 'deliveryLate',
    orderId: cw.a.id,
    idempotencyKey: newKey(),
  });
  await call(w.core, op, 'complaints.judge', { complaintId: c.id, valid: true });
  await call(w.core, op, 'complaints.investigate', { complaintId: c.id, department: 'delivery' });
  const p = await call(w.core, op, 'complaints.propose', { complaintId: c.id, text: '致歉' });
  await call(w.core, supervisor, 'complaints.approve', { complaintId: c.id, solutionId: p.solutions[0]!.id });
  await call(w.core, op, 'complaints.resolve', { complaintId: c.id, result: '已致歉' });
  await call(w.core, sales1, 'complaints.confirm', { complaintId: c.id, note: '客户认可' });
  return c;
}

describe('calls and complaints', () => {
  it("plans a confirmed complaint's follow-up and never shares it to the person who resolved it", async () => {
    cw = await callsWarehouse();
    const c = await confirmedComplaint();
    const li = await cw.staff('li');
    const plan = await call(cw.w.core, cw.manager, 'calls.buildPlan', {
      period: 'day',
      date: cw.day,
      rules: { ...none, complaintDays: 3 },
    });
    expect(plan.calls.map((x) => [x.reason, x.sourceNo, x.avoidUserId])).toEqual([
      ['complaintClosed', c.number, await cw.userId('u-operator')],
    ]);
    // Whatever the loads, the share-out gives it to li, and the handler may not take it by hand.
    for (let i = 0; i < 3; i++) {
      const shared = await call(cw.w.core, cw.manager, 'calls.share', { planId: plan.id, mode: 'even' });
      expect(shared.calls[0]!.assignedTo).toBe(li.id);
    }
    expect(
      await refusal(cw.w.core, cw.manager, 'calls.assign', {
        callIds: [plan.calls[0]!.id],
        userId: await cw.userId('u-operator'),
      }),
    ).toMatchObject({ code: 'calls.handlerMayNotCall' });
    const done = await call(cw.w.core, li.caller, 'calls.record', {
      callId: plan.calls[0]!.id,
      outcome: 'satisfied',
      note: '客户满意',
    });
    expect(done.state).toBe('done');
    const after = await call(cw.w.core, cw.op, 'complaints.get', { complaintId: c.id });
    expect(after.state).toBe('followedUp');
  });

  it('opens a complaint linked to the call when the customer raises an issue', async () => {
    cw = await callsWarehouse();
    const plan = await call(cw.w.core, cw.manager, 'calls.buildPlan', {
      period: 'day',
      date: cw.day,
      rules: { ...none, refusalDays: 1 },
    });
    await call(cw.w.core, cw.manager, 'calls.share', { planId: plan.id, mode: 'even' });
    const id = plan.calls[0]!.id;
    expect(
      await refusal(cw.w.core, cw.op, 'calls.record', { callId: id, outcome: 'issueRaised', note: '' }),
    ).toMatchObject({ code: 'calls.issueNoteRequired' });
    const raised = await call(cw.w.core, cw.op, 'calls.record', {
      callId: id,
      outcome: 'issueRaised',
      note: '外箱压坏，要求赔偿',
      category: 'goodsDamaged',
    });
    expect(raised.complaintId).not.toBeNull();
    const complaint = await call(cw.w.core, cw.op, 'complaints.get', { complaintId: raised.complaintId! });
    expect([complaint.customerCode, complaint.channel, complaint.content, complaint.category, complaint.state]).toEqual(
      ['C002', 'followUpCall', '外箱压坏，要求赔偿', 'goodsDamaged', 'received'],
    );
    expect(complaint.orderNumber).toBe(cw.c.number);
    const page = await call(cw.w.core, cw.op, 'customers.overview', { customerId: cw.customer('C002') });
    expect(page.complaints.map((x) => x.id)).toEqual([raised.complaintId]);
    expect(page.refusals.map((x) => [x.orderNumber, x.qty])).toEqual([[cw.c.number, 10]]);
    expect(page.calls.map((x) => [x.reason, x.outcome])).toEqual([['refusal', 'issueRaised']]);
  });
});
