// Login: username and password, or the PIN of a scanning station's keeper.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DemoLogin, SessionView, SetupStatus } from '../../shared/contract/types';
import { api } from '../api/client';
import { toApiError } from '../api/errors';
import { DemoLogins } from '../components/DemoLogins';
import { errorMessage } from '../i18n/errorText';
import { useFormat } from '../i18n/format';
import { applyLocale } from '../i18n/i18n';
import { LocaleSwitch } from './LocaleSwitch';
import { StationName } from './StationName';

export function Login({
  status,
  initialUsername,
  notice,
  onSession,
}: {
  status: SetupStatus;
  initialUsername?: string | undefined;
  /** Why this window is back at the login (its session was ended elsewhere). */
  notice?: string | undefined;
  onSession(session: SessionView): Promise<void>;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const [username, setUsername] = useState(initialUsername ?? '');
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [demoLogins, setDemoLogins] = useState<DemoLogin[]>([]);
  const usernameRef = useRef<HTMLInputElement>(null);
  const secretRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    (initialUsername ? secretRef : usernameRef).current?.focus();
  }, [initialUsername]);

  useEffect(() => {
    if (!status.demo) return;
    api
      .request('setup.demoLogins', {})
      .then((r) => setDemoLogins(r.logins))
      .catch(() => setDemoLogins([]));
  }, [status.demo]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const session = await api.request('auth.login', { username: username.trim(), secret });
      await onSession(session);
    } catch (err) {
      setError(err);
      setSecret('');
      secretRef.current?.focus();
    } finally {
      setBusy(false);
    }
  }

  const errorCode = error === null ? null : toApiError(error).code;
  return (
    <div className="auth-screen" data-testid="login-screen">
      <header className="auth-header">
        <h1 className="auth-title">{t('common:appName')}</h1>
        <StationName station={status.station} />
        <LocaleSwitch onChange={(l) => void applyLocale(l)} />
      </header>
      {status.demoOnNetwork && (
        <p className="demo-network-banner" role="alert" data-testid="demo-network-banner">
          {t('auth:login.demoOnNetwork')}
        </p>
      )}
      <form className="card auth-card" onSubmit={submit} noValidate data-testid="login-form">
        <h2>{t('auth:login.title')}</h2>
        {notice && error === null && (
          <p className="form-notice" role="status" data-testid="login-notice">
            {notice}
          </p>
        )}
        <label className="field">
          <span className="field-label">{t('auth:login.username')}</span>
          <input
            ref={usernameRef}
            data-testid="login-username"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            required
          />
        </label>
        <label className="field">
          <span className="field-label">{t('auth:login.secret')}</span>
          <input
            ref={secretRef}
            data-testid="login-password"
            type="password"
            autoComplete="current-password"
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
            required
          />
          <span className="field-hint">{t('auth:login.secretHint')}</span>
        </label>
        {error !== null && (
          <p
            className={`form-error${errorCode === 'auth.lockedOut' ? ' form-error-lockout' : ''}`}
            role="alert"
            data-testid="login-error"
            data-code={errorCode ?? ''}
          >
            {errorMessage(error, t, f)}
          </p>
        )}
        <button
          type="submit"
          className="primary big"
          data-testid="login-submit"
          disabled={busy || username.trim() === '' || secret === ''}
        >
          {busy ? t('auth:login.submitting') : t('auth:login.submit')}
        </button>
      </form>
      {demoLogins.length > 0 && (
        <section className="card auth-card-wide">
          <DemoLogins
            logins={demoLogins}
            onPick={(l) => {
              setUsername(l.username);
              setSecret(l.password);
              setError(null);
              secretRef.current?.focus();
            }}
          />
        </section>
      )}
    </div>
  );
}
