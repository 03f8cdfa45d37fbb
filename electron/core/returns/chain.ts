// The return chain 退货 (issue 13 §Returns, R12 R3 R5): report → approval →
// the keeper's check → the return note, each step by its role, none skipped or
// repeated. Refusals at delivery enter at the check (kind 'refusal'). Every
// refusal throws before anything is written (the request's transaction rolls
// back); every step is audited and emits 'returns.changed'.
import type { ParsedInput, ReturnReason, ReturnView } from '../../../shared/contract';
import type { DamageWhereFound, DisposalKind } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { recordAudit } from '../audit/audit';
import { requireSession, type ServiceContext } from '../context';
import { openDamageReport } from '../damage/reports';
import type { Db } from '../db/schema';
import { today } from '../orders/dates';
import { loadPriceBook } from '../orders/prices';
import { nextRegisterNumber } from '../stock/numbering';
import { postDocument, type MovementLine } from '../stock/posting';
import { reportRows } from './report';
import { readReturn } from './views';

function changed(ctx: ServiceContext, returnId: number) {
  ctx.emit('returns.changed', { returnIds: [returnId], clientId: ctx.caller.clientId });
}

async function returnRecord(db: Db, returnId: number) {
  const r = await db.selectFrom('returns').selectAll().where('id', '=', returnId).executeTakeFirst();
  if (!r) throw new AppError('returns.unknown', { returnId });
  return r;
}

function inState(r: { number: string; state: string }, state: string) {
  if (r.state !== state) throw new AppError('returns.wrongState', { number: r.number, state: r.state });
}

async function listPrice(db: Db, productId: number, customerId: number, on: string): Promise<number> {
  return (await loadPriceBook(db, [productId])).priceOf(productId, customerId, on) ?? 0;
}

