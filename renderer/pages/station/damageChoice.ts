// The damage task's choice at a station (issue 13): with no field focused, a
// number key picks the cause (1–9, 0 the tenth), the next one the disposal
// suggestion (1–4), Enter reports, Esc chooses again. A wedge scan's digits
// reach the station's keys too, so the choice is a wedge "virtual field"
// (wedge.ts): put back when a burst turns out to be a scan.
import { disposalKinds, type DisposalKind } from '../../../shared/contract/damage/words';
import type { VirtualField } from '../../scanning/wedge';

export type Choice = { cause: string | null; suggestion: DisposalKind | null };

export type DamageChoice = VirtualField & {
  get(): Choice;
  subscribe(listener: () => void): () => void;
  /** `causes`: the active cause codes in their order. */
  digit(d: string, causes: readonly string[]): void;
  clear(): void;
};

export function createDamageChoice(): DamageChoice {
  let choice: Choice = { cause: null, suggestion: null };
  const listeners = new Set<() => void>();
  const set = (c: Choice) => {
    choice = c;
    for (const l of listeners) l();
  };
  return {
    get: () => choice,
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    digit(d, causes) {
      const n = d === '0' ? 10 : Number(d);
      if (choice.cause === null || choice.suggestion !== null) {
        const cause = causes[n - 1];
        if (cause) set({ cause, suggestion: null });
        return;
      }
      const suggestion = disposalKinds[n - 1];
      if (suggestion) set({ ...choice, suggestion });
    },
    clear: () => set({ cause: null, suggestion: null }),
    snapshot: () => choice,
    restore: (snap) => set(snap as Choice),
  };
}
