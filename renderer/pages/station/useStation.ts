// The station's state (active task, quantity key, last scans) as the core has
// it, kept live by this station's scanner.scan and station.changed events.
import { useCallback, useEffect, useState } from 'react';
import type { ScanView, StationState } from '../../../shared/contract/scanning';
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

  const reload = useCallback(async () => {
    try {
      const s = await api.request('station.state', {});
      setState(s);
      setLastScan((old) => old ?? s.lastScans[0] ?? null);
      setLoadError(null);
    } catch (e) {
      setLoadError(e);
    }
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);
  useReconnected(() => void reload());

  useApiEvent('scanner.scan', (p) => {
    if (p.station !== session.station) return;
    setState(p.state);
    setLastScan(p.scan);
    onScan?.(p.scan);
  });
  useApiEvent('station.changed', (s) => {
    if (s.station === session.station) setState(s);
  });

  return { state, lastScan, loadError, apply: setState, reload };
}
