import { useTranslation } from 'react-i18next';
import { useConnection } from '../api/hooks';

/** Connected, connecting, or reconnecting (with the attempt count): visible at every station. */
export function ConnectionBadge() {
  const { t } = useTranslation();
  const c = useConnection();
  const text =
    c.status === 'open'
      ? t(c.kind === 'ipc' ? 'common:connection.local' : 'common:connection.open')
      : c.status === 'connecting'
        ? t('common:connection.connecting')
        : t('common:connection.reconnecting', { attempt: c.attempt });
  return (
    <span
      className={`connection connection-${c.status}`}
      data-testid="connection-state"
      data-status={c.status}
      role="status"
      aria-live="polite"
    >
      <span className="connection-dot" aria-hidden="true" />
      {text}
    </span>
  );
}
