// The KPI tracker (issue 14 item 3, R14): over a generated month every figure
// of every week and of the month equals independent SQL written here for its
// DOMAIN.md definition; each figure drills down to the records it counts; the
// weeks are the month's ISO weeks; targets are the CS manager's, audited, and
// grade the cells; a future month, a reversed range and the wrong role are refused.
import { CompiledQuery, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KpiFigure, KpiId, KpiTracker } from '../../../shared/contract';
import type { Caller } from '../../../electron/core/context';
import { defaultTimeZone } from '../../../electron/core/clock';
import { zonedInstant } from '../../../electron/core/dispatch/delivery/cutoff';
import { generateAnalysesMonth } from '../../helpers/analysesMonth';
import { complaintKpiOf } from '../../helpers/complaintKpiSql';
import { generateKpiMonth, rebuildPeriodFigures } from '../../helpers/kpiMonth';
import { call, onPostgres, openWarehouse, refusal, type Warehouse } from '../fixtures';

const month = '2026-11';
// Friday 20 November 2026, 12:00 in the warehouse's zone: the month's third week is under way.
const now = new Date('2026-11-20T04:00:00.000Z');
let w: Warehouse;
let supervisor: Caller;
let manager: Caller;
let operator: Caller;
let keeper: Caller;

const userId = async (username: string) =>
  (await w.core.database.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow())
    .id;
/** The first row of SQL text with ? placeholders ($1, $2 … on PostgreSQL). */
const one = async <T>(query: string, ...params: unknown[]): Promise<T> => {
  let n = 0;
  const text = onPostgres() ? query.replace(/\?/g, () => `$${++n}`) : query;
  return (await w.core.database.db.executeQuery<T>(CompiledQuery.raw(text, params))).rows[0]!;
};
const pct = (n: number, d: number) => (d === 0 ? null : Math.round((n * 10_000) / d) / 100);
const nextDay = (date: string) => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
};
const addDaysTest = (date: string, n: number) => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
};
const window = (from: string, to: string) => [
  zonedInstant(from, '00:00', defaultTimeZone).toISOString(),
  zonedInstant(nextDay(to), '00:00', defaultTimeZone).toISOString(),
];

