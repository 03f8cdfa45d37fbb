import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { businessDay } from '../../../electron/core/clock';

// The reference: the day as Intl formats it, with nothing remembered.
const reference = (at: Date, timeZone: string) => {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
      .formatToParts(at)
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}${p.month}${p.day}`;
};

describe('businessDay', () => {
  it('is the local date around midnight in Shanghai', () => {
    expect(businessDay(new Date('2026-11-22T15:59:59.999Z'), 'Asia/Shanghai')).toBe('20261122');
    expect(businessDay(new Date('2026-11-22T16:00:00.000Z'), 'Asia/Shanghai')).toBe('20261123');
  });

  it('agrees with Intl for any instant in zones with odd offsets and daylight saving', () => {
    const zones = ['Asia/Shanghai', 'Asia/Kathmandu', 'Asia/Kolkata', 'America/New_York', 'Australia/Lord_Howe'];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2030, 0, 1) }),
        fc.constantFrom(...zones),
        fc.integer({ min: -3, max: 3 }),
        (ms, zone, nudge) => {
          // Consecutive instants a few ms apart cross local midnight often enough to test the memo.
          const at = new Date(ms);
          const near = new Date(ms + nudge);
          return businessDay(at, zone) === reference(at, zone) && businessDay(near, zone) === reference(near, zone);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('turns over exactly at local midnight when asked just before and just after', () => {
    for (const [zone, midnightUtc] of [
      ['Asia/Shanghai', '2026-11-22T16:00:00.000Z'],
      ['Asia/Kathmandu', '2026-11-22T18:15:00.000Z'],
      ['America/New_York', '2026-11-23T05:00:00.000Z'],
    ] as const) {
      const t = new Date(midnightUtc).getTime();
      const before = businessDay(new Date(t - 1), zone);
      const after = businessDay(new Date(t), zone);
      expect(before).toBe(reference(new Date(t - 1), zone));
      expect(after).toBe(reference(new Date(t), zone));
      expect(after).not.toBe(before);
    }
  });
});
