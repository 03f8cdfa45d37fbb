// Issue 14 item 3: the count's ABC classification reads the period figures
// instead of 90 days of movements — and gives the same classes and values as
// the ledger scan it replaced (that query, kept here as the reference) over
// the same window, on a generated quarter with reversals.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'kysely';
import { classify, classifyAbc } from '../../../electron/core/counts/abc';
import { generateQuarter, type Quarter } from './quarter';

let q: Quarter;
beforeAll(async () => {
  q = await generateQuarter(11);
}, 120_000);
afterAll(async () => q?.w.core.close());

it('classifies every product as the ledger scan did, from the figures', async () => {
  const db = q.w.core.database.db;
  const fromFigures = await classifyAbc(db, q.now, 'Asia/Shanghai');

  // The former query: issues off the movements table plus the reversals of issues, in the window.
  const issueTypes = ['dispatchIssue', 'giftIssue'];
  const [windowFrom, windowTo] = [fromFigures.windowFrom, fromFigures.windowTo];
  const amount = sql<number>`m.qty * m.unit_cost_fen`.as('v');
  const issues = db
    .selectFrom('movements as m')
    .select(['m.product_id', amount])
    .where('m.type', 'in', issueTypes)
    .where('m.at', '>=', windowFrom)
    .where('m.at', '<', windowTo);
  const reversals = db
    .selectFrom('documents as d')
    .innerJoin('documents as o', 'o.id', 'd.reverses_id')
    .innerJoin('movements as m', 'm.document_id', 'd.id')
    .select(['m.product_id', amount])
    .where('d.type', '=', 'reversal')
    .where('o.type', 'in', issueTypes)
    .where('m.at', '>=', windowFrom)
    .where('m.at', '<', windowTo);
  const issued = await db
    .selectFrom(issues.unionAll(reversals).as('x'))
    .select(['x.product_id', (eb) => eb.fn.sum<number>('x.v').as('signed')])
    .groupBy('x.product_id')
    .execute();
  const products = await db.selectFrom('products').select('id').execute();
  const fromLedger = classify(
    products.map((p) => p.id),
    new Map(issued.map((r) => [r.product_id, Math.max(0, -Number(r.signed))])),
  );

  expect(Object.fromEntries(fromFigures.byProduct)).toEqual(Object.fromEntries(fromLedger));
  // A real classification, not all C: the generated quarter has A, B and C products.
  const classes = new Set([...fromFigures.byProduct.values()].map((e) => e.abcClass));
  expect([...classes].sort()).toEqual(['A', 'B', 'C']);
  // The window starts at local midnight 89 days before today.
  expect(new Date(windowFrom).getTime()).toBeLessThan(q.now.getTime() - 88 * 86_400_000);
});
