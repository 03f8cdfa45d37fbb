// Issue 15, "How it is tested": two station hosts — two processes, each its own
// core on the one database (the data folder's SQLite file; in the
// integration-pg project one PostgreSQL database) — with four clients each
// posting receipts, issues (a receipt taken back, damage out of good stock)
// and manual adjustments through the request path against the same
// 5 products × 2 bins for a bounded time (mixedPoster.ts). Afterwards: no
// balance below zero, Σ ledger = balances, every balance exactly the opening
// stock plus what the clients were told was posted (no lost update, nothing
// posted unanswered), every acknowledged document there once, replayed
// requests answered with the first document, document numbers unique and
// gap-free per type and day, and the database's own check clean.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentTypes } from '../../../shared/domain';
import { checkIntegrity } from '../../../electron/core/db/integrity';
import { bundleForNode } from '../../helpers/bundle';
import { acknowledgedPostings, balanceKey as keyOf, runMixedHosts } from '../../helpers/mixedHosts';
import { call, childEnv, newKey, openWarehouse, password, type Warehouse } from '../fixtures';
import type { Delta } from './mixedPoster';

const seconds = 3;
const opening = 6;
let bundle: string;
let w: Warehouse;

beforeAll(async () => {
  bundle = await bundleForNode(path.resolve(__dirname, 'mixedPoster.ts'));
  w = await openWarehouse();
});
afterAll(async () => w.core.close());

