// Complaint deadlines (issue 16 §2) with a fake clock in the warehouse's zone:
// the first response 24 h after receipt, the resolution at the end of the
// third working day after the day received — weekends skipped, a holiday
// skipped, a make-up working day 调休 counted — and where a complaint stands
// (on time, at risk, overdue, met, missed) as the clock moves.
import { afterEach, describe, expect, it } from 'vitest';
import { call, newKey, openWarehouse, refusal, type Warehouse } from '../fixtures';

let w: Warehouse;
afterEach(async () => w?.core.close());

// Thursday 3 December 2026, 10:00 in Shanghai (UTC+8).
let now = new Date('2026-12-03T02:00:00Z');
const at = (iso: string) => (now = new Date(iso));

async function setup() {
  now = new Date('2026-12-03T02:00:00Z');
  // Sessions outlive the days the clock jumps over.
  const month = 31 * 86_400_000;
  w = await openWarehouse({ now: () => now, timeZone: 'Asia/Shanghai', sessionIdleMs: month, sessionMaxMs: month });
  return { op: await w.as('operator'), manager: await w.as('csManager'), supervisor: await w.as('supervisor') };
}

const register = (caller: Awaited<ReturnType<Warehouse['as']>>) =>
  call(w.core, caller, 'complaints.register', {
    callerName: '王女士',
    channel: 'phone',
    content: '货送错了',
    category: 'wrongGoods',
    idempotencyKey: newKey(),
  });

describe('complaint deadlines', () => {
  it('counts three working days over the weekend: Thursday → end of Tuesday', async () => {
    const { op } = await setup();
    const c = await register(op);
    expect(c.receivedDate).toBe('2026-12-03');
    expect(c.responseDueAt).toBe('2026-12-04T02:00:00.000Z');
    // Fri 4, (Sat 5, Sun 6), Mon 7, Tue 8 → 24:00 Tuesday in Shanghai.
    expect(c.resolveDueAt).toBe('2026-12-08T16:00:00.000Z');
  });

  it('skips a holiday and counts a make-up working day, and recomputes open complaints when the calendar changes', async () => {
    const { op, manager } = await setup();
    const c = await register(op);
    await call(w.core, manager, 'complaints.setCalendarDay', { date: '2026-12-07', kind: 'holiday', note: '假日' });
    // Fri 4, Tue 8, Wed 9.
    expect((await call(w.core, op, 'complaints.get', { complaintId: c.id })).resolveDueAt).toBe(
      '2026-12-09T16:00:00.000Z',
    );
    await call(w.core, manager, 'complaints.setCalendarDay', { date: '2026-12-05', kind: 'workday', note: '调休' });
    // Fri 4, Sat 5 (make-up), Tue 8.
    expect((await call(w.core, op, 'complaints.get', { complaintId: c.id })).resolveDueAt).toBe(
      '2026-12-08T16:00:00.000Z',
    );
    const cal = await call(w.core, op, 'complaints.calendar', { year: 2026 });
    expect(cal).toMatchObject({ responseHours: 24, resolveWorkingDays: 3 });
    expect(cal.days.map((d) => [d.date, d.kind])).toEqual([
      ['2026-12-05', 'workday'],
      ['2026-12-07', 'holiday'],
    ]);
    expect((await refusal(w.core, op, 'complaints.setCalendarDay', { date: '2026-12-08', kind: 'holiday' })).code).toBe(
      'auth.forbidden',
    );
  });

  it('follows the configured rules: 12 h to respond, 2 working days to resolve', async () => {
    const { op, manager } = await setup();
    await call(w.core, manager, 'complaints.setRules', { responseHours: 12, resolveWorkingDays: 2 });
    const c = await register(op);
    expect(c.responseDueAt).toBe('2026-12-03T14:00:00.000Z');
    // Fri 4, Mon 7.
    expect(c.resolveDueAt).toBe('2026-12-07T16:00:00.000Z');
  });

  it('shows on time, at risk and overdue as the clock moves, then met or missed', async () => {
    const { op, supervisor } = await setup();
    const c = await register(op);
    const deadline = async () => (await call(w.core, op, 'complaints.get', { complaintId: c.id })).deadline;
    expect(await deadline()).toMatchObject({ kind: 'response', status: 'onTime' });
    at('2026-12-03T22:00:00Z'); // 4 h of 24 left
    expect(await deadline()).toMatchObject({ kind: 'response', status: 'atRisk' });
    expect((await call(w.core, op, 'complaints.summary', {})).atRisk).toBe(1);
    at('2026-12-04T03:00:00Z');
    expect(await deadline()).toMatchObject({ kind: 'response', status: 'overdue' });
    expect((await call(w.core, op, 'complaints.list', { deadline: 'overdue' })).map((r) => r.id)).toEqual([c.id]);
    await call(w.core, op, 'complaints.judge', { complaintId: c.id, valid: true });
    expect(await deadline()).toMatchObject({ kind: 'resolve', status: 'onTime', dueAt: '2026-12-08T16:00:00.000Z' });
    at('2026-12-08T17:00:00Z'); // Wednesday 01:00 in Shanghai: past the end of Tuesday
    expect(await deadline()).toMatchObject({ kind: 'resolve', status: 'overdue' });
    expect(await call(w.core, op, 'complaints.summary', {})).toMatchObject({ open: 1, overdue: 1, atRisk: 0 });
    // Resolved late: the resolution deadline missed, and no longer open.
    await call(w.core, op, 'complaints.investigate', { complaintId: c.id, department: 'warehouse' });
    const p = await call(w.core, op, 'complaints.propose', { complaintId: c.id, text: '换货' });
    await call(w.core, supervisor, 'complaints.approve', { complaintId: c.id, solutionId: p.solutions[0]!.id });
    await call(w.core, op, 'complaints.resolve', { complaintId: c.id, result: '已换货' });
    expect(await deadline()).toMatchObject({ kind: 'resolve', status: 'missed' });
    expect(await call(w.core, op, 'complaints.summary', {})).toMatchObject({ open: 0, overdue: 0 });
  });
});
