// The return chain 退货 (issue 13 §Returns, R12 R3 R5): report → approval →
// the keeper's check → the return note, each step by its role only, none
// skipped or repeated, refusals writing nothing; a refusal at delivery enters
// at the check. Orders reach 'delivered' the real way: the board, the load
// check's scans, departure and the delivery outcome.
import { afterEach, describe, expect, it } from 'vitest';
import type { Caller } from '../../../electron/core/context';
import { call, newKey, refusal } from '../fixtures';
import type { DispatchWarehouse } from '../dispatch/fixtures';
import { deliveredWarehouse } from './fixtures';

let dw: DispatchWarehouse;
afterEach(async () => dw?.w.core.close());

async function delivered() {
  const d = await deliveredWarehouse();
  dw = d.dw;
  return d;
}

const p1 = () => dw.product('P001');
const audits = async () => (await call(dw.w.core, dw.w.admin, 'audit.list', { offset: 0, limit: 1 })).total;
const report = (caller: Caller, qty: number, orderIds: number[]) =>
  call(dw.w.core, caller, 'returns.report', {
    customerId: dw.customer('C001'),
    orderIds,
    lines: [{ productId: p1(), qty, reason: 'quality' }],
    idempotencyKey: newKey(),
  });
const balance = async (status: string) =>
  (await call(dw.w.core, dw.w.admin, 'stock.balances', {}))
    .filter((b) => b.productId === p1() && b.status === status)
    .reduce((s, b) => s + b.qty, 0);

