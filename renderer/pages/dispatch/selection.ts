// The dispatcher's selection of orders, outside React state: a chip or pool row
// subscribes to its own order only, so selecting one order renders one row,
// not the board.
import { useSyncExternalStore } from 'react';

export class Selection {
  private ids = new Set<number>();
  private listeners = new Set<() => void>();
  /** The order the keyboard cursor is on (shift+arrow extends from the anchor). */
  anchor: number | null = null;

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };
  private changed() {
    for (const l of this.listeners) l();
  }
  has(id: number): boolean {
    return this.ids.has(id);
  }
  get size(): number {
    return this.ids.size;
  }
  list(): number[] {
    return [...this.ids];
  }
  set(ids: Iterable<number>) {
    this.ids = new Set(ids);
    this.changed();
  }
  toggle(ids: readonly number[]) {
    const next = new Set(this.ids);
    const all = ids.every((id) => next.has(id));
    for (const id of ids) {
      if (all) next.delete(id);
      else next.add(id);
    }
    this.ids = next;
    this.changed();
  }
  add(ids: readonly number[]) {
    this.ids = new Set([...this.ids, ...ids]);
    this.changed();
  }
  /** Drops ids that left the board, keeping the rest selected. */
  keepOnly(exists: (id: number) => boolean) {
    const next = [...this.ids].filter(exists);
    if (next.length !== this.ids.size) this.set(next);
  }
  clear() {
    if (this.ids.size > 0) this.set([]);
  }
}

export function useSelected(selection: Selection, id: number): boolean {
  return useSyncExternalStore(selection.subscribe, () => selection.has(id));
}

export function useSelectionSize(selection: Selection): number {
  return useSyncExternalStore(selection.subscribe, () => selection.size);
}
