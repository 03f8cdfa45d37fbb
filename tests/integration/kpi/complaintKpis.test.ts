// The complaint KPIs in the tracker and the monthly review (issue 14 leftovers,
// issue 16 §2): over complaints received across October 2026 — weekends, the
// National Day holiday (1–7 October) and a make-up working Saturday — the
// tracker's received, valid, resolved-on-time and average working days to
// resolve equal independent SQL per week and for the month; each drills down
// to its complaints (the missed ones first, each with its id to open it); a
// target grades them; a signed-off review keeps them as they were.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../../electron/core/context';
import { defaultTimeZone } from '../../../electron/core/clock';
import { resolveDueAt, responseDueAt } from '../../../electron/core/complaints/deadlines';
import { addDays, today } from '../../../electron/core/orders/dates';
import { complaintKpiOf, type ComplaintKpi } from '../../helpers/complaintKpiSql';
import { call, openWarehouse, type Warehouse } from '../fixtures';

const month = '2026-10';
const now = new Date('2026-11-20T04:00:00.000Z');
const complaintKpis: ComplaintKpi[] = [
  'complaintsReceived',
  'complaintsValid',
  'complaintsResolvedOnTime',
  'complaintResolutionDays',
];
let w: Warehouse;
let supervisor: Caller;
let manager: Caller;
let seq = 0;

/** A complaint received at `receivedAt`, judged valid or not, resolved `resolveHours` later (or not at all). */
async function insertComplaint(receivedAt: Date, valid: boolean | null, resolveHours: number | null) {
  const db = w.core.database.db;
  const overrides = new Map(
    (await db.selectFrom('working_calendar').select(['date', 'kind']).execute()).map((r) => [
      r.date,
      r.kind as 'holiday' | 'workday',
    ]),
  );
  const rules = { responseHours: 24, resolveWorkingDays: 3 };
  const user = (await db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow()).id;
  const resolvedAt =
    valid && resolveHours !== null ? new Date(receivedAt.getTime() + resolveHours * 3_600_000).toISOString() : null;
  seq++;
  await db
    .insertInto('complaints')
    .values({
      number: `TS-${String(seq).padStart(5, '0')}`,
      state: resolvedAt ? 'resolved' : valid === null ? 'received' : 'judged',
      caller_name: '王先生',
      channel: 'phone',
      received_at: receivedAt.toISOString(),
      received_date: today(receivedAt, defaultTimeZone),
      content: '客户投诉',
      category: 'deliveryLate',
      severity: 'normal',
      response_due_at: responseDueAt(receivedAt, rules).toISOString(),
      resolve_due_at: resolveDueAt(receivedAt, rules, defaultTimeZone, overrides).toISOString(),
      registered_by: user,
      registered_at: receivedAt.toISOString(),
      valid: valid === null ? null : valid ? 1 : 0,
      judged_by: valid === null ? null : user,
      judged_at: valid === null ? null : new Date(receivedAt.getTime() + 3_600_000).toISOString(),
      resolved_by: resolvedAt ? user : null,
      resolved_at: resolvedAt,
      idempotency_key: `ts-${seq}`,
    })
    .execute();
}

beforeAll(async () => {
  w = await openWarehouse({ now: () => now });
  [supervisor, manager] = [await w.as('supervisor'), await w.as('csManager')];
  const db = w.core.database.db;
  const admin = (await db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow())
    .id;
  const cal = (date: string, kind: string) =>
    db
      .insertInto('working_calendar')
      .values({ date, kind, note: '', updated_by: admin, updated_at: '2026-09-01T00:00:00.000Z' })
      .execute();
  for (let d = 1; d <= 7; d++) await cal(`2026-10-0${d}`, 'holiday');
  await cal('2026-10-10', 'workday');
  // Every day from 28 September to 2 November, three complaints at 09:00, 15:00 and 22:30 (UTC+8):
  // valid or not or not judged yet, resolved after 2 hours to 9 days, or not at all.
  let k = 0;
  for (let day = '2026-09-28'; day <= '2026-11-02'; day = addDays(day, 1))
    for (const hhmm of ['01:00', '07:00', '14:30']) {
      k++;
      const at = new Date(`${day}T${hhmm}:00.000Z`);
      const valid = k % 7 === 0 ? null : k % 5 !== 0;
      const hours = k % 11 === 0 ? null : [2, 20, 50, 75, 100, 130, 170, 216][k % 8]!;
      await insertComplaint(at, valid, hours);
    }
});

afterAll(async () => w.core.close());