describe('two station hosts posting a mix at once', () => {
  it('leave no balance negative, ledger = balances = opening + what was acknowledged, replays posted once, numbers gap-free', async () => {
    const extra = [
      'code,name_zh,name_en,spec,unit,case_pack,unit_cost,category,active',
      'P004,可口可乐 330ml,Coca-Cola 330ml,330ml,罐,24,1.80,饮料,1',
      'P005,康师傅方便面,Master Kong noodles,100g,袋,24,2.50,食品,1',
    ].join('\n');
    await call(w.core, w.admin, 'products.import', { csv: extra });
    const products = (await call(w.core, w.admin, 'products.list', {}))
      .filter((p) => ['P001', 'P002', 'P003', 'P004', 'P005'].includes(p.code))
      .map((p) => p.id);
    const bins = w.bins.slice(0, 2).map((b) => b.id);
    expect(products).toHaveLength(5);
    expect(bins).toHaveLength(2);
    // The users the hosts log in as; the manager decides what the operator and keeper raise.
    for (const role of ['warehouseKeeper', 'operator', 'csManager'] as const) await w.as(role);
    const keeper = await w.as('warehouseKeeper');
    const openingReceipt = await call(w.core, keeper, 'receipts.post', {
      deliveryNote: 'QS-OPENING',
      arrivedAt: new Date().toISOString(),
      idempotencyKey: newKey(),
      lines: products.flatMap((productId) =>
        bins.map((locationId) => ({ productId, status: 'good' as const, locationId, qty: opening })),
      ),
    });

    const base = { seconds, clients: 4, products, bins, sharedReceipts: 6, password };
    const results = await runMixedHosts(
      bundle,
      [
        { ...base, label: 'host-a', seed: 11 },
        { ...base, label: 'host-b', seed: 29 },
      ].map((config) => ({ dataDir: w.core.dataDir, env: childEnv(w.core), config })),
    );

    // Every request was answered as a client expects: posted, or refused short, or an approval that came second.
    expect(results.flatMap((r) => r.unexpected)).toEqual([]);
    const refusedShort = results.reduce((s, r) => s + r.refusedShort, 0);
    const acks = results.flatMap((r) => r.acks);
    const db = w.core.database.db;

    // Each acknowledged posting's document, found by the id or the number its reply gave.
    const documents = await db
      .selectFrom('documents')
      .select(['id', 'type', 'number', 'idempotency_key', 'reverses_id'])
      .orderBy('id')
      .execute();
    const byId = new Map(documents.map((d) => [d.id, d]));
    const byNo = new Map(documents.map((d) => [d.number, d]));
    const acknowledged = new Map<number, { key: string; deltas: Delta[]; kind: string }>();
    for (const a of acks) {
      const doc = a.documentId !== null ? byId.get(a.documentId) : byNo.get(a.documentNo);
      expect(doc, `${a.kind} ${a.key} acknowledged but not in the database`).toBeDefined();
      // The reply's document is the one its idempotency key posted: a replay answers the first.
      expect(doc!.idempotency_key).toBe(a.key);
      const seen = acknowledged.get(doc!.id);
      if (seen) expect(seen.key).toBe(a.key);
      else acknowledged.set(doc!.id, { key: a.key, deltas: a.deltas, kind: a.kind });
    }
    // Nothing posted that no client was told of (the opening receipt aside).
    expect(documents.filter((d) => d.id !== openingReceipt.id && !acknowledged.has(d.id))).toEqual([]);

    // Replays: the second answer names the first's document, and a key posted once.
    const replays = results.flatMap((r) => r.replays);
    for (const r of replays) expect(r.second, `${r.kind} ${r.key}`).toBe(r.first);
    const sharedPosted = new Map<string, Set<string>>();
    for (const r of results)
      for (const a of r.acks.filter((x) => x.key.startsWith('shared-receipt-'))) {
        const hosts = sharedPosted.get(a.key) ?? new Set();
        hosts.add(r.label);
        sharedPosted.set(a.key, hosts);
      }
    const sharedAcrossHosts = [...sharedPosted.values()].filter((h) => h.size === 2).length;

    // Each document's movements are the lines its client sent.
    const movements = await db
      .selectFrom('movements')
      .select(['document_id', 'product_id', 'status', 'location_id', 'qty'])
      .execute();
    const movementsOf = new Map<number, string[]>();
    for (const m of movements) {
      const list = movementsOf.get(m.document_id) ?? [];
      list.push(`${m.product_id}|${m.status}|${m.location_id}|${m.qty}`);
      movementsOf.set(m.document_id, list);
    }
    for (const [id, a] of acknowledged)
      expect(movementsOf.get(id)?.sort(), `${a.kind} ${a.key}`).toEqual(
        a.deltas.map((d) => `${keyOf(d)}|${d.qty}`).sort(),
      );

    // No lost update: each balance is the opening stock plus the acknowledged postings, and the ledger says the same.
    const openingStock = new Map(
      products.flatMap((productId) =>
        bins.map((locationId) => [keyOf({ productId, status: 'good', locationId }), opening]),
      ),
    );
    // One posting per idempotency key, each key one document (checked above).
    const { postings, balances: expected } = acknowledgedPostings(results, openingStock);
    expect(postings.size).toBe(acknowledged.size);
    const balances = await db.selectFrom('balances').select(['product_id', 'status', 'location_id', 'qty']).execute();
    const actual = new Map(
      balances.map((b) => [keyOf({ productId: b.product_id, status: b.status, locationId: b.location_id }), b.qty]),
    );
    const ledger = new Map<string, number>();
    for (const m of movements) {
      const k = keyOf({ productId: m.product_id, status: m.status, locationId: m.location_id });
      ledger.set(k, (ledger.get(k) ?? 0) + m.qty);
    }
    const nonZero = (m: Map<string, number>) => new Map([...m].filter(([, q]) => q !== 0));
    expect(nonZero(actual)).toEqual(expected);
    expect(nonZero(ledger)).toEqual(expected);
    expect(balances.filter((b) => b.qty < 0)).toEqual([]);
    // What the host that watched it all shows: its inventory grid agrees with the database.
    const shown = await call(w.core, keeper, 'stock.balances', {});
    expect(new Map(shown.map((b) => [keyOf(b), b.qty]))).toEqual(nonZero(actual));

    // Numbers: unique, and per type and business day 1, 2, 3 … with no gap, up to the counter's last —
    // the ledger documents, and the adjustment forms (TZ) and damage reports (BS) numbered under the same race.
    const numbers = documents.map((d) => d.number);
    expect(new Set(numbers).size).toBe(numbers.length);
    for (const d of documents)
      expect(d.number.split('-')[0], d.number).toBe(documentTypes[d.type as keyof typeof documentTypes]);
    const counters = await db.selectFrom('document_counters').select(['type', 'day', 'last']).execute();
    const lastOf = new Map(counters.map((c) => [`${c.type}|${c.day}`, c.last]));
    const registers = [
      ...documents.map((d) => ({ counter: d.type, number: d.number })),
      ...(await db.selectFrom('adjustment_forms').select('number').execute()).map((f) => ({
        counter: 'adjustmentForm',
        number: f.number,
      })),
      ...(await db.selectFrom('damage_reports').select('number').execute()).map((r) => ({
        counter: 'damageReport',
        number: r.number,
      })),
    ];
    const sequences = new Map<string, number[]>();
    for (const r of registers) {
      const m = /^[A-Z]+-(\d{8})-(\d{4,})$/.exec(r.number);
      expect(m, r.number).not.toBeNull();
      const seq = sequences.get(`${r.counter}|${m![1]}`) ?? [];
      seq.push(Number(m![2]));
      sequences.set(`${r.counter}|${m![1]}`, seq);
    }
    expect(
      [...sequences.keys()].filter((k) => k.startsWith('adjustmentForm|') || k.startsWith('damageReport|')),
    ).not.toEqual([]);
    for (const [counter, seq] of sequences) {
      expect(
        seq.sort((a, b) => a - b),
        counter,
      ).toEqual(Array.from({ length: seq.length }, (_, i) => i + 1));
      expect(lastOf.get(counter), counter).toBe(seq.length);
    }

    expect((await checkIntegrity(db)).findings).toEqual([]);

    // The run really contended and really posted: stock ran short, every kind went through, replays happened.
    const kinds = new Map<string, number>();
    for (const a of acknowledged.values()) kinds.set(a.kind, (kinds.get(a.kind) ?? 0) + 1);
    console.info(
      `mixed concurrency: ${acknowledged.size} documents posted (${[...kinds].map(([k, v]) => `${k} ${v}`).join(', ')}), ` +
        `${refusedShort} refused short, ${replays.length} replays, ${sharedAcrossHosts} receipts sent by both hosts, ` +
        `${results.reduce((s, r) => s + r.refusedTwice, 0)} second approvals refused, ` +
        `${results.reduce((s, r) => s + r.requests, 0)} requests; mean ms ` +
        JSON.stringify(
          Object.fromEntries(
            results.flatMap((r) =>
              Object.entries(r.timings).map(([k, v]) => [`${r.label} ${k}`, Math.round(v.ms / v.n)]),
            ),
          ),
        ),
    );
    expect(refusedShort).toBeGreaterThan(0);
    expect(acknowledged.size).toBeGreaterThanOrEqual(30);
    for (const kind of ['receipt', 'reversal', 'damage', 'adjustment'])
      expect(kinds.get(kind) ?? 0, kind).toBeGreaterThan(0);
    expect(replays.length).toBeGreaterThan(0);
    expect(sharedAcrossHosts).toBeGreaterThanOrEqual(base.clients);
  });
});
