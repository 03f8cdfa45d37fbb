// The keyboard wedge on this machine: on/off, N and T, and the timing of the
// last burst the wedge saw — scan or typing — to set T for a given scanner.
import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { showText } from '../../../shared/barcode/controlText';
import { wedgeLimits, wedgeObservations, wedgeSettings } from '../../scanning/wedge';

export function WedgePanel() {
  const { t } = useTranslation();
  const s = useSyncExternalStore(wedgeSettings.subscribe, wedgeSettings.get);
  const seen = useSyncExternalStore(wedgeObservations.subscribe, wedgeObservations.get);
  const maxGap = seen && seen.gapsMs.length > 0 ? Math.max(...seen.gapsMs) : null;
  return (
    <section className="card wedge-panel" data-testid="wedge-panel">
      <h2>{t('scan:wedge.title')}</h2>
      <p className="muted">{t('scan:wedge.hint')}</p>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={s.enabled}
          onChange={(e) => wedgeSettings.set({ enabled: e.target.checked })}
          data-testid="wedge-enabled"
        />
        {t('scan:wedge.enabled')}
      </label>
      <div className="form-row">
        <label className="field">
          <span className="field-label">{t('scan:wedge.minChars')}</span>
          <input
            type="number"
            min={wedgeLimits.minChars[0]}
            max={wedgeLimits.minChars[1]}
            value={s.minChars}
            onChange={(e) => e.target.value !== '' && wedgeSettings.set({ minChars: Number(e.target.value) })}
            data-testid="wedge-min-chars"
          />
        </label>
        <label className="field">
          <span className="field-label">{t('scan:wedge.maxGapMs')}</span>
          <input
            type="number"
            min={wedgeLimits.maxGapMs[0]}
            max={wedgeLimits.maxGapMs[1]}
            value={s.maxGapMs}
            onChange={(e) => e.target.value !== '' && wedgeSettings.set({ maxGapMs: Number(e.target.value) })}
            data-testid="wedge-max-gap"
          />
        </label>
      </div>
      <div className="wedge-last" data-testid="wedge-last" data-kind={seen?.kind ?? ''}>
        {seen === null ? (
          <span className="muted">{t('scan:wedge.nothingYet')}</span>
        ) : (
          <>
            <span className={`outcome-chip ${seen.kind === 'scan' ? 'outcome-ok' : 'outcome-warn'}`}>
              {seen.kind === 'scan' ? t('scan:wedge.sawScan') : t(`scan:wedge.sawTyping.${seen.why}`)}
            </span>
            <span className="mono">{showText(seen.raw)}</span>
            <span>
              {t('scan:wedge.gaps', {
                gaps: seen.gapsMs.map((g) => Math.round(g)).join(' '),
                max: Math.round(maxGap ?? 0),
              })}
            </span>
          </>
        )}
      </div>
    </section>
  );
}
