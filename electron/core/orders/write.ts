// Writing orders: bulk insert (desk entry, the order file, the demo day) in
// chunked multi-row statements compiled once per shape, replacing an order's
// lines after a change, state changes with their history row, and the
// orders.changed event.
import { sql } from 'kysely';
import type { OrderEventKind, OrderState } from '../../../shared/contract';
import type { ServiceContext } from '../context';
import { runTemplate } from '../db/queryTemplate';
import type { Db } from '../db/schema';
import { businessDay } from '../clock';
import type { Draft, Qualified } from './qualify';
import { assertTransition } from './states';
import { orderRows } from './views';

export type OrderMeta = {
  reference: string | null;
  promisedDate: string | null;
  emergency: boolean;
  note: string;
  importId: number | null;
  importLine: number | null;
};

export type NewOrder = { draft: Draft; q: Qualified; meta: OrderMeta };

const chunk = 200;

/** Reserves `n` order numbers of today: SO-20261205-00001. */
async function nextNumbers(ctx: ServiceContext, n: number): Promise<string[]> {
  const day = businessDay(ctx.now, ctx.timeZone);
  const row = await ctx.db
    .insertInto('document_counters')
    .values({ type: 'order', day, last: n })
    .onConflict((oc) => oc.columns(['type', 'day']).doUpdateSet({ last: sql<number>`document_counters.last + ${n}` }))
    .returning('last')
    .executeTakeFirstOrThrow();
  const first = row.last - n + 1;
  return Array.from({ length: n }, (_, i) => `SO-${day}-${String(first + i).padStart(5, '0')}`);
}

export async function insertOrders(ctx: ServiceContext, orders: NewOrder[]): Promise<number[]> {
  if (orders.length === 0) return [];
  const userId = ctx.caller.session!.userId;
  const at = ctx.now.toISOString();
  const numbers = await nextNumbers(ctx, orders.length);
  const ids: number[] = [];
  for (let i = 0; i < orders.length; i += chunk) {
    const rows = orders.slice(i, i + chunk).map(({ draft, q, meta }, k) => ({
      number: numbers[i + k]!,
      state: q.state,
      channel: draft.channel,
      reference: meta.reference,
      customer_code: draft.customerCode,
      customer_id: q.customer?.id ?? null,
      salesperson_id: q.customer?.salespersonId ?? null,
      order_date: draft.orderDate,
      dispatch_date: draft.dispatchDate,
      delivery_date: draft.deliveryDate,
      promised_date: meta.promisedDate,
      emergency: meta.emergency ? 1 : 0,
      note: meta.note,
      issues: JSON.stringify(q.issues),
      first_time_qualified: q.issues.length === 0 ? 1 : 0,
      signature: q.signature,
      import_id: meta.importId,
      import_line: meta.importLine,
      line_count: q.totals.lineCount,
      units: q.totals.units,
      cases: q.totals.cases,
      loose_units: q.totals.looseUnits,
      amount_fen: q.totals.amountFen,
      created_by: userId,
      created_at: at,
      updated_at: at,
    }));
    const result = await runTemplate(ctx.db, 'orders.insert', rows, (r) =>
      ctx.db.insertInto('orders').values(r).returning('id'),
    );
    for (const r of result.rows as { id: number }[]) ids.push(r.id);
  }
  const lines = orders.flatMap(({ q }, k) => q.lines.map((l) => ({ ...lineRow(l), order_id: ids[k]! })));
  await insertLines(ctx.db, lines);
  await insertEvents(
    ctx.db,
    orders.map(({ draft, q }, k) => ({
      order_id: ids[k]!,
      at,
      user_id: userId,
      kind: 'received',
      from_state: null,
      to_state: q.state,
      detail: JSON.stringify({ channel: draft.channel, reasons: q.issues.map((x) => x.reason) }),
    })),
  );
  return ids;
}

function lineRow(l: Qualified['lines'][number]) {
  return {
    line_no: l.lineNo,
    product_code: l.productCode,
    product_id: l.productId,
    entered_qty: l.enteredQty,
    per: l.per,
    qty: l.qty,
    gift: l.gift ? 1 : 0,
    price_fen: l.priceFen,
  };
}

async function insertLines(db: Db, lines: (ReturnType<typeof lineRow> & { order_id: number })[]) {
  for (let i = 0; i < lines.length; i += chunk) {
    const rows = lines.slice(i, i + chunk);
    await runTemplate(db, 'orders.insertLines', rows, (r) => db.insertInto('order_lines').values(r));
  }
}

