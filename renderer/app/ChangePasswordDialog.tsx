// 修改密码: every user changes their own password, the old one first. The
// core ends the user's other sessions (other windows return to the login) and
// this window continues on a new session.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormFailure } from '../components/FormMessages';
import { TextField } from '../components/TextField';
import { useNotify } from '../components/toast/useNotify';
import { useFormSubmit } from '../components/useFormSubmit';
import { useSession } from './session';

type Draft = { old: string; next: string; again: string };

export function ChangePasswordDialog({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const { changePassword } = useSession();
  const ref = useRef<HTMLDialogElement>(null);
  const [draft, setDraft] = useState<Draft>({ old: '', next: '', again: '' });
  const { formRef, errors, failure, busy, onSubmit } = useFormSubmit();

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);

  const submit = onSubmit(
    () => {
      const e: Record<string, string> = {};
      if (draft.old === '') e.old = 'auth:password.invalid.old';
      if (draft.next.length < 8) e.next = 'auth:password.invalid.next';
      else if (draft.next !== draft.again) e.again = 'auth:password.invalid.again';
      return e;
    },
    async () => {
      await changePassword(draft.old, draft.next);
      notify.success(t('auth:password.changed'));
      onClose();
    },
  );

  const set = (k: keyof Draft) => (v: string) => setDraft((d) => ({ ...d, [k]: v }));
  return (
    <dialog
      ref={ref}
      className="dialog"
      data-testid="password-dialog"
      aria-labelledby="password-dialog-title"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <form ref={formRef} onSubmit={submit} noValidate>
        <h2 id="password-dialog-title">{t('auth:password.title')}</h2>
        <p className="muted">{t('auth:password.hint')}</p>
        <TextField
          label={t('auth:password.old')}
          testId="password-old"
          value={draft.old}
          error={errors.old}
          input={{ type: 'password', autoComplete: 'current-password', autoFocus: true }}
          onChange={set('old')}
        />
        <TextField
          label={t('auth:password.next')}
          testId="password-next"
          value={draft.next}
          error={errors.next}
          input={{ type: 'password', autoComplete: 'new-password' }}
          onChange={set('next')}
        />
        <TextField
          label={t('auth:password.again')}
          testId="password-again"
          value={draft.again}
          error={errors.again}
          input={{ type: 'password', autoComplete: 'new-password' }}
          onChange={set('again')}
        />
        <FormFailure failure={failure} testId="password-error" />
        <div className="form-actions dialog-actions">
          <button type="submit" className="primary big" disabled={busy} data-testid="password-submit">
            {t('auth:password.submit')}
          </button>
          <button type="button" className="big" onClick={onClose} data-testid="password-cancel">
            {t('common:actions.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
