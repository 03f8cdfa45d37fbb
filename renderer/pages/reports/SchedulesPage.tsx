// 定时输出 Scheduled output (issue 14 §6): for each scheduled report, the day,
// the time (warehouse zone) and the folder its PDF is written into — the folder
// is checked writable when saved, with a clear message otherwise — and the log
// of every run: the file written, or why it failed. Live: a run or a change in
// another window shows here at once.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  scheduledJobKinds,
  type ScheduledJobKind,
  type ScheduleJobInput,
  type ScheduleStatus,
} from '../../../shared/contract/schedules';
import { api } from '../../api/client';
import { useGridEvents } from '../../components/grid/useGridEvents';
import { useNotify } from '../../components/toast/useNotify';
import { useFormat } from '../../i18n/format';
import { EdrFolderForm } from '../edr/EdrFolderForm';

function JobForm({
  status,
  kind,
  onSaved,
}: {
  status: ScheduleStatus;
  kind: ScheduledJobKind;
  onSaved(s: ScheduleStatus): void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const job = status.jobs.find((j) => j.kind === kind)!;
  const [draft, setDraft] = useState<ScheduleJobInput>({
    kind,
    enabled: job.enabled,
    weekday: job.weekday,
    at: job.at,
    folder: job.folder,
  });
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    try {
      onSaved(await api.request('schedules.configure', draft));
      notify.success(t('schedules:saved', { job: t(`schedules:job.${kind}`) }));
    } catch (e) {
      notify.error(e);
    } finally {
      setBusy(false);
    }
  };
  const runNow = async () => {
    setBusy(true);
    try {
      const run = await api.request('schedules.runNow', { kind });
      if (run.ok) notify.success(t('schedules:ran', { file: run.file }));
      else notify.error(new Error(t('schedules:runFailed', { reason: `${run.error?.code} ${run.error?.reason}` })));
    } catch (e) {
      notify.error(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="schedule-job"
      data-testid={`schedule-${kind}`}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h3>{t(`schedules:job.${kind}`)}</h3>
      <label className="inline-field">
        <input
          type="checkbox"
          checked={draft.enabled}
          data-testid="schedule-enabled"
          onChange={(e) => setDraft({ ...draft, enabled: e.target.checked })}
        />
        {t('schedules:enabled')}
      </label>
      <label className="inline-field">
        {t('schedules:weekday')}
        <select
          value={draft.weekday}
          data-testid="schedule-weekday"
          onChange={(e) => setDraft({ ...draft, weekday: Number(e.target.value) })}
        >
          {[1, 2, 3, 4, 5, 6, 0].map((d) => (
            <option key={d} value={d}>
              {t(`schedules:days.${d}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="inline-field">
        {t('schedules:at')}
        <input
          type="time"
          value={draft.at}
          data-testid="schedule-at"
          onChange={(e) => e.target.value && setDraft({ ...draft, at: e.target.value })}
        />
      </label>
      <label className="inline-field schedule-folder">
        {t('schedules:folder')}
        <input
          type="text"
          value={draft.folder}
          placeholder={t('schedules:folderHint')}
          data-testid="schedule-folder"
          onChange={(e) => setDraft({ ...draft, folder: e.target.value })}
        />
      </label>
      <button type="submit" className="primary" disabled={busy} data-testid="schedule-save">
        {t('schedules:save')}
      </button>
      <button type="button" disabled={busy || !job.folder} onClick={() => void runNow()} data-testid="schedule-run">
        {t('schedules:runNow')}
      </button>
      <span className="page-hint">
        {job.nextRunAt ? t('schedules:next', { at: f.dateTime(job.nextRunAt) }) : t('schedules:notScheduled')}
      </span>
    </form>
  );
}

export function SchedulesPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const [status, setStatus] = useState<ScheduleStatus | null>(null);
  const load = useCallback(() => {
    api.request('schedules.status', {}).then(setStatus, notify.error);
  }, [notify]);
  useEffect(load, [load]);
  useGridEvents({ 'schedules.changed': load, reconnected: load });
  if (!status) return null;
  return (
    <section className="page-body schedules-page" data-testid="schedules">
      <div className="toolbar">
        <h2>{t('schedules:title')}</h2>
      </div>
      <p className="page-hint">{t('schedules:intro', { zone: status.timeZone })}</p>
      {!status.printerReady && <p className="page-hint schedule-warning">{t('schedules:printerMissing')}</p>}
      {scheduledJobKinds.map((kind) => (
        <JobForm
          key={`${kind}:${status.jobs.find((j) => j.kind === kind)?.configuredAt}`}
          status={status}
          kind={kind}
          onSaved={setStatus}
        />
      ))}
      <EdrFolderForm />
      <h3>{t('schedules:log')}</h3>
      {status.log.length === 0 ? (
        <p className="page-hint">{t('schedules:logEmpty')}</p>
      ) : (
        <table className="schedule-log" data-testid="schedule-log">
          <thead>
            <tr>
              {['ranAt', 'dueAt', 'job', 'period', 'result', 'file'].map((c) => (
                <th key={c}>{t(`schedules:col.${c}`)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {status.log.map((r) => (
              <tr key={`${r.kind}:${r.ranAt}`} className={r.ok ? undefined : 'schedule-failed'}>
                <td>{f.dateTime(r.ranAt)}</td>
                <td>{f.dateTime(r.dueAt)}</td>
                <td>{t(`schedules:job.${r.kind}`)}</td>
                <td>{r.period}</td>
                <td>{t(r.ok ? 'schedules:ok' : 'schedules:failed')}</td>
                <td className="schedule-file">{r.ok ? r.file : `${r.error?.code ?? ''} ${r.error?.reason ?? ''}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