/** Each definition of DOMAIN.md as SQL of its own. */
async function expected(kpi: KpiId, from: string, to: string): Promise<KpiFigure> {
  const [start, end] = window(from, to);
  switch (kpi) {
    case 'inventoryAccuracy': {
      const r = await one<{ n: number; ok: number | null }>(
        `WITH counted AS (
           SELECT l.id, l.product_id, l.location_id, l.status, l.snapshot_qty, s.tolerance_units AS tu,
                  s.snapshot_movement_id AS snap, SUM(t.qty) AS qty, MAX(t.position) AS pos
           FROM count_sessions s
           JOIN count_lines l ON l.session_id = s.id
           JOIN count_tallies t ON t.line_id = l.id AND t.round = l.round
           WHERE s.state IN ('reconciling', 'confirmed', 'closed')
             AND s.counting_finished_at >= ? AND s.counting_finished_at < ?
           GROUP BY l.id, s.tolerance_units, s.snapshot_movement_id)
         SELECT COUNT(*) AS n, SUM(CASE WHEN abs(c.qty - c.snapshot_qty - coalesce((SELECT SUM(m.qty) FROM movements m
             WHERE m.product_id = c.product_id AND m.location_id = c.location_id AND m.status = c.status
               AND m.id > c.snap AND m.id <= c.pos), 0)) <= c.tu THEN 1 ELSE 0 END) AS ok
         FROM counted c`,
        start,
        end,
      );
      return { value: pct(r.ok ?? 0, r.n), num: r.ok ?? 0, den: r.n };
    }
    case 'serviceLevel': {
      const r = await one<{ n: number; ok: number | null }>(
        `SELECT COUNT(*) AS n,
                SUM(CASE WHEN oc.outcome = 'signed' AND oc.delivered_date <= coalesce(o.promised_date, o.delivery_date)
                    THEN 1 ELSE 0 END) AS ok
         FROM orders o LEFT JOIN order_outcomes oc ON oc.order_id = o.id
         WHERE o.state <> 'cancelled' AND coalesce(o.promised_date, o.delivery_date) BETWEEN ? AND ?`,
        from,
        to,
      );
      return { value: pct(r.ok ?? 0, r.n), num: r.ok ?? 0, den: r.n };
    }
    case 'manualAdjustmentRate': {
      const r = await one<{ n: number; adj: number | null }>(
        `SELECT COUNT(*) AS n, SUM(CASE WHEN type IN ('manualAdjustment', 'countAdjustment') THEN 1 ELSE 0 END) AS adj
         FROM movements WHERE at >= ? AND at < ?`,
        start,
        end,
      );
      return { value: pct(r.adj ?? 0, r.n), num: r.adj ?? 0, den: r.n };
    }
    case 'qualifiedOrderRate': {
      const r = await one<{ n: number; ok: number | null }>(
        'SELECT COUNT(*) AS n, SUM(first_time_qualified) AS ok FROM orders WHERE order_date BETWEEN ? AND ?',
        from,
        to,
      );
      return { value: pct(r.ok ?? 0, r.n), num: r.ok ?? 0, den: r.n };
    }
    case 'returns':
    case 'refusals': {
      const r = await one<{ n: number; qty: number | null; credit: number | null }>(
        `SELECT COUNT(*) AS n, SUM(l.good + l.damaged) AS qty, SUM(l.credit) AS credit
         FROM (SELECT r.id, SUM(rl.qty_good) AS good, SUM(rl.qty_damaged) AS damaged, SUM(rl.credit_fen) AS credit
               FROM return_notes n JOIN returns r ON r.id = n.return_id JOIN return_lines rl ON rl.return_id = r.id
               WHERE n.issued_date BETWEEN ? AND ? AND r.kind = ? GROUP BY r.id) l`,
        from,
        to,
        kpi === 'returns' ? 'report' : 'refusal',
      );
      return { value: r.n, num: r.n, den: null, qty: r.qty ?? 0, amountFen: r.credit ?? 0 };
    }
    case 'lateReceipts': {
      const r = await one<{ n: number; late: number | null }>(
        'SELECT COUNT(*) AS n, SUM(CASE WHEN delay_minutes > 120 THEN 1 ELSE 0 END) AS late FROM receipts WHERE posted_at >= ? AND posted_at < ?',
        start,
        end,
      );
      return { value: r.late ?? 0, num: r.late ?? 0, den: r.n };
    }
    case 'lateDispatchReports': {
      const r = await one<{ n: number; late: number | null }>(
        `SELECT COUNT(*) AS n, SUM(CASE WHEN submitted_at >= cutoff_at THEN 1 ELSE 0 END) AS late FROM dispatch_reports
         WHERE dispatch_date BETWEEN ? AND ? AND state <> 'draft'`,
        from,
        to,
      );
      return { value: r.late ?? 0, num: r.late ?? 0, den: r.n };
    }
    case 'complaintsReceived':
    case 'complaintsValid':
    case 'complaintsResolvedOnTime':
    case 'complaintResolutionDays':
      return complaintKpiOf(w.core.database.db, kpi, from, to);
    case 'customerSatisfaction': {
      const r = await one<{ sheets: number; answers: number; total: number | null }>(
        `SELECT COUNT(DISTINCT s.id) AS sheets, COUNT(*) AS answers,
                SUM((a.score - 1) * 1.0 / (q.scale_max - 1)) AS total
         FROM survey_responses s JOIN survey_answers a ON a.response_id = s.id
         JOIN survey_questions q ON q.id = a.question_id
         WHERE a.score IS NOT NULL AND s.response_date BETWEEN ? AND ?`,
        from,
        to,
      );
      return {
        value: r.answers === 0 ? null : Math.round(((r.total ?? 0) / r.answers) * 10_000) / 100,
        num: r.sheets,
        den: null,
      };
    }
    case 'daysOfInventory': {
      // Closing value (Σ of the whole ledger up to the range's end) ÷ issues of the 28 days to it ÷ 28.
      const [, windowEnd] = window(from, to);
      const [windowStart] = window(nextDay(addDaysTest(to, -28)), to);
      const r = await one<{ closing: number | null; issued: number | null }>(
        `SELECT (SELECT SUM(qty * unit_cost_fen) FROM movements WHERE at < ?) AS closing,
                (SELECT -SUM(qty * unit_cost_fen) FROM movements
                  WHERE at >= ? AND at < ? AND type IN ('dispatchIssue', 'giftIssue')) AS issued`,
        windowEnd,
        windowStart,
        windowEnd,
      );
      const closing = r.closing ?? 0;
      const issued = r.issued ?? 0;
      const value = issued <= 0 ? null : Math.round((Math.max(0, closing) / (issued / 28)) * 10) / 10;
      return { value, num: closing, den: issued };
    }
  }
}

