// The demo's follow-up calls (issue 16 §4): today's plan is shared out between
// the CS staff and the operator's sheet shows calls done and calls waiting.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, openDemoCore } from '../fixtures';
import type { Core } from '../../../electron/core/core';

let core: Core;
beforeAll(async () => {
  // The run's demo warehouse, copied (built by the first file that asks).
  core = await openDemoCore();
}, 120_000);
afterAll(async () => core.close());

describe('the demo calls', () => {
  it("has today's plan shared out, with the operator's first calls recorded", async () => {
    const op = core.newCaller('operator');
    await call(core, op, 'auth.login', { username: 'operator', secret: 'demo1234' });
    const [plan] = await call(core, op, 'calls.plans', {});
    expect(plan!.unassigned).toBe(0);
    expect(plan!.total).toBeGreaterThan(3);
    const sheet = await call(core, op, 'calls.sheet', { planId: plan!.id });
    const outcomes = sheet.calls.map((c) => c.outcome).filter((o) => o !== null);
    expect(outcomes.sort()).toEqual(['noAnswer', 'satisfied', 'satisfied']);
    expect(sheet.calls.some((c) => c.state === 'planned' && c.attempts === 0)).toBe(true);
    const reasons = new Set((await call(core, op, 'calls.plan', { planId: plan!.id })).calls.map((c) => c.reason));
    expect(reasons.has('alwaysCall')).toBe(true);
  });

  it('asks the open satisfaction survey on the calls: the first call carries its answers, three months of paper ones before it', async () => {
    const op = core.newCaller('operator');
    await call(core, op, 'auth.login', { username: 'operator', secret: 'demo1234' });
    const survey = (await call(core, op, 'surveys.onCalls', {}))!;
    expect(survey.state).toBe('open');
    const [plan] = await call(core, op, 'calls.plans', {});
    const first = (await call(core, op, 'calls.sheet', { planId: plan!.id })).calls.find(
      (c) => c.outcome === 'satisfied',
    )!;
    const rows = await call(core, op, 'surveys.responses', {
      surveyId: survey.id,
      from: '2000-01-01',
      to: first.doneDate!,
    });
    expect(rows.filter((r) => r.source === 'call').map((r) => [r.callId, r.indexPermille])).toEqual([[first.id, 917]]);
    expect(rows.filter((r) => r.source === 'paper')).toHaveLength(150);
    const results = await call(core, op, 'surveys.results', {
      surveyId: survey.id,
      from: rows.at(-1)!.date,
      to: first.doneDate!,
      by: 'month',
    });
    expect(results.trend.length).toBeGreaterThanOrEqual(3);
    expect(results.total.responses).toBe(151);
  });
});
