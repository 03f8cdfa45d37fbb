// Order intake: desk, phone and fax entry, changes before release, the R13
// old-code switch, requalification and cancelling. Every entry and change is
// qualified at once (R1) and written with its history row.
import type { LineUnit, OrderChannel, OrderView } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { recordAudit } from '../audit/audit';
import type { ServiceContext } from '../context';
import { addDays, isRealDate, nextWorkingDay, today } from './dates';
import { loadLookups, qualify, type Draft, type DraftLine, type Lookups } from './qualify';
import { endReservation } from './reservations';
import { assertEditable, assertTransition } from './states';
import { emitChanged, insertOrders, recordEvent, rewriteOrder, transition } from './write';
import { loadOrder, orderView } from './views';
import { leaveTripOnCancel } from '../dispatch/assign';

export type LineInput = { productId?: number; productCode?: string; qty: number; per?: LineUnit; gift?: boolean };

function draftLines(lines: LineInput[], lk: Lookups): DraftLine[] {
  return lines.map((l) => ({
    productCode: l.productCode ?? lk.productsById.get(l.productId!)?.code ?? `#${l.productId}`,
    enteredQty: l.qty,
    per: l.per ?? 'unit',
    gift: l.gift ?? false,
  }));
}

function assertDates(...dates: (string | null | undefined)[]) {
  for (const d of dates)
    if (d != null && !isRealDate(d))
      throw new AppError('contract.invalidInput', { issues: [{ path: 'date', code: 'date', message: d }] });
}

export async function createOrder(
  ctx: ServiceContext,
  input: {
    channel: Exclude<OrderChannel, 'file'>;
    customerId?: number;
    customerCode?: string;
    reference?: string;
    orderDate?: string;
    dispatchDate?: string | null;
    deliveryDate?: string | null;
    emergency?: boolean;
    note?: string;
    lines: LineInput[];
  },
): Promise<OrderView> {
  assertDates(input.orderDate, input.dispatchDate, input.deliveryDate);
  const now = today(ctx.now, ctx.timeZone);
  const orderDate = input.orderDate ?? now;
  const lk = await loadLookups(ctx.db, now, [orderDate]);
  let customerCode = input.customerCode;
  if (input.customerId !== undefined) {
    const c = lk.customersById.get(input.customerId);
    if (!c) throw new AppError('customers.notFound', { customerId: input.customerId });
    customerCode = c.code;
  }
  if (input.reference !== undefined) {
    const taken = await ctx.db
      .selectFrom('orders')
      .select('number')
      .where('customer_code', '=', customerCode!)
      .where('reference', '=', input.reference)
      .executeTakeFirst();
    if (taken)
      throw new AppError('contract.invalidInput', {
        issues: [{ path: 'reference', code: 'taken', message: taken.number }],
      });
  }
  const dispatchDate = input.dispatchDate === undefined ? nextWorkingDay(orderDate) : input.dispatchDate;
  const deliveryDate =
    input.deliveryDate === undefined ? (dispatchDate === null ? null : addDays(dispatchDate, 1)) : input.deliveryDate;
  const draft: Draft = {
    channel: input.channel,
    customerCode: customerCode!,
    orderDate,
    dispatchDate,
    deliveryDate,
    confirmed: false,
    lines: draftLines(input.lines, lk),
  };
  const q = qualify(draft, lk);
  const [id] = await insertOrders(ctx, [
    {
      draft,
      q,
      meta: {
        reference: input.reference ?? null,
        promisedDate: input.deliveryDate ?? null,
        emergency: input.emergency ?? false,
        note: input.note ?? '',
        importId: null,
        importLine: null,
      },
    },
  ]);
  await emitChanged(ctx, [id!]);
  return orderView(ctx.db, id!);
}

