import { useTranslation } from 'react-i18next';
import { useConnection, useDatabaseDown } from '../api/hooks';

/**
 * Connected, connecting, or reconnecting (with the attempt count): visible at
 * every station. Connected to the host but the host has lost its database
 * server (PostgreSQL): said in the same place, in the alarm colour.
 */
export function ConnectionBadge() {
  const { t } = useTranslation();
  const c = useConnection();
  const databaseDown = useDatabaseDown();
  const status = c.status === 'open' && databaseDown ? 'database-down' : c.status;
  const text =
    status === 'database-down'
      ? t('common:connection.databaseDown')
      : c.status === 'open'
        ? t(c.kind === 'ipc' ? 'common:connection.local' : 'common:connection.open')
        : c.status === 'connecting'
          ? t('common:connection.connecting')
          : t('common:connection.reconnecting', { attempt: c.attempt });
  return (
    <span
      className={`connection connection-${status}`}
      data-testid="connection-state"
      data-status={status}
      role="status"
      aria-live="polite"
    >
      <span className="connection-dot" aria-hidden="true" />
      {text}
    </span>
  );
}
