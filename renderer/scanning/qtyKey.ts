// The quantity key: digits typed at the station with no field focused build a
// number ("12"), the next product scan counts that many (issue 4: "type 12,
// then scan = 12 units"). The number lives in the core (station.setQuantity)
// because serial scans never pass through this window; here it is typed,
// shown, and sent shortly after the last digit.
//
// A wedge scan typed with no field focused would add its digits here too, so
// the buffer is a wedge "virtual field" (wedge.ts): snapshot at the start of a
// burst, put back when the burst turns out to be a scan.
import type { VirtualField } from './wedge';

/** The largest quantity the key takes: six digits (the contract allows more; nobody keys that at a dock). */
export const maxQtyDigits = 6;

export type QtyKeyOptions = {
  /** station.setQuantity; resolves when the core has it. */
  send(qty: number | null): Promise<void>;
  /** Send this long after the last digit (a burst of digits sends once). */
  delayMs?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  onError?(e: unknown): void;
};

export type QtyKey = VirtualField & {
  /** The digits typed and not yet confirmed by the core; null when not editing. */
  get(): string | null;
  subscribe(listener: () => void): () => void;
  digit(d: string): void;
  backspace(): void;
  /** Escape: no quantity (the next scan counts its own units). */
  clear(): void;
  /** Sends what is typed now, if anything changed (before a scan is submitted). */
  flush(): Promise<void>;
  dispose(): void;
};

export function createQtyKey(opts: QtyKeyOptions): QtyKey {
  const delayMs = opts.delayMs ?? 300;
  const setTimer = opts.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = opts.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  let typed: string | null = null;
  let timer: unknown = null;
  let inFlight: Promise<void> = Promise.resolve();
  const listeners = new Set<() => void>();
  const emit = () => {
    for (const l of listeners) l();
  };

  const value = (): number | null => (typed && Number(typed) > 0 ? Number(typed) : null);

  const cancelTimer = () => {
    if (timer !== null) clearTimer(timer);
    timer = null;
  };

  const sendNow = (): Promise<void> => {
    cancelTimer();
    if (typed === null) return inFlight;
    const qty = value();
    const text = typed;
    inFlight = inFlight
      .then(() => opts.send(qty))
      .then(() => {
        // Confirmed: the core's pendingQty is shown from now on, unless more was typed meanwhile.
        if (typed === text) {
          typed = null;
          emit();
        }
      })
      .catch((e: unknown) => {
        opts.onError?.(e);
      });
    return inFlight;
  };

  const schedule = () => {
    cancelTimer();
    timer = setTimer(() => {
      timer = null;
      void sendNow();
    }, delayMs);
  };

  const set = (next: string | null) => {
    typed = next;
    emit();
  };

  return {
    get: () => typed,
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    digit(d) {
      if (!/^\d$/.test(d)) return;
      const cur = typed ?? '';
      if (cur === '' && d === '0') return; // no leading zeros: "0" is no quantity
      if (cur.length >= maxQtyDigits) return;
      set(cur + d);
      schedule();
    },
    backspace() {
      if (!typed) return;
      set(typed.slice(0, -1));
      schedule();
    },
    clear() {
      set('');
      void sendNow();
    },
    flush() {
      if (timer === null) return inFlight;
      return sendNow();
    },
    snapshot: () => ({ typed, pending: timer !== null }),
    restore(snap) {
      const s = snap as { typed: string | null; pending: boolean };
      typed = s.typed;
      emit();
      if (s.pending) schedule();
      else cancelTimer();
    },
    dispose() {
      cancelTimer();
      listeners.clear();
    },
  };
}
