// Phone orders 电话订单 (R1): they wait in awaitingConfirmation 待确认 until the
// customer's salesperson confirms them — or a CS manager in their absence,
// recorded as such. A salesperson cannot confirm another salesperson's
// customer's order.
import type { OrderRow, OrderView } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { recordAudit } from '../audit/audit';
import { hasRole, requireSession, type ServiceContext } from '../context';
import { emitChanged, transition } from './write';
import { loadOrder, orderRows, orderView } from './views';

export async function pendingConfirmation(ctx: ServiceContext): Promise<OrderRow[]> {
  const s = requireSession(ctx);
  return orderRows(ctx.db, {
    states: ['awaitingConfirmation'],
    ...(!hasRole(ctx, 'csManager') && { salespersonId: s.userId }),
  });
}

async function confirmer(ctx: ServiceContext, orderId: number) {
  const s = requireSession(ctx);
  const { order } = await loadOrder(ctx.db, orderId);
  if (order.state !== 'awaitingConfirmation')
    throw new AppError('orders.notAwaitingConfirmation', { number: order.number });
  const own = order.salesperson_id === s.userId && hasRole(ctx, 'salesperson');
  if (!own && !hasRole(ctx, 'csManager')) throw new AppError('orders.notYourCustomer', { number: order.number });
  return { order, as: own ? ('salesperson' as const) : ('csManager' as const), userId: s.userId };
}

export async function confirmOrder(ctx: ServiceContext, orderId: number): Promise<OrderView> {
  const { order, as, userId } = await confirmer(ctx, orderId);
  await transition(
    ctx,
    order,
    'qualified',
    'confirmed',
    { as },
    { confirmed_by: userId, confirmed_at: ctx.now.toISOString(), confirmed_as: as },
  );
  await recordAudit(ctx, { entity: 'order', entityId: order.id, after: { confirmed: true, as } });
  await emitChanged(ctx, [order.id]);
  return orderView(ctx.db, order.id);
}

export async function rejectOrder(ctx: ServiceContext, orderId: number, reason: string): Promise<OrderView> {
  const { order, as } = await confirmer(ctx, orderId);
  await transition(ctx, order, 'cancelled', 'rejected', { reason, as }, { cancel_reason: reason });
  await recordAudit(ctx, { entity: 'order', entityId: order.id, after: { rejected: true, as, reason } });
  await emitChanged(ctx, [order.id]);
  return orderView(ctx.db, order.id);
}