beforeAll(async () => {
  w = await openWarehouse({ now: () => now });
  [supervisor, manager, operator, keeper] = [
    await w.as('supervisor'),
    await w.as('csManager'),
    await w.as('operator'),
    await w.as('warehouseKeeper'),
  ];
  const db = w.core.database.db;
  const at = now.toISOString();
  for (let i = 0; i < 60; i++)
    await sql`INSERT INTO products (code, name_zh, name_en, unit, case_pack, unit_cost_fen, category, created_at, updated_at)
      VALUES (${`K${1000 + i}`}, ${`商品${i}`}, ${`Product ${i}`}, '个', 12, ${100 + i}, '饮料', ${at}, ${at})`.execute(
      db,
    );
  const productIds = (await db.selectFrom('products').select('id').where('code', 'like', 'K%').execute()).map(
    (p) => p.id,
  );
  const binIds = w.bins.map((b) => b.id);
  await generateAnalysesMonth(w.core.database.db, {
    month,
    damageLines: 50,
    returnLines: 400,
    previousLines: 20,
    userId: await userId('u-operator'),
    managerId: await userId('u-csmanager'),
    salespersonIds: [await userId('admin')],
    productIds,
    binIds,
  });
  await generateKpiMonth(db, {
    month,
    ordersPerDay: 60,
    receiptsPerDay: 6,
    movesPerDay: 80,
    countLinesPerSession: 60,
    userId: await userId('u-operator'),
    productIds,
    binIds,
  });
  await rebuildPeriodFigures(db, defaultTimeZone);
  // Satisfaction surveys (issue 17 §5): two surveys on different scales, answered on the month's days.
  const customerId = (await db.selectFrom('customers').select('id').orderBy('id').limit(1).executeTakeFirstOrThrow())
    .id;
  for (const [name, max] of [
    ['五分制', 5],
    ['十分制', 10],
  ] as const) {
    const s = await call(w.core, manager, 'surveys.save', {
      name,
      questions: [
        { kind: 'score', textZh: '及时', textEn: 'On time', scaleMax: max },
        { kind: 'score', textZh: '态度', textEn: 'Service', scaleMax: max, required: false },
      ],
    });
    await call(w.core, manager, 'surveys.setState', { surveyId: s.id, state: 'open' });
    for (let day = 1; day <= 20; day += max === 5 ? 1 : 3)
      await call(w.core, operator, 'surveys.answer', {
        surveyId: s.id,
        customerId,
        date: `${month}-${String(day).padStart(2, '0')}`,
        answers: [
          { questionId: s.questions[0]!.id, score: 1 + ((day * 7) % max) },
          ...(day % 2 === 0 ? [{ questionId: s.questions[1]!.id, score: max }] : []),
        ],
      });
  }
}, 60_000);
afterAll(async () => w.core.close());