describe('return chain (R12)', () => {
  it('runs report → approval → check → note by the right role each, spanning two deliveries, good and damaged', async () => {
    const { a, b } = await delivered();
    const { w, sales1, manager, keeper, op } = dw;
    // 30 units over orders a (24 delivered) and b (48): two lines, each at its order line's price.
    const r = await report(sales1, 30, [a.id, b.id]);
    expect(r).toMatchObject({ kind: 'report', state: 'reported', nextRole: 'csManager', noDelivery: false });
    expect(r.number).toMatch(/^TH-/);
    expect(r.orderNumbers).toEqual([a.number, b.number].sort());
    expect(r.lines.map((l) => l.qtyReported)).toEqual([24, 6]);
    const price = (await call(w.core, op, 'orders.get', { orderId: a.id })).lines[0]!.priceFen ?? 0;
    expect(r.lines.every((l) => l.unitPriceFen === price)).toBe(true);

    // Wrong roles and skipped steps are refused and write nothing.
    const before = await audits();
    expect(await refusal(w.core, keeper, 'returns.report', { customerId: 1, lines: [] })).toMatchObject({
      code: 'auth.forbidden',
    });
    expect(await refusal(w.core, sales1, 'returns.approve', { returnId: r.id })).toMatchObject({
      code: 'auth.forbidden',
    });
    const early = { returnId: r.id, casesChecked: 1, lines: [{ productId: p1(), qty: 30, reason: 'quality' }] };
    expect(await refusal(w.core, keeper, 'returns.check', early)).toMatchObject({
      code: 'returns.wrongState',
      details: { number: r.number, state: 'reported' },
    });
    const split = { returnId: r.id, lines: [{ lineNo: 1, qtyGood: 24, qtyDamaged: 0 }], idempotencyKey: newKey() };
    expect(await refusal(w.core, op, 'returns.issueNote', split)).toMatchObject({ code: 'returns.wrongState' });
    expect(await audits()).toBe(before);

    expect(await call(w.core, manager, 'returns.approve', { returnId: r.id })).toMatchObject({
      state: 'approved',
      nextRole: 'warehouseKeeper',
    });
    expect(await refusal(w.core, manager, 'returns.approve', { returnId: r.id })).toMatchObject({
      code: 'returns.wrongState',
    });
    expect(await refusal(w.core, op, 'returns.issueNote', split)).toMatchObject({ code: 'returns.wrongState' });

    // The keeper finds it by its barcode and counts one case (24) of the 30: short, flagged.
    expect((await call(w.core, keeper, 'returns.find', { number: r.number })).id).toBe(r.id);
    const checked = await call(w.core, keeper, 'returns.check', {
      returnId: r.id,
      casesChecked: 1,
      lines: [{ productId: p1(), qty: 24, reason: 'quality' }],
    });
    expect(checked).toMatchObject({ state: 'checked', hasDifferences: true, casesChecked: 1, nextRole: 'operator' });
    expect(checked.lines.map((l) => [l.qtyChecked, l.differs])).toEqual([
      [24, false],
      [0, true],
    ]);

    // The note: more than checked is refused; a keeper may not issue it.
    const over = { returnId: r.id, lines: [{ lineNo: 1, qtyGood: 20, qtyDamaged: 5 }], idempotencyKey: newKey() };
    expect(await refusal(w.core, op, 'returns.issueNote', over)).toMatchObject({
      code: 'returns.noteTooMuch',
      details: { lineNo: 1, checked: 24, asked: 25 },
    });
    expect(await refusal(w.core, keeper, 'returns.issueNote', over)).toMatchObject({ code: 'auth.forbidden' });
    const [good0, damaged0] = [await balance('good'), await balance('damaged')];
    const posted = await call(w.core, op, 'returns.issueNote', {
      returnId: r.id,
      lines: [{ lineNo: 1, qtyGood: 20, qtyDamaged: 4 }],
      idempotencyKey: newKey(),
    });
    expect(posted.state).toBe('posted');
    expect(posted.returnNote).toMatchObject({ unitsGood: 20, unitsDamaged: 4, creditFen: 24 * price });
    expect(posted.returnNote!.number).toMatch(/^RR-/);
    expect(posted.steps.map((s) => s.step)).toEqual(['reported', 'approved', 'checked', 'posted']);
    expect(await balance('good')).toBe(good0 + 20);
    expect(await balance('damaged')).toBe(damaged0 + 4);
    // The damaged part opened a damage report (where found: return), already in damaged stock.
    const dr = posted.lines[0]!.damageReportNumber;
    expect(dr).not.toBeNull();
    const damage = (await call(w.core, manager, 'damage.list', {})).find((d) => d.number === dr)!;
    expect(damage).toMatchObject({ whereFound: 'return', qty: 4, originDocumentNo: posted.returnNote!.number });
    expect(await refusal(w.core, op, 'returns.issueNote', split)).toMatchObject({ code: 'returns.wrongState' });

    // Finance export: the note with its credit.
    const csv = await call(w.core, op, 'returns.financeExport', { from: dw.today, to: dw.tomorrow });
    expect(csv).toMatchObject({ notes: 1, creditFen: 24 * price });
    expect(csv.csv).toContain(posted.returnNote!.number);
  });

  it('refuses to return more than was delivered less what is already returned, naming the product and the most', async () => {
    const { a, b } = await delivered();
    await report(dw.sales1, 50, [a.id, b.id]);
    const before = await audits();
    const input = {
      customerId: dw.customer('C001'),
      orderIds: [a.id, b.id],
      lines: [{ productId: p1(), qty: 23, reason: 'surplus' }],
      idempotencyKey: newKey(),
    };
    expect(await refusal(dw.w.core, dw.sales1, 'returns.report', input)).toMatchObject({
      code: 'returns.tooMuch',
      details: { product: 'P001', max: 22, qty: 23 },
    });
    expect(await audits()).toBe(before);
    expect(await call(dw.w.core, dw.sales1, 'returns.list', {})).toHaveLength(1);
  });

  it('refuses an order of another customer or not delivered, and flags a report naming no order', async () => {
    const { c } = await delivered();
    expect(
      await refusal(dw.w.core, dw.sales1, 'returns.report', {
        customerId: dw.customer('C001'),
        orderIds: [c.id],
        lines: [{ productId: p1(), qty: 1, reason: 'quality' }],
        idempotencyKey: newKey(),
      }),
    ).toMatchObject({ code: 'returns.orderNotDelivered', details: { number: c.number } });
    expect(
      await refusal(dw.w.core, dw.sales1, 'returns.report', {
        customerId: dw.customer('C001'),
        lines: [{ productId: p1(), qty: 1, reason: 'other' }],
        idempotencyKey: newKey(),
      }),
    ).toMatchObject({ code: 'returns.noteRequired' });
    const r = await report(dw.op, 2, []);
    expect(r).toMatchObject({ noDelivery: true, reportedBy: 'operator' });
    // A salesperson sees only their own returns; the operator filed this one for C001's salesperson (sales1).
    expect((await call(dw.w.core, dw.sales1, 'returns.list', {})).map((x) => x.id)).toEqual([r.id]);
    expect(await call(dw.w.core, dw.sales2, 'returns.list', {})).toEqual([]);
    expect(await refusal(dw.w.core, dw.sales2, 'returns.get', { returnId: r.id })).toMatchObject({
      code: 'returns.notYours',
    });
  });

  it('lets the manager reject with a reason, after which no step follows', async () => {
    const { a } = await delivered();
    const r = await report(dw.sales1, 5, [a.id]);
    expect(await call(dw.w.core, dw.manager, 'returns.reject', { returnId: r.id, reason: '超过退货期' })).toMatchObject(
      {
        state: 'rejected',
        rejectReason: '超过退货期',
        nextRole: null,
      },
    );
    expect(
      await refusal(dw.w.core, dw.keeper, 'returns.check', {
        returnId: r.id,
        casesChecked: 0,
        lines: [{ productId: p1(), qty: 5, reason: 'quality' }],
      }),
    ).toMatchObject({ code: 'returns.wrongState', details: { state: 'rejected' } });
    // A rejected return no longer holds the delivered quantity.
    expect((await report(dw.sales1, 24, [a.id])).state).toBe('reported');
  });

  it('takes a refusal in at the check: kind refusal, off the awaiting-return list, on to the note', async () => {
    const { c, trip } = await delivered();
    const { w, keeper, op } = dw;
    const waiting = await call(w.core, op, 'dispatch.awaitingReturn', {});
    expect(waiting.rows.map((x) => x.orderNumber)).toEqual([c.number]);
    expect(await refusal(w.core, op, 'returns.takeRefusal', { orderId: c.id })).toMatchObject({
      code: 'auth.forbidden',
    });
    const r = await call(w.core, keeper, 'returns.takeRefusal', { orderId: c.id });
    expect(r).toMatchObject({ kind: 'refusal', state: 'approved', tripNumber: trip.number, orderNumbers: [c.number] });
    expect(r.lines).toMatchObject([{ qtyReported: 10, reason: 'refusedAtDelivery' }]);
    expect(r.lines[0]!.reasonNote).toContain('damaged');
    expect((await call(w.core, op, 'dispatch.awaitingReturn', {})).rows).toEqual([]);
    expect(await refusal(w.core, keeper, 'returns.takeRefusal', { orderId: c.id })).toMatchObject({
      code: 'returns.noRefusal',
    });
    // Scanning the refused order's number finds its return.
    expect((await call(w.core, keeper, 'returns.find', { number: c.number })).id).toBe(r.id);
    // The check finds another product too (P002, not on the refusal): flagged, a line with nothing reported.
    const checked = await call(w.core, keeper, 'returns.check', {
      returnId: r.id,
      casesChecked: 1,
      lines: [
        { productId: p1(), qty: 10, reason: 'refusedAtDelivery' },
        { productId: dw.product('P002'), qty: 2, reason: 'wrongGoods' },
      ],
    });
    expect(checked.hasDifferences).toBe(true);
    expect(checked.lines.map((l) => [l.productCode, l.qtyReported, l.qtyChecked])).toEqual([
      ['P001', 10, 10],
      ['P002', 0, 2],
    ]);
    const posted = await call(w.core, op, 'returns.issueNote', {
      returnId: r.id,
      lines: [
        { lineNo: 1, qtyGood: 10, qtyDamaged: 0 },
        { lineNo: 2, qtyGood: 2, qtyDamaged: 0 },
      ],
      idempotencyKey: newKey(),
    });
    expect(posted).toMatchObject({ state: 'posted', kind: 'refusal', returnNote: { unitsGood: 12, unitsDamaged: 0 } });
    expect(await call(w.core, op, 'returns.list', { kind: 'refusal' })).toHaveLength(1);
  });
});
