// Each console window is its own station (issue 15 §5), as each browser is:
// the window keeps the name it chose in its own storage (renderer/api/
// stationName.ts) and the preload sends it with every request; the main
// process keeps one caller per window and station, so choosing a name (the
// login screen reloads the window) gives the window a fresh caller for that
// station — its own task, owner and last scans — and the old one is released.
// A window that never chose a name is the host's station, as before.
import type { Caller } from './core/context';
import { normalStationName } from '../shared/station/stationName';

/** The station a window's request speaks for: its chosen name, if usable, else the host's. */
export function windowStation(raw: unknown, hostStation: string): string {
  return (typeof raw === 'string' && normalStationName(raw)) || hostStation;
}

type CallerSource = {
  newCaller(clientId: string, origin?: undefined, station?: string): Caller;
  release(caller: Caller): void;
};

/** The callers of the open windows, by webContents id. */
export class WindowCallers {
  private readonly byWindow = new Map<number, Caller>();

  /** The window's caller for `station`: the one it has, or a new one when the station changed. */
  get(core: CallerSource, windowId: number, station?: string): Caller {
    const had = this.byWindow.get(windowId);
    if (had && (station === undefined || had.station === station)) return had;
    if (had) core.release(had);
    const caller = core.newCaller(`window-${windowId}`, undefined, station);
    this.byWindow.set(windowId, caller);
    return caller;
  }

  /** The window closed (or its page went away): its caller stops counting. */
  drop(core: CallerSource | null, windowId: number): void {
    const caller = this.byWindow.get(windowId);
    this.byWindow.delete(windowId);
    if (caller) core?.release(caller);
  }
}