describe('KPI tracker', () => {
  let tracker: KpiTracker;
  beforeAll(async () => {
    tracker = await call(w.core, supervisor, 'kpi.tracker', { month });
  });

  it("has the month's ISO weeks (第一周 … 第四周) and the month, clipped to today", () => {
    expect(tracker.periods.map((p) => [p.key, p.isoWeek, p.from, p.to, p.future])).toEqual([
      ['w1', '2026-W45', '2026-11-02', '2026-11-08', false],
      ['w2', '2026-W46', '2026-11-09', '2026-11-15', false],
      ['w3', '2026-W47', '2026-11-16', '2026-11-20', false],
      ['w4', '2026-W48', '2026-11-23', '2026-11-29', true],
      ['month', null, '2026-11-01', '2026-11-20', false],
    ]);
  });

  it('gives a month with five Thursdays a fifth week 第五周', async () => {
    const october = await call(w.core, operator, 'kpi.tracker', { month: '2026-10' });
    expect(october.periods.map((p) => p.isoWeek)).toEqual([
      '2026-W40',
      '2026-W41',
      '2026-W42',
      '2026-W43',
      '2026-W44',
      null,
    ]);
    expect(october.periods[0]!.from).toBe('2026-09-28');
  });

  it('shows every figure equal to independent SQL for its definition', async () => {
    const kpis = tracker.rows.map((r) => r.kpi);
    expect(kpis).toEqual(expect.arrayContaining(['inventoryAccuracy', 'serviceLevel', 'lateDispatchReports']));
    for (const row of tracker.rows) {
      for (const [i, p] of tracker.periods.entries()) {
        const cell = row.cells[i]!;
        if (p.future) {
          expect(cell.figure).toBeNull();
          continue;
        }
        expect([row.kpi, p.key, cell.figure]).toEqual([row.kpi, p.key, await expected(row.kpi, p.from, p.to)]);
      }
    }
    // The generated month is not empty: the comparisons above compared real figures.
    const month = (k: KpiId) => tracker.rows.find((r) => r.kpi === k)!.cells[4]!.figure!;
    expect(month('serviceLevel').den).toBeGreaterThan(500);
    expect(month('inventoryAccuracy').value).toBeGreaterThan(50);
    expect(month('inventoryAccuracy').value).toBeLessThan(100);
    expect(month('lateReceipts').value).toBeGreaterThan(0);
    expect(month('lateDispatchReports').value).toBeGreaterThan(0);
    expect(month('returns').value).toBeGreaterThan(0);
    expect(month('refusals').value).toBeGreaterThan(0);
    expect(month('manualAdjustmentRate').value).toBeGreaterThan(0);
    // 20 + 7 answer sheets on two scales.
    expect(month('customerSatisfaction').num).toBe(27);
    expect(month('customerSatisfaction').value).toBeGreaterThan(0);
  });

  it('shows the days of inventory of the weekly stock report (its one definition) for the same days', async () => {
    const row = tracker.rows.find((r) => r.kpi === 'daysOfInventory')!;
    for (const [i, p] of tracker.periods.entries()) {
      if (p.future) continue;
      const weekly = await call(w.core, supervisor, 'reports.weekly', { from: p.from, to: p.to });
      expect([p.key, row.cells[i]!.figure!.value]).toEqual([p.key, weekly.totals.daysOfInventory]);
    }
    expect(row.cells[4]!.figure!.value).toBeGreaterThan(0);
    const drill = await call(w.core, supervisor, 'kpi.drill', {
      kpi: 'daysOfInventory',
      from: '2026-11-01',
      to: '2026-11-20',
    });
    expect(drill.rows.length).toBeGreaterThan(0);
    expect(drill.rows.reduce((n, r) => n + Number(r.closingAmount), 0)).toBe(drill.figure.num);
  });

  it('drills from a figure into the records it counts, those against it first', async () => {
    const w1 = tracker.periods[0]!;
    const service = await call(w.core, supervisor, 'kpi.drill', { kpi: 'serviceLevel', from: w1.from, to: w1.to });
    expect(service.total).toBe(service.figure.den);
    expect(service.rows.filter((r) => r.onTime).length).toBe(service.figure.num);
    expect(service.rows[0]!.onTime).toBe(false);

    const accuracy = await call(w.core, supervisor, 'kpi.drill', {
      kpi: 'inventoryAccuracy',
      from: w1.from,
      to: w1.to,
    });
    expect(accuracy.total).toBe(accuracy.figure.den);
    expect(accuracy.rows.filter((r) => r.withinTolerance).length).toBe(accuracy.figure.num);

    const late = await call(w.core, operator, 'kpi.drill', {
      kpi: 'lateReceipts',
      from: '2026-11-01',
      to: '2026-11-30',
    });
    expect(late.to).toBe('2026-11-20');
    expect(late.rows.filter((r) => r.late).length).toBe(late.figure.value);
    expect(late.rows.filter((r) => r.late).every((r) => Number(r.delay) > 120)).toBe(true);

    for (const kpi of [
      'manualAdjustmentRate',
      'qualifiedOrderRate',
      'returns',
      'refusals',
      'lateDispatchReports',
    ] as const) {
      const d = await call(w.core, manager, 'kpi.drill', { kpi, from: w1.from, to: w1.to });
      const counted =
        kpi === 'qualifiedOrderRate'
          ? d.rows.filter((r) => r.qualified).length
          : kpi === 'lateDispatchReports'
            ? d.rows.filter((r) => r.late).length
            : d.total;
      expect([kpi, counted]).toEqual([
        kpi,
        kpi === 'manualAdjustmentRate' || kpi === 'qualifiedOrderRate' ? d.figure.num : d.figure.value,
      ]);
    }
  });
});

