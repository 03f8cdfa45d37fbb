// Release 下发 (R4 R5 R8): one order, a selection, or every qualified order of
// a dispatch date. Emergency orders 紧急 first, then in order of entry. Whole
// orders only: an order stock does not cover goes to `short`, the daily order
// confirmation list, and reserves nothing.
import type { OrderState, ReleaseReport } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { ServiceContext } from '../context';
import { endReservation, reserve } from './reservations';
import { assertTransition } from './states';
import { emitChanged, recordEvents, transition } from './write';
import { loadOrder, orderView } from './views';

const releasable: readonly OrderState[] = ['qualified', 'short'];

export async function releaseOrders(
  ctx: ServiceContext,
  input: { orderIds?: number[]; dispatchDate?: string },
): Promise<ReleaseReport> {
  let candidates: { id: number; number: string; state: string }[];
  const skipped: ReleaseReport['skipped'] = [];
  if (input.orderIds) {
    const found: { id: number; number: string; state: string; emergency: number }[] = [];
    for (let i = 0; i < input.orderIds.length; i += 5000)
      found.push(
        ...(await ctx.db
          .selectFrom('orders')
          .select(['id', 'number', 'state', 'emergency'])
          .where('id', 'in', input.orderIds.slice(i, i + 5000))
          .execute()),
      );
    const missing = input.orderIds.find((id) => !found.some((o) => o.id === id));
    if (missing !== undefined) throw new AppError('orders.notFound', { orderId: missing });
    // R1: held and unconfirmed phone orders are refused, not skipped quietly.
    const refused = found.filter((o) => !releasable.includes(o.state as OrderState) && o.state !== 'released');
    if (refused.length > 0)
      throw new AppError('orders.notReleasable', {
        numbers: refused.map((o) => o.number).join(', '),
        orders: refused.map((o) => ({ number: o.number, state: o.state })),
      });
    for (const o of found) if (o.state === 'released') skipped.push({ orderId: o.id, state: 'released' });
    candidates = found.filter((o) => o.state !== 'released').sort((a, b) => b.emergency - a.emergency || a.id - b.id);
  } else {
    candidates = await ctx.db
      .selectFrom('orders')
      .select(['id', 'number', 'state'])
      .where('dispatch_date', '=', input.dispatchDate!)
      .where('state', '=', 'qualified')
      .orderBy('emergency', 'desc')
      .orderBy('id')
      .execute();
  }
  const report = await reserveAndMark(ctx, candidates);
  return { ...report, skipped };
}

/** Reserves for `orders` (in that order) and records each one's new state. */
export async function reserveAndMark(
  ctx: ServiceContext,
  orders: { id: number; number: string; state: string }[],
): Promise<Omit<ReleaseReport, 'skipped'>> {
  const total = orders.length;
  const progress = (done: number, all: number) =>
    ctx.emit('work.progress', { job: 'orders.release', phase: 'reserve', done, total: all });
  progress(0, total);
  const { reserved, short } = await reserve(
    ctx,
    orders.map((o) => o.id),
    progress,
  );
  const byId = new Map(orders.map((o) => [o.id, o]));
  for (const o of orders) assertTransition(o, reserved.includes(o.id) ? 'released' : 'short');
  const at = ctx.now.toISOString();
  // Orders already short that stay short: no new history row.
  const newlyShort = short.filter((id) => byId.get(id)!.state !== 'short');
  for (const [ids, state] of [
    [reserved, 'released'],
    [newlyShort, 'short'],
  ] as const) {
    for (let i = 0; i < ids.length; i += 5000)
      await ctx.db
        .updateTable('orders')
        .set({ state, updated_at: at })
        .where('id', 'in', ids.slice(i, i + 5000))
        .execute();
  }
  // No session: released by the automatic retry when stock came (orders/autoRetry.ts).
  const detail = ctx.caller.session ? {} : { automatic: true };
  await recordEvents(ctx, [
    ...reserved.map((id) => ({
      orderId: id,
      kind: 'released' as const,
      from: byId.get(id)!.state,
      to: 'released',
      detail,
    })),
    ...newlyShort.map((id) => ({ orderId: id, kind: 'short' as const, from: byId.get(id)!.state, to: 'short' })),
  ]);
  progress(total, total);
  await emitChanged(ctx, [...reserved, ...newlyShort]);
  return { released: reserved, short };
}

/** A released order back to qualified: its reservation ends and its lines may change. */
export async function takeBack(ctx: ServiceContext, orderId: number) {
  const { order } = await loadOrder(ctx.db, orderId);
  if (order.state !== 'released')
    throw new AppError('orders.illegalTransition', { number: order.number, from: order.state, to: 'qualified' });
  const lines = await endReservation(ctx.db, order.id);
  await transition(ctx, order, 'qualified', 'takenBack', { reservedLines: lines });
  await emitChanged(ctx, [order.id]);
  return orderView(ctx.db, order.id);
}
