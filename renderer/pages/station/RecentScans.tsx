// The station's last scans, newest first: time, source, what it was, qty, result.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScanView } from '../../../shared/contract/scanning';
import { useFormat } from '../../i18n/format';
import { outcomeTone, reasonText, resolutionText, scanQtyText, sourceText } from '../../scanning/scanText';

export function RecentScans({ scans }: { scans: ScanView[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const time = useMemo(
    () =>
      new Intl.DateTimeFormat(f.locale, {
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hour12: false,
        timeZone: f.timeZone,
      }),
    [f.locale, f.timeZone],
  );
  return (
    <section className="card recent-scans" aria-labelledby="recent-scans-title">
      <h2 id="recent-scans-title">{t('scan:recent.title')}</h2>
      {scans.length === 0 ? (
        <p className="task-empty">{t('scan:recent.empty')}</p>
      ) : (
        <table className="task-table recent-table" data-testid="station-scans">
          <thead>
            <tr>
              <th>{t('scan:recent.time')}</th>
              <th>{t('scan:recent.source')}</th>
              <th>{t('scan:recent.what')}</th>
              <th className="num">{t('scan:recent.qty')}</th>
              <th>{t('scan:recent.result')}</th>
            </tr>
          </thead>
          <tbody>
            {scans.map((s) => (
              <tr
                key={s.id}
                data-testid="station-scan-row"
                data-scan-id={s.id}
                data-outcome={s.outcome}
                data-source={s.sourceKind}
              >
                <td>{time.format(new Date(s.at))}</td>
                <td>{sourceText(s, t)}</td>
                <td>{resolutionText(s.resolution, t, f) || <span className="mono">{s.raw}</span>}</td>
                <td className="num">{scanQtyText(s, f)}</td>
                <td>
                  <span className={`outcome-chip outcome-${outcomeTone(s.outcome)}`}>
                    {t(`scan:outcome.${s.outcome}`)}
                  </span>
                  {s.reason && <span className="recent-reason">{reasonText(s.reason, t)}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
