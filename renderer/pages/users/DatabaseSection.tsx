// 数据库 Database (admin, issue 15 §1): what this host runs on — the SQLite
// file of its data folder or a PostgreSQL server — and what it opens at its
// next start. A PostgreSQL URL is checked by the host before it is kept
// (database.configure); the password never comes back to the screen.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DatabaseCheck, DatabasePlace, DatabaseStatus } from '../../../shared/contract/databaseSettings';
import { api } from '../../api/client';
import { useNotify } from '../../components/toast/useNotify';

export function DatabaseSection() {
  const { t } = useTranslation();
  const notify = useNotify();
  const [status, setStatus] = useState<DatabaseStatus | null>(null);
  const [url, setUrl] = useState('');
  const [check, setCheck] = useState<DatabaseCheck | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      setStatus(await api.request('database.status', {}));
    } catch (e) {
      notify.error(e);
    }
  }, [notify]);

  useEffect(() => {
    void load();
    return api.onReconnected(() => void load());
  }, [load]);

  const configure = async (next: string | null) => {
    setBusy(true);
    try {
      const r = await api.request('database.configure', { url: next });
      setStatus(r);
      setCheck(r.check);
      setUrl('');
      notify.success(t(next === null ? 'users:database.savedSqlite' : 'users:database.saved'));
    } catch (e) {
      notify.error(e);
    } finally {
      setBusy(false);
    }
  };

  const place = (p: DatabasePlace) => t(`users:database.kind.${p.kind}`, { where: p.where });
  const fixed = status?.source === 'environment' || status?.source === 'commandLine';

  return (
    <section className="card database-settings" data-testid="database-settings">
      <h2>{t('users:database.title')}</h2>
      <dl className="backups-summary">
        <dt>{t('users:database.running')}</dt>
        <dd data-testid="database-running">{status ? place(status.running) : ''}</dd>
        <dt>{t('users:database.next')}</dt>
        <dd data-testid="database-next">
          {status ? place(status.next) : ''}
          {status?.restartNeeded && <strong className="database-restart"> {t('users:database.restartNeeded')}</strong>}
        </dd>
      </dl>
      {check && (
        <p className="muted" data-testid="database-check">
          {check.schemaVersion === 0
            ? t('users:database.checkedEmpty', { server: check.serverVersion })
            : t('users:database.checkedSite', { server: check.serverVersion, version: check.schemaVersion })}
        </p>
      )}
      {fixed ? (
        <p className="muted" data-testid="database-fixed">
          {t(status?.source === 'commandLine' ? 'users:database.byCommandLine' : 'users:database.byEnvironment')}
        </p>
      ) : (
        <form
          className="backups-settings"
          onSubmit={(e) => {
            e.preventDefault();
            if (url.trim() !== '') void configure(url.trim());
          }}
        >
          <label className="field database-url">
            <span className="field-label">{t('users:database.url')}</span>
            <input
              type="text"
              value={url}
              autoComplete="off"
              spellCheck={false}
              placeholder={t('users:database.urlPlaceholder')}
              onChange={(e) => setUrl(e.target.value)}
              data-testid="database-url"
            />
          </label>
          <button type="submit" className="primary" disabled={busy || url.trim() === ''} data-testid="database-save">
            {busy ? t('users:database.checking') : t('users:database.save')}
          </button>
          {status?.next.kind === 'postgres' && (
            <button type="button" disabled={busy} onClick={() => void configure(null)} data-testid="database-sqlite">
              {t('users:database.useSqlite')}
            </button>
          )}
        </form>
      )}
      <p className="muted">{t('users:database.moveHint')}</p>
    </section>
  );
}
