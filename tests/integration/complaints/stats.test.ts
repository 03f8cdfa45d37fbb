// The classification statistics 顾客投诉分类统计表 (issue 16 §3): a month's
// figures by category, department, area and salesperson, the trend and the
// supervisor's note — checked against SQL written here, independently of the
// core's queries, over complaints in several categories, areas and states.
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { Caller } from '../../../electron/core/context';
import type { ComplaintStatLine } from '../../../shared/contract';
import { call, newKey, onPostgres, refusal } from '../fixtures';
import { orderWarehouse, type OrderWarehouse } from '../orders/orderFixtures';

let ow: OrderWarehouse;
afterEach(async () => ow?.w.core.close());

type Counts = Omit<ComplaintStatLine, 'key' | 'label'>;

describe('complaint classification statistics', () => {
  it('equals independent SQL by category, department, area and salesperson, with the trend and the note', async () => {
    ow = await orderWarehouse();
    const { w, op, sales1, manager } = ow;
    const supervisor = await w.as('supervisor');
    const register = (caller: Caller, customer: string | null, category: string, receivedAt?: string) =>
      call(w.core, caller, 'complaints.register', {
        ...(customer ? { customerId: ow.customer(customer) } : { callerName: '路人' }),
        channel: 'phone',
        content: '投诉内容',
        category,
        ...(receivedAt && { receivedAt }),
        idempotencyKey: newKey(),
      });
    const resolveAll = async (id: number, department: 'delivery' | 'warehouse') => {
      await call(w.core, op, 'complaints.judge', { complaintId: id, valid: true });
      await call(w.core, op, 'complaints.investigate', { complaintId: id, department });
      const p = await call(w.core, op, 'complaints.propose', { complaintId: id, text: '处理' });
      await call(w.core, supervisor, 'complaints.approve', { complaintId: id, solutionId: p.solutions[0]!.id });
      await call(w.core, op, 'complaints.resolve', { complaintId: id, result: '完成' });
    };
    const a = await register(op, 'C001', 'deliveryLate');
    await resolveAll(a.id, 'delivery');
    const b = await register(sales1, 'C001', 'goodsDamaged');
    await resolveAll(b.id, 'warehouse');
    const c = await register(op, 'C002', 'deliveryLate');
    await call(w.core, op, 'complaints.judge', { complaintId: c.id, valid: true });
    await call(w.core, op, 'complaints.investigate', { complaintId: c.id, department: 'delivery' });
    const d = await register(op, 'C002', 'serviceAttitude');
    await call(w.core, op, 'complaints.judge', { complaintId: d.id, valid: false, reply: '已解释' });
    await register(manager, null, 'deliveryLate');
    // Received 40 days ago and resolved now: late, and in an earlier month of the trend.
    const old = await register(op, 'C001', 'wrongGoods', new Date(Date.now() - 40 * 86_400_000).toISOString());
    await resolveAll(old.id, 'warehouse');

    const month = a.receivedDate.slice(0, 7);
    const s = await call(w.core, op, 'complaints.stats', { month });
    const db = w.core.database.db;
    // The same comparisons in each dialect's own terms: instants compared as
    // times (julianday / timestamptz), the month of the received day.
    const pg = onPostgres();
    const instant = (col: string) => (pg ? `(${col})::timestamptz` : `julianday(${col})`);
    const monthOf = (col: string) => (pg ? `to_char((${col})::date, 'YYYY-MM')` : `strftime('%Y-%m', ${col})`);
    const by = async (keyExpr: string): Promise<Record<string, Counts>> => {
      const { rows } = await sql<{ k: string | number } & Counts>`
          SELECT ${sql.raw(keyExpr)} AS k,
             count(*) AS received,
             count(CASE WHEN c.valid = 1 THEN 1 END) AS valid,
             count(CASE WHEN c.valid = 0 THEN 1 END) AS invalid,
             count(CASE WHEN c.valid = 1 AND c.state IN ('resolved','confirmed','followedUp','closed') THEN 1 END) AS resolved,
             count(CASE WHEN c.valid = 1 AND ${sql.raw(instant('c.resolved_at'))} <= ${sql.raw(instant('c.resolve_due_at'))} THEN 1 END) AS "resolvedOnTime",
             count(CASE WHEN ${sql.raw(instant('c.judged_at'))} <= ${sql.raw(instant('c.response_due_at'))} THEN 1 END) AS "respondedOnTime"
           FROM complaints c LEFT JOIN customers cu ON cu.id = c.customer_id
           WHERE ${sql.raw(monthOf('c.received_date'))} = ${month}
           GROUP BY 1`.execute(db);
      return Object.fromEntries(rows.map(({ k, ...rest }) => [String(k), rest]));
    };
    const mine = (lines: ComplaintStatLine[]) =>
      Object.fromEntries(lines.map(({ key, label: _label, ...rest }) => [key, rest]));
    expect(mine(s.byCategory)).toEqual(await by('c.category'));
    expect(mine(s.byDepartment)).toEqual(await by("COALESCE(c.department, '')"));
    expect(mine(s.byArea)).toEqual(await by("COALESCE(cu.area, '')"));
    expect(mine(s.bySalesperson)).toEqual(await by("COALESCE(CAST(cu.salesperson_id AS TEXT), '')"));
    expect(mine([s.total])).toEqual(await by("''"));
    // What a reader sees: five this month, 3 valid of 4 judged, the two resolved on time.
    expect(s.total).toMatchObject({ received: 5, valid: 3, invalid: 1, resolved: 2, resolvedOnTime: 2 });
    expect(s.byCategory[0]).toMatchObject({ key: 'deliveryLate', received: 3 });
    expect(s.bySalesperson.find((l) => l.label === 'sales1')?.received).toBe(2);

    const oldMonth = old.receivedDate.slice(0, 7);
    const trend = Object.fromEntries(s.trend.map((t) => [t.month, t]));
    expect(s.trend).toHaveLength(6);
    expect(trend[month]).toMatchObject({ received: 5, valid: 3 });
    expect(trend[oldMonth]).toMatchObject({ received: 1, valid: 1, resolved: 1, resolvedOnTime: 0 });

    expect((await refusal(w.core, op, 'complaints.saveStatsNote', { month, note: 'x' })).code).toBe('auth.forbidden');
    const saved = await call(w.core, supervisor, 'complaints.saveStatsNote', {
      month,
      note: '送货延迟占多数：调整早班车次出发时间。',
    });
    expect(saved).toMatchObject({ note: '送货延迟占多数：调整早班车次出发时间。', noteBy: 'supervisor' });
    expect((await call(w.core, manager, 'complaints.stats', { month })).note).toBe(saved.note);
  });
});
