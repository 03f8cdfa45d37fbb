// Reads of the period figures (migration 020) the reports share. Never the
// ledger: an opening balance is Σ of the months before its month plus Σ of the
// days of its month before it (≤ 31 days of rows), a period's movements are Σ
// of its days. The months table reaches its latest month only (periodFigures.ts:
// the current month is rolled up when the next one's first posting comes), so
// the days after it count as days.
import type { Db } from '../db/schema';
import { nextMonthStart } from '../stock/periodFigures';

export type KeyFigure = { productId: number; status: string; qty: number; amountFen: number };
export type TypedFigure = KeyFigure & { type: string };

export const keyOf = (productId: number, status: string) => `${productId}|${status}`;

/** Stock per product × status at the start of `day` (before its movements). */
export async function openingAt(db: Db, day: string, locationIds: number[] | null): Promise<Map<string, KeyFigure>> {
  const through = (
    await db
      .selectFrom('period_months')
      .select((eb) => eb.fn.max('month').as('m'))
      .executeTakeFirst()
  )?.m;
  // The days not in a month of the table: those of `day`'s month, and of every month after `through`.
  const monthStart = `${day.slice(0, 7)}-01`;
  const daysFrom = through == null ? '' : nextMonthStart(through) < monthStart ? nextMonthStart(through) : monthStart;
  let months = db
    .selectFrom('period_months')
    .select((eb) => [
      'product_id',
      'status',
      eb.fn.sum<number>('qty').as('qty'),
      eb.fn.sum<number>('amount_fen').as('amount_fen'),
    ])
    .where('month', '<', day.slice(0, 7))
    .groupBy(['product_id', 'status']);
  if (locationIds) months = months.where('location_id', 'in', locationIds);
  const out = new Map<string, KeyFigure>();
  const add = (r: { product_id: number; status: string; qty: number; amount_fen: number }) => {
    const k = keyOf(r.product_id, r.status);
    const f = out.get(k);
    if (f) {
      f.qty += Number(r.qty);
      f.amountFen += Number(r.amount_fen);
    } else
      out.set(k, { productId: r.product_id, status: r.status, qty: Number(r.qty), amountFen: Number(r.amount_fen) });
  };
  (await months.execute()).forEach(add);
  if (daysFrom < day) {
    let days = db
      .selectFrom('period_figures')
      .select((eb) => [
        'product_id',
        'status',
        eb.fn.sum<number>('qty').as('qty'),
        eb.fn.sum<number>('amount_fen').as('amount_fen'),
      ])
      .where('day', '>=', daysFrom)
      .where('day', '<', day)
      .groupBy(['product_id', 'status']);
    if (locationIds) days = days.where('location_id', 'in', locationIds);
    (await days.execute()).forEach(add);
  }
  return out;
}

/** Σ figures of the days from..to (both included) per product × status × type. */
export async function movementsBetween(
  db: Db,
  from: string,
  to: string,
  locationIds: number[] | null,
  types?: readonly string[],
): Promise<TypedFigure[]> {
  let q = db
    .selectFrom('period_figures')
    .select((eb) => [
      'product_id',
      'status',
      'type',
      eb.fn.sum<number>('qty').as('qty'),
      eb.fn.sum<number>('amount_fen').as('amount_fen'),
    ])
    .where('day', '>=', from)
    .where('day', '<=', to)
    .groupBy(['product_id', 'status', 'type']);
  if (locationIds) q = q.where('location_id', 'in', locationIds);
  if (types) q = q.where('type', 'in', types);
  return (await q.execute()).map((r) => ({
    productId: r.product_id,
    status: r.status,
    type: r.type,
    qty: Number(r.qty),
    amountFen: Number(r.amount_fen),
  }));
}
