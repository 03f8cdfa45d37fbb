import { describe, expect, it } from 'vitest';
import { emptyPlan, planInput, validatePlan, type PlanDraft } from '../../../renderer/pages/counts/planDraft';

const draft = (patch: Partial<PlanDraft>): PlanDraft => ({
  ...emptyPlan(),
  area: 'warehouse',
  counters: [{ key: 1, text: '张仓管', userId: 7, zoneId: null }],
  ...patch,
});

describe('the count plan draft', () => {
  it('sends the ABC classes, the high-value line count and the lock only when chosen', () => {
    expect(planInput(draft({}))).toMatchObject({ scope: { area: 'warehouse', locationIds: [] }, lockBins: false });
    expect(planInput(draft({})).scope).not.toHaveProperty('abcClasses');
    expect(planInput(draft({})).scope).not.toHaveProperty('topValueLines');
    expect(planInput(draft({ abcClasses: ['A', 'B'], topValueLines: ' 50 ', lockBins: true }))).toMatchObject({
      scope: { abcClasses: ['A', 'B'], topValueLines: 50 },
      lockBins: true,
    });
  });

  it('wants the high-value line count a whole number from 1 to 100000', () => {
    for (const bad of ['0', '-3', '2.5', 'abc', '100001'])
      expect(validatePlan(draft({ topValueLines: bad })).topValueLines).toBe('counts:plan.err.topValue');
    for (const good of ['', '1', '100000']) expect(validatePlan(draft({ topValueLines: good }))).toEqual({});
  });
});
