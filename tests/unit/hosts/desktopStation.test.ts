// A desktop window is its own station (issue 15 §5; electron/desktopStation.ts):
// the name it sends is checked like a browser's, a window keeps its caller
// while its station stays, and naming a station gives it a fresh caller for
// that station while the old one is released.
import { describe, expect, it } from 'vitest';
import type { Caller } from '../../../electron/core/context';
import { WindowCallers, windowStation } from '../../../electron/desktopStation';

function fakeCore() {
  const released: Caller[] = [];
  return {
    released,
    newCaller: (clientId: string, _origin?: undefined, station = 'HOST') =>
      ({ session: null, station, clientId, origin: { address: 'local', local: true } }) as Caller,
    release: (c: Caller) => void released.push(c),
  };
}

describe('desktop window stations', () => {
  it("takes a usable chosen name, else the host's station", () => {
    expect(windowStation('  Dock   2 ', 'HOST')).toBe('Dock 2');
    expect(windowStation('码头一号', 'HOST')).toBe('码头一号');
    for (const bad of [null, undefined, '', '   ', '<script>', 'x'.repeat(40), 42, { name: 'Dock' }])
      expect(windowStation(bad, 'HOST')).toBe('HOST');
  });

  it('keeps a window its caller while the station stays, and gives it a new one for a new station', () => {
    const core = fakeCore();
    const callers = new WindowCallers();
    const first = callers.get(core, 7, 'HOST');
    expect(callers.get(core, 7, 'HOST')).toBe(first);
    // Whatever station it last spoke for, when the caller is asked for without one (events, prints).
    expect(callers.get(core, 7)).toBe(first);
    const named = callers.get(core, 7, 'Dock 2');
    expect(named).not.toBe(first);
    expect([named.station, named.clientId]).toEqual(['Dock 2', 'window-7']);
    expect(core.released).toEqual([first]);
    // Another window is another caller; closing one releases only its own.
    const other = callers.get(core, 8, 'HOST');
    callers.drop(core, 7);
    expect(core.released).toEqual([first, named]);
    expect(callers.get(core, 8, 'HOST')).toBe(other);
    callers.drop(null, 8);
  });
});
