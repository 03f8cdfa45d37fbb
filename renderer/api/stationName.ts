// The station name this browser chose (issue 15 §5; shared/station/stationName.ts),
// kept per device like the wedge scanner's settings and sent with the station socket.
import { normalStationName, stationNameStorageKey } from '../../shared/station/stationName';

/** The name this browser chose, or null (it works as the host's station). */
export function chosenStationName(): string | null {
  try {
    return normalStationName(localStorage.getItem(stationNameStorageKey));
  } catch {
    return null; // storage refused (a locked-down browser): the host's station
  }
}

/** Remember `name` for this browser (null: back to the host's station); takes effect on the next connection. */
export function keepStationName(name: string | null): void {
  if (name === null) localStorage.removeItem(stationNameStorageKey);
  else localStorage.setItem(stationNameStorageKey, name);
}
