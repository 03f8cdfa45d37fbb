import { useTranslation } from 'react-i18next';
import type { DemoLogin } from '../../shared/contract/types';

/** The demo's users and passwords (shown only for demo data); a row can fill the login form. */
export function DemoLogins({ logins, onPick }: { logins: DemoLogin[]; onPick?(login: DemoLogin): void }) {
  const { t } = useTranslation();
  return (
    <table className="demo-logins" data-testid="demo-logins">
      <caption>{t('auth:demo.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('auth:demo.username')}</th>
          <th scope="col">{t('auth:demo.password')}</th>
          <th scope="col">{t('auth:demo.pin')}</th>
          <th scope="col">{t('auth:demo.roles')}</th>
          {onPick && <th scope="col">{t('auth:demo.use')}</th>}
        </tr>
      </thead>
      <tbody>
        {logins.map((l) => (
          <tr key={l.username}>
            <td className="mono">{l.username}</td>
            <td className="mono">{l.password}</td>
            <td className="mono">{l.pin ?? ''}</td>
            <td>{l.roles.map((r) => t(`domain:role.${r}`)).join(t('common:listSeparator'))}</td>
            {onPick && (
              <td>
                <button
                  type="button"
                  className="link-button"
                  data-testid={`demo-login-${l.username}`}
                  onClick={() => onPick(l)}
                >
                  {t('auth:demo.use')}
                </button>
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
