// 备份 Backups (admin): the last backup's time, size and result, the backups
// kept in the data folder, the daily time and how many to keep, and a backup
// now. A failed backup stays on screen as a banner until one succeeds.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupOutcome, BackupSettings, BackupStatus } from '../../../shared/contract/backups';
import { api } from '../../api/client';
import { useNotify } from '../../components/toast/useNotify';
import { useFormat } from '../../i18n/format';

const kb = (bytes: number | null) => (bytes === null ? 0 : Math.max(1, Math.round(bytes / 1024)));

export function BackupsSection() {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const [status, setStatus] = useState<BackupStatus | null>(null);
  const [draft, setDraft] = useState<BackupSettings | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      const s = await api.request('backups.status', {});
      setStatus(s);
      setDraft((d) => d ?? s.settings);
    } catch (e) {
      notify.error(e);
    }
  }, [notify]);

  useEffect(() => {
    void load();
    const offChanged = api.on('backups.changed', () => void load());
    const offReconnected = api.onReconnected(() => void load());
    return () => {
      offChanged();
      offReconnected();
    };
  }, [load]);

  const runNow = async () => {
    setBusy(true);
    try {
      const s = await api.request('backups.runNow', {});
      setStatus(s);
      if (s.last?.ok) notify.success(t('users:backups.done', { name: s.last.name ?? '' }));
    } catch (e) {
      notify.error(e);
    } finally {
      setBusy(false);
    }
  };

  const save = async () => {
    if (!draft) return;
    try {
      setStatus(await api.request('backups.configure', draft));
      notify.success(t('users:backups.saved'));
    } catch (e) {
      notify.error(e);
    }
  };

  const outcome = (o: BackupOutcome | null) =>
    o === null
      ? t('users:backups.never')
      : o.ok
        ? t('users:backups.ok', { at: f.dateTime(o.at), kb: f.qty(kb(o.bytes)) })
        : t('users:backups.failed', {
            at: f.dateTime(o.at),
            why: t(`errors:${o.error?.code ?? 'backup.failed'}`, {
              reason: o.error?.reason ?? '',
              target: '',
              file: '',
            }),
          });

  if (status?.server)
    return (
      <section className="card backups" data-testid="backups">
        <h2>{t('users:backups.title')}</h2>
        <p className="muted" data-testid="backups-on-server">
          {t('users:backups.onServer', { server: status.server })}
        </p>
      </section>
    );

  return (
    <section className="card backups" data-testid="backups">
      <h2>{t('users:backups.title')}</h2>
      {status?.last && !status.last.ok && (
        <p className="form-error" role="alert" data-testid="backups-failed">
          {outcome(status.last)}
        </p>
      )}
      <dl className="backups-summary">
        <dt>{t('users:backups.last')}</dt>
        <dd data-testid="backups-last">{status ? outcome(status.lastSuccess) : ''}</dd>
        <dt>{t('users:backups.next')}</dt>
        <dd>{status?.nextDailyAt ? f.dateTime(status.nextDailyAt) : ''}</dd>
        <dt>{t('users:backups.folder')}</dt>
        <dd>{status?.folder ?? ''}</dd>
      </dl>
      <button type="button" className="primary" onClick={() => void runNow()} disabled={busy} data-testid="backups-run">
        {busy ? t('users:backups.running') : t('users:backups.runNow')}
      </button>
      {draft && (
        <div className="backups-settings">
          <label className="field">
            <span className="field-label">{t('users:backups.dailyAt', { zone: status?.timeZone ?? '' })}</span>
            <input
              type="time"
              value={draft.dailyAt}
              onChange={(e) => setDraft({ ...draft, dailyAt: e.target.value })}
            />
          </label>
          <label className="field">
            <span className="field-label">{t('users:backups.keepDaily')}</span>
            <input
              type="number"
              min={1}
              max={366}
              value={draft.keepDaily}
              onChange={(e) => setDraft({ ...draft, keepDaily: Number(e.target.value) })}
            />
          </label>
          <label className="field">
            <span className="field-label">{t('users:backups.keepWeekly')}</span>
            <input
              type="number"
              min={0}
              max={260}
              value={draft.keepWeekly}
              onChange={(e) => setDraft({ ...draft, keepWeekly: Number(e.target.value) })}
            />
          </label>
          <button type="button" onClick={() => void save()}>
            {t('users:backups.save')}
          </button>
        </div>
      )}
      <table className="backups-list" data-testid="backups-list">
        <thead>
          <tr>
            <th>{t('users:backups.col.at')}</th>
            <th>{t('users:backups.col.kind')}</th>
            <th>{t('users:backups.col.size')}</th>
            <th>{t('users:backups.col.name')}</th>
          </tr>
        </thead>
        <tbody>
          {status?.backups.map((b) => (
            <tr key={b.name}>
              <td>{f.dateTime(b.at)}</td>
              <td>{t(`users:backups.kind.${b.kind}`)}</td>
              <td>{t('users:backups.kb', { kb: f.qty(kb(b.bytes)) })}</td>
              <td>{b.name}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
