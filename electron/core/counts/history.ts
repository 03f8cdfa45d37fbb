// A product's last counts (for its product page): where, when, how many, and
// the variance once the caller may see that session's book.
import type { ProductCountRow } from '../../../shared/contract/counts';
import type { ServiceContext } from '../context';
import { bookVisible } from './blindness';
import { loadSession } from './common';
import { computeLines } from './variance';

export async function productCounts(
  ctx: ServiceContext,
  input: { productId: number; limit?: number },
): Promise<ProductCountRow[]> {
  const lines = await ctx.db
    .selectFrom('count_lines as l')
    .innerJoin('count_sessions as s', 's.id', 'l.session_id')
    // The counters' running counts of the line's current round: their last entries' times.
    .innerJoin('count_tallies as t', (j) => j.onRef('t.line_id', '=', 'l.id').onRef('t.round', '=', 'l.round'))
    .select(['l.id', 'l.session_id', (eb) => eb.fn.max('t.at').as('countedAt')])
    .where('l.product_id', '=', input.productId)
    .where('s.state', '<>', 'cancelled')
    .groupBy(['l.id', 'l.session_id'])
    .orderBy('countedAt', 'desc')
    .limit(input.limit ?? 20)
    .execute();
  const out: ProductCountRow[] = [];
  const bySession = new Map<number, number[]>();
  for (const l of lines) bySession.set(l.session_id, [...(bySession.get(l.session_id) ?? []), l.id]);
  for (const [sessionId, ids] of bySession) {
    const s = await loadSession(ctx.db, sessionId);
    const visible = await bookVisible(ctx, s);
    for (const l of await computeLines(ctx.db, s, ids)) {
      const row: ProductCountRow = {
        sessionId,
        sessionNumber: s.number,
        sessionState: s.state,
        countedAt: String(lines.find((x) => x.id === l.lineId)?.countedAt ?? ''),
        locationId: l.locationId,
        locationCode: l.locationCode,
        status: l.status,
        countedQty: l.countedQty ?? 0,
      };
      if (visible && l.varianceQty !== null) row.varianceQty = l.varianceQty;
      out.push(row);
    }
  }
  return out.sort((a, b) => (a.countedAt < b.countedAt ? 1 : a.countedAt > b.countedAt ? -1 : 0));
}
