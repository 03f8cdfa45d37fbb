// Invalid input never reaches a service: a typed error, nothing written, the
// core keeps answering.
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestNames, requests } from '../../../shared/contract';
import { roles } from '../../../shared/domain';
import type { Caller } from '../../../electron/core/context';
import { call, openWarehouse, password, receive, type Warehouse } from '../fixtures';
import { fuzzCases, genericCases, type FuzzIds } from './fuzzCases';

let w: Warehouse;
let admin: Caller;
let keeper: Caller;
const tables = ['users', 'products', 'barcodes', 'documents', 'movements', 'balances', 'receipts', 'audit_log'];
const counts = async () => {
  const n: number[] = [];
  for (const t of tables)
    n.push(
      (await sql<{ n: number }>`SELECT COUNT(*) AS n FROM ${sql.table(t)}`.execute(w.core.database.db)).rows[0]!.n,
    );
  return n;
};

let everyRole: Caller;
let ids: FuzzIds;

/** Every table's rows except the login sessions: what "nothing written" compares. */
// Rows sorted: PostgreSQL keeps no insertion order, and "nothing written" is about the rows, not their order.
const snapshot = async (): Promise<Map<string, string>> => {
  const db = w.core.database.db;
  const tables = (await db.introspection.getTables())
    .filter((t) => !t.isView && t.name !== 'sessions')
    .map((t) => t.name);
  const rows = new Map<string, string>();
  for (const t of tables) {
    const all = (await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(t)}`.execute(db)).rows;
    rows.set(t, JSON.stringify(all.map((r) => JSON.stringify(Object.values(r))).sort()));
  }
  return rows;
};
const changedTables = (before: Map<string, string>, after: Map<string, string>) =>
  [...after].filter(([t, rows]) => before.get(t) !== rows).map(([t]) => t);

beforeAll(async () => {
  w = await openWarehouse();
  admin = w.admin;
  keeper = await w.as('warehouseKeeper');
  // A user holding every role passes every access check, so the input itself is what gets refused.
  await call(w.core, admin, 'users.create', { username: 'fuzz-all', displayName: 'F', roles: [...roles], password });
  everyRole = w.core.newCaller('fuzz-all');
  await call(w.core, everyRole, 'auth.login', { username: 'fuzz-all', secret: password });
  const receipt = await receive(w, keeper, [{ product: 0, bin: 0, qty: 5 }]);
  const me = await call(w.core, everyRole, 'auth.me', {});
  ids = { productId: w.products[0]!.id, binId: w.bins[0]!.id, userId: me.user.id, documentId: receipt.id };
});
afterAll(async () => w.core.close());

// auth.logout takes `{}`, which random payloads hit: it would end the session mid-run.
const fuzzed = requestNames.filter((n) => n !== 'auth.logout');

describe('malformed requests', () => {
  it('answers contract.invalidInput with the offending field and writes nothing', async () => {
    const before = await counts();
    const r = await w.core.dispatch(keeper, 'receipts.post', {
      deliveryNote: 'QS-1',
      arrivedAt: 'yesterday',
      idempotencyKey: 'k-12345678',
      lines: [{ productId: w.products[0]!.id, status: 'good', locationId: w.bins[0]!.id, qty: 1.5 }],
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'contract.invalidInput' } });
    const paths = (r as unknown as { error: { details: { issues: { path: string }[] } } }).error.details.issues.map(
      (i) => i.path,
    );
    expect(paths).toEqual(expect.arrayContaining(['arrivedAt', 'lines.0.qty']));
    expect(await counts()).toEqual(before);
  });

  it('refuses unknown request names and extra fields', async () => {
    expect(await w.core.dispatch(admin, 'stock.dropTable', {})).toMatchObject({
      ok: false,
      error: { code: 'contract.unknownRequest' },
    });
    expect(await w.core.dispatch(admin, '__proto__', {})).toMatchObject({
      ok: false,
      error: { code: 'contract.unknownRequest' },
    });
    expect(await w.core.dispatch(admin, 'stock.balances', { includeZero: true, sql: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'contract.invalidInput' },
    });
  });

  it('refuses wrong types, missing fields, huge strings, negative and fractional quantities, SQL text and unknown ids, writing nothing', async () => {
    const valid = {
      deliveryNote: 'QS-OK-1',
      arrivedAt: new Date().toISOString(),
      idempotencyKey: 'fuzz-key-0001',
      lines: [{ productId: w.products[0]!.id, status: 'good', locationId: w.bins[0]!.id, qty: 1 }],
    };
    const line = valid.lines[0]!;
    const bad: [string, unknown][] = [
      ['wrong type', { ...valid, lines: 'all of them' }],
      ['missing field', { ...valid, deliveryNote: undefined }],
      ['missing lines', { ...valid, lines: [] }],
      ['huge string', { ...valid, deliveryNote: 'X'.repeat(1_000_000) }],
      ['huge note', { ...valid, note: '备'.repeat(100_000) }],
      ['negative qty', { ...valid, lines: [{ ...line, qty: -5 }] }],
      ['fractional qty', { ...valid, lines: [{ ...line, qty: 0.5 }] }],
      ['NaN-ish qty', { ...valid, lines: [{ ...line, qty: '12' }] }],
      ['overflowing qty', { ...valid, lines: [{ ...line, qty: 2 ** 60 }] }],
      ['SQL-looking code', { ...valid, deliveryNote: "x'; DROP TABLE balances; --" }],
      ['unknown status', { ...valid, lines: [{ ...line, status: 'stolen' }] }],
      ['unknown product id', { ...valid, lines: [{ ...line, productId: 987_654 }] }],
      ['unknown location id', { ...valid, lines: [{ ...line, locationId: 987_654 }] }],
      ['zero id', { ...valid, lines: [{ ...line, productId: 0 }] }],
      ['not an object', [valid]],
      ['null', null],
      ['prototype pollution', JSON.parse('{"__proto__": {"admin": true}, "deliveryNote": "QS-P"}')],
    ];
    const before = await counts();
    for (const [label, input] of bad) {
      const r = await w.core.dispatch(keeper, 'receipts.post', input);
      expect([label, r.ok]).toEqual([label, false]);
      if (!r.ok) expect([label, r.error.code]).not.toEqual([label, 'contract.internal']);
    }
    for (const name of ['products.update', 'stock.reverseDocument', 'users.create', 'products.import']) {
      for (const input of [{ id: '1 OR 1=1' }, { documentId: -1 }, { csv: 42 }, { username: "admin'--" }]) {
        const r = await w.core.dispatch(admin, name, input);
        expect(r.ok).toBe(false);
      }
    }
    expect(await counts()).toEqual(before);
    // Free text is stored as text, never run: the SQL-looking note lands verbatim.
    const ok = await w.core.dispatch(keeper, 'receipts.post', { ...valid, supplier: "x'); DELETE FROM movements; --" });
    expect(ok).toMatchObject({ ok: true, value: { supplier: "x'); DELETE FROM movements; --" } });
  });

  it('survives random payloads to every request: typed errors only, nothing written (fuzz)', async () => {
    const before = await counts();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...fuzzed),
        fc.anything({ withNullPrototype: true, withBigInt: true, withDate: true, withMap: true }),
        async (name, input) => {
          const r = await w.core.dispatch(keeper, name, input);
          if (!r.ok) expect(r.error.code).not.toBe('contract.internal');
        },
      ),
      { numRuns: 500 },
    );
    // Reads and refused writes only: the random payloads cannot have been valid writes.
    expect((await counts()).slice(1)).toEqual(before.slice(1));
    expect((await w.core.dispatch(keeper, 'stock.balances', {})).ok).toBe(true);
  });

  it('has fuzz cases for every request in the contract', () => {
    // The map's type already demands an entry per RequestName; this catches a
    // name added to `requests` at run time (a merge, a spread-in domain map).
    const missing = Object.keys(requests).filter((n) => !Object.hasOwn(fuzzCases, n));
    expect(missing).toEqual([]);
    for (const name of requestNames) expect([name, fuzzCases[name](ids).length > 0]).toEqual([name, true]);
  });

  it.each(requestNames.map((n) => [n]))(
    '%s refuses malformed input with a typed error, writes nothing and leaves the core answering',
    async (name) => {
      const before = await snapshot();
      const cases = [...genericCases, ...fuzzCases[name](ids)];
      for (const [label, input] of cases) {
        const r = await w.core.dispatch(everyRole, name, input);
        expect([label, r.ok]).toEqual([label, false]);
        if (!r.ok) expect([label, r.error.code]).not.toEqual([label, 'contract.internal']);
      }
      expect(changedTables(before, await snapshot())).toEqual([]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect((await w.core.dispatch(everyRole, 'auth.me', {})).ok).toBe(true);
      expect((await w.core.dispatch(keeper, 'stock.balances', {})).ok).toBe(true);
    },
  );
});
