// Typing a code by hand (a damaged label, a code read off a screen): Enter
// sends it through the same pipeline as a scan, source "manual". Its own
// component, so each typed character re-renders only this form.
import { useState, type FormEvent, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../i18n/errorText';
import { useFormat } from '../../i18n/format';
import { playSound } from '../../scanning/feedback';
import { submitScan } from '../../scanning/useScanning';
import { GS } from '../../scanning/wedge';
import { keyCaps } from './stationKeys';

/** People cannot type GS: "<GS>" in the typed code stands for it. */
export const typedToRaw = (text: string) => text.replace(/<GS>/gi, GS);

export function ManualEntry({ inputRef }: { inputRef: Ref<HTMLInputElement> }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const raw = typedToRaw(text.trim());
    if (!raw) return;
    setError(null);
    try {
      await submitScan(raw, 'manual');
      setText('');
    } catch (err) {
      playSound('error');
      setError(err);
    }
  }

  return (
    <form className="card manual-entry" onSubmit={submit} data-testid="station-manual">
      <label className="field">
        <span className="field-label">
          {t('scan:manual.label')} <kbd>{keyCaps.manual}</kbd>
        </span>
        <input
          ref={inputRef}
          className="manual-input mono"
          data-testid="station-manual-input"
          value={text}
          autoComplete="off"
          spellCheck={false}
          placeholder={t('scan:manual.placeholder')}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key !== 'Escape') return;
            // Escape empties the field; a second one gives the keys back to the quantity key.
            if (text) setText('');
            else e.currentTarget.blur();
          }}
          aria-describedby="station-manual-hint"
        />
        <span className="field-hint" id="station-manual-hint">
          {t('scan:manual.hint')}
        </span>
      </label>
      {error !== null && (
        <p className="form-error" role="alert" data-testid="station-manual-error">
          {errorMessage(error, t, f)}
        </p>
      )}
      <button type="submit" className="big" data-testid="station-manual-submit" disabled={!text.trim()}>
        {t('scan:manual.submit')}
      </button>
    </form>
  );
}