describe('KPI targets', () => {
  it('lets the CS manager set a target, audited, and grades the cells met / near / missed', async () => {
    const targets = await call(w.core, manager, 'kpi.setTarget', { kpi: 'inventoryAccuracy', target: 80 });
    expect(targets.find((t) => t.kpi === 'inventoryAccuracy')).toMatchObject({ target: 80, setBy: 'csManager' });
    const audit = await one<{ before: string | null; after: string }>(
      "SELECT before, after FROM audit_log WHERE entity = 'kpiTarget' AND entity_id = 'inventoryAccuracy'",
    );
    expect(audit).toEqual({ before: '{"target":null}', after: '{"target":80}' });

    const t = await call(w.core, supervisor, 'kpi.tracker', { month });
    const row = t.rows.find((r) => r.kpi === 'inventoryAccuracy')!;
    expect(row.target).toBe(80);
    for (const c of row.cells) {
      if (!c.figure || c.figure.value === null) continue;
      const v = c.figure.value;
      expect(c.grade).toBe(v >= 80 ? 'met' : v >= 78 ? 'near' : 'missed');
    }
    // Lower is better for late receipts: 0 allowed, one late is near (the margin is one record), more is missed.
    await call(w.core, manager, 'kpi.setTarget', { kpi: 'lateReceipts', target: 0 });
    const late = (await call(w.core, supervisor, 'kpi.tracker', { month })).rows.find((r) => r.kpi === 'lateReceipts')!;
    expect(late.cells[4]!.grade).toBe('missed');
  });

  it('refuses a target from anyone but the CS manager and writes nothing', async () => {
    for (const who of [supervisor, operator]) {
      expect((await refusal(w.core, who, 'kpi.setTarget', { kpi: 'serviceLevel', target: 95 })).code).toBe(
        'auth.forbidden',
      );
    }
    expect(
      (await call(w.core, supervisor, 'kpi.targets', {})).find((t) => t.kpi === 'serviceLevel')!.target,
    ).toBeNull();
    expect((await one<{ n: number }>("SELECT COUNT(*) AS n FROM audit_log WHERE entity_id = 'serviceLevel'")).n).toBe(
      0,
    );
  });

  it('clears a target with null', async () => {
    await call(w.core, manager, 'kpi.setTarget', { kpi: 'refusals', target: 5 });
    const after = await call(w.core, manager, 'kpi.setTarget', { kpi: 'refusals', target: null });
    expect(after.find((t) => t.kpi === 'refusals')!.target).toBeNull();
  });
});

describe('KPI refusals', () => {
  it('refuses a month still to come', async () => {
    expect(await refusal(w.core, supervisor, 'kpi.tracker', { month: '2026-12' })).toMatchObject({
      code: 'kpi.futureMonth',
      details: { month: '2026-12' },
    });
  });

  it('refuses a reversed range and a range starting after today', async () => {
    for (const [from, to] of [
      ['2026-11-10', '2026-11-09'],
      ['2026-11-21', '2026-11-22'],
    ])
      expect((await refusal(w.core, supervisor, 'kpi.drill', { kpi: 'serviceLevel', from, to })).code).toBe(
        'kpi.badRange',
      );
  });

  it('refuses the tracker and the dashboard to the warehouse keeper', async () => {
    expect((await refusal(w.core, keeper, 'kpi.tracker', { month })).code).toBe('auth.forbidden');
    expect((await refusal(w.core, keeper, 'kpi.dashboard', {})).code).toBe('auth.forbidden');
  });
});

