// The console's states: connecting → first run (no users yet) → login → shell.
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionView, SetupStatus } from '../../shared/contract/types';
import type { Locale } from '../../shared/domain';
import { api } from '../api/client';
import { Toasts } from '../components/toast/Toasts';
import { showToast } from '../components/toast/toastStore';
import { errorMessage } from '../i18n/errorText';
import { setWarehouseTimeZone, useFormat } from '../i18n/format';
import { applyLocale, isLocale } from '../i18n/i18n';
import { ConnectionBadge } from './ConnectionBadge';
import { FirstRun } from './FirstRun';
import { Login } from './Login';
import { SessionContext, type SessionApi } from './session';
import { Shell } from './Shell';

type Phase =
  | { kind: 'starting' }
  | { kind: 'firstRun'; status: SetupStatus }
  | { kind: 'login'; status: SetupStatus; username?: string; notice?: string }
  | { kind: 'shell'; session: SessionView };

export function App() {
  const { t } = useTranslation();
  const [phase, setPhase] = useState<Phase>({ kind: 'starting' });
  const [startError, setStartError] = useState<unknown>(null);
  const f = useFormat();

  const enter = useCallback(async (session: SessionView) => {
    api.session.remember(session);
    if (isLocale(session.user.locale)) await applyLocale(session.user.locale);
    setPhase({ kind: 'shell', session });
  }, []);

  const toLogin = useCallback(async (username?: string, notice?: string) => {
    const status = await api.request('setup.status', {});
    setPhase(status.initialized ? { kind: 'login', status, username, notice } : { kind: 'firstRun', status });
  }, []);

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      try {
        // Requests wait in the client's queue until the station socket is open.
        const status = await api.request('setup.status', {});
        if (cancelled) return;
        setWarehouseTimeZone(status.timeZone);
        if (!status.initialized) {
          setPhase({ kind: 'firstRun', status });
          return;
        }
        const session = await api.session.resume();
        if (cancelled) return;
        if (session) await enter(session);
        else setPhase({ kind: 'login', status });
      } catch (e) {
        if (!cancelled) setStartError(e);
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [enter]);

  useEffect(
    () =>
      api.onSessionLost(() => {
        showToast('info', t('auth:sessionEnded'));
        void toLogin();
      }),
    [t, toLogin],
  );

  // Ended elsewhere (a logout in another window, the user disabled, the
  // password changed or reset): back to the login screen, saying why.
  useEffect(
    () =>
      api.on('auth.sessionEnded', ({ reason }) => {
        api.session.remember(null);
        const notice = t(`auth:ended.${reason}`);
        showToast('info', notice);
        void toLogin(undefined, notice);
      }),
    [t, toLogin],
  );

  const sessionApi = useMemo<SessionApi | null>(() => {
    if (phase.kind !== 'shell') return null;
    const { session } = phase;
    return {
      session,
      async logout() {
        try {
          await api.request('auth.logout', {});
        } catch {
          // Logged out locally whatever the core says; the session expires anyway.
        }
        api.session.remember(null);
        await toLogin();
      },
      async changePassword(oldPassword: string, newPassword: string) {
        const next = await api.request('auth.changePassword', { oldPassword, newPassword });
        api.session.remember(next);
        setPhase({ kind: 'shell', session: next });
      },
      async setLocale(locale: Locale) {
        const user = await api.request('auth.setLocale', { locale });
        await applyLocale(user.locale);
        setPhase({ kind: 'shell', session: { ...session, user } });
      },
    };
  }, [phase, toLogin]);

  let body: ReactNode;
  switch (phase.kind) {
    case 'starting':
      body = (
        <div className="splash" data-testid="splash">
          <h1 className="splash-title">{t('common:appName')}</h1>
          <ConnectionBadge />
          {startError !== null && (
            <p className="form-error" role="alert" data-testid="start-error">
              {errorMessage(startError, t, f)}
            </p>
          )}
        </div>
      );
      break;
    case 'firstRun':
      body = <FirstRun status={phase.status} onSession={enter} onDemoLoaded={(username) => void toLogin(username)} />;
      break;
    case 'login':
      body = <Login status={phase.status} initialUsername={phase.username} notice={phase.notice} onSession={enter} />;
      break;
    case 'shell':
      body = (
        <SessionContext.Provider value={sessionApi}>
          <Shell />
        </SessionContext.Provider>
      );
      break;
  }
  return (
    <>
      {body}
      <Toasts />
    </>
  );
}
