// Both analyses over rows the return chain's own services wrote: a return
// report (approved, checked a case, its note sending part to damaged stock)
// and a refusal at delivery taken in at the check are counted apart in the
// month of their notes and reconcile with the returnReceipt movements; the
// damaged part's damage report (opened by the note) is in the damage analysis.
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultTimeZone } from '../../../electron/core/clock';
import { today } from '../../../electron/core/orders/dates';
import { call, newKey } from '../fixtures';
import { dispatchWarehouse, type DispatchWarehouse } from '../dispatch/fixtures';

let dw: DispatchWarehouse;
afterAll(async () => dw?.w.core.close());

describe('analyses over the return chain', () => {
  it('counts a return and a refusal apart, reconciled, and the note’s damaged part as damage', async () => {
    dw = await dispatchWarehouse();
    const { w, keeper, dispatcher, op, sales1, manager } = dw;
    const trip = await dw.trip();
    const a = await dw.released(2);
    const c = await dw.released(1, { customerCode: 'C002' });
    await call(w.core, dispatcher, 'dispatch.assign', { tripId: trip.id, orderIds: [a.id, c.id] });
    await call(w.core, keeper, 'dispatch.startPicking', { tripIds: [trip.id] });
    await call(w.core, keeper, 'station.setTask', { task: 'load' });
    const scan = (raw: string) =>
      call(w.core, keeper, 'scanner.submit', { raw, source: 'wedge', sourceName: 'Dock gun' });
    await scan(trip.number);
    for (let i = 0; i < 3; i++) await scan('16901234567899');
    for (const o of [a, c]) await call(w.core, keeper, 'dispatch.loadOrder', { orderId: o.id });
    await call(w.core, dispatcher, 'dispatch.depart', { tripId: trip.id });
    await call(w.core, op, 'dispatch.recordOutcome', { orderId: a.id, outcome: 'signed', signedBy: '张三' });
    const cLine = (await call(w.core, op, 'orders.get', { orderId: c.id })).lines[0]!;
    await call(w.core, op, 'dispatch.recordOutcome', {
      orderId: c.id,
      outcome: 'refused',
      reason: 'damaged',
      note: '外箱压坏',
      lines: [{ lineId: cLine.id, qty: 10 }],
    });
    const p1 = dw.product('P001');

    const r = await call(w.core, sales1, 'returns.report', {
      customerId: dw.customer('C001'),
      orderIds: [a.id],
      lines: [{ productId: p1, qty: 24, reason: 'expired' }],
      idempotencyKey: newKey(),
    });
    await call(w.core, manager, 'returns.approve', { returnId: r.id });
    await call(w.core, keeper, 'returns.check', {
      returnId: r.id,
      casesChecked: 1,
      lines: [{ productId: p1, qty: 24, reason: 'expired' }],
    });
    await call(w.core, op, 'returns.issueNote', {
      returnId: r.id,
      lines: [{ lineNo: 1, qtyGood: 20, qtyDamaged: 4 }],
      idempotencyKey: newKey(),
    });
    const f = await call(w.core, keeper, 'returns.takeRefusal', { orderId: c.id });
    await call(w.core, keeper, 'returns.check', {
      returnId: f.id,
      casesChecked: 1,
      lines: [{ productId: p1, qty: 10, reason: 'refusedAtDelivery' }],
    });
    await call(w.core, op, 'returns.issueNote', {
      returnId: f.id,
      lines: [{ lineNo: 1, qtyGood: 10, qtyDamaged: 0 }],
      idempotencyKey: newKey(),
    });

    const month = today(new Date(), defaultTimeZone).slice(0, 7);
    const ra = await call(w.core, op, 'analyses.returns', { month });
    expect(ra.kinds.map((k) => [k.kind, k.returns, k.qty, k.qtyGood, k.qtyDamaged])).toEqual([
      ['report', 1, 24, 20, 4],
      ['refusal', 1, 10, 10, 0],
    ]);
    expect(ra.reasons.map((x) => [x.reason, x.reportQty, x.refusalQty])).toEqual([
      ['expired', 24, 0],
      ['refusedAtDelivery', 0, 10],
    ]);
    // Independent SQL over the ledger: the returnReceipt movements posted.
    const ledger = (
      await sql<{
        qty: number;
      }>`SELECT SUM(m.qty) AS qty FROM movements m JOIN documents d ON d.id = m.document_id WHERE d.type = 'returnReceipt' AND m.qty > 0`.execute(
        w.core.database.db,
      )
    ).rows[0]!;
    expect(ledger.qty).toBe(34);
    expect(ra.reconciliation.every((x) => x.reconciled)).toBe(true);
    const credit = (
      await w.core.database.db
        .selectFrom('return_notes')
        .select('credit_fen')
        .where('return_id', '=', r.id)
        .executeTakeFirstOrThrow()
    ).credit_fen;
    expect(ra.kinds[0]!.creditFen).toBe(credit);

    // The note's damaged part opened a damage report already in damaged stock: in the damage analysis.
    const da = await call(w.core, op, 'analyses.damage', { month });
    expect(da.total.qty).toBe(4);
    expect(da.reconciliation.every((x) => x.reconciled)).toBe(true);
  });
});