describe('complaint KPIs in the tracker', () => {
  it('equal independent SQL for every week and the month, over weekends and a holiday', async () => {
    const t = await call(w.core, supervisor, 'kpi.tracker', { month });
    let compared = 0;
    for (const kpi of complaintKpis) {
      const row = t.rows.find((r) => r.kpi === kpi)!;
      expect(row).toBeDefined();
      for (const [i, p] of t.periods.entries()) {
        expect(row.cells[i]!.figure, `${kpi} ${p.key} ${p.from}–${p.to}`).toEqual(
          await complaintKpiOf(w.core.database.db, kpi, p.from, p.to),
        );
        compared++;
      }
    }
    expect(compared).toBe(complaintKpis.length * t.periods.length);
    const monthCell = (kpi: ComplaintKpi) => t.rows.find((r) => r.kpi === kpi)!.cells.at(-1)!.figure!;
    // The generated month has complaints of every kind: some missed, some resolved in several working days.
    expect(monthCell('complaintsReceived').value).toBe(93);
    expect(monthCell('complaintsResolvedOnTime').value).toBeGreaterThan(0);
    expect(monthCell('complaintsResolvedOnTime').value).toBeLessThan(100);
    expect(monthCell('complaintResolutionDays').value).toBeGreaterThan(1);
  });

  it('counts resolution time in working days: a complaint of the holiday eve resolved after it took one', async () => {
    // Received Wednesday 30 September 10:00, resolved Thursday 8 October 10:00: 1–7 October are holidays.
    const before = await complaintKpiOf(w.core.database.db, 'complaintResolutionDays', '2026-09-30', '2026-09-30');
    await insertComplaint(new Date('2026-09-30T02:00:00.000Z'), true, 8 * 24);
    const d = await call(w.core, supervisor, 'kpi.drill', {
      kpi: 'complaintResolutionDays',
      from: '2026-09-30',
      to: '2026-09-30',
    });
    const row = d.rows.find((r) => r.complaint === `TS-${String(seq).padStart(5, '0')}`)!;
    expect(row).toMatchObject({ workingDays: 1, resolvedOnTime: true, valid: true });
    expect(d.figure.den).toBe((before.den ?? 0) + 1);
  });

  it('drills down to the complaints, the missed ones first, each with its id to open it', async () => {
    const d = await call(w.core, supervisor, 'kpi.drill', {
      kpi: 'complaintsResolvedOnTime',
      from: '2026-10-01',
      to: '2026-10-31',
    });
    const expected = await complaintKpiOf(w.core.database.db, 'complaintsResolvedOnTime', '2026-10-01', '2026-10-31');
    expect(d.figure).toEqual(expected);
    expect(d.total).toBe(expected.den);
    expect(d.rows.filter((r) => r.resolvedOnTime === true)).toHaveLength(expected.num!);
    expect(d.rows[0]!.resolvedOnTime).toBe(false);
    expect(d.rows.every((r) => typeof r.complaintId === 'number' && r.valid === true)).toBe(true);
    expect(d.columns.map((c) => c.key)).toContain('workingDays');
  });

  it('grades the figures against the targets the CS manager sets', async () => {
    await call(w.core, manager, 'kpi.setTarget', { kpi: 'complaintsResolvedOnTime', target: 100 });
    const t = await call(w.core, supervisor, 'kpi.tracker', { month });
    const row = t.rows.find((r) => r.kpi === 'complaintsResolvedOnTime')!;
    expect(row.target).toBe(100);
    expect(row.cells.at(-1)!.grade).toBe('missed');
  });
});

describe('complaint KPIs in the monthly review', () => {
  it('shows them against the month before, and a signed-off review keeps them as they were', async () => {
    const r = await call(w.core, supervisor, 'kpi.review', { month });
    for (const kpi of complaintKpis) {
      const k = r.kpis.find((x) => x.kpi === kpi)!;
      expect(k.figure, kpi).toEqual(await complaintKpiOf(w.core.database.db, kpi, '2026-10-01', '2026-10-31'));
      expect(k.previous, kpi).toEqual(await complaintKpiOf(w.core.database.db, kpi, '2026-09-01', '2026-09-30'));
    }
    const signed = await call(w.core, manager, 'kpi.signReview', { month, commentary: '投诉处理偏慢', actions: '' });
    const frozen = signed.kpis.filter((k) => k.kpi.startsWith('complaint')).map((k) => k.figure);
    // A complaint of October registered after the sign-off, resolved late.
    await insertComplaint(new Date('2026-10-20T02:00:00.000Z'), true, 24 * 12);
    const received = await complaintKpiOf(w.core.database.db, 'complaintsReceived', '2026-10-01', '2026-10-31');
    expect(received.value).toBe(frozen[0]!.value! + 1);
    const again = await call(w.core, supervisor, 'kpi.review', { month });
    expect(again.kpis.filter((k) => k.kpi.startsWith('complaint')).map((k) => k.figure)).toEqual(frozen);
  });
});
