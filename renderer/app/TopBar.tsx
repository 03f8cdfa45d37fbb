import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ChangePasswordDialog } from './ChangePasswordDialog';
import { useNotify } from '../components/toast/useNotify';
import { ConnectionBadge } from './ConnectionBadge';
import { CutoffCountdown } from './CutoffCountdown';
import { LocaleSwitch } from './LocaleSwitch';
import { hasRole, useSession } from './session';

/** Who is logged in where, the connection, the language and logout: large enough to read at a station. */
export function TopBar() {
  const { t } = useTranslation();
  const notify = useNotify();
  const { session, logout, setLocale } = useSession();
  const { user, station } = session;
  const [changing, setChanging] = useState(false);
  return (
    <header className="topbar" data-testid="topbar">
      <span className="topbar-app">{t('common:appName')}</span>
      <span className="topbar-station" data-testid="topbar-station">
        {t('common:topbar.station', { station })}
      </span>
      <span className="topbar-spacer" />
      {hasRole(session, ['warehouseKeeper']) && <CutoffCountdown />}
      <span className="topbar-user" data-testid="topbar-user">
        {user.displayName}
        <span className="topbar-username">{user.username}</span>
      </span>
      <span className="topbar-roles" data-testid="topbar-roles">
        {user.roles.map((r) => (
          <span key={r} className="role-chip">
            {t(`domain:role.${r}`)}
          </span>
        ))}
      </span>
      <ConnectionBadge />
      <LocaleSwitch onChange={(l) => setLocale(l).catch((e: unknown) => notify.error(e))} />
      <button type="button" className="topbar-logout" data-testid="change-password" onClick={() => setChanging(true)}>
        {t('auth:password.open')}
      </button>
      <button type="button" className="topbar-logout" data-testid="logout" onClick={() => void logout()}>
        {t('common:topbar.logout')}
      </button>
      {changing && <ChangePasswordDialog onClose={() => setChanging(false)} />}
    </header>
  );
}
