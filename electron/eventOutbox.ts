// Sends each window the events it may see, in the order they happened. Most
// events pass at once; a stock event for a blind counter needs a read first
// (core.eventFor), and the events behind it wait for it rather than overtake.
import type { EventMessage } from '../shared/contract/events';
import type { Caller } from './core/context';
import type { Core } from './core/core';

export class EventOutbox<Target extends object> {
  /** Per window: the delivery still waiting on a read, if any. */
  private readonly pending = new WeakMap<Target, Promise<void>>();

  constructor(private readonly core: Pick<Core, 'eventFor'>) {}

  deliver(target: Target, caller: Caller, event: EventMessage, send: (shown: EventMessage) => void): void {
    const shown = this.core.eventFor(caller, event);
    const before = this.pending.get(target);
    if (!(shown instanceof Promise) && before === undefined) {
      if (shown) send(shown);
      return;
    }
    const next = (before ?? Promise.resolve())
      .then(() => shown)
      .then((e) => {
        if (e) send(e);
      })
      .catch(() => undefined);
    this.pending.set(target, next);
    void next.then(() => {
      if (this.pending.get(target) === next) this.pending.delete(target);
    });
  }
}
