// The return report's lines (issue 13 §Returns 1, R12): checked against what
// was delivered on the referenced orders of the customer — delivered −
// refused − already on other returns not rejected — and spread over those
// order lines in order (a return may span deliveries), each at its order
// line's price; with no order named, at the list price (flagged no_delivery).
// Shared by returns.report and returns.edit; returns.returnable shows the
// form the same figures before it submits.
import type { ParsedInput, ReturnReason, ReturnView, ReturnableOrder } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { recordAudit } from '../audit/audit';
import { requireSession, type ServiceContext } from '../context';
import type { Db } from '../db/schema';
import { today } from '../orders/dates';
import { loadPriceBook } from '../orders/prices';
import { readReturn } from './views';

type Returnable = {
  orderLineId: number;
  orderId: number;
  productId: number;
  gift: boolean;
  priceFen: number;
  delivered: number;
  left: number;
};

/**
 * What can still be returned per delivered order line: delivered − refused −
 * already on other returns (not rejected); `excludeReturnId`'s own lines do
 * not count (the report being edited).
 */
export async function returnableLines(db: Db, orderIds: number[], excludeReturnId?: number): Promise<Returnable[]> {
  if (orderIds.length === 0) return [];
  const lines = await db
    .selectFrom('order_lines as l')
    .select(['l.id', 'l.order_id', 'l.product_id', 'l.qty', 'l.gift', 'l.price_fen'])
    .select((eb) => [
      eb
        .selectFrom('refused_lines as f')
        .select((e) => e.fn.coalesce(e.fn.sum<number>('f.qty'), e.lit(0)).as('q'))
        .whereRef('f.line_id', '=', 'l.id')
        .as('refused'),
      eb
        .selectFrom('return_lines as rl')
        .innerJoin('returns as r', 'r.id', 'rl.return_id')
        .select((e) =>
          e.fn.coalesce(e.fn.sum<number>(e.fn.coalesce('rl.qty_checked', 'rl.qty_reported')), e.lit(0)).as('q'),
        )
        .whereRef('rl.order_line_id', '=', 'l.id')
        .where('r.kind', '=', 'report')
        .where('r.state', '!=', 'rejected')
        .where('r.id', '!=', excludeReturnId ?? 0)
        .as('returned'),
    ])
    .where('l.order_id', 'in', orderIds)
    .where('l.product_id', 'is not', null)
    .orderBy('l.order_id')
    .orderBy('l.line_no')
    .execute();
  return lines.map((l) => {
    const delivered = Math.max(0, (l.qty ?? 0) - Number(l.refused ?? 0));
    return {
      orderLineId: l.id,
      orderId: l.order_id,
      productId: l.product_id!,
      gift: l.gift === 1,
      priceFen: l.price_fen ?? 0,
      delivered,
      left: Math.max(0, delivered - Number(l.returned ?? 0)),
    };
  });
}

export type ReportLineRow = {
  product_id: number;
  status: 'good' | 'gift';
  qty_reported: number;
  reason: ReturnReason;
  reason_note: string;
  order_line_id: number | null;
  unit_price_fen: number;
};

/**
 * The report's rows for `lines`, refused (writing nothing) when an order is
 * not a delivered order of the customer, a product is unknown, 'other' has
 * no note, or a line asks more than can be returned (returns.tooMuch names
 * the product, the line and the most that can be returned).
 */
export async function reportRows(
  ctx: ServiceContext,
  customerId: number,
  orderIds: number[],
  lines: ParsedInput<'returns.report'>['lines'],
  excludeReturnId?: number,
): Promise<ReportLineRow[]> {
  if (orderIds.length > 0) {
    const delivered = await ctx.db
      .selectFrom('orders as o')
      .innerJoin('order_outcomes as oc', 'oc.order_id', 'o.id')
      .select(['o.id'])
      .where('o.id', 'in', orderIds)
      .where('o.customer_id', '=', customerId)
      .where('oc.outcome', 'in', ['signed', 'partlyRefused'])
      .execute();
    const ok = new Set(delivered.map((o) => o.id));
    const bad = orderIds.find((o) => !ok.has(o));
    if (bad !== undefined) {
      const o = await ctx.db.selectFrom('orders').select('number').where('id', '=', bad).executeTakeFirst();
      throw new AppError('returns.orderNotDelivered', { number: o?.number ?? String(bad) });
    }
  }
  const day = today(ctx.now, ctx.timeZone);
  const returnable = await returnableLines(ctx.db, orderIds, excludeReturnId);
  const book = orderIds.length === 0 ? await loadPriceBook(ctx.db, [...new Set(lines.map((l) => l.productId))]) : null;
  const rows: ReportLineRow[] = [];
  for (const [i, l] of lines.entries()) {
    if (l.reason === 'other' && l.reasonNote === '') throw new AppError('returns.noteRequired', { line: i + 1 });
    const product = await ctx.db
      .selectFrom('products')
      .select(['id', 'code', 'case_pack'])
      .where('id', '=', l.productId)
      .executeTakeFirst();
    if (!product) throw new AppError('returns.unknownProduct', { productId: l.productId, line: i + 1 });
    const qty = l.per === 'case' ? l.qty * product.case_pack : l.qty;
    const base = { product_id: product.id, status: l.status, reason: l.reason, reason_note: l.reasonNote };
    if (book) {
      rows.push({
        ...base,
        qty_reported: qty,
        order_line_id: null,
        unit_price_fen: book.priceOf(product.id, customerId, day) ?? 0,
      });
      continue;
    }
    // Spread over the referenced orders' lines of this product and status, in order (a return may span deliveries).
    const fits = returnable.filter((r) => r.productId === product.id && r.gift === (l.status === 'gift'));
    const max = fits.reduce((s, r) => s + r.left, 0);
    if (qty > max)
      throw new AppError('returns.tooMuch', {
        product: product.code,
        max,
        qty,
        line: i + 1,
        casePack: product.case_pack,
      });
    let rest = qty;
    for (const r of fits) {
      if (rest === 0) break;
      const take = Math.min(rest, r.left);
      if (take === 0) continue;
      r.left -= take;
      rest -= take;
      rows.push({ ...base, qty_reported: take, order_line_id: r.orderLineId, unit_price_fen: r.priceFen });
    }
  }
  return rows;
}