/** The stored order as a draft, for requalification. */
export function draftOf(
  o: Awaited<ReturnType<typeof loadOrder>>['order'],
  lines: Awaited<ReturnType<typeof loadOrder>>['lines'],
): Draft {
  return {
    channel: o.channel as OrderChannel,
    customerCode: o.customer_code,
    orderDate: o.order_date,
    dispatchDate: o.dispatch_date,
    deliveryDate: o.delivery_date,
    confirmed: o.confirmed_by !== null,
    lines: lines.map((l) => ({
      productCode: l.product_code,
      enteredQty: l.entered_qty,
      per: l.per as LineUnit,
      gift: l.gift === 1,
    })),
  };
}

/**
 * Qualifies a changed draft, stores it, and moves the order to what
 * qualification says (held / awaitingConfirmation / qualified).
 */
export async function applyChange(
  ctx: ServiceContext,
  order: { id: number; number: string; state: string },
  draft: Draft,
  detail: Record<string, unknown>,
  kind: 'changed' | 'substituted' | 'reduced' | 'removed' | 'switchedCode' = 'changed',
  lookups?: Lookups,
): Promise<string> {
  const lk = lookups ?? (await loadLookups(ctx.db, today(ctx.now, ctx.timeZone), [draft.orderDate]));
  const q = qualify(draft, lk, order.id);
  assertTransition(order, q.state);
  if (!lk.openSignatures.has(q.signature)) lk.openSignatures.set(q.signature, { id: order.id, number: order.number });
  await rewriteOrder(ctx, order.id, draft, q);
  await ctx.db.updateTable('orders').set({ state: q.state }).where('id', '=', order.id).execute();
  await recordEvent(ctx, order.id, kind, order.state, q.state, {
    ...detail,
    reasons: q.issues.map((i) => i.reason),
  });
  return q.state;
}

export async function updateOrder(
  ctx: ServiceContext,
  input: {
    orderId: number;
    customerId?: number;
    dispatchDate?: string | null;
    deliveryDate?: string | null;
    emergency?: boolean;
    note?: string;
    lines?: LineInput[];
  },
): Promise<OrderView> {
  assertDates(input.dispatchDate, input.deliveryDate);
  const { order, lines } = await loadOrder(ctx.db, input.orderId);
  assertEditable(order);
  const before = await orderView(ctx.db, order.id);
  const draft = draftOf(order, lines);
  const lk = await loadLookups(ctx.db, today(ctx.now, ctx.timeZone), []);
  if (input.customerId !== undefined) {
    const c = lk.customersById.get(input.customerId);
    if (!c) throw new AppError('customers.notFound', { customerId: input.customerId });
    draft.customerCode = c.code;
  }
  if (input.dispatchDate !== undefined) draft.dispatchDate = input.dispatchDate;
  if (input.deliveryDate !== undefined) draft.deliveryDate = input.deliveryDate;
  if (input.lines !== undefined) draft.lines = draftLines(input.lines, lk);
  if (input.emergency !== undefined || input.note !== undefined)
    await ctx.db
      .updateTable('orders')
      .set({
        ...(input.emergency !== undefined && { emergency: input.emergency ? 1 : 0 }),
        ...(input.note !== undefined && { note: input.note }),
      })
      .where('id', '=', order.id)
      .execute();
  const changed = Object.keys(input).filter((k) => k !== 'orderId');
  await applyChange(ctx, order, draft, { changed });
  const after = await orderView(ctx.db, order.id);
  await recordAudit(ctx, { entity: 'order', entityId: order.id, before: summary(before), after: summary(after) });
  await emitChanged(ctx, [order.id]);
  return after;
}

const summary = (v: OrderView) => ({
  number: v.number,
  state: v.state,
  customerCode: v.customerCode,
  dispatchDate: v.dispatchDate,
  deliveryDate: v.deliveryDate,
  lines: v.lines.map((l) => ({ productCode: l.productCode, qty: l.qty, gift: l.gift, priceFen: l.priceFen })),
});

