// One record on screen (a damage report, a disposal, a return): loaded by its
// request, reloaded whenever its change event names it, so every open window
// shows the step another user just took. A failed load is shown, not thrown.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { EventName, Events } from '../../shared/contract/events';
import { useApiEvent } from '../api/hooks';
import { useNotify } from './toast/useNotify';

export function useRecord<T, N extends EventName>(opts: {
  /** The record's id: a new one loads afresh. */
  id: number;
  load(): Promise<T>;
  event: N;
  /** The event is about this record. */
  concerns(payload: Events[N]): boolean;
}): { record: T | null; setRecord(r: T): void; reload(): Promise<void> } {
  const notify = useNotify();
  const [record, setRecord] = useState<T | null>(null);
  const latest = useRef(opts);
  useEffect(() => {
    latest.current = opts;
  });
  const reload = useCallback(async () => {
    try {
      setRecord(await latest.current.load());
    } catch (e) {
      notify.error(e);
    }
  }, [notify]);
  useEffect(() => {
    void reload();
  }, [reload, opts.id]);
  useApiEvent(opts.event, (p) => {
    if (latest.current.concerns(p)) void reload();
  });
  return { record, setRecord, reload };
}
