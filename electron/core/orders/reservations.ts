// Stock reservation (R4 R5 R8). available = on hand (Σ balances of the product
// in that status over all locations) − reserved by released orders. An order
// reserves every line at once or nothing (R8: no partial shipment); gift lines
// reserve gift stock (R2). The check and the write run in the request's write
// transaction, which on SQLite is BEGIN IMMEDIATE: two operators releasing at
// the same moment are serialised, and the reservation triggers refuse any
// reservation beyond stock on hand as a second guard.
import type { StockStatus } from '../../../shared/domain';
import type { ServiceContext } from '../context';
import { runTemplate } from '../db/queryTemplate';
import type { Db } from '../db/schema';

export type StockFigures = { onHand: number; reserved: number };
export const stockKey = (productId: number, status: string) => `${productId}|${status}`;

/** On hand and reserved per (product, status), for the given products (all when left out). */
export async function stockFigures(db: Db, productIds?: number[]): Promise<Map<string, StockFigures>> {
  const out = new Map<string, StockFigures>();
  const get = (k: string) => {
    let f = out.get(k);
    if (!f) out.set(k, (f = { onHand: 0, reserved: 0 }));
    return f;
  };
  const few = productIds !== undefined && productIds.length <= 500;
  let on = db
    .selectFrom('balances')
    .select(['product_id', 'status', (eb) => eb.fn.sum<number>('qty').as('qty')])
    .where('status', 'in', ['good', 'gift'])
    .groupBy(['product_id', 'status']);
  if (few) on = on.where('product_id', 'in', productIds.length > 0 ? productIds : [0]);
  for (const r of await on.execute()) get(stockKey(r.product_id, r.status)).onHand = Number(r.qty);
  let res = db.selectFrom('reserved_stock').select(['product_id', 'status', 'qty']).where('qty', '>', 0);
  if (few) res = res.where('product_id', 'in', productIds.length > 0 ? productIds : [0]);
  for (const r of await res.execute()) get(stockKey(r.product_id, r.status)).reserved = r.qty;
  return out;
}

export type ReservableLine = { lineId: number; orderId: number; productId: number; qty: number; gift: boolean };

export const lineStatus = (gift: boolean): StockStatus => (gift ? 'gift' : 'good');

/** The lines of orders, as reservations would take them. */
export async function linesOf(db: Db, orderIds: number[]): Promise<Map<number, ReservableLine[]>> {
  const out = new Map<number, ReservableLine[]>();
  for (let i = 0; i < orderIds.length; i += 5000) {
    const rows = await db
      .selectFrom('order_lines')
      .select(['id', 'order_id', 'product_id', 'qty', 'gift'])
      .where('order_id', 'in', orderIds.slice(i, i + 5000))
      .orderBy('order_id')
      .orderBy('line_no')
      .execute();
    for (const r of rows) {
      let list = out.get(r.order_id);
      if (!list) out.set(r.order_id, (list = []));
      list.push({ lineId: r.id, orderId: r.order_id, productId: r.product_id!, qty: r.qty!, gift: r.gift === 1 });
    }
  }
  return out;
}

/**
 * Decides, in order, which orders stock covers whole; reserves theirs. Orders
 * it cannot cover reserve nothing. The figures are updated in place.
 */
export async function reserve(
  ctx: ServiceContext,
  orderIds: number[],
  progress?: (done: number, total: number) => void,
): Promise<{ reserved: number[]; short: number[] }> {
  const lines = await linesOf(ctx.db, orderIds);
  const productIds = [...new Set([...lines.values()].flatMap((ls) => ls.map((l) => l.productId)))];
  const figures = await stockFigures(ctx.db, productIds);
  const reserved: number[] = [];
  const short: number[] = [];
  const rows: { line_id: number; order_id: number; product_id: number; status: string; qty: number }[] = [];
  for (const [i, orderId] of orderIds.entries()) {
    const ls = lines.get(orderId) ?? [];
    const need = new Map<string, number>();
    for (const l of ls) {
      const k = stockKey(l.productId, lineStatus(l.gift));
      need.set(k, (need.get(k) ?? 0) + l.qty);
    }
    const fits =
      ls.length > 0 &&
      [...need].every(([k, qty]) => {
        const f = figures.get(k);
        return f !== undefined && f.onHand - f.reserved >= qty;
      });
    if (!fits) {
      short.push(orderId);
      continue;
    }
    for (const [k, qty] of need) figures.get(k)!.reserved += qty;
    for (const l of ls)
      rows.push({
        line_id: l.lineId,
        order_id: orderId,
        product_id: l.productId,
        status: lineStatus(l.gift),
        qty: l.qty,
      });
    reserved.push(orderId);
    if (progress && i % 500 === 0) progress(i, orderIds.length);
  }
  for (let i = 0; i < rows.length; i += 200) {
    const chunk = rows.slice(i, i + 200);
    await runTemplate(ctx.db, 'orders.reserve', chunk, (r) => ctx.db.insertInto('order_reservations').values(r));
  }
  return { reserved, short };
}

/**
 * Ends an order's reservation: taken back, changed, cancelled — or issued. The
 * dispatch issue (next issue) calls it in the transaction that posts the
 * order's movements through postDocument, so the stock leaves the reservation
 * and the shelf at the same moment.
 */
export async function endReservation(db: Db, orderId: number): Promise<number> {
  const r = await db.deleteFrom('order_reservations').where('order_id', '=', orderId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** For the dispatch issue: what the order holds, per line, before it is consumed. */
export async function reservationOf(db: Db, orderId: number) {
  return db
    .selectFrom('order_reservations')
    .select(['line_id as lineId', 'product_id as productId', 'status', 'qty'])
    .where('order_id', '=', orderId)
    .execute();
}
