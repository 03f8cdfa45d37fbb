// A new user: name, roles (one person may hold several), and a password, a
// PIN for a scanning station, or both.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldError, FormFailure } from '../../components/FormMessages';
import { TextField } from '../../components/TextField';
import { name as nameSchema, username as usernameSchema } from '../../../shared/contract/schemas';
import type { UserView } from '../../../shared/contract/types';
import { roles, type Role } from '../../../shared/domain';
import { api } from '../../api/client';
import { useNotify } from '../../components/toast/useNotify';
import { useFormSubmit } from '../../components/useFormSubmit';

type Draft = { username: string; displayName: string; roles: Role[]; password: string; pin: string };
const empty: Draft = { username: '', displayName: '', roles: [], password: '', pin: '' };

function validate(d: Draft): Record<string, string> {
  const e: Record<string, string> = {};
  if (!usernameSchema.safeParse(d.username).success) e.username = 'users:invalid.username';
  if (!nameSchema.safeParse(d.displayName).success) e.displayName = 'users:invalid.displayName';
  if (d.roles.length === 0) e.roles = 'users:invalid.roles';
  if (d.password !== '' && d.password.length < 8) e.password = 'users:invalid.password';
  if (d.pin !== '' && !/^\d{4,8}$/.test(d.pin)) e.pin = 'users:invalid.pin';
  if (d.password === '' && d.pin === '') e.password = 'users:invalid.secretRequired';
  return e;
}

export function UserForm({ onCreated }: { onCreated(user: UserView): void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const { formRef, errors, setErrors, failure, busy, onSubmit } = useFormSubmit();
  const [draft, setDraft] = useState<Draft>(empty);

  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => {
    setDraft((d) => ({ ...d, [k]: v }));
    // A secret typed in either field answers "set a password or a PIN".
    const cleared = k === 'pin' ? ['pin', 'password'] : [k];
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([key]) => !cleared.includes(key))));
  };
  const toggleRole = (r: Role) =>
    set('roles', draft.roles.includes(r) ? draft.roles.filter((x) => x !== r) : [...draft.roles, r]);

  const submit = onSubmit(
    () => validate(draft),
    async () => {
      const user = await api.request('users.create', {
        username: draft.username.trim(),
        displayName: draft.displayName.trim(),
        roles: draft.roles,
        ...(draft.password ? { password: draft.password } : {}),
        ...(draft.pin ? { pin: draft.pin } : {}),
      });
      notify.success(t('users:created', { username: user.username }));
      setDraft(empty);
      onCreated(user);
    },
  );

  const fieldError = (k: string) => <FieldError error={errors[k]} testId={`user-${k}-error`} />;

  return (
    <form ref={formRef} className="card user-form" onSubmit={submit} noValidate data-testid="user-form">
      <h2>{t('users:form.title')}</h2>
      <TextField
        label={t('users:form.username')}
        testId="user-username"
        errorTestId="user-username-error"
        value={draft.username}
        error={errors.username}
        input={{ autoCapitalize: 'none', spellCheck: false }}
        onChange={(v) => set('username', v)}
      />
      <TextField
        label={t('users:form.displayName')}
        testId="user-displayname"
        errorTestId="user-displayName-error"
        value={draft.displayName}
        error={errors.displayName}
        onChange={(v) => set('displayName', v)}
      />
      <fieldset className="field roles-fieldset" aria-invalid={errors.roles ? true : undefined}>
        <legend className="field-label">{t('users:form.roles')}</legend>
        {roles.map((r) => (
          <label key={r} className="checkbox">
            <input
              type="checkbox"
              data-testid={`user-role-${r}`}
              checked={draft.roles.includes(r)}
              onChange={() => toggleRole(r)}
            />
            {t(`domain:role.${r}`)}
          </label>
        ))}
        {fieldError('roles')}
      </fieldset>
      <TextField
        label={t('users:form.password')}
        testId="user-password"
        errorTestId="user-password-error"
        value={draft.password}
        error={errors.password}
        input={{ type: 'password', autoComplete: 'new-password' }}
        onChange={(v) => set('password', v)}
      />
      <label className="field">
        <span className="field-label">{t('users:form.pin')}</span>
        <input
          data-testid="user-pin"
          type="password"
          inputMode="numeric"
          autoComplete="off"
          value={draft.pin}
          aria-invalid={errors.pin ? true : undefined}
          onChange={(e) => set('pin', e.target.value)}
        />
        <span className="field-hint">{t('users:form.pinHint')}</span>
        {fieldError('pin')}
      </label>
      <FormFailure failure={failure} testId="user-error" />
      <button type="submit" className="primary big" data-testid="user-create" disabled={busy}>
        {busy ? t('users:form.creating') : t('users:form.create')}
      </button>
    </form>
  );
}