/** R13: the line's old code becomes its successor (the line keeps its quantity). */
export async function switchLine(ctx: ServiceContext, orderId: number, lineId: number): Promise<OrderView> {
  const { order, lines } = await loadOrder(ctx.db, orderId);
  assertEditable(order);
  const line = lines.find((l) => l.id === lineId);
  if (!line) throw new AppError('orders.lineNotFound', { lineId });
  const successor = await ctx.db
    .selectFrom('products as p')
    .innerJoin('products as s', 's.id', 'p.replaced_by_id')
    .select('s.code')
    .where('p.code', '=', line.product_code)
    .executeTakeFirst();
  if (!successor) throw new AppError('orders.noSuccessor', { productCode: line.product_code });
  const draft = draftOf(order, lines);
  draft.lines[line.line_no - 1]!.productCode = successor.code;
  await applyChange(
    ctx,
    order,
    draft,
    { lineNo: line.line_no, from: line.product_code, to: successor.code },
    'switchedCode',
  );
  await emitChanged(ctx, [order.id]);
  return orderView(ctx.db, order.id);
}

/** Qualifies held (and not yet released) orders again, after master data were corrected. */
export async function requalify(
  ctx: ServiceContext,
  input: { orderIds?: number[]; dispatchDate?: string },
): Promise<{ orderIds: number[]; qualified: number; held: number }> {
  let q = ctx.db.selectFrom('orders').select('id').where('state', '=', 'held');
  if (input.orderIds) q = q.where('id', 'in', input.orderIds);
  if (input.dispatchDate) q = q.where('dispatch_date', '=', input.dispatchDate);
  const found = await q.select('order_date').execute();
  const ids = found.map((r) => r.id);
  // One set of lookups for them all; each order's new signature joins it, so two held twins stay apart.
  const lk = await loadLookups(
    ctx.db,
    today(ctx.now, ctx.timeZone),
    found.map((r) => r.order_date),
  );
  let qualified = 0;
  let held = 0;
  for (const id of ids) {
    const { order, lines } = await loadOrder(ctx.db, id);
    const state = await applyChange(ctx, order, draftOf(order, lines), { requalified: true }, 'changed', lk);
    if (state === 'held') held++;
    else qualified++;
  }
  await emitChanged(ctx, ids);
  return { orderIds: ids, qualified, held };
}

export type Consent = { how: 'phone' | 'inPerson'; salespersonId?: number; note?: string };

/** R4: whose consent, checked and described for the history. */
export async function consentOf(
  ctx: ServiceContext,
  order: { number: string; salesperson_id: number | null },
  consent: Consent,
) {
  const who = consent.salespersonId ?? order.salesperson_id;
  if (who === null) throw new AppError('orders.noSalesperson', { number: order.number });
  const user = await ctx.db
    .selectFrom('users as u')
    .innerJoin('user_roles as r', 'r.user_id', 'u.id')
    .select(['u.id', 'u.display_name'])
    .where('u.id', '=', who)
    .where('r.role', '=', 'salesperson')
    .executeTakeFirst();
  if (!user) throw new AppError('orders.consentNotSalesperson', { userId: who });
  return {
    salespersonId: user.id,
    salespersonName: user.display_name,
    how: consent.how,
    at: ctx.now.toISOString(),
    recordedBy: ctx.caller.session?.userId ?? null,
    ...(consent.note && { note: consent.note }),
  };
}

export async function cancelOrder(
  ctx: ServiceContext,
  input: { orderId: number; reason: string; consent?: Consent },
): Promise<OrderView> {
  const { order } = await loadOrder(ctx.db, input.orderId);
  assertTransition(order, 'cancelled');
  const consent = input.consent ? await consentOf(ctx, order, input.consent) : undefined;
  // A released (or assigned, picking) order gives its stock back.
  await endReservation(ctx.db, order.id);
  // On a trip: off it (dispatch/assign.ts).
  await leaveTripOnCancel(ctx, order.id);
  await transition(
    ctx,
    order,
    'cancelled',
    'cancelled',
    { reason: input.reason, ...(consent && { consent }) },
    { cancel_reason: input.reason },
  );
  await recordAudit(ctx, {
    entity: 'order',
    entityId: order.id,
    before: { state: order.state },
    after: { state: 'cancelled', reason: input.reason, consent },
  });
  await emitChanged(ctx, [order.id]);
  return orderView(ctx.db, order.id);
}
