// The working week the core dates the order file with and the console opens
// its dispatch pages on: Monday to Saturday.
import { describe, expect, it } from 'vitest';
import { isoWeekday, nextWorkingDay } from '../../../shared/workingDays';

describe('the next working day', () => {
  it('is the calendar next day from Monday to Friday', () => {
    expect(nextWorkingDay('2026-11-30')).toBe('2026-12-01'); // Monday → Tuesday
    expect(nextWorkingDay('2026-12-04')).toBe('2026-12-05'); // Friday → Saturday
  });

  it('skips Sunday: on a Saturday it is Monday', () => {
    expect(isoWeekday('2026-12-05')).toBe(6);
    expect(nextWorkingDay('2026-12-05')).toBe('2026-12-07');
    expect(nextWorkingDay('2026-12-06')).toBe('2026-12-07'); // a Sunday's next is Monday too
  });

  it('crosses month and year ends by the calendar', () => {
    expect(nextWorkingDay('2026-12-31')).toBe('2027-01-01'); // Thursday → Friday
    expect(nextWorkingDay('2028-02-26')).toBe('2028-02-28'); // Saturday → Monday over a Sunday the 27th
    expect(nextWorkingDay('2028-02-28')).toBe('2028-02-29');
  });
});
