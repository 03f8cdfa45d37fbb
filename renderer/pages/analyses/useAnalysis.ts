// The load and save cycle both monthly analyses share: load the month (and
// warehouse) of the address, reload on the register's change event and after
// a reconnect — keeping what the user is typing (`dirty`) — and save or
// submit (after a confirmation) with the success or the refusal shown.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnalysisHeader } from '../../../shared/contract';
import { useGridEvents } from '../../components/grid/useGridEvents';
import { useNotify } from '../../components/toast/useNotify';

export function useAnalysis<A extends AnalysisHeader>(opts: {
  event: 'damage.changed' | 'returns.changed';
  /** Changes when the month or the warehouse does: loads afresh. */
  key: string;
  load(): Promise<A>;
  /** Puts what `a` has saved (note, plans) into the form, which is then not dirty. */
  resetEdits(a: A): void;
  dirty: boolean;
  setDirty(dirty: boolean): void;
  /** Asked before submitting. */
  submitConfirm: string;
  save(submit: boolean): Promise<A>;
  /** What the form keeps of a save's reply. */
  onSaved?(a: A): void;
}): { a: A | null; busy: boolean; run(submit: boolean): Promise<void> } {
  const { t } = useTranslation();
  const notify = useNotify();
  const [a, setA] = useState<A | null>(null);
  const [busy, setBusy] = useState(false);
  const latest = useRef(opts);
  useEffect(() => {
    latest.current = opts;
  });

  const load = useCallback(
    async (keepEdits: boolean) => {
      try {
        const r = await latest.current.load();
        setA(r);
        if (!keepEdits) {
          latest.current.resetEdits(r);
          latest.current.setDirty(false);
        }
      } catch (e) {
        notify.error(e);
      }
    },
    [notify],
  );
  useEffect(() => {
    void load(false);
  }, [load, opts.key]);
  useGridEvents({ [opts.event]: () => void load(opts.dirty), reconnected: () => void load(opts.dirty) });

  const run = async (submit: boolean) => {
    if (submit && !window.confirm(opts.submitConfirm)) return;
    setBusy(true);
    try {
      const r = await opts.save(submit);
      setA(r);
      opts.onSaved?.(r);
      opts.setDirty(false);
      notify.success(t(submit ? 'analyses:submitted' : 'analyses:saved'));
    } catch (e) {
      notify.error(e);
    } finally {
      setBusy(false);
    }
  };
  return { a, busy, run };
}
