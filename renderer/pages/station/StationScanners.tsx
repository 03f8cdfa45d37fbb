// The station's input devices at a glance: the keyboard wedge (its N/T, and
// what it made of the last burst, as data for tools and tests) and each serial
// scanner with its connection state.
import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { useScannerStatuses } from '../../scanning/ScannerStatusBar';
import { wedgeObservations, wedgeSettings } from '../../scanning/wedge';

/** `owner`: who chose the station's task — its serial scans are theirs (null: nobody's until someone chooses). */
export function StationScanners({ owner }: { owner: { displayName: string } | null | undefined }) {
  const { t } = useTranslation();
  const scanners = useScannerStatuses();
  const wedge = useSyncExternalStore(wedgeSettings.subscribe, wedgeSettings.get);
  const seen = useSyncExternalStore(wedgeObservations.subscribe, wedgeObservations.get);
  return (
    <div className="station-scanners" data-testid="station-scanners">
      <span
        className="scanner-chip scanner-chip-wedge"
        data-testid="station-wedge"
        data-enabled={wedge.enabled}
        data-last={seen ? (seen.kind === 'scan' ? 'scan' : seen.why) : ''}
        data-last-gaps={seen ? seen.gapsMs.map((g) => Math.round(g)).join(' ') : ''}
      >
        {wedge.enabled
          ? t('scan:station.wedgeOn', { n: wedge.minChars, ms: wedge.maxGapMs })
          : t('scan:station.wedgeOff')}
      </span>
      {scanners.map((s) => (
        <span
          key={s.scannerId}
          className={`scanner-chip scanner-chip-${s.state}`}
          data-testid={`station-scanner-${s.scannerId}`}
          data-state={s.state}
          title={[s.port, s.detail].filter(Boolean).join(' · ')}
        >
          <span className="scanner-bar-dot" aria-hidden="true" />
          {s.name} · {t(`scan:state.${s.state}`)}
        </span>
      ))}
      {scanners.length > 0 && owner !== undefined && (
        <span
          className={owner ? 'scanner-chip' : 'scanner-chip scanner-chip-disconnected'}
          data-testid="station-owner"
          data-owner={owner?.displayName ?? ''}
        >
          {owner ? t('scan:station.owner', { name: owner.displayName }) : t('scan:station.noOwner')}
        </span>
      )}
    </div>
  );
}