/** returns.returnable: the customer's delivered orders, newest first, with what is left to return per line. */
export async function returnableOrders(
  ctx: ServiceContext,
  input: ParsedInput<'returns.returnable'>,
): Promise<ReturnableOrder[]> {
  const orders = await ctx.db
    .selectFrom('orders as o')
    .innerJoin('order_outcomes as oc', 'oc.order_id', 'o.id')
    .select(['o.id', 'o.number', 'oc.outcome', 'oc.delivered_date'])
    .where('o.customer_id', '=', input.customerId)
    .where('oc.outcome', 'in', ['signed', 'partlyRefused'])
    .orderBy('oc.delivered_date', 'desc')
    .orderBy('o.number', 'desc')
    .limit(input.limit)
    .execute();
  if (orders.length === 0) return [];
  const left = await returnableLines(
    ctx.db,
    orders.map((o) => o.id),
    input.returnId,
  );
  const lines = await ctx.db
    .selectFrom('order_lines as l')
    .innerJoin('products as p', 'p.id', 'l.product_id')
    .select(['l.id', 'l.line_no', 'p.code', 'p.name_zh', 'p.name_en', 'p.case_pack'])
    .where(
      'l.id',
      'in',
      left.map((l) => l.orderLineId),
    )
    .execute();
  const byId = new Map(lines.map((l) => [l.id, l]));
  return orders.map((o) => ({
    orderId: o.id,
    number: o.number,
    outcome: o.outcome as 'signed' | 'partlyRefused',
    deliveredDate: o.delivered_date,
    lines: left
      .filter((l) => l.orderId === o.id && l.delivered > 0)
      .map((l) => {
        const p = byId.get(l.orderLineId)!;
        return {
          orderLineId: l.orderLineId,
          lineNo: p.line_no,
          productId: l.productId,
          productCode: p.code,
          productName: p.name_zh,
          productNameEn: p.name_en,
          casePack: p.case_pack,
          status: l.gift ? ('gift' as const) : ('good' as const),
          delivered: l.delivered,
          left: l.left,
          priceFen: l.priceFen,
        };
      }),
  }));
}

/** returns.edit: while 'reported', the reporter (a salesperson: only their own) or the operator replaces its orders, lines and note. */
export async function editReturn(ctx: ServiceContext, input: ParsedInput<'returns.edit'>): Promise<ReturnView> {
  const session = requireSession(ctx);
  const r = await ctx.db.selectFrom('returns').selectAll().where('id', '=', input.returnId).executeTakeFirst();
  if (!r) throw new AppError('returns.unknown', { returnId: input.returnId });
  const onlySalesperson = session.roles.every((x) => x === 'salesperson');
  if (onlySalesperson && r.reported_by !== session.userId && r.salesperson_id !== session.userId)
    throw new AppError('returns.notYours', { number: r.number });
  if (r.state !== 'reported') throw new AppError('returns.wrongState', { number: r.number, state: r.state });
  const orderIds = [...new Set(input.orderIds)];
  const rows = await reportRows(ctx, r.customer_id, orderIds, input.lines, r.id);
  const before = await ctx.db
    .selectFrom('return_lines')
    .select(['product_id', 'qty_reported', 'reason'])
    .where('return_id', '=', r.id)
    .orderBy('line_no')
    .execute();
  const beforeOrders = await ctx.db
    .selectFrom('return_orders')
    .select('order_id')
    .where('return_id', '=', r.id)
    .execute();
  await ctx.db.deleteFrom('return_lines').where('return_id', '=', r.id).execute();
  await ctx.db.deleteFrom('return_orders').where('return_id', '=', r.id).execute();
  if (orderIds.length > 0)
    await ctx.db
      .insertInto('return_orders')
      .values(orderIds.map((order_id) => ({ return_id: r.id, order_id })))
      .execute();
  await ctx.db
    .insertInto('return_lines')
    .values(rows.map((x, i) => ({ ...x, return_id: r.id, line_no: i + 1 })))
    .execute();
  await ctx.db
    .updateTable('returns')
    .set({ note: input.note, no_delivery: orderIds.length === 0 ? 1 : 0 })
    .where('id', '=', r.id)
    .execute();
  await recordAudit(ctx, {
    entity: 'return',
    entityId: r.number,
    before: { orderIds: beforeOrders.map((o) => o.order_id), lines: before, note: r.note },
    after: {
      orderIds,
      lines: rows.map((x) => ({ product_id: x.product_id, qty_reported: x.qty_reported, reason: x.reason })),
      note: input.note,
    },
  });
  ctx.emit('returns.changed', { returnIds: [r.id], clientId: ctx.caller.clientId });
  return readReturn(ctx.db, r.id);
}
