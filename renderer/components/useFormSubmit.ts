// The submit cycle every form repeats, written once: validate to i18next keys,
// show the complaints and put the cursor on the first one, refuse a second
// submit while one is on its way, send, and keep the failure to show beside
// the form (the user reads why there, not only in a toast that fades).
import { useCallback, useRef, useState, type FormEvent } from 'react';

/** A field's name → the i18next key of what is wrong with it. */
export type FieldErrors = Record<string, string>;

export function useFormSubmit(opts: { onFailure?: (e: unknown) => void } = {}) {
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // A ref as well as state: a double click arrives before the re-render that disables the button.
  const sending = useRef(false);
  const { onFailure } = opts;

  /** Runs one submit: `found` are the validation complaints; `send` runs only when there are none. */
  const run = useCallback(
    async (found: FieldErrors, send: () => Promise<void>): Promise<void> => {
      if (sending.current) return;
      setErrors(found);
      setFailure(null);
      if (Object.keys(found).length > 0) {
        requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
        return;
      }
      sending.current = true;
      setBusy(true);
      try {
        await send();
      } catch (e) {
        setFailure(e);
        onFailure?.(e);
      } finally {
        sending.current = false;
        setBusy(false);
      }
    },
    [onFailure],
  );

  /** The form's onSubmit: no page reload, then `run`. */
  const onSubmit = useCallback(
    (validate: () => FieldErrors, send: () => Promise<void>) => (e: FormEvent) => {
      e.preventDefault();
      void run(validate(), send);
    },
    [run],
  );

  return { formRef, errors, setErrors, failure, setFailure, busy, run, onSubmit };
}
