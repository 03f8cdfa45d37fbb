// Stop order of a trip (issue 12 §3, "sort by route sequence"): route then the
// customer's place on it; nearest neighbour from the depot when every stop
// has coordinates; stops without a place after the placed ones.
import { describe, expect, it } from 'vitest';
import { sortedStops } from '../../../electron/core/dispatch/trips';

const depot = { lat: 23.2, lng: 113.3 };
const stop = (id: number, route: string, stopSeq: number | null, at?: [number, number]) => ({
  id,
  code: `C${id}`,
  route,
  stopSeq,
  lat: at ? at[0] : null,
  lng: at ? at[1] : null,
});

describe('sortedStops', () => {
  it('orders by route, then the stop on the route', () => {
    expect(sortedStops([stop(1, 'B', 1), stop(2, 'A', 2), stop(3, 'A', 1)], depot)).toEqual([3, 2, 1]);
  });

  it('drives nearest-first from the depot when every stop is located, whatever the route list says', () => {
    const far = stop(1, 'A', 1, [23.6, 113.3]);
    const near = stop(2, 'A', 2, [23.21, 113.3]);
    const mid = stop(3, 'A', 3, [23.4, 113.3]);
    expect(sortedStops([far, near, mid], depot)).toEqual([2, 3, 1]);
  });

  it('puts stops without a place after the placed ones: located by nearest neighbour, then by code', () => {
    const placed = stop(1, 'A', 1, [23.3, 113.3]);
    const unknown = stop(2, 'A', null);
    const located = stop(3, 'A', null, [23.31, 113.3]);
    expect(sortedStops([unknown, located, placed], depot)).toEqual([1, 3, 2]);
  });
});