/** 1. returns.report */
export async function reportReturn(ctx: ServiceContext, input: ParsedInput<'returns.report'>): Promise<ReturnView> {
  const session = requireSession(ctx);
  const replay = await ctx.db
    .selectFrom('returns')
    .select('id')
    .where('idempotency_key', '=', input.idempotencyKey)
    .executeTakeFirst();
  if (replay) return readReturn(ctx.db, replay.id);
  const customer = await ctx.db
    .selectFrom('customers')
    .select(['id', 'salesperson_id'])
    .where('id', '=', input.customerId)
    .executeTakeFirst();
  if (!customer) throw new AppError('returns.unknownCustomer', { customerId: input.customerId });
  const orderIds = [...new Set(input.orderIds)];
  const rows = await reportRows(ctx, customer.id, orderIds, input.lines);
  const at = ctx.now.toISOString();
  const number = await nextRegisterNumber(ctx.db, 'return', 'TH', ctx.now, ctx.timeZone);
  const { id } = await ctx.db
    .insertInto('returns')
    .values({
      number,
      kind: 'report',
      state: 'reported',
      customer_id: customer.id,
      salesperson_id: session.roles.includes('salesperson') ? session.userId : customer.salesperson_id,
      no_delivery: orderIds.length === 0 ? 1 : 0,
      note: input.note,
      reported_by: session.userId,
      reported_at: at,
      idempotency_key: input.idempotencyKey,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (orderIds.length > 0)
    await ctx.db
      .insertInto('return_orders')
      .values(orderIds.map((order_id) => ({ return_id: id, order_id })))
      .execute();
  await ctx.db
    .insertInto('return_lines')
    .values(rows.map((r, i) => ({ ...r, return_id: id, line_no: i + 1 })))
    .execute();
  await recordAudit(ctx, {
    entity: 'return',
    entityId: number,
    after: { state: 'reported', customerId: customer.id, orderIds, lines: rows.length },
  });
  changed(ctx, id);
  return readReturn(ctx.db, id);
}

/** 2. returns.approve / returns.reject */
export async function decideReturn(ctx: ServiceContext, returnId: number, rejectReason: string | null) {
  const session = requireSession(ctx);
  const r = await returnRecord(ctx.db, returnId);
  inState(r, 'reported');
  await ctx.db
    .updateTable('returns')
    .set({
      state: rejectReason === null ? 'approved' : 'rejected',
      decided_by: session.userId,
      decided_at: ctx.now.toISOString(),
      reject_reason: rejectReason,
    })
    .where('id', '=', r.id)
    .execute();
  await recordAudit(ctx, {
    entity: 'return',
    entityId: r.number,
    before: { state: 'reported' },
    after: rejectReason === null ? { state: 'approved' } : { state: 'rejected', reason: rejectReason },
  });
  changed(ctx, r.id);
  return readReturn(ctx.db, r.id);
}

/** 5. returns.takeRefusal: the refused lines of an order not yet taken in become a 'refusal' return, ready for the check. */
export async function takeRefusal(ctx: ServiceContext, orderId: number): Promise<ReturnView> {
  const session = requireSession(ctx);
  const order = await ctx.db
    .selectFrom('orders as o')
    .leftJoin('customers as c', 'c.id', 'o.customer_id')
    .leftJoin('order_outcomes as oc', 'oc.order_id', 'o.id')
    .select(['o.id', 'o.number', 'o.customer_id', 'c.salesperson_id', 'oc.reason', 'oc.note'])
    .where('o.id', '=', orderId)
    .executeTakeFirst();
  if (!order) throw new AppError('returns.noRefusal', { number: String(orderId) });
  const refused = await ctx.db
    .selectFrom('refused_lines as f')
    .innerJoin('order_lines as l', 'l.id', 'f.line_id')
    .select(['f.line_id', 'f.trip_id', 'f.product_id', 'f.status', 'f.qty', 'f.reason', 'l.price_fen'])
    .where('f.order_id', '=', order.id)
    .where('f.returned_at', 'is', null)
    .orderBy('l.line_no')
    .execute();
  if (refused.length === 0 || order.customer_id === null)
    throw new AppError('returns.noRefusal', { number: order.number });
  const at = ctx.now.toISOString();
  const number = await nextRegisterNumber(ctx.db, 'return', 'TH', ctx.now, ctx.timeZone);
  const { id } = await ctx.db
    .insertInto('returns')
    .values({
      number,
      kind: 'refusal',
      state: 'approved',
      customer_id: order.customer_id,
      salesperson_id: order.salesperson_id,
      reported_by: session.userId,
      reported_at: at,
      trip_id: refused[0]!.trip_id,
      idempotency_key: `refusal:${order.id}:${at}:${number}`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await ctx.db.insertInto('return_orders').values({ return_id: id, order_id: order.id }).execute();
  const reasonNote = [refused[0]!.reason, order.note ?? ''].filter((s) => s !== '').join(': ');
  await ctx.db
    .insertInto('return_lines')
    .values(
      refused.map((f, i) => ({
        return_id: id,
        line_no: i + 1,
        product_id: f.product_id,
        status: f.status,
        qty_reported: f.qty,
        reason: 'refusedAtDelivery',
        reason_note: reasonNote,
        order_line_id: f.line_id,
        unit_price_fen: f.price_fen ?? 0,
      })),
    )
    .execute();
  const lineIds = refused.map((f) => f.line_id);
  await ctx.db.updateTable('refused_lines').set({ returned_at: at }).where('line_id', 'in', lineIds).execute();
  await ctx.db
    .insertInto('return_refused_lines')
    .values(lineIds.map((line_id) => ({ line_id, return_id: id })))
    .execute();
  await recordAudit(ctx, {
    entity: 'return',
    entityId: number,
    after: { kind: 'refusal', state: 'approved', orderId: order.id, refusedLines: lineIds },
  });
  changed(ctx, id);
  return readReturn(ctx.db, id);
}

/** 3. returns.check: the keeper counts what came back, per product, and confirms the cases and reasons. */
export async function checkReturn(ctx: ServiceContext, input: ParsedInput<'returns.check'>): Promise<ReturnView> {
  const session = requireSession(ctx);
  const r = await returnRecord(ctx.db, input.returnId);
  inState(r, 'approved');
  const lines = await ctx.db
    .selectFrom('return_lines')
    .selectAll()
    .where('return_id', '=', r.id)
    .orderBy('line_no')
    .execute();
  const counted = new Map<string, { qty: number; reason: ReturnReason; productId: number; status: 'good' | 'gift' }>();
  for (const c of input.lines) {
    const key = `${c.productId}|${c.status}`;
    const prev = counted.get(key);
    counted.set(key, { qty: (prev?.qty ?? 0) + c.qty, reason: c.reason, productId: c.productId, status: c.status });
  }
  const updates: { lineNo: number; qtyChecked: number; reason: string }[] = [];
  for (const [key, c] of counted) {
    const mine = lines.filter((l) => `${l.product_id}|${l.status}` === key);
    if (mine.length === 0) continue;
    let rest = c.qty;
    mine.forEach((l, i) => {
      const take = i === mine.length - 1 ? rest : Math.min(rest, l.qty_reported);
      rest -= take;
      updates.push({ lineNo: l.line_no, qtyChecked: take, reason: c.reason });
    });
  }
  // Products not on the report: a new line with qty_reported 0, at the list price.
  const extra = [...counted.values()].filter(
    (c) => !lines.some((l) => l.product_id === c.productId && l.status === c.status) && c.qty > 0,
  );
  const day = today(ctx.now, ctx.timeZone);
  let lineNo = lines.length;
  for (const c of extra) {
    const p = await ctx.db.selectFrom('products').select('id').where('id', '=', c.productId).executeTakeFirst();
    if (!p) throw new AppError('returns.unknownProduct', { productId: c.productId });
    await ctx.db
      .insertInto('return_lines')
      .values({
        return_id: r.id,
        line_no: ++lineNo,
        product_id: c.productId,
        status: c.status,
        qty_reported: 0,
        reason: c.reason,
        reason_note: '',
        order_line_id: null,
        unit_price_fen: await listPrice(ctx.db, c.productId, r.customer_id, day),
        qty_checked: c.qty,
        check_reason: c.reason,
      })
      .execute();
  }
  let differs = extra.length > 0;
  for (const l of lines) {
    const u = updates.find((x) => x.lineNo === l.line_no);
    const qty = u?.qtyChecked ?? 0;
    if (qty !== l.qty_reported) differs = true;
    await ctx.db
      .updateTable('return_lines')
      .set({ qty_checked: qty, check_reason: u?.reason ?? l.reason })
      .where('return_id', '=', r.id)
      .where('line_no', '=', l.line_no)
      .execute();
  }
  await ctx.db
    .updateTable('returns')
    .set({
      state: 'checked',
      checked_by: session.userId,
      checked_at: ctx.now.toISOString(),
      cases_checked: input.casesChecked,
      check_note: input.note,
      has_differences: differs ? 1 : 0,
    })
    .where('id', '=', r.id)
    .execute();
  await recordAudit(ctx, {
    entity: 'return',
    entityId: r.number,
    before: { state: 'approved' },
    after: { state: 'checked', casesChecked: input.casesChecked, hasDifferences: differs, lines: input.lines },
  });
  changed(ctx, r.id);
  return readReturn(ctx.db, r.id);
}

/** The product's usual bin: the bin holding most of it (any status), else the first bin by code. */
async function usualBin(db: Db, productId: number): Promise<number> {
  const held = await db
    .selectFrom('balances as b')
    .innerJoin('locations as l', 'l.id', 'b.location_id')
    .select('b.location_id')
    .where('b.product_id', '=', productId)
    .where('l.kind', '=', 'bin')
    .groupBy('b.location_id')
    .orderBy((eb) => eb.fn.sum('b.qty'), 'desc')
    .orderBy('b.location_id')
    .executeTakeFirst();
  if (held) return held.location_id;
  const first = await db
    .selectFrom('locations')
    .select('id')
    .where('kind', '=', 'bin')
    .orderBy('code')
    .executeTakeFirst();
  if (!first) throw new AppError('returns.noBin');
  return first.id;
}

const damageCause: Record<ReturnReason, string> = {
  quality: 'supplierDefect',
  expired: 'expired',
  wrongGoods: 'other',
  surplus: 'other',
  transitDamage: 'transport',
  refusedAtDelivery: 'other',
  other: 'other',
};
const damageSuggestion: Record<ReturnReason, DisposalKind> = {
  quality: 'returnToSupplier',
  expired: 'scrap',
  wrongGoods: 'sellDamaged',
  surplus: 'sellDamaged',
  transitDamage: 'sellDamaged',
  refusedAtDelivery: 'sellDamaged',
  other: 'sellDamaged',
};
const whereFound: DamageWhereFound = 'return';

/** 4. returns.issueNote: the operator splits each checked line into good and damaged and posts the return receipt. */
export async function issueNote(ctx: ServiceContext, input: ParsedInput<'returns.issueNote'>): Promise<ReturnView> {
  const session = requireSession(ctx);
  const r = await returnRecord(ctx.db, input.returnId);
  inState(r, 'checked');
  const lines = await ctx.db
    .selectFrom('return_lines')
    .selectAll()
    .where('return_id', '=', r.id)
    .orderBy('line_no')
    .execute();
  const split = new Map<number, (typeof input.lines)[number]>();
  for (const s of input.lines) {
    if (!lines.some((l) => l.line_no === s.lineNo))
      throw new AppError('returns.unknownLine', { number: r.number, lineNo: s.lineNo });
    split.set(s.lineNo, s);
  }
  const plan: {
    line: (typeof lines)[number];
    good: number;
    damaged: number;
    goodLoc: number;
    damagedLoc: number;
  }[] = [];
  for (const l of lines) {
    const s = split.get(l.line_no);
    const checked = l.qty_checked ?? 0;
    if (!s && checked > 0) throw new AppError('returns.noteIncomplete', { lineNo: l.line_no });
    const good = s?.qtyGood ?? 0;
    const damaged = s?.qtyDamaged ?? 0;
    if (good + damaged > checked)
      throw new AppError('returns.noteTooMuch', { lineNo: l.line_no, checked, asked: good + damaged });
    for (const loc of [s?.goodLocationId, s?.damagedLocationId])
      if (loc !== undefined) {
        const bin = await ctx.db
          .selectFrom('locations')
          .select('id')
          .where('id', '=', loc)
          .where('kind', '=', 'bin')
          .executeTakeFirst();
        if (!bin) throw new AppError('returns.unknownLocation', { locationId: loc });
      }
    const usual = good + damaged > 0 ? await usualBin(ctx.db, l.product_id) : 0;
    plan.push({
      line: l,
      good,
      damaged,
      goodLoc: s?.goodLocationId ?? usual,
      damagedLoc: s?.damagedLocationId ?? usual,
    });
  }
  const moves: MovementLine[] = [];
  for (const p of plan) {
    if (p.good > 0)
      moves.push({
        productId: p.line.product_id,
        status: p.line.status as 'good' | 'gift',
        locationId: p.goodLoc,
        qty: p.good,
      });
    if (p.damaged > 0)
      moves.push({ productId: p.line.product_id, status: 'damaged', locationId: p.damagedLoc, qty: p.damaged });
  }
  if (moves.length === 0) throw new AppError('returns.noteIncomplete', { lineNo: lines[0]?.line_no ?? 1 });
  const posted = await postDocument(ctx, {
    type: 'returnReceipt',
    idempotencyKey: input.idempotencyKey,
    note: r.number,
    lines: moves,
  });
  let credit = 0;
  let unitsGood = 0;
  let unitsDamaged = 0;
  for (const p of plan) {
    const lineCredit = (p.good + p.damaged) * p.line.unit_price_fen;
    credit += lineCredit;
    unitsGood += p.good;
    unitsDamaged += p.damaged;
    let damageReportId: number | null = null;
    if (p.damaged > 0) {
      const reason = (p.line.check_reason ?? p.line.reason) as ReturnReason;
      const report = await openDamageReport(ctx, {
        originDocumentId: posted.documentId,
        productId: p.line.product_id,
        locationId: p.damagedLoc,
        qty: p.damaged,
        whereFound,
        cause: damageCause[reason],
        causeNote: damageCause[reason] === 'other' ? `${r.number} ${reason} ${p.line.reason_note}`.trim() : '',
        suggestion: damageSuggestion[reason],
        fromStatus: p.line.status as 'good' | 'gift',
        note: r.number,
        ...(r.trip_id !== null ? { tripId: r.trip_id } : {}),
        idempotencyKey: `${posted.documentNo}:damage:${p.line.line_no}`,
      });
      damageReportId = report.id;
    }
    await ctx.db
      .updateTable('return_lines')
      .set({
        qty_good: p.good,
        qty_damaged: p.damaged,
        good_location_id: p.good > 0 ? p.goodLoc : null,
        damaged_location_id: p.damaged > 0 ? p.damagedLoc : null,
        credit_fen: lineCredit,
        damage_report_id: damageReportId,
      })
      .where('return_id', '=', r.id)
      .where('line_no', '=', p.line.line_no)
      .execute();
  }
  const at = ctx.now.toISOString();
  await ctx.db
    .insertInto('return_notes')
    .values({
      return_id: r.id,
      document_id: posted.documentId,
      number: posted.documentNo,
      credit_fen: credit,
      units_good: unitsGood,
      units_damaged: unitsDamaged,
      issued_by: session.userId,
      issued_at: at,
      issued_date: today(ctx.now, ctx.timeZone),
    })
    .execute();
  await ctx.db.updateTable('returns').set({ state: 'posted' }).where('id', '=', r.id).execute();
  await recordAudit(ctx, {
    entity: 'return',
    entityId: r.number,
    before: { state: 'checked' },
    after: { state: 'posted', note: posted.documentNo, creditFen: credit, unitsGood, unitsDamaged },
  });
  changed(ctx, r.id);
  if (unitsDamaged > 0) ctx.emit('damage.changed', { reportIds: [], disposalIds: [], clientId: ctx.caller.clientId });
  return readReturn(ctx.db, r.id);
}
