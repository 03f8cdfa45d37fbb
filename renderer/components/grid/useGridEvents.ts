// Live grids: each page names the events it follows and what to do (apply a
// transaction, refresh the cache); after a reconnect it reloads, since events
// may have been missed while the station was offline.
import { useEffect, useRef } from 'react';
import { api } from '../../api/client';
import type { EventName, Events } from '../../../shared/contract/events';

export type GridEventHandlers = { [N in EventName]?: (payload: Events[N]) => void } & {
  reconnected?: () => void;
};

export function useGridEvents(handlers: GridEventHandlers): void {
  const ref = useRef(handlers);
  useEffect(() => {
    ref.current = handlers;
  });
  useEffect(() => {
    const offEvents = api.onEvent((msg) => {
      const h = ref.current[msg.name] as ((p: unknown) => void) | undefined;
      h?.(msg.payload);
    });
    const offReconnect = api.onReconnected(() => ref.current.reconnected?.());
    return () => {
      offEvents();
      offReconnect();
    };
  }, []);
}
