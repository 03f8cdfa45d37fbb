// The last scan, large enough to read from two metres: green when the task
// took it, amber for a duplicate or an undo, red when refused or unknown; the
// product, the quantity, and why not, in words.
import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScanView } from '../../../shared/contract/scanning';
import { useFormat } from '../../i18n/format';
import { feedbackLog, soundFor } from '../../scanning/feedback';
import {
  lotExpiryText,
  outcomeTone,
  reasonText,
  resolutionText,
  scanQtyText,
  sourceText,
} from '../../scanning/scanText';

export function LastScanBanner({ scan, onLink }: { scan: ScanView | null; onLink?: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const played = useSyncExternalStore(feedbackLog.subscribe, feedbackLog.get);
  if (!scan) {
    return (
      <section className="scan-banner scan-banner-idle" data-testid="scan-banner" data-outcome="none">
        <div className="scan-banner-main">{t('scan:banner.waiting')}</div>
        <div className="scan-banner-meta">{t('scan:banner.waitingHint')}</div>
      </section>
    );
  }
  const tone = outcomeTone(scan.outcome);
  const what = resolutionText(scan.resolution, t, f) || scan.decoded || scan.raw;
  const qty = scanQtyText(scan, f);
  const extra = lotExpiryText(scan.resolution, t);
  return (
    <section
      // A new key per scan restarts the flash, even for the same code twice.
      key={scan.id}
      className={`scan-banner scan-banner-${tone}`}
      data-testid="scan-banner"
      data-outcome={scan.outcome}
      data-scan-id={scan.id}
      data-source={scan.sourceKind}
      data-sound={soundFor(scan.outcome)}
      data-sounds-played={played.n}
      role="status"
      aria-live="assertive"
    >
      <div className="scan-banner-head">
        <span className="scan-banner-outcome" data-testid="scan-banner-outcome">
          {t(`scan:outcome.${scan.outcome}`)}
        </span>
        {qty && (
          <span className="scan-banner-qty" data-testid="scan-banner-qty">
            {qty}
          </span>
        )}
      </div>
      <div className="scan-banner-main" data-testid="scan-banner-product">
        {what}
      </div>
      {scan.reason && (
        <div className="scan-banner-reason" data-testid="scan-banner-reason" data-reason={scan.reason}>
          {reasonText(scan.reason, t)}
        </div>
      )}
      {extra && <div className="scan-banner-extra">{extra}</div>}
      <div className="scan-banner-meta">
        <span className="mono">{scan.raw}</span>
        <span>{sourceText(scan, t)}</span>
        <span>{f.dateTime(scan.at)}</span>
        {onLink && (
          <button type="button" className="primary" data-testid="scan-banner-link" onClick={onLink}>
            {t('scan:link.open')}
          </button>
        )}
      </div>
    </section>
  );
}
