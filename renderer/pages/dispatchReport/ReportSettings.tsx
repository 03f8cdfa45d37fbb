// Under the report: the customer service level of the date (orders delivered
// complete by their promised date ÷ orders due, for those who may read it),
// and the cut-off time, which the administrator and the CS manager may change.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServiceLevel } from '../../../shared/contract/dispatch';
import { api } from '../../api/client';
import { hasRole, useSession } from '../../app/session';
import { useNotify } from '../../components/toast/useNotify';

export function ReportSettings({ date, cutoffTime }: { date: string; cutoffTime: string }) {
  const { t, i18n } = useTranslation();
  const notify = useNotify();
  const { session } = useSession();
  const canSet = hasRole(session, ['admin', 'csManager']);
  const canReadLevel = hasRole(session, ['dispatcher', 'operator', 'csManager', 'supervisor', 'admin']);
  const [level, setLevel] = useState<ServiceLevel | null>(null);
  const [time, setTime] = useState(cutoffTime);
  useEffect(() => setTime(cutoffTime), [cutoffTime]);
  useEffect(() => {
    if (canReadLevel) api.request('dispatch.serviceLevel', { from: date, to: date }).then(setLevel, notify.error);
  }, [canReadLevel, date, notify]);

  const pct = new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 1 });
  return (
    <section className="report-settings">
      {level && (
        <p data-testid="service-level">
          <strong>{t('delivery:serviceLevel.heading')}</strong>{' '}
          {t('delivery:serviceLevel.value', {
            from: level.from,
            to: level.to,
            due: level.due,
            onTime: level.onTime,
            rate: level.rate === null ? t('delivery:serviceLevel.none') : pct.format(level.rate),
          })}
        </p>
      )}
      {canSet && (
        <form
          className="toolbar"
          onSubmit={(e) => {
            e.preventDefault();
            api
              .request('dispatch.setCutoff', { time })
              .then((v) => notify.success(t('delivery:report.cutoffSaved', { time: v.time })), notify.error);
          }}
        >
          <label className="toolbar-field">
            <span>{t('delivery:report.setCutoff')}</span>
            <input
              type="time"
              required
              data-testid="cutoff-time"
              value={time}
              onChange={(e) => setTime(e.target.value)}
            />
          </label>
          <button type="submit" data-testid="cutoff-save">
            {t('delivery:report.saveCutoff')}
          </button>
        </form>
      )}
    </section>
  );
}
