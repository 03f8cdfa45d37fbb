// A labelled text input with its complaint under it — the shape of every form
// field in the console, written once. The error is an i18next key (forms
// validate to keys); its element is `${testId}-error` for the tests.
import type { InputHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';

type Props = {
  label: string;
  testId: string;
  value: string;
  onChange(text: string): void;
  /** The i18next key of what is wrong with the value, if anything. */
  error?: string | undefined;
  /** The error element's test id when it differs from `${testId}-error`. */
  errorTestId?: string;
  wide?: boolean;
  /** Anything else the input needs: type, inputMode, autoComplete, list, placeholder, autoFocus … */
  input?: Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'>;
};

export function TextField({ label, testId, value, onChange, error, errorTestId, wide, input }: Props) {
  const { t } = useTranslation();
  return (
    <label className={wide ? 'field field-wide' : 'field'}>
      <span className="field-label">{label}</span>
      <input
        {...input}
        data-testid={testId}
        value={value}
        aria-invalid={error ? true : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {error && (
        <span className="field-error" data-testid={errorTestId ?? `${testId}-error`}>
          {t(error)}
        </span>
      )}
    </label>
  );
}
