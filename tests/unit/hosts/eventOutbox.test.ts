// Events reach each window in the order they happened, even when one of them
// has to wait for a read (a stock event checked for a blind counter).
import { describe, expect, it } from 'vitest';
import type { EventMessage } from '../../../shared/contract/events';
import type { Caller } from '../../../electron/core/context';
import { EventOutbox } from '../../../electron/eventOutbox';

const caller: Caller = { session: null, station: 'S', clientId: 'c', origin: { address: 'local', local: true } };
const progress = (done: number): EventMessage => ({
  name: 'work.progress',
  payload: { job: 'j', phase: 'p', done, total: 9 },
});

describe('EventOutbox', () => {
  it('keeps the order behind an event that waits, and drops what the window may not see', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const outbox = new EventOutbox<object>({
      eventFor: (_caller, msg) => {
        if (msg.name !== 'work.progress') return msg;
        if (msg.payload.done === 2) return gate.then(() => msg); // waits for a read
        if (msg.payload.done === 3) return Promise.resolve(null); // not for this window
        return msg;
      },
    });
    const window = {};
    const got: number[] = [];
    const send = (e: EventMessage) => e.name === 'work.progress' && got.push(e.payload.done);
    for (const n of [1, 2, 3, 4, 5]) outbox.deliver(window, caller, progress(n), send);
    expect(got).toEqual([1]);
    release();
    await new Promise((r) => setTimeout(r, 0));
    expect(got).toEqual([1, 2, 4, 5]);
    // Once nothing waits, events go out at once again.
    outbox.deliver(window, caller, progress(6), send);
    expect(got).toEqual([1, 2, 4, 5, 6]);
  });
});
