// R4: a short order waits on the daily confirmation list and is retried
// automatically when stock comes — a receipt, a count adjustment, a return:
// anything posted through postDocument announces stock.changed after it
// commits, and the short orders stock now covers are released then, in their
// own write transaction (serialised with every other write). One retry at a
// time; stock that changes during a retry asks for one more.
import type { ServiceRunner } from '../contract/dispatcher';
import { localOrigin, type Caller } from '../context';
import type { EventBus } from '../events';
import { retryShort } from './confirmationList';

const system: Caller = { session: null, station: 'core', clientId: 'orders.autoRetry', origin: localOrigin };

/** Starts listening; the returned function stops and waits for a retry in flight. */
export function startShortRetry(run: ServiceRunner, bus: EventBus): () => Promise<void> {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const go = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        // Refusals and failures are the runner's to log; the orders stay short.
        await run(system, 'orders.autoRetry', true, (ctx) => retryShort(ctx));
      } while (again && !stopped);
    })().finally(() => {
      running = null;
    });
  };
  const unsubscribe = bus.subscribe((e) => {
    if (e.name === 'stock.changed') go();
  });
  return async () => {
    stopped = true;
    unsubscribe();
    await running;
  };
}
