// ABC classification 分类 for cycle counts: count often the few products that
// carry most of the value moving through the warehouse, seldom the many that
// carry little. A product's issue value is what left for customers over the
// window — Σ |issued qty| × the unit cost stored on each movement — read from
// the ledger, so it is exact in fen and needs no sales data.
import { sql } from 'kysely';
import { abcCutsPct, abcWindowDays, type AbcClass } from '../../../shared/contract/counts';
import type { Db } from '../db/schema';

// The window (90 days) and the cuts (80 % / 95 %) are in the contract, with why,
// so the plan form can say them. A product belongs to the class where its value
// starts, so the one that crosses 80 % is still A (else a single product
// carrying 85 % of the value would be B).

/** What counts as issued: goods leaving for customers. Damage, disposal and adjustments are not demand. */
const issueTypes = ['dispatchIssue', 'giftIssue'];

export type AbcEntry = { abcClass: AbcClass; issueValueFen: number };
export type AbcClassification = {
  windowFrom: string;
  windowTo: string;
  /** Every product, moved or not. */
  byProduct: Map<number, AbcEntry>;
};

/**
 * Classifies every product by its issue value over the window ending at `now`.
 * A reversed issue counts against the issue it reverses (its movements are
 * typed 'reversal' and carry the opposite sign), so a reversal is no demand.
 */
export async function classifyAbc(db: Db, now: Date): Promise<AbcClassification> {
  const windowTo = now.toISOString();
  const windowFrom = new Date(now.getTime() - abcWindowDays * 86_400_000).toISOString();
  // Two scans in one UNION ALL, each driven by what is selective for it: the
  // issues straight off the movements table, the reversals from their (few)
  // documents. One query with an OR over the joined documents made SQLite walk
  // the movements by the product index: ~7× slower on a million movements.
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
  const issuedFen = new Map(issued.map((r) => [r.product_id, Math.max(0, -Number(r.signed))]));
  const byProduct = classify(
    products.map((p) => p.id),
    issuedFen,
  );
  return { windowFrom, windowTo, byProduct };
}

/** The cut itself, on integers: largest value first, ties by product id so the same ledger gives the same classes. */
export function classify(productIds: number[], valueFen: ReadonlyMap<number, number>): Map<number, AbcEntry> {
  const ranked = productIds.map((id) => ({ id, v: valueFen.get(id) ?? 0 })).sort((a, b) => b.v - a.v || a.id - b.id);
  const total = ranked.reduce((n, p) => n + p.v, 0);
  const out = new Map<number, AbcEntry>();
  let before = 0;
  for (const p of ranked) {
    // Percentages compared as integers: before / total < cut / 100.
    const abcClass: AbcClass =
      p.v === 0 ? 'C' : before * 100 < abcCutsPct.A * total ? 'A' : before * 100 < abcCutsPct.B * total ? 'B' : 'C';
    out.set(p.id, { abcClass, issueValueFen: p.v });
    before += p.v;
  }
  return out;
}
