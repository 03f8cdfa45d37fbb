// The station's state (active task, quantity key, last scans) as the core has
// it, kept live by this station's scanner.scan and station.changed events.
// A goods scan in the load check brings a patch of the view (the rows it
// changed), not the whole ~72 KB view: it applies to the version it was made
// from; anything else — a gap, another trip, a state older than one already
// patched — and the whole state is asked for again.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ScanView, StationState } from '../../../shared/contract/scanning';
import { applyStationPatch } from '../../../shared/station/patch';
import { api } from '../../api/client';
import { useApiEvent, useReconnected } from '../../api/hooks';
import { useSession } from '../../app/session';

export type Station = {
  state: StationState | null;
  /** The newest scan, for the banner (the event's, so a duplicate shows even if the list dedupes). */
  lastScan: ScanView | null;
  loadError: unknown;
  /** Replaces the state with a request's reply. */
  apply(state: StationState): void;
  reload(): Promise<void>;
};

export function useStation(onScan?: (scan: ScanView) => void): Station {
  const { session } = useSession();
  const [state, setState] = useState<StationState | null>(null);
  const [lastScan, setLastScan] = useState<ScanView | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  /** What the screen shows, read synchronously when the next patch arrives. */
  const held = useRef<StationState | null>(null);

  const take = useCallback((s: StationState) => {
    held.current = s;
    setState(s);
  }, []);

  const reload = useCallback(async () => {
    try {
      let s = await api.request('station.state', {});
      // Patches applied while the request was out are newer than this reply: ask again (a race, rare).
      for (let again = 0; again < 3 && held.current && s.version < held.current.version; again++)
        s = await api.request('station.state', {});
      take(s);
      setLastScan((old) => old ?? s.lastScans[0] ?? null);
      setLoadError(null);
    } catch (e) {
      setLoadError(e);
    }
  }, [take]);

  /** A whole state (an event or a reply): older than one already patched means this one lacks scans. */
  const receive = useCallback(
    (s: StationState) => {
      if (held.current && s.version < held.current.version) void reload();
      else take(s);
    },
    [reload, take],
  );

  useEffect(() => {
    void reload();
  }, [reload]);
  useReconnected(() => void reload());

  useApiEvent('scanner.scan', (p) => {
    if (p.station !== session.station) return;
    if ('state' in p) receive(p.state);
    else {
      const next = applyStationPatch(held.current, p.patch, p.scan);
      if (next) take(next);
      else void reload();
    }
    setLastScan(p.scan);
    onScan?.(p.scan);
  });
  useApiEvent('station.changed', (s) => {
    if (s.station === session.station) receive(s);
  });

  return { state, lastScan, loadError, apply: receive, reload };
}
