// A station's name (issue 15 §5): each browser at the docks is its own
// station — its own task, owner, last scans and scanner settings — named once
// per device and remembered there. The browser sends the name with its
// connection (the station socket's `?station=` parameter), so a reconnect or
// a reload stays the same station; a browser that never chose one works as
// the host's station, as before. The host names the station its serial
// scanners feed (scanner settings), so a dock browser that takes the same
// name shares that scanner.

/** The query parameter of the station socket that carries the browser's station name. */
export const stationNameParam = 'station';

/** Where a browser keeps the name it chose (per device, like the wedge scanner's settings). */
export const stationNameStorageKey = 'cangwu.stationName';

export const stationNameMaxLength = 32;

/**
 * The name as the station will be known, or null when it is not a usable name:
 * 1–32 letters (any script), digits, spaces, '-', '_' or '.', starting with a
 * letter or digit — it is shown on every station screen and stored with every scan.
 */
export function normalStationName(raw: string | null | undefined): string | null {
  const name = (raw ?? '').normalize('NFC').trim().replace(/\s+/g, ' ');
  if (name.length === 0 || [...name].length > stationNameMaxLength) return null;
  return /^[\p{L}\p{N}][\p{L}\p{N} ._-]*$/u.test(name) ? name : null;
}
