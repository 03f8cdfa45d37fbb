// The demo's dashboard means something (issue 14 item 7): the supervisor's
// first look shows a measured inventory accuracy and a non-zero service level
// for this week and this month, from a finished zone count and the past
// working days' deliveries and daily dispatch reports (one of them late).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, openTestCore } from '../fixtures';
import type { Core } from '../../../electron/core/core';
import { pastWorkingDays } from '../../../electron/core/setup/demoKpi';

let core: Core;
beforeAll(async () => {
  core = await openTestCore();
  await call(core, core.newCaller('setup'), 'setup.loadDemo', {});
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
