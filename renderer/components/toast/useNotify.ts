// notify.error(e) turns any error into a translated toast; notify.success(text).
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../i18n/errorText';
import { useFormat } from '../../i18n/format';
import { showToast } from './toastStore';

export type Notify = {
  error(e: unknown): void;
  /** An error already put into words (a form's own validation). */
  errorText(text: string): void;
  success(text: string): void;
  info(text: string): void;
};

export function useNotify(): Notify {
  const { t } = useTranslation();
  const f = useFormat();
  return useMemo(
    () => ({
      error: (e: unknown) => {
        showToast('error', errorMessage(e, t, f));
      },
      errorText: (text: string) => {
        showToast('error', text);
      },
      success: (text: string) => {
        showToast('success', text);
      },
      info: (text: string) => {
        showToast('info', text);
      },
    }),
    [t, f],
  );
}
