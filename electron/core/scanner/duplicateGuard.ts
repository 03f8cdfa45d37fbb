// The same code from the same source within a short window is a doubled read
// (a scanner's re-trigger, a trembling hand), not a second item: it is logged
// as a duplicate and ignored — unless the task counts repeats (counting).
export const defaultDuplicateWindowMs = 1500;

export class DuplicateGuard {
  private last = new Map<string, { code: string; at: number }>();
  constructor(private readonly windowMs = defaultDuplicateWindowMs) {}

  /** True when `code` from `source` repeats within the window; records it either way. */
  isDuplicate(source: string, code: string, at: number): boolean {
    const prev = this.last.get(source);
    this.last.set(source, { code, at });
    return prev !== undefined && prev.code === code && at - prev.at <= this.windowMs;
  }
}
