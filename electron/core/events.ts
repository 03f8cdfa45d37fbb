// Fan-out of core events to every subscribed host (windows, stations, CLI).
import type { EventMessage, EventName, Events } from '../../shared/contract';

export type EventBus = {
  emit<N extends EventName>(name: N, payload: Events[N]): void;
  subscribe(listener: (msg: EventMessage) => void): () => void;
};

export function createEventBus(): EventBus {
  const listeners = new Set<(msg: EventMessage) => void>();
  return {
    emit(name, payload) {
      const msg = { name, payload } as EventMessage;
      for (const l of listeners) {
        try {
          l(msg);
        } catch (e) {
          // One broken listener (a closed socket) must not stop the others.
          console.error('event listener failed', e);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
