// The two messages a form shows: a field's complaint under it, and why the
// whole submit failed above the buttons. Written once so every form reads the
// same and the tests find them by the same ids.
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../i18n/errorText';
import { useFormat } from '../i18n/format';

/** The complaint (an i18next key) about one field, if there is one. */
export function FieldError({ error, testId }: { error: string | undefined; testId: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <span className="field-error" data-testid={testId}>
      {t(error)}
    </span>
  );
}

/** Why the submit failed, in the user's language; nothing when it did not. */
export function FormFailure({ failure, testId }: { failure: unknown; testId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (failure === null) return null;
  return (
    <p className="form-error" role="alert" data-testid={testId}>
      {errorMessage(failure, t, f)}
    </p>
  );
}
