// Every window's scanner line (issue 4): when a scanner of this station is not
// connected the shell says so, with its name, until it is back; "reconnected"
// shows for a few seconds after it returns. Serial scanners only: a wedge
// scanner is a keyboard, invisible until it types.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScannerStatus } from '../../shared/contract/scanning';
import { api } from '../api/client';
import { useApiEvent, useReconnected } from '../api/hooks';
import { useSession } from '../app/session';

/** How long "reconnected" stays up after a scanner comes back. */
const reconnectedShownMs = 5000;

type Shown = ScannerStatus & {
  /** It was disconnected since it last was connected: its next "connected" is a return, not a first start. */
  lost?: boolean;
  reconnectedUntil?: number;
};

/** The statuses of this station's scanners, live; for the bar and the station screen. */
export function useScannerStatuses(): ScannerStatus[] {
  const { session } = useSession();
  const [statuses, setStatuses] = useState<Map<number, ScannerStatus>>(new Map());

  const load = useCallback(async () => {
    try {
      const r = await api.request('scanner.list', {});
      setStatuses(new Map(r.status.filter((s) => s.station === session.station).map((s) => [s.scannerId, s])));
    } catch {
      // The core without scanning (or an old one): no bar rather than an error at every start.
    }
  }, [session.station]);

  useEffect(() => {
    void load();
  }, [load]);
  useReconnected(() => void load());
  useApiEvent('scanner.status', (s) => {
    setStatuses((old) => {
      const next = new Map(old);
      // A scanner moved to another station leaves this one's bar.
      if (s.station === session.station) next.set(s.scannerId, s);
      else next.delete(s.scannerId);
      return next;
    });
  });
  // The same array until a status changes: the bar's effect below depends on it, and a new
  // array on every render had it set state on every render, a render loop that kept the page busy.
  return useMemo(() => [...statuses.values()].sort((a, b) => a.name.localeCompare(b.name)), [statuses]);
}

export function ScannerStatusBar() {
  const { t } = useTranslation();
  const statuses = useScannerStatuses();
  const [shown, setShown] = useState<Shown[]>([]);
  const [now, setNow] = useState(() => Date.now());

  // Remember which scanners just came back, to say "reconnected" for a moment.
  useEffect(() => {
    setShown((old) => {
      const prev = new Map(old.map((s) => [s.scannerId, s]));
      return statuses.map((s) => {
        const before = prev.get(s.scannerId);
        const lost = s.state === 'disconnected' || (s.state === 'connecting' && before?.lost === true);
        const cameBack = s.state === 'connected' && before?.lost === true;
        return {
          ...s,
          lost,
          reconnectedUntil: cameBack ? Date.now() + reconnectedShownMs : before?.reconnectedUntil,
        };
      });
    });
  }, [statuses]);

  const pendingExpiry = shown.some((s) => s.state === 'connected' && (s.reconnectedUntil ?? 0) > now);
  useEffect(() => {
    if (!pendingExpiry) return;
    const timer = setTimeout(() => setNow(Date.now()), 1000);
    return () => clearTimeout(timer);
  }, [pendingExpiry, now]);

  const visible = shown.filter(
    (s) =>
      s.state === 'disconnected' ||
      s.state === 'connecting' ||
      (s.state === 'connected' && (s.reconnectedUntil ?? 0) > now),
  );

  return (
    <div className="scanner-bar" data-testid="scanner-status-bar" role="status" aria-live="polite">
      {visible.map((s) => {
        const kind = s.state === 'connected' ? 'reconnected' : s.state;
        return (
          <span
            key={s.scannerId}
            className={`scanner-bar-item scanner-bar-${kind}`}
            data-testid={`scanner-status-${s.scannerId}`}
            data-state={kind}
            title={[s.port, s.detail].filter(Boolean).join(' · ')}
          >
            <span className="scanner-bar-dot" aria-hidden="true" />
            {t(`scan:status.${kind}`, { name: s.name })}
            {s.detail && kind === 'disconnected' && <span className="scanner-bar-detail">{s.detail}</span>}
          </span>
        );
      })}
    </div>
  );
}
