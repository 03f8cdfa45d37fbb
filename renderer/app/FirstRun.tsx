// First run on a new data folder: create the administrator (who chooses the
// password), or load the demo warehouse and see its logins.
import { useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { name as nameSchema, username as usernameSchema } from '../../shared/contract/schemas';
import type { DemoLogin, SessionView, SetupStatus } from '../../shared/contract/types';
import type { Events } from '../../shared/contract/events';
import { api } from '../api/client';
import { useApiEvent } from '../api/hooks';
import { DemoLogins } from '../components/DemoLogins';
import { ProgressBar } from '../components/ProgressBar';
import { errorMessage } from '../i18n/errorText';
import { useFormat } from '../i18n/format';
import { applyLocale } from '../i18n/i18n';
import { LocaleSwitch } from './LocaleSwitch';

type AdminForm = { username: string; displayName: string; password: string; password2: string };
type FieldErrors = Partial<Record<keyof AdminForm, string>>;

const minPasswordLength = 8;

/** Field → translation key of what is wrong with it (same rules as the contract). */
function validate(form: AdminForm): FieldErrors {
  const errors: FieldErrors = {};
  if (!usernameSchema.safeParse(form.username).success) errors.username = 'auth:firstRun.invalid.username';
  if (!nameSchema.safeParse(form.displayName).success) errors.displayName = 'auth:firstRun.invalid.displayName';
  if (form.password.length < minPasswordLength) errors.password = 'auth:firstRun.invalid.password';
  if (form.password2 !== form.password) errors.password2 = 'auth:firstRun.invalid.password2';
  return errors;
}

export function FirstRun({
  status,
  onSession,
  onDemoLoaded,
}: {
  status: SetupStatus;
  onSession(session: SessionView): Promise<void>;
  onDemoLoaded(username?: string): void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const [form, setForm] = useState<AdminForm>({ username: 'admin', displayName: '', password: '', password2: '' });
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<'admin' | 'demo' | null>(null);
  const [progress, setProgress] = useState<Events['work.progress'] | null>(null);
  const [logins, setLogins] = useState<DemoLogin[] | null>(null);
  // From another computer the host's one-time code is needed (setup/setupGate.ts); from the host itself not.
  const [setupCode, setSetupCode] = useState('');
  const codeInput = status.setupCodeRequired ? { setupCode: setupCode.trim() } : {};
  const formRef = useRef<HTMLFormElement>(null);

  useApiEvent('work.progress', (p) => {
    if (p.job === 'setup.loadDemo') setProgress(p);
  });

  const set = (k: keyof AdminForm) => (e: ChangeEvent<HTMLInputElement>) => {
    setForm({ ...form, [k]: e.target.value });
    if (fieldErrors[k]) setFieldErrors({ ...fieldErrors, [k]: undefined });
  };

  async function createAdmin(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    const errors = validate(form);
    setFieldErrors(errors);
    if (Object.keys(errors).length > 0) {
      // Keyboard first: the cursor goes to the first field to correct.
      requestAnimationFrame(() => formRef.current?.querySelector<HTMLInputElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setBusy('admin');
    setError(null);
    try {
      const session = await api.request('setup.createAdmin', {
        username: form.username.trim(),
        displayName: form.displayName.trim(),
        password: form.password,
        ...codeInput,
      });
      await onSession(session);
    } catch (err) {
      setError(err);
      setBusy(null);
    }
  }

  async function loadDemo() {
    if (busy) return;
    setBusy('demo');
    setError(null);
    setProgress(null);
    try {
      const r = await api.request('setup.loadDemo', codeInput);
      setLogins(r.logins);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  }

  const input = (k: keyof AdminForm, testId: string, type = 'text', autoComplete = 'off') => (
    <label className="field">
      <span className="field-label">{t(`auth:firstRun.${k}`)}</span>
      <input
        data-testid={testId}
        type={type}
        autoComplete={autoComplete}
        value={form[k]}
        onChange={set(k)}
        aria-invalid={fieldErrors[k] ? true : undefined}
        autoFocus={k === 'displayName'}
      />
      {fieldErrors[k] && (
        <span className="field-error" data-testid={`${testId}-error`}>
          {t(fieldErrors[k])}
        </span>
      )}
    </label>
  );

  return (
    <div className="auth-screen" data-testid="firstrun-screen">
      <header className="auth-header">
        <h1 className="auth-title">{t('common:appName')}</h1>
        <span className="auth-station">{t('common:topbar.station', { station: status.station })}</span>
        <LocaleSwitch onChange={(l) => void applyLocale(l)} />
      </header>
      <p className="auth-intro">{t('auth:firstRun.intro')}</p>
      {error !== null && (
        <p className="form-error" role="alert" data-testid="firstrun-error">
          {errorMessage(error, t, f)}
        </p>
      )}
      {status.setupCodeRequired && !logins && (
        <section className="card auth-card-wide" data-testid="firstrun-setupcode-card">
          <label className="field">
            <span className="field-label">{t('auth:firstRun.setupCode')}</span>
            <input
              data-testid="firstrun-setupcode"
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              value={setupCode}
              onChange={(e) => setSetupCode(e.target.value)}
            />
            <span className="field-hint">{t('auth:firstRun.setupCodeHint')}</span>
          </label>
        </section>
      )}
      {logins ? (
        <section className="card auth-card-wide" data-testid="firstrun-logins">
          <h2>{t('auth:firstRun.demoReady')}</h2>
          <DemoLogins logins={logins} />
          <button
            type="button"
            className="primary big"
            data-testid="firstrun-continue"
            autoFocus
            onClick={() => onDemoLoaded(logins[0]?.username)}
          >
            {t('auth:firstRun.continue')}
          </button>
        </section>
      ) : (
        <div className="firstrun-choices">
          <form
            ref={formRef}
            className="card auth-card"
            onSubmit={createAdmin}
            noValidate
            data-testid="firstrun-admin-form"
          >
            <h2>{t('auth:firstRun.adminTitle')}</h2>
            <p className="muted">{t('auth:firstRun.adminHint')}</p>
            {input('displayName', 'firstrun-displayname', 'text', 'name')}
            {input('username', 'firstrun-username', 'text', 'username')}
            {input('password', 'firstrun-password', 'password', 'new-password')}
            {input('password2', 'firstrun-password2', 'password', 'new-password')}
            <button type="submit" className="primary big" data-testid="firstrun-create" disabled={busy !== null}>
              {busy === 'admin' ? t('auth:firstRun.creating') : t('auth:firstRun.create')}
            </button>
          </form>
          <section className="card auth-card">
            <h2>{t('auth:firstRun.demoTitle')}</h2>
            <p className="muted">{t('auth:firstRun.demoHint')}</p>
            {busy === 'demo' && (
              <ProgressBar
                testId="firstrun-progress"
                label={
                  progress
                    ? t(`auth:firstRun.phase.${progress.phase}`, { defaultValue: progress.phase })
                    : t('auth:firstRun.phase.starting')
                }
                done={progress?.done ?? 0}
                total={progress?.total ?? 0}
              />
            )}
            <button
              type="button"
              className="big"
              data-testid="firstrun-demo"
              onClick={loadDemo}
              disabled={busy !== null}
            >
              {busy === 'demo' ? t('auth:firstRun.loadingDemo') : t('auth:firstRun.loadDemo')}
            </button>
          </section>
        </div>
      )}
    </div>
  );
}
