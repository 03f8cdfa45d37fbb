// The scanning glue every logged-in window runs (mounted by the shell): the
// keyboard wedge on the whole window, and the feedback sound for each scan of
// this window's station, whatever page is open; a zone label scanned at an
// idle station opens the zone's quality checklist.
import { useEffect } from 'react';
import type { ScanView } from '../../shared/contract/scanning';
import { api } from '../api/client';
import { useApiEvent } from '../api/hooks';
import { qualityFillers } from '../../shared/contract/quality';
import { navigate } from '../app/routes';
import { hasRole, useSession } from '../app/session';
import { useNotify } from '../components/toast/useNotify';
import { playSound, preloadSounds, soundFor } from './feedback';
import { installWedge, wedgeObservations } from './wedge';

let beforeSubmit: (() => Promise<void>) | null = null;

/** The station screen's quantity key registers here: what it typed reaches the core before the scan. */
export function setBeforeScanSubmit(fn: (() => Promise<void>) | null): void {
  beforeSubmit = fn;
}

/** A wedge or typed scan into the one pipeline (the core logs it, the event brings the result). */
export async function submitScan(raw: string, source: 'wedge' | 'manual'): Promise<ScanView> {
  if (beforeSubmit) await beforeSubmit();
  return api.request('scanner.submit', { raw, source });
}

export function useScanning(): void {
  const { session } = useSession();
  const notify = useNotify();

  useEffect(() => {
    preloadSounds();
    return installWedge(window, {
      onScan: (scan) => {
        submitScan(scan.raw, 'wedge').catch((e: unknown) => {
          // Not in the log (the core never got it): say so, loudly.
          playSound('error');
          notify.error(e);
        });
      },
      onObserve: (o) => wedgeObservations.push(o),
    });
  }, [notify]);

  const fillsQuality = hasRole(session, qualityFillers);
  useApiEvent('scanner.scan', (p) => {
    if (p.station !== session.station) return;
    playSound(soundFor(p.scan.outcome));
    // A zone's label scanned at an idle station (its look-up task) opens that
    // zone's quality checklist of the day (issue 17 §1), for whoever fills it.
    const r = p.scan.resolution;
    if (
      fillsQuality &&
      p.scan.outcome === 'accepted' &&
      p.scan.task === 'lookup' &&
      r?.kind === 'location' &&
      r.locationKind === 'zone'
    )
      navigate('quality', { zone: r.locationId });
  });
}
