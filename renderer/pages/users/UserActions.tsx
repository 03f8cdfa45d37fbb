// What the administrator does to an existing user, chosen in the grid:
// unlock (clears failed-login counters at every computer), disable or enable
// again (with a reason, audited; disabling logs the user out everywhere), and
// reset the password (with a reason; the user is logged out everywhere).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserRow } from '../../../shared/contract/types';
import { api } from '../../api/client';
import { FormFailure } from '../../components/FormMessages';
import { TextField } from '../../components/TextField';
import { useNotify } from '../../components/toast/useNotify';
import { useFormSubmit } from '../../components/useFormSubmit';
import { useFormat } from '../../i18n/format';

type Action = 'setActive' | 'resetPassword' | 'setOverride';

export function UserActions({ user, onChanged }: { user: UserRow | null; onChanged(user: UserRow): void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const [reason, setReason] = useState('');
  const [password, setPassword] = useState('');
  const [action, setAction] = useState<Action | null>(null);
  const { formRef, errors, failure, busy, onSubmit } = useFormSubmit();

  if (!user) {
    return (
      <section className="card user-actions" data-testid="user-actions">
        <h2>{t('users:actions.title')}</h2>
        <p className="muted">{t('users:actions.pick')}</p>
      </section>
    );
  }

  const done = (row: UserRow, message: string) => {
    notify.success(message);
    setReason('');
    setPassword('');
    setAction(null);
    onChanged(row);
  };

  const unlock = async () => {
    try {
      done(
        await api.request('users.unlock', { userId: user.id }),
        t('users:actions.unlocked', { username: user.username }),
      );
    } catch (e) {
      notify.error(e);
    }
  };

  const submit = onSubmit(
    () => {
      const e: Record<string, string> = {};
      if (reason.trim() === '') e.reason = 'users:invalid.reason';
      if (action === 'resetPassword' && password.length < 8) e.password = 'users:invalid.password';
      return e;
    },
    async () => {
      if (action === 'setActive') {
        const row = await api.request('users.setActive', {
          userId: user.id,
          active: !user.active,
          reason: reason.trim(),
        });
        done(row, t(row.active ? 'users:actions.enabled' : 'users:actions.disabled', { username: user.username }));
      } else if (action === 'setOverride') {
        const row = await api.request('users.setDispatchOverride', {
          userId: user.id,
          allowed: !user.dispatchOverride,
          reason: reason.trim(),
        });
        done(
          row,
          t(row.dispatchOverride ? 'users:actions.overrideGranted' : 'users:actions.overrideWithdrawn', {
            username: user.username,
          }),
        );
      } else if (action === 'resetPassword') {
        const row = await api.request('users.resetPassword', { userId: user.id, password, reason: reason.trim() });
        done(row, t('users:actions.passwordReset', { username: user.username }));
      }
    },
  );

  return (
    <section className="card user-actions" data-testid="user-actions">
      <h2>
        {t('users:actions.title')}: {user.displayName} <span className="muted">{user.username}</span>
      </h2>
      {user.lockedUntil && (
        <p className="form-error" data-testid="user-locked">
          {t('users:actions.lockedUntil', { time: f.dateTime(user.lockedUntil) })}
        </p>
      )}
      {!user.active && (
        <p className="form-error" data-testid="user-disabled">
          {t('users:status.disabled')}
        </p>
      )}
      {user.dispatchOverride && (
        <p className="muted" data-testid="user-override">
          {t('users:status.dispatchOverride')}
        </p>
      )}
      <div className="form-actions">
        <button type="button" data-testid="user-unlock" disabled={!user.lockedUntil} onClick={() => void unlock()}>
          {t('users:actions.unlock')}
        </button>
        <button type="button" data-testid="user-toggle-active" onClick={() => setAction('setActive')}>
          {user.active ? t('users:actions.disable') : t('users:actions.enable')}
        </button>
        <button type="button" data-testid="user-reset-password" onClick={() => setAction('resetPassword')}>
          {t('users:actions.resetPassword')}
        </button>
        {user.roles.includes('dispatcher') && (
          <button type="button" data-testid="user-toggle-override" onClick={() => setAction('setOverride')}>
            {user.dispatchOverride ? t('users:actions.withdrawOverride') : t('users:actions.grantOverride')}
          </button>
        )}
      </div>
      {action && (
        <form ref={formRef} onSubmit={submit} noValidate data-testid="user-action-form">
          {action === 'resetPassword' && (
            <TextField
              label={t('users:actions.newPassword')}
              testId="user-action-password"
              value={password}
              error={errors.password}
              input={{ type: 'password', autoComplete: 'new-password' }}
              onChange={setPassword}
            />
          )}
          <TextField
            label={t('users:actions.reason')}
            testId="user-action-reason"
            value={reason}
            error={errors.reason}
            onChange={setReason}
          />
          <FormFailure failure={failure} testId="user-action-error" />
          <div className="form-actions">
            <button type="submit" className="primary" disabled={busy} data-testid="user-action-submit">
              {action === 'resetPassword'
                ? t('users:actions.resetPassword')
                : action === 'setOverride'
                  ? user.dispatchOverride
                    ? t('users:actions.withdrawOverride')
                    : t('users:actions.grantOverride')
                  : user.active
                    ? t('users:actions.disable')
                    : t('users:actions.enable')}
            </button>
            <button type="button" onClick={() => setAction(null)} data-testid="user-action-cancel">
              {t('common:actions.cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