describe('dashboard', () => {
  it("shows this week's KPIs beside the last eight weeks, the same figures as the tracker", async () => {
    const d = await call(w.core, supervisor, 'kpi.dashboard', {});
    expect(d.week).toEqual({ isoWeek: '2026-W47', from: '2026-11-16', to: '2026-11-20' });
    const t = await call(w.core, supervisor, 'kpi.tracker', { month });
    for (const k of d.kpis) {
      expect(k.trend.map((p) => p.isoWeek)).toEqual([
        '2026-W40',
        '2026-W41',
        '2026-W42',
        '2026-W43',
        '2026-W44',
        '2026-W45',
        '2026-W46',
        '2026-W47',
      ]);
      expect([k.kpi, k.figure]).toEqual([k.kpi, t.rows.find((r) => r.kpi === k.kpi)!.cells[2]!.figure]);
    }
    expect(d.counts).toEqual([]);
    expect(d.approvals.returns).toBe(
      (await one<{ n: number }>("SELECT COUNT(*) AS n FROM returns WHERE state = 'reported'")).n,
    );
  });
});

describe('monthly performance review', () => {
  it('shows the month against its targets and the month before, with the damage, counts and adjustments', async () => {
    const r = await call(w.core, supervisor, 'kpi.review', { month });
    expect(r).toMatchObject({ state: 'new', from: '2026-11-01', to: '2026-11-20', previousMonth: '2026-10' });
    const service = r.kpis.find((k) => k.kpi === 'serviceLevel')!;
    expect(service.figure).toEqual(await expected('serviceLevel', '2026-11-01', '2026-11-20'));
    expect(service.previous).toEqual(await expected('serviceLevel', '2026-10-01', '2026-10-31'));
    expect(r.damage.reports).toBe(
      (
        await one<{ n: number }>(
          "SELECT COUNT(*) AS n FROM damage_reports WHERE entered_date BETWEEN '2026-11-01' AND '2026-11-30'",
        )
      ).n,
    );
    const accuracy = await expected('inventoryAccuracy', '2026-11-01', '2026-11-20');
    expect(r.counts).toMatchObject({ linesCounted: accuracy.den, linesWithinTolerance: accuracy.num });
  });

  it('keeps the commentary and actions, and once signed keeps the figures as they were', async () => {
    await call(w.core, manager, 'kpi.saveReview', {
      month: '2026-10',
      commentary: '十月服务水平偏低',
      actions: '加强排车',
    });
    const signed = await call(w.core, manager, 'kpi.signReview', {
      month: '2026-10',
      commentary: '十月服务水平偏低',
      actions: '加强排车，周三复盘',
    });
    expect(signed).toMatchObject({ state: 'signed', signedBy: 'csManager', actions: '加强排车，周三复盘' });
    const lateBefore = signed.kpis.find((k) => k.kpi === 'lateReceipts')!.figure;

    // A receipt posted late into October after the sign-off does not change the signed review.
    const doc = (
      await one<{ id: number }>(
        "INSERT INTO documents (type, number, state, idempotency_key, created_by, created_at, posted_at) VALUES ('receipt', 'K-LATE', 'posted', 'k-late', ?, '2026-10-15T02:00:00.000Z', '2026-10-15T02:00:00.000Z') RETURNING id",
        await userId('u-operator'),
      )
    ).id;
    await one(
      "INSERT INTO receipts (document_id, delivery_note, supplier, arrived_at, posted_at, delay_minutes) VALUES (?, 'K-LATE', 'K', '2026-10-14T02:00:00.000Z', '2026-10-15T02:00:00.000Z', 1440)",
      doc,
    );
    expect((await expected('lateReceipts', '2026-10-01', '2026-10-31')).value).toBe((lateBefore.value ?? 0) + 1);
    const again = await call(w.core, supervisor, 'kpi.review', { month: '2026-10' });
    expect(again.kpis.find((k) => k.kpi === 'lateReceipts')!.figure).toEqual(lateBefore);

    expect(
      await refusal(w.core, manager, 'kpi.saveReview', { month: '2026-10', commentary: 'changed', actions: '' }),
    ).toMatchObject({ code: 'kpi.reviewSigned' });
    expect((await call(w.core, supervisor, 'kpi.review', { month: '2026-10' })).commentary).toBe('十月服务水平偏低');
  });

  it('refuses to sign a month not yet over, and a review by anyone but the CS manager', async () => {
    expect((await refusal(w.core, manager, 'kpi.signReview', { month, commentary: '', actions: '' })).code).toBe(
      'kpi.monthNotOver',
    );
    expect((await refusal(w.core, supervisor, 'kpi.saveReview', { month, commentary: 'x', actions: '' })).code).toBe(
      'auth.forbidden',
    );
    expect((await call(w.core, supervisor, 'kpi.review', { month })).state).toBe('new');
  });
});
