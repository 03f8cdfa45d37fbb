// The working calendar and the deadline rules (issue 16 §2), kept by the CS
// manager: holidays on weekdays and make-up working days 调休 on weekends;
// the core recomputes open complaints' deadlines on every change.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComplaintCalendar } from '../../../shared/contract';
import { api } from '../../api/client';
import { useApiEvent } from '../../api/hooks';
import { useNotify } from '../../components/toast/useNotify';
import { warehouseDay } from '../../i18n/format';

export function CalendarPanel() {
  const { t } = useTranslation();
  const notify = useNotify();
  const [year, setYear] = useState(Number(warehouseDay().slice(0, 4)));
  const [cal, setCal] = useState<ComplaintCalendar | null>(null);
  const [rules, setRules] = useState({ responseHours: 24, resolveWorkingDays: 3 });
  const [day, setDay] = useState({ date: '', kind: 'holiday' as 'holiday' | 'workday' | 'normal', note: '' });
  const k = (x: string) => t(`complaints:calendar.${x}`);

  const load = useCallback(async () => {
    try {
      const c = await api.request('complaints.calendar', { year });
      setCal(c);
      setRules({ responseHours: c.responseHours, resolveWorkingDays: c.resolveWorkingDays });
    } catch (e) {
      notify.error(e);
    }
  }, [year, notify]);
  useEffect(() => {
    void load();
  }, [load]);
  useApiEvent('complaints.changed', () => void load());

  const run = async (fn: () => Promise<ComplaintCalendar>) => {
    try {
      await fn();
      notify.success(k('saved'));
      void load();
    } catch (e) {
      notify.error(e);
    }
  };
  return (
    <section className="card complaint-calendar" data-testid="complaint-calendar">
      <h2>{k('title')}</h2>
      <p className="page-hint">{k('hint')}</p>
      <fieldset>
        <legend>{k('rules')}</legend>
        <label>
          <span>{k('responseHours')}</span>
          <input
            type="number"
            min={1}
            max={240}
            value={rules.responseHours}
            onChange={(e) => setRules({ ...rules, responseHours: Number(e.target.value) })}
          />
        </label>
        <label>
          <span>{k('resolveWorkingDays')}</span>
          <input
            type="number"
            min={1}
            max={30}
            value={rules.resolveWorkingDays}
            onChange={(e) => setRules({ ...rules, resolveWorkingDays: Number(e.target.value) })}
          />
        </label>
        <button type="button" onClick={() => void run(() => api.request('complaints.setRules', rules))}>
          {k('saveRules')}
        </button>
      </fieldset>
      <form
        className="complaint-calendar-day"
        onSubmit={(e) => {
          e.preventDefault();
          void run(() => api.request('complaints.setCalendarDay', day));
        }}
      >
        <label>
          <span>{k('date')}</span>
          <input
            type="date"
            required
            value={day.date}
            onChange={(e) => setDay({ ...day, date: e.target.value })}
            data-testid="calendar-date"
          />
        </label>
        <label>
          <span>{k('kind')}</span>
          <select
            value={day.kind}
            onChange={(e) => setDay({ ...day, kind: e.target.value as typeof day.kind })}
            data-testid="calendar-kind"
          >
            {(['holiday', 'workday', 'normal'] as const).map((x) => (
              <option key={x} value={x}>
                {k(x)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{k('note')}</span>
          <input value={day.note} maxLength={200} onChange={(e) => setDay({ ...day, note: e.target.value })} />
        </label>
        <button type="submit" className="primary" data-testid="calendar-set">
          {k('set')}
        </button>
      </form>
      <label>
        <span>{k('year')}</span>
        <input type="number" min={2000} max={2100} value={year} onChange={(e) => setYear(Number(e.target.value))} />
      </label>
      <table className="lines" data-testid="calendar-days">
        <thead>
          <tr>
            <th>{k('date')}</th>
            <th>{k('kind')}</th>
            <th>{k('note')}</th>
          </tr>
        </thead>
        <tbody>
          {cal?.days.map((d) => (
            <tr key={d.date}>
              <td className="mono">{d.date}</td>
              <td>{k(d.kind)}</td>
              <td>{d.note}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
