// Write transactions on PostgreSQL (issue 15 §3): one transaction per write
// request, READ COMMITTED, retried whole when the server gives up on it for a
// reason another try resolves. Why not SERIALIZABLE: the posting function's
// rules already hold under READ COMMITTED — a decrease is `qty = qty + delta`,
// which PostgreSQL re-evaluates on the row's newest version after waiting
// for its lock, so no update is lost and the balances' CHECK (qty >= 0) refuses
// whatever would go negative (mapped to stock.wouldGoNegative); the document
// counter is an upsert on one row per type and day, which serialises the
// postings of a type and keeps the numbering gap-free. What remains are the
// server's own aborts: a deadlock between two postings that touch the same
// balances in other orders (the posting takes them in key order, but an
// increase and a decrease of two documents can still cross), and a unique key
// another transaction committed first (two hosts posting one idempotency key:
// the retry finds the first one's document and answers it as a replay).
import type { Kysely, Transaction } from 'kysely';
import type { WriteRunner } from './groupCommit';
import type { DB } from './schema';

/** SQLSTATEs worth a second try: serialization failure, deadlock, unique violation. */
const retryable = new Set(['40001', '40P01', '23505']);

export function pgSqlState(e: unknown): string | null {
  if (typeof e !== 'object' || e === null || !('code' in e)) return null;
  const code = (e as { code: unknown }).code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : null;
}

/**
 * The reservations' own R5 guard (migration 009's trigger) refusing a release
 * because another host reserved the same stock between this one's read and
 * its write: tried again, the release reads the stock as it now is and
 * answers the order short, as it would have on one machine.
 */
function reservedFirst(e: unknown): boolean {
  return pgSqlState(e) === 'P0001' && /reservation exceeds stock on hand/.test((e as Error).message);
}

export function pgWrites(
  root: Kysely<DB>,
  opts: { attempts?: number; onRetry?: (state: string) => void } = {},
): WriteRunner {
  const attempts = opts.attempts ?? 5;
  return async <T>(fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await root.transaction().execute(fn);
      } catch (e) {
        const state = pgSqlState(e);
        if (!(retryable.has(state ?? '') || reservedFirst(e)) || attempt >= attempts) throw e;
        opts.onRetry?.(state ?? 'P0001');
        // A short random pause, so two crossing transactions do not meet again at once.
        await new Promise((r) => setTimeout(r, Math.random() * 5 * attempt));
      }
    }
  };
}
