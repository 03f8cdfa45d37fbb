// A tiny store of toasts, outside React so any code (a grid callback, the API
// client's session handling) can raise one.
export type ToastKind = 'success' | 'error' | 'info';
export type Toast = { id: number; kind: ToastKind; text: string };

let toasts: Toast[] = [];
let nextId = 1;
const listeners = new Set<() => void>();
const emit = () => {
  for (const l of listeners) l();
};

/** How long a toast stays: errors longer, so a keeper two metres away can read them. */
const lifetimeMs: Record<ToastKind, number> = { success: 4000, info: 5000, error: 10000 };

export function showToast(kind: ToastKind, text: string): number {
  const id = nextId++;
  // An error shown to the user is traced too: the console is what survives a
  // toast that faded, in a bug report or an end-to-end test's log.
  if (kind === 'error') console.warn('[toast]', text);
  toasts = [...toasts.slice(-4), { id, kind, text }];
  emit();
  setTimeout(() => dismissToast(id), lifetimeMs[kind]);
  return id;
}

export function dismissToast(id: number): void {
  const before = toasts.length;
  toasts = toasts.filter((t) => t.id !== id);
  if (toasts.length !== before) emit();
}

export const toastStore = {
  get: (): Toast[] => toasts,
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
