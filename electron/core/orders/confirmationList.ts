// The daily order confirmation list 每日订单确认 (R4): the short orders of a
// dispatch date with each short line's on hand, reserved, available and
// shortfall; which have become releasable since; retrying them; and the
// operator's resolutions — substitute, reduce, remove — each recording the
// salesperson's consent (who, when, how) in the history and the audit log.
import type { OrderView, ReleaseReport, ShortLine, ShortOrder } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { recordAudit } from '../audit/audit';
import type { ServiceContext } from '../context';
import type { Db } from '../db/schema';
import { applyChange, consentOf, draftOf, type Consent } from './intake';
import { reserveAndMark } from './release';
import { lineStatus, linesOf, stockFigures, stockKey } from './reservations';
import { emitChanged } from './write';
import { loadOrder, orderRows, orderView } from './views';

export async function confirmationList(db: Db, dispatchDate: string): Promise<ShortOrder[]> {
  const orders = await orderRows(db, { dispatchDate, states: ['short'] });
  if (orders.length === 0) return [];
  const lines = await linesOf(
    db,
    orders.map((o) => o.id),
  );
  const figures = await stockFigures(db);
  const products = new Map(
    (
      await db
        .selectFrom('products as p')
        .leftJoin('products as s', 's.id', 'p.replaced_by_id')
        .select(['p.id', 'p.code', 'p.name_zh', 's.code as successor'])
        .execute()
    ).map((p) => [p.id, p]),
  );
  const lineNos = new Map(
    (
      await db
        .selectFrom('order_lines')
        .select(['id', 'line_no'])
        .where(
          'order_id',
          'in',
          orders.map((o) => o.id),
        )
        .execute()
    ).map((l) => [l.id, l.line_no]),
  );
  // Orders are checked in release order against what is left, so "releasable" is honest for the list as a whole.
  const left = new Map([...figures].map(([k, f]) => [k, f.onHand - f.reserved]));
  return orders.map((order) => {
    const ls = lines.get(order.id) ?? [];
    const need = new Map<string, number>();
    for (const l of ls) {
      const k = stockKey(l.productId, lineStatus(l.gift));
      need.set(k, (need.get(k) ?? 0) + l.qty);
    }
    const releasable = ls.length > 0 && [...need].every(([k, q]) => (left.get(k) ?? 0) >= q);
    if (releasable) for (const [k, q] of need) left.set(k, (left.get(k) ?? 0) - q);
    const short: ShortLine[] = [];
    for (const l of ls) {
      const k = stockKey(l.productId, lineStatus(l.gift));
      const f = figures.get(k) ?? { onHand: 0, reserved: 0 };
      const available = Math.max(0, f.onHand - f.reserved);
      const needed = need.get(k)!;
      if (needed <= available) continue;
      const p = products.get(l.productId)!;
      short.push({
        lineId: l.lineId,
        lineNo: lineNos.get(l.lineId) ?? 0,
        productId: l.productId,
        productCode: p.code,
        productName: p.name_zh,
        gift: l.gift,
        qty: l.qty,
        onHand: f.onHand,
        reserved: f.reserved,
        available,
        shortfall: needed - available,
        successorCode: p.successor ?? null,
      });
    }
    return { order, lines: short, releasable };
  });
}

/** R4: short orders stock now covers are released (of a date, or all). */
export async function retryShort(ctx: ServiceContext, dispatchDate?: string): Promise<ReleaseReport> {
  let q = ctx.db.selectFrom('orders').select(['id', 'number', 'state']).where('state', '=', 'short');
  if (dispatchDate) q = q.where('dispatch_date', '=', dispatchDate);
  const orders = await q.orderBy('emergency', 'desc').orderBy('id').execute();
  if (orders.length === 0) return { released: [], short: [], skipped: [] };
  return { ...(await reserveAndMark(ctx, orders)), skipped: [] };
}

type Resolution =
  | { action: 'substitute'; orderId: number; lineId: number; productId: number; qty?: number; consent: Consent }
  | { action: 'reduce'; orderId: number; lineId: number; qty: number; consent: Consent }
  | { action: 'remove'; orderId: number; lineId: number; consent: Consent };

/** Changes what the customer gets, with consent; then tries to release the order at once. */
export async function resolveLine(ctx: ServiceContext, input: Resolution): Promise<OrderView> {
  const { order, lines } = await loadOrder(ctx.db, input.orderId);
  if (order.state !== 'short') throw new AppError('orders.notShort', { number: order.number });
  const line = lines.find((l) => l.id === input.lineId);
  if (!line) throw new AppError('orders.lineNotFound', { lineId: input.lineId });
  const consent = await consentOf(ctx, order, input.consent);
  const draft = draftOf(order, lines);
  const index = line.line_no - 1;
  const from = { productCode: line.product_code, qty: line.qty };
  let to: { productCode: string; qty: number } | null;
  if (input.action === 'substitute') {
    const p = await ctx.db
      .selectFrom('products')
      .select(['code', 'active'])
      .where('id', '=', input.productId)
      .executeTakeFirst();
    if (!p || p.active !== 1) throw new AppError('orders.unknownProduct', { productId: input.productId });
    to = { productCode: p.code, qty: input.qty ?? line.qty! };
    draft.lines[index] = { ...draft.lines[index]!, productCode: p.code, enteredQty: to.qty, per: 'unit' };
  } else if (input.action === 'reduce') {
    to = { productCode: line.product_code, qty: input.qty };
    draft.lines[index] = { ...draft.lines[index]!, enteredQty: input.qty, per: 'unit' };
  } else {
    to = null;
    draft.lines.splice(index, 1);
  }
  const kind = input.action === 'substitute' ? 'substituted' : input.action === 'reduce' ? 'reduced' : 'removed';
  const detail = { lineNo: line.line_no, from, to, consent };
  const state = await applyChange(ctx, order, draft, detail, kind);
  await recordAudit(ctx, {
    entity: 'order',
    entityId: order.id,
    before: from,
    after: { action: input.action, ...detail },
  });
  if (state === 'qualified') await reserveAndMark(ctx, [{ id: order.id, number: order.number, state }]);
  else await emitChanged(ctx, [order.id]);
  return orderView(ctx.db, order.id);
}
