// The share-out (issue 16 §4): evenly, by area, never to the complaint's handler.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shareOut } from '../../../electron/core/calls/share';

const callsArb = fc.array(
  fc.record({
    area: fc.constantFrom('天河', '越秀', '海珠'),
    avoid: fc.option(fc.constantFrom(1, 2, 3), { nil: null }),
  }),
  { maxLength: 60 },
);

describe('shareOut', () => {
  it('never gives a call to the person to avoid', () => {
    fc.assert(
      fc.property(callsArb, (raw) => {
        const calls = raw.map((c, i) => ({ id: i + 1, customerId: i, area: c.area, avoid: c.avoid, assignedTo: null }));
        const given = shareOut(calls, [1, 2, 3], 'even', new Map());
        for (const c of calls) expect(given.get(c.id)).not.toBe(c.avoid);
      }),
    );
  });

  it('evens out the loads to within one when nobody is to be avoided', () => {
    fc.assert(
      fc.property(callsArb, (rawAvoid) => {
        const raw = rawAvoid.map((c) => ({ ...c, avoid: null }));
        const calls = raw.map((c, i) => ({ id: i + 1, customerId: i, area: c.area, avoid: c.avoid, assignedTo: null }));
        const given = shareOut(calls, [1, 2, 3], 'even', new Map());
        const load = new Map<number, number>();
        for (const c of calls) {
          const to = given.get(c.id);
          load.set(to!, (load.get(to!) ?? 0) + 1);
        }
        const counts = [1, 2, 3].map((s) => load.get(s) ?? 0);
        expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('by area keeps an area with one person except where that person must be avoided', () => {
    fc.assert(
      fc.property(callsArb, (raw) => {
        const calls = raw.map((c, i) => ({ id: i + 1, customerId: i, area: c.area, avoid: c.avoid, assignedTo: null }));
        const given = shareOut(calls, [1, 2], 'area', new Map());
        const owner = new Map<string, Set<number>>();
        for (const c of calls) {
          const to = given.get(c.id)!;
          expect(to).not.toBe(c.avoid);
          if (c.avoid === null) owner.set(c.area, (owner.get(c.area) ?? new Set()).add(to));
        }
        for (const s of owner.values()) expect(s.size).toBe(1);
      }),
    );
  });

  it('leaves a call unassigned when the only staff member handled its complaint', () => {
    const given = shareOut([{ id: 1, customerId: 1, area: 'a', avoid: 7, assignedTo: null }], [7], 'even', new Map());
    expect(given.has(1)).toBe(false);
  });
});
