// Delivery outcomes on the original order 原始订单签收 (R6): a departed order is
// signed, or refused 拒收 whole or per line with a reason. Refused units are
// recorded per line (refused_lines) and come back on the vehicle: the
// awaiting-return list 待退回 until the return chain takes them in. An order
// refused in part is delivered (the customer signed for the rest) but not
// delivered complete, so it counts against the customer service level.
import type { DeliveryOrder, DeliveryOutcome, ParsedInput } from '../../../../shared/contract';
import { AppError } from '../../../../shared/errors';
import { recordAudit } from '../../audit/audit';
import type { ServiceContext } from '../../context';
import { today } from '../../orders/dates';
import { emitChanged, transition } from '../../orders/write';
import { deliveryOrders } from './views';

export async function recordOutcome(
  ctx: ServiceContext,
  input: ParsedInput<'dispatch.recordOutcome'>,
): Promise<DeliveryOrder> {
  const order = await ctx.db
    .selectFrom('orders as o')
    .leftJoin('trip_orders as x', 'x.order_id', 'o.id')
    .leftJoin('trips as t', 't.id', 'x.trip_id')
    .select(['o.id', 'o.number', 'o.state', 'x.trip_id', 't.dispatch_date'])
    .where('o.id', '=', input.orderId)
    .executeTakeFirst();
  if (!order) throw new AppError('delivery.unknownOrder', { orderId: input.orderId });
  // R6: only what left on a vehicle has an outcome, and only once.
  if (order.state !== 'departed' || order.trip_id === null || order.dispatch_date === null)
    throw new AppError('delivery.notDeparted', { number: order.number, state: order.state });
  const tripId = order.trip_id;
  const at = ctx.now.toISOString();
  const userId = ctx.caller.session!.userId;
  let outcome: DeliveryOutcome = 'signed';
  let refused: { lineId: number; lineNo: number; qty: number }[] = [];

  if (input.outcome === 'refused') {
    if (input.reason === 'other' && input.note === '') throw new AppError('delivery.noteRequired');
    const lines = await ctx.db
      .selectFrom('order_lines')
      .select(['id', 'line_no', 'product_id', 'qty', 'gift', 'price_fen'])
      .where('order_id', '=', order.id)
      .orderBy('line_no')
      .execute();
    const asked = new Map<number, number>();
    if (input.lines === undefined) for (const l of lines) asked.set(l.id, l.qty ?? 0);
    else
      for (const l of input.lines) {
        if (!lines.some((x) => x.id === l.lineId))
          throw new AppError('delivery.unknownLine', { number: order.number, lineId: l.lineId });
        asked.set(l.lineId, (asked.get(l.lineId) ?? 0) + l.qty);
      }
    for (const l of lines) {
      const qty = asked.get(l.id) ?? 0;
      if (qty > (l.qty ?? 0))
        throw new AppError('delivery.refusedTooMuch', {
          number: order.number,
          lineNo: l.line_no,
          qty: l.qty,
          refused: qty,
        });
    }
    const whole = lines.every((l) => (asked.get(l.id) ?? 0) === (l.qty ?? 0));
    outcome = whole ? 'refused' : 'partlyRefused';
    const rows = lines
      .filter((l) => (asked.get(l.id) ?? 0) > 0)
      .map((l) => {
        const qty = asked.get(l.id)!;
        return {
          line_id: l.id,
          order_id: order.id,
          trip_id: tripId,
          product_id: l.product_id!,
          status: l.gift === 1 ? 'gift' : 'good',
          qty,
          amount_fen: qty * (l.price_fen ?? 0),
          reason: input.reason,
          refused_at: at,
          returned_at: null,
        };
      });
    for (let i = 0; i < rows.length; i += 200)
      await ctx.db
        .insertInto('refused_lines')
        .values(rows.slice(i, i + 200))
        .execute();
    refused = rows.map((r) => ({
      lineId: r.line_id,
      lineNo: lines.find((l) => l.id === r.line_id)!.line_no,
      qty: r.qty,
    }));
  }

  await ctx.db
    .insertInto('order_outcomes')
    .values({
      order_id: order.id,
      trip_id: tripId,
      outcome,
      signed_by: input.signedBy,
      reason: input.outcome === 'refused' ? input.reason : null,
      note: input.note,
      delivered_date: today(ctx.now, ctx.timeZone),
      recorded_by: userId,
      recorded_at: at,
    })
    .execute();
  const detail = {
    outcome,
    signedBy: input.signedBy,
    ...(input.outcome === 'refused' ? { reason: input.reason, lines: refused } : {}),
    ...(input.note ? { note: input.note } : {}),
  };
  await transition(
    ctx,
    order,
    outcome === 'refused' ? 'refused' : 'delivered',
    outcome === 'signed' ? 'delivered' : 'refused',
    detail,
  );
  await recordAudit(ctx, { entity: 'order', entityId: order.id, before: { state: order.state }, after: detail });
  ctx.emit('dispatch.changed', {
    dispatchDate: order.dispatch_date,
    tripIds: [tripId],
    orderIds: [order.id],
    clientId: ctx.caller.clientId,
  });
  await emitChanged(ctx, [order.id]);
  return (await deliveryOrders(ctx.db, [order.id]))[0]!;
}
