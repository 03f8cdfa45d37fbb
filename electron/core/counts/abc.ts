// ABC classification 分类 for cycle counts: count often the few products that
// carry most of the value moving through the warehouse, seldom the many that
// carry little. A product's issue value is what left for customers over the
// window — Σ |issued qty| × the unit cost stored on each movement — exact in
// fen, needing no sales data.
//
// Issue 14: read from the period figures, not the ledger. The count's start
// used to scan 90 days of movements inside its transaction (about 1 s at 1M
// movements, postings waiting); the figures give the same sums from ~90 days ×
// a few thousand rows. The window is whole business days: the 90 days ending
// today in the warehouse's zone (the ledger scan took the 90 × 24 h before now).
import { abcCutsPct, abcWindowDays, issueMovementTypes, type AbcClass } from '../../../shared/contract';
import { startOfDay } from '../clock';
import type { Db } from '../db/schema';
import { addDays, today } from '../orders/dates';

// The window (90 days) and the cuts (80 % / 95 %) are in the contract, with why,
// so the plan form can say them. A product belongs to the class where its value
// starts, so the one that crosses 80 % is still A (else a single product
// carrying 85 % of the value would be B).

export type AbcEntry = { abcClass: AbcClass; issueValueFen: number };
export type AbcClassification = {
  windowFrom: string;
  windowTo: string;
  /** Every product, moved or not. */
  byProduct: Map<number, AbcEntry>;
};

/**
 * Classifies every product by its issue value (dispatch and gift issues, R14)
 * over the 90 business days ending today. A reversed issue counts against the
 * issue it reverses: the figures keep a reversal under the type it reverses,
 * with the opposite sign, so a reversal is no demand. Damage, disposal and
 * adjustments are not demand.
 */
export async function classifyAbc(db: Db, now: Date, timeZone: string): Promise<AbcClassification> {
  const lastDay = today(now, timeZone);
  const firstDay = addDays(lastDay, 1 - abcWindowDays);
  const issued = await db
    .selectFrom('period_figures')
    .select(['product_id', (eb) => eb.fn.sum<number>('amount_fen').as('signed')])
    .where('day', '>=', firstDay)
    .where('day', '<=', lastDay)
    .where('type', 'in', issueMovementTypes)
    .groupBy('product_id')
    .execute();
  const products = await db.selectFrom('products').select('id').execute();
  const issuedFen = new Map(issued.map((r) => [r.product_id, Math.max(0, -Number(r.signed))]));
  const byProduct = classify(
    products.map((p) => p.id),
    issuedFen,
  );
  return { windowFrom: startOfDay(firstDay, timeZone).toISOString(), windowTo: now.toISOString(), byProduct };
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
