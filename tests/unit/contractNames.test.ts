// The preload's copy of the request names (shared/contract/names.ts) must match
// the contract exactly: a missing name would be refused in the desktop app
// while the station host accepts it.
import { describe, expect, it } from 'vitest';
import { isListedRequestName, requestNameList } from '../../shared/contract/names';
import { isRequestName, requests } from '../../shared/contract/requests';

describe('contract request names', () => {
  it('lists exactly the requests of the contract', () => {
    expect([...requestNameList].sort()).toEqual(Object.keys(requests).sort());
  });

  it('has no duplicates', () => {
    expect(new Set(requestNameList).size).toBe(requestNameList.length);
  });

  it('agrees with isRequestName on known, unknown and non-string names', () => {
    for (const n of [...requestNameList, 'nope.nothing', '__proto__', 'constructor', 42, null]) {
      expect(isListedRequestName(n)).toBe(isRequestName(n));
    }
  });
});
