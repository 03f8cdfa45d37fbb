// Group commit (db/groupCommit.ts): write requests waiting at once share one
// COMMIT, each in its own savepoint. What a station notices: every answered
// posting is already in the database file, a refused one wrote nothing and
// took nothing from the others, a retried key posts once, document numbers
// have no gaps, and every change is announced once, after it is stored.
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Transaction } from 'kysely';
import { AppError } from '../../../shared/errors';
import type { EventMessage } from '../../../shared/contract';
import { groupCommitWrites } from '../../../electron/core/db/groupCommit';
import { databasePath } from '../../../electron/core/db/open';
import type { DB } from '../../../electron/core/db/schema';
import { postDocument } from '../../../electron/core/stock/posting';
import type { ServiceContext } from '../../../electron/core/context';
import { newKey, openWarehouse, type Warehouse } from '../fixtures';

let w: Warehouse | undefined;
afterEach(async () => {
  await w?.core.close();
  w = undefined;
});

describe('write requests posted at once', () => {
  it('share a commit, and each is answered only once it is stored; a refused one writes nothing; a replayed key posts once', async () => {
    const groups: number[] = [];
    w = await openWarehouse({ groupCommit: { onGroup: (n) => groups.push(n) } });
    const keeper = await w.as('warehouseKeeper');
    const events: EventMessage[] = [];
    w.core.subscribe((e) => events.push(e));
    const reader = new Database(databasePath(w.core.dataDir), { readonly: true });
    const stored = (key: string) =>
      reader.prepare('SELECT number FROM documents WHERE idempotency_key = ?').get(key) as
        { number: string } | undefined;

    const receipt = (key: string, productId: number) => ({
      deliveryNote: `QS-${key.slice(-6)}`,
      arrivedAt: new Date().toISOString(),
      idempotencyKey: key,
      lines: [{ productId, status: 'good', locationId: w!.bins[0]!.id, qty: 5 }],
    });
    const keys = Array.from({ length: 6 }, newKey);
    const unknownKey = newKey();
    groups.length = 0;
    // Sent in one turn, as several stations' requests arriving together.
    const sent = [
      ...keys.map((k, i) => ({ key: k, input: receipt(k, w!.products[i % 3]!.id) })),
      { key: unknownKey, input: receipt(unknownKey, 999_999) },
      { key: keys[0]!, input: receipt(keys[0]!, w.products[0]!.id) },
    ].map(({ key, input }) =>
      w!.core.dispatch(keeper, 'receipts.post', input).then((r) => ({ r, key, storedWhenAnswered: stored(key) })),
    );
    const answers = await Promise.all(sent);

    expect(Math.max(...groups)).toBeGreaterThan(1);
    for (const a of answers.slice(0, 6)) {
      expect(a.r.ok).toBe(true);
      expect(a.storedWhenAnswered).toBeDefined();
    }
    const refused = answers[6]!;
    expect(refused.r.ok).toBe(false);
    if (!refused.r.ok) expect(refused.r.error.code).toBe('stock.unknownProduct');
    expect(stored(unknownKey)).toBeUndefined();
    // The retried key answers with the first posting's document, posted once.
    const replay = answers[7]!;
    expect(replay.r.ok && (replay.r.value as { documentNo: string }).documentNo).toBe(
      answers[0]!.r.ok && (answers[0]!.r.value as { documentNo: string }).documentNo,
    );
    const numbers = keys.map((k) => stored(k)!.number);
    expect(new Set(numbers).size).toBe(6);
    const serials = numbers.map((n) => Number(n.slice(-4))).sort((a, b) => a - b);
    expect(serials).toEqual(serials.map((_, i) => serials[0]! + i));
    const docIds = new Set(
      events.filter((e) => e.name === 'stock.changed').map((e) => (e.payload as { documentId: number }).documentId),
    );
    expect(events.filter((e) => e.name === 'stock.changed')).toHaveLength(6);
    expect(docIds.size).toBe(6);
    const audited = reader.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE request = 'receipts.post'").get() as {
      n: number;
    };
    expect(audited.n).toBe(6);
    reader.close();
  });

  it('a request that fails after writing rolls back its own writes only, and its number goes to the next', async () => {
    w = await openWarehouse();
    const keeper = await w.as('warehouseKeeper');
    const writes = groupCommitWrites(w.core.database.db, w.core.database.sqlite);
    const base: Omit<ServiceContext, 'db'> = {
      root: w.core.database.db,
      caller: keeper,
      now: new Date(),
      request: 'test',
      timeZone: 'Asia/Shanghai',
      dataDir: w.core.dataDir,
      emit: () => {},
      afterCommit: (fn) => fn(),
    };
    const lines = [{ productId: w.products[0]!.id, status: 'good' as const, locationId: w.bins[0]!.id, qty: 7 }];
    const posting = (key: string, fail: boolean) => async (trx: Transaction<DB>) => {
      const posted = await postDocument({ ...base, db: trx }, { type: 'receipt', idempotencyKey: key, lines });
      if (fail) throw new AppError('stock.emptyDocument');
      return posted.documentNo;
    };
    const [a, b, c] = await Promise.allSettled([
      writes(posting('first-of-three', false)),
      writes(posting('second-fails', true)),
      writes(posting('third-of-three', false)),
    ]);
    expect(a.status).toBe('fulfilled');
    expect(b.status).toBe('rejected');
    expect(c.status).toBe('fulfilled');
    const sqlite = w.core.database.sqlite;
    const docs = sqlite
      .prepare("SELECT idempotency_key AS k, number FROM documents WHERE type = 'receipt' ORDER BY id")
      .all() as {
      k: string;
      number: string;
    }[];
    expect(docs.map((d) => d.k)).toEqual(['first-of-three', 'third-of-three']);
    expect(Number(docs[1]!.number.slice(-4))).toBe(Number(docs[0]!.number.slice(-4)) + 1);
    const sum = sqlite.prepare('SELECT SUM(qty) AS q FROM movements').get() as { q: number };
    const bal = sqlite.prepare('SELECT SUM(qty) AS q FROM balances').get() as { q: number };
    expect(sum.q).toBe(14);
    expect(bal.q).toBe(14);
  });
});