type EventRow = {
  order_id: number;
  at: string;
  user_id: number | null;
  kind: string;
  from_state: string | null;
  to_state: string | null;
  detail: string;
};

async function insertEvents(db: Db, events: EventRow[]) {
  for (let i = 0; i < events.length; i += chunk) {
    const rows = events.slice(i, i + chunk);
    await runTemplate(db, 'orders.insertEvents', rows, (r) => db.insertInto('order_events').values(r));
  }
}

/** One history row: who, when, what (the state change and its detail). */
export async function recordEvent(
  ctx: ServiceContext,
  orderId: number,
  kind: OrderEventKind,
  from: string | null,
  to: string | null,
  detail: Record<string, unknown> = {},
): Promise<void> {
  await insertEvents(ctx.db, [
    {
      order_id: orderId,
      at: ctx.now.toISOString(),
      user_id: ctx.caller.session?.userId ?? null,
      kind,
      from_state: from,
      to_state: to,
      detail: JSON.stringify(detail),
    },
  ]);
}

/** Many orders, one change each: bulk history rows (release of a day). */
export async function recordEvents(
  ctx: ServiceContext,
  items: { orderId: number; kind: OrderEventKind; from: string; to: string; detail?: Record<string, unknown> }[],
): Promise<void> {
  const at = ctx.now.toISOString();
  const userId = ctx.caller.session?.userId ?? null;
  await insertEvents(
    ctx.db,
    items.map((e) => ({
      order_id: e.orderId,
      at,
      user_id: userId,
      kind: e.kind,
      from_state: e.from,
      to_state: e.to,
      detail: JSON.stringify(e.detail ?? {}),
    })),
  );
}

/** Moves one order to `to` through the transition table, with its history row. */
export async function transition(
  ctx: ServiceContext,
  order: { id: number; number: string; state: string },
  to: OrderState,
  kind: OrderEventKind,
  detail: Record<string, unknown> = {},
  extra: Partial<{ cancel_reason: string; confirmed_by: number; confirmed_at: string; confirmed_as: string }> = {},
): Promise<void> {
  assertTransition(order, to);
  await ctx.db
    .updateTable('orders')
    .set({ state: to, updated_at: ctx.now.toISOString(), ...extra })
    .where('id', '=', order.id)
    .execute();
  await recordEvent(ctx, order.id, kind, order.state, to, detail);
}

/** Replaces an order's lines and qualification after a change (not released: no reservation). */
export async function rewriteOrder(ctx: ServiceContext, orderId: number, draft: Draft, q: Qualified): Promise<void> {
  await ctx.db.deleteFrom('order_lines').where('order_id', '=', orderId).execute();
  await insertLines(
    ctx.db,
    q.lines.map((l) => ({ ...lineRow(l), order_id: orderId })),
  );
  await ctx.db
    .updateTable('orders')
    .set({
      customer_code: draft.customerCode,
      customer_id: q.customer?.id ?? null,
      salesperson_id: q.customer?.salespersonId ?? null,
      dispatch_date: draft.dispatchDate,
      delivery_date: draft.deliveryDate,
      issues: JSON.stringify(q.issues),
      signature: q.signature,
      line_count: q.totals.lineCount,
      units: q.totals.units,
      cases: q.totals.cases,
      loose_units: q.totals.looseUnits,
      amount_fen: q.totals.amountFen,
      updated_at: ctx.now.toISOString(),
    })
    .where('id', '=', orderId)
    .execute();
}

/** Tells every window: rows when few, else the ids and dates to reload. */
export async function emitChanged(ctx: ServiceContext, orderIds: number[]): Promise<void> {
  if (orderIds.length === 0) return;
  const few = orderIds.length <= 200;
  const rows = few ? await orderRows(ctx.db, { ids: orderIds }) : null;
  let dates: (string | null)[] = rows ? rows.map((r) => r.dispatchDate) : [];
  for (let i = 0; !rows && i < orderIds.length; i += 5000) {
    const found = await ctx.db
      .selectFrom('orders')
      .select('dispatch_date')
      .distinct()
      .where('id', 'in', orderIds.slice(i, i + 5000))
      .execute();
    dates = dates.concat(found.map((r) => r.dispatch_date));
  }
  ctx.emit('orders.changed', {
    orderIds,
    dispatchDates: [...new Set(dates.filter((d): d is string => d !== null))],
    rows,
  });
}
