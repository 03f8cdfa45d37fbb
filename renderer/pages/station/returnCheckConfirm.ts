// Finishing the return check at a station (issue 13 §Returns 3): F7 asks for
// the number of cases (digits, Enter; Enter alone takes the cases scanned),
// then each line's reason (a number key picks one of the return reasons,
// Enter keeps the line's, Backspace goes back a line), then Enter or F7
// finishes. Esc goes back to scanning. A wedge scan's digits reach the
// station's keys too, so the confirmation is a wedge "virtual field"
// (wedge.ts): put back when a burst turns out to be a scan.
import { returnReasons, type ReturnCheckView, type ReturnReason } from '../../../shared/contract';
import type { VirtualField } from '../../scanning/wedge';

export type ConfirmState =
  | { phase: 'scan' }
  | { phase: 'cases'; digits: string }
  | { phase: 'reasons'; cases: number; index: number; reasons: Record<string, ReturnReason> }
  | { phase: 'ready'; cases: number; reasons: Record<string, ReturnReason> };

export const lineKey = (l: { productId: number; status: string }) => `${l.productId}|${l.status}`;

export type ReturnCheckConfirm = VirtualField & {
  get(): ConfirmState;
  subscribe(listener: () => void): () => void;
  /** F7 while scanning: confirm the cases. */
  start(): void;
  digit(d: string, view: ReturnCheckView): void;
  /** Enter (and F7 past the scanning): the next step; true when the check is to be finished now. */
  enter(view: ReturnCheckView): boolean;
  backspace(view: ReturnCheckView): void;
  /** Back to scanning. */
  reset(): void;
};

export function createReturnCheckConfirm(): ReturnCheckConfirm {
  let state: ConfirmState = { phase: 'scan' };
  const listeners = new Set<() => void>();
  const set = (s: ConfirmState) => {
    state = s;
    for (const l of listeners) l();
  };
  /** After line `index`: the next line, or ready past the last. */
  const next = (view: ReturnCheckView, cases: number, index: number, reasons: Record<string, ReturnReason>) =>
    set(index >= view.lines.length ? { phase: 'ready', cases, reasons } : { phase: 'reasons', cases, index, reasons });
  return {
    get: () => state,
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    start: () => set({ phase: 'cases', digits: '' }),
    digit(d, view) {
      if (state.phase === 'cases' && state.digits.length < 6) set({ phase: 'cases', digits: state.digits + d });
      if (state.phase !== 'reasons') return;
      const reason = returnReasons[Number(d) - 1];
      const line = view.lines[state.index];
      if (!reason || !line) return;
      next(view, state.cases, state.index + 1, { ...state.reasons, [lineKey(line)]: reason });
    },
    enter(view) {
      if (state.phase === 'cases') {
        const cases = state.digits === '' ? view.casesScanned : Number(state.digits);
        next(view, cases, 0, {});
        return false;
      }
      if (state.phase === 'reasons') {
        next(view, state.cases, state.index + 1, state.reasons);
        return false;
      }
      return state.phase === 'ready';
    },
    backspace(view) {
      if (state.phase === 'cases') set({ phase: 'cases', digits: state.digits.slice(0, -1) });
      else if (state.phase === 'reasons')
        set(state.index === 0 ? { phase: 'cases', digits: String(state.cases) } : { ...state, index: state.index - 1 });
      else if (state.phase === 'ready')
        set(
          view.lines.length === 0
            ? { phase: 'cases', digits: String(state.cases) }
            : { phase: 'reasons', cases: state.cases, index: view.lines.length - 1, reasons: state.reasons },
        );
    },
    reset: () => set({ phase: 'scan' }),
    snapshot: () => state,
    restore: (snap) => set(snap as ConfirmState),
  };
}
