// React glue for the client: connection state and event subscriptions that
// always call the latest handler without re-subscribing on every render.
import { useEffect, useRef, useSyncExternalStore } from 'react';
import type { EventName, Events } from '../../shared/contract/events';
import { api, type ConnectionState } from './client';

export function useConnection(): ConnectionState {
  return useSyncExternalStore(api.connection.subscribe, api.connection.get);
}

/** Whether the host has lost its database server (then every write is refused until it is back). */
export function useDatabaseDown(): boolean {
  return useSyncExternalStore(api.database.subscribe, api.database.down);
}

/** Calls `handler` for each `name` event while the component is mounted. */
export function useApiEvent<N extends EventName>(name: N, handler: (payload: Events[N]) => void): void {
  const ref = useRef(handler);
  useEffect(() => {
    ref.current = handler;
  });
  useEffect(() => api.on(name, (p) => ref.current(p)), [name]);
}

/** Calls `handler` after the station connection came back (events may have been missed). */
export function useReconnected(handler: () => void): void {
  const ref = useRef(handler);
  useEffect(() => {
    ref.current = handler;
  });
  useEffect(() => api.onReconnected(() => ref.current()), []);
}
