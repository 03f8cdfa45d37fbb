// The demo's dashboard means something (issue 14 item 7): the supervisor's
// first look shows a measured inventory accuracy and a non-zero service level
// for this week and this month, from a finished zone count and the past
// working days' deliveries and daily dispatch reports (one of them late).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, openDemoCore } from '../fixtures';
import type { Core } from '../../../electron/core/core';
import { pastWorkingDays } from '../../../electron/core/setup/demoKpi';
import { addDaysTo, isoWeekOf, weekDays } from '../../../shared/reports/weeks';

let core: Core;
beforeAll(async () => {
  // The run's demo warehouse, copied (built by the first file that asks).
  core = await openDemoCore();
}, 120_000);
afterAll(async () => core.close());

describe('the demo dashboard', () => {
  it('shows a measured accuracy, a non-zero service level and the late dispatch report this week', async () => {
    const sup = core.newCaller('supervisor');
    await call(core, sup, 'auth.login', { username: 'supervisor', secret: 'demo1234' });
    const d = await call(core, sup, 'kpi.dashboard', {});
    const fig = (kpi: string) => d.kpis.find((k) => k.kpi === kpi)!.figure;
    // Twenty lines counted, one a case short and one a unit over (tolerance 0).
    expect(fig('inventoryAccuracy')).toEqual({ value: 90, num: 18, den: 20 });
    expect(fig('serviceLevel').value).toBeGreaterThan(0);
    expect(fig('serviceLevel').num).toBeGreaterThan(0);
    // The count is in progress on the dashboard (reconciling), not hidden.
    expect(d.counts.map((c) => c.state)).toContain('reconciling');
  });

  it("keeps the month's tracker measured: accuracy, service level and each past working day's report", async () => {
    const sup = core.newCaller('supervisor');
    await call(core, sup, 'auth.login', { username: 'supervisor', secret: 'demo1234' });
    const { today } = await call(core, sup, 'kpi.dashboard', {});
    const t = await call(core, sup, 'kpi.tracker', { month: today.slice(0, 7) });
    const month = (kpi: string) => t.rows.find((r) => r.kpi === kpi)!.cells.at(-1)!.figure!;
    const reportDays = pastWorkingDays(today).filter((d) => d.startsWith(today.slice(0, 7)));
    expect(month('serviceLevel').value).toBeGreaterThan(0);
    expect(month('lateDispatchReports').den).toBe(reportDays.length);
    if (reportDays.length >= 2) expect(month('lateDispatchReports').num).toBe(1);
  });
});

describe('the weekly scorecard 积分表 (issue 17 §3)', () => {
  it("gives each figure exactly as the tracker's column for the same week, SL and ID first; this week is a draft", async () => {
    const op = core.newCaller('operator');
    await call(core, op, 'auth.login', { username: 'operator', secret: 'demo1234' });
    const { today } = await call(core, op, 'kpi.dashboard', {});
    const thisWeek = isoWeekOf(today);
    const lastWeek = isoWeekOf(addDaysTo(today, -7));
    for (const week of [lastWeek, thisWeek]) {
      const card = await call(core, op, 'kpi.scorecard', { week });
      expect(card.lines.slice(0, 2).map((l) => l.kpi)).toEqual(['serviceLevel', 'daysOfInventory']);
      expect(card.draft).toBe(week === thisWeek);
      // The tracker of the month holding the week's Thursday has the week as a column.
      const { from } = weekDays(week);
      const tracker = await call(core, op, 'kpi.tracker', { month: addDaysTo(from, 3).slice(0, 7) });
      const column = tracker.periods.findIndex((p) => p.isoWeek === week);
      expect(column, week).toBeGreaterThanOrEqual(0);
      for (const line of card.lines) {
        const cell = tracker.rows.find((r) => r.kpi === line.kpi)!.cells[column]!;
        expect(line.figure, `${week} ${line.kpi}`).toEqual(cell.figure);
        expect(line.grade).toEqual(cell.grade);
      }
    }
    // Measured, not empty: the demo's deliveries and stock give both figures this week.
    const now = await call(core, op, 'kpi.scorecard', { week: thisWeek });
    expect(now.lines[0]!.figure.value).not.toBeNull();
    expect(now.lines[1]!.figure.value).not.toBeNull();
  });

  it("flags the quality checklists missed last week: two zone-days, with the month's summary and actions behind them", async () => {
    const sup = core.newCaller('supervisor');
    await call(core, sup, 'auth.login', { username: 'supervisor', secret: 'demo1234' });
    const { today } = await call(core, sup, 'kpi.dashboard', {});
    const missed = await call(core, sup, 'quality.missedDays', {
      from: addDaysTo(today, -7),
      to: addDaysTo(today, -1),
    });
    expect(missed).toHaveLength(2);
    expect(new Set(missed.map((m) => m.zoneId)).size).toBe(2);
    const actions = await call(core, sup, 'quality.actions', {});
    expect(actions.map((a) => [a.itemCode, a.state]).sort()).toEqual([
      ['fefo', 'done'],
      ['stackingHeight', 'open'],
    ]);
    // Four weeks of records up to the last working day: that day's month has them for every zone.
    let last = addDaysTo(today, -1);
    while (new Date(`${last}T00:00:00Z`).getUTCDay() === 0) last = addDaysTo(last, -1);
    const month = last.slice(0, 7);
    const summary = await call(core, sup, 'quality.summary', { month });
    expect(summary.lines.every((l) => l.daysRecorded > 0)).toBe(true);
  });

  it('refuses a week that has not begun', async () => {
    const op = core.newCaller('operator');
    await call(core, op, 'auth.login', { username: 'operator', secret: 'demo1234' });
    const { today } = await call(core, op, 'kpi.dashboard', {});
    const r = await core.dispatch(op, 'kpi.scorecard', { week: isoWeekOf(addDaysTo(today, 14)) });
    expect(r.ok ? null : r.error.code).toBe('reports.futureRange');
  });
});
