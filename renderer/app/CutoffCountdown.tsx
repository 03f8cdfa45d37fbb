// The daily dispatch report's cut-off (R9: before 16:30, a setting, in the
// warehouse's time zone) counting down on the keeper's screens: in the top
// bar of every page, the station included. Amber in the last 30 minutes, red
// after the cut-off; once today's report is submitted it says so instead.
// The time left is counted from the server's clock (its `now` against this
// machine's at the answer), so a station with a wrong clock still counts right.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CutoffView } from '../../shared/contract/dispatch';
import { api } from '../api/client';
import { useGridEvents } from '../components/grid/useGridEvents';
import { clockText, countdownTone } from './cutoffTone';
import { navigate } from './routes';

export function CutoffCountdown() {
  const { t } = useTranslation();
  const [view, setView] = useState<{ cutoff: CutoffView; skewMs: number } | null>(null);
  const [now, setNow] = useState(() => Date.now());

  const load = useCallback(() => {
    api.request('dispatch.cutoff', {}).then(
      (cutoff) => setView({ cutoff, skewMs: Date.parse(cutoff.now) - Date.now() }),
      () => setView(null),
    );
  }, []);
  useEffect(() => {
    load();
    // Every five minutes: a new day brings a new cut-off.
    const again = setInterval(load, 5 * 60_000);
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => {
      clearInterval(again);
      clearInterval(tick);
    };
  }, [load]);
  useGridEvents({ 'dispatch.changed': () => load(), reconnected: () => load() });

  if (!view) return null;
  const { cutoff, skewMs } = view;
  const done = cutoff.todayState === 'submitted' || cutoff.todayState === 'posted';
  const left = Date.parse(cutoff.cutoffAt) - (now + skewMs);
  const tone = countdownTone(left, done);
  const text = done
    ? t('delivery:countdown.done', { state: t(`delivery:report.state.${cutoff.todayState}`) })
    : left > 0
      ? t('delivery:countdown.left', { time: cutoff.time, left: clockText(left) })
      : t('delivery:countdown.over', { time: cutoff.time, over: clockText(left) });
  return (
    <button
      type="button"
      className={`cutoff-countdown cutoff-${tone}`}
      data-testid="cutoff-countdown"
      data-tone={tone}
      title={t('delivery:countdown.open')}
      onClick={() => navigate('dispatchReport', { date: cutoff.today })}
    >
      {text}
    </button>
  );
}
