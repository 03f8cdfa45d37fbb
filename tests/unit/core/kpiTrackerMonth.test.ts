// The scheduled KPI tracker covers the month holding the day before its run:
// a Monday-morning run writes the month up to Sunday, a run on the 1st the
// month just ended (in the warehouse's zone, not the machine's).
import { describe, expect, it } from 'vitest';
import { kpiTrackerMonth } from '../../../electron/core/schedules/jobs';

describe('the scheduled KPI tracker month', () => {
  it('is the month of the day before the run, in the warehouse zone', () => {
    // Monday 2026-12-07 08:00 in Shanghai: December so far.
    expect(kpiTrackerMonth(new Date('2026-12-07T00:00:00Z'), 'Asia/Shanghai')).toBe('2026-12');
    // Monday 2027-03-01 08:00 in Shanghai: the whole of February.
    expect(kpiTrackerMonth(new Date('2027-03-01T00:00:00Z'), 'Asia/Shanghai')).toBe('2027-02');
    // The same instant is still Sunday 2027-02-28 in New York: February.
    expect(kpiTrackerMonth(new Date('2027-03-01T00:00:00Z'), 'America/New_York')).toBe('2027-02');
  });
});
