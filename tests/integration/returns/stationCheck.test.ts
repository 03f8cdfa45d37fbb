// The keeper's return check at a station (issue 13 §Returns 3 and 5, R12):
// through the scanning pipeline — the return's number or a refused order's,
// then the goods (+1 unit or +1 case a scan) — and finished by the keeper's
// request with the cases and reasons confirmed. Every difference from the
// report is flagged; wrong scans are refused and write nothing.
import { afterEach, describe, expect, it } from 'vitest';
import { call, newKey, refusal } from '../fixtures';
import type { DispatchWarehouse } from '../dispatch/fixtures';
import { deliveredWarehouse, p1Case, p1Unit, p2Unit } from './fixtures';

let dw: DispatchWarehouse;
afterEach(async () => dw?.w.core.close());

async function delivered() {
  const d = await deliveredWarehouse();
  dw = d.dw;
  return d;
}
const scan = (raw: string) => call(dw.w.core, dw.keeper, 'scanner.submit', { raw, source: 'wedge' });
const task = async () => (await call(dw.w.core, dw.keeper, 'station.state', {})).task;
const returnRows = () => call(dw.w.core, dw.op, 'returns.list', {});

describe('return check at the station', () => {
  it('checks an approved report by scans, flags the short line and the product not on it, and finishes by the keeper', async () => {
    const { a, b } = await delivered();
    const { w, sales1, manager, keeper, op } = dw;
    const r = await call(w.core, sales1, 'returns.report', {
      customerId: dw.customer('C001'),
      orderIds: [a.id, b.id],
      lines: [{ productId: dw.product('P001'), qty: 30, reason: 'quality' }],
      idempotencyKey: newKey(),
    });
    await call(w.core, keeper, 'station.setTask', { task: 'returnCheck' });

    // Goods before a return, a return not yet approved, an unknown code: refused, nothing changes.
    expect(await scan(p1Case)).toMatchObject({ outcome: 'rejected', reason: 'returnCheck.scanReturnFirst' });
    expect(await scan(r.number)).toMatchObject({ outcome: 'rejected', reason: 'returnCheck.notApproved' });
    expect(await scan('NO-SUCH-CODE-1')).toMatchObject({ outcome: 'unknown', reason: 'scan.unknownBarcode' });
    expect(await task()).toMatchObject({ kind: 'returnCheck', target: null, lines: [] });

    await call(w.core, manager, 'returns.approve', { returnId: r.id });
    expect(await scan(r.number)).toMatchObject({ outcome: 'accepted', resolution: { kind: 'return' } });
    expect(await task()).toMatchObject({
      target: { returnKind: 'report', number: r.number, orderNumbers: [a.number, b.number].sort() },
      lines: [{ productCode: 'P001', qtyReported: 30, qtyScanned: 0, difference: 'short' }],
    });

    // One case and three units of P001 (27 of 30: short), one unit of P002 (not on the report).
    await scan(p1Case);
    for (let i = 0; i < 3; i++) await scan(p1Unit);
    await scan(p2Unit);
    const view = await task();
    expect(view).toMatchObject({
      casesScanned: 3,
      hasDifferences: true,
      lines: [
        { productCode: 'P001', qtyReported: 30, qtyScanned: 27, difference: 'short' },
        { productCode: 'P002', qtyReported: 0, qtyScanned: 1, difference: 'notOnReport' },
      ],
    });
    // Undo takes back exactly the last scan.
    await call(w.core, keeper, 'station.undoLastScan', {});
    expect(await task()).toMatchObject({ lines: [{ qtyScanned: 27 }] });
    await scan(p2Unit);

    // Nothing of the chain was written by the scans.
    expect((await call(w.core, op, 'returns.get', { returnId: r.id })).state).toBe('approved');
    expect((await refusal(w.core, op, 'returns.checkAtStation', { casesChecked: 2 })).code).toBe('auth.forbidden');

    const checked = await call(w.core, keeper, 'returns.checkAtStation', {
      casesChecked: 2,
      reasons: [{ productId: dw.product('P001'), status: 'good', reason: 'expired' }],
    });
    expect(checked).toMatchObject({ state: 'checked', casesChecked: 2, hasDifferences: true, nextRole: 'operator' });
    // The report's two lines (24 + 6 over orders a and b) take the 27 in order; the extra product is a line reported 0.
    expect(checked.lines.map((l) => [l.productCode, l.qtyReported, l.qtyChecked, l.checkReason, l.differs])).toEqual([
      ['P001', 24, 24, 'expired', false],
      ['P001', 6, 3, 'expired', true],
      ['P002', 0, 1, 'quality', true],
    ]);
    expect(checked.steps.map((s) => s.step)).toEqual(['reported', 'approved', 'checked']);
    // The station starts over; the same return again is refused, its check never repeated.
    expect(await task()).toMatchObject({ target: null, lines: [] });
    expect(await scan(r.number)).toMatchObject({ outcome: 'rejected', reason: 'returnCheck.alreadyChecked' });
    expect((await refusal(w.core, keeper, 'returns.checkAtStation', { casesChecked: 1 })).code).toBe(
      'returnCheck.nothingScanned',
    );
  });

  it("takes a refused order's goods into the chain when its check is finished, not at the scan", async () => {
    const { c } = await delivered();
    const { w, keeper } = dw;
    await call(w.core, keeper, 'station.setTask', { task: 'returnCheck' });
    expect(await scan(c.number)).toMatchObject({ outcome: 'accepted', resolution: { kind: 'order' } });
    expect(await task()).toMatchObject({
      target: { returnKind: 'refusal', returnId: null, orderId: c.id, number: c.number },
      lines: [{ productCode: 'P001', qtyReported: 10, reason: 'refusedAtDelivery', difference: 'short' }],
    });
    expect(await returnRows()).toEqual([]);

    // Ten units by the quantity key: the report's quantity exactly.
    await call(w.core, keeper, 'station.setQuantity', { qty: 10 });
    await scan(p1Unit);
    expect(await task()).toMatchObject({ hasDifferences: false, lines: [{ qtyScanned: 10, difference: 'none' }] });
    const checked = await call(w.core, keeper, 'returns.checkAtStation', { casesChecked: 1 });
    expect(checked).toMatchObject({
      kind: 'refusal',
      state: 'checked',
      hasDifferences: false,
      orderNumbers: [c.number],
      lines: [{ qtyReported: 10, qtyChecked: 10, reason: 'refusedAtDelivery' }],
    });
    expect(await returnRows()).toHaveLength(1);
    // Its refused goods are taken in once: neither the form's request nor another scan takes them again.
    expect((await refusal(w.core, keeper, 'returns.takeRefusal', { orderId: c.id })).code).toBe('returns.noRefusal');
    expect(await scan(c.number)).toMatchObject({ outcome: 'rejected', reason: 'returnCheck.alreadyChecked' });
  });

  it('checks a refusal taken in on the returns page by its order number, and refuses an order with nothing refused', async () => {
    const { a, c } = await delivered();
    const { w, keeper } = dw;
    const taken = await call(w.core, keeper, 'returns.takeRefusal', { orderId: c.id });
    await call(w.core, keeper, 'station.setTask', { task: 'returnCheck' });
    expect(await scan(a.number)).toMatchObject({ outcome: 'rejected', reason: 'returnCheck.noRefusal' });
    await scan(c.number);
    expect(await task()).toMatchObject({ target: { returnKind: 'refusal', returnId: taken.id, number: taken.number } });
    // Nothing came back of it: a short line, flagged for the operator.
    const checked = await call(w.core, keeper, 'returns.checkAtStation', { casesChecked: 0 });
    expect(checked).toMatchObject({ id: taken.id, state: 'checked', hasDifferences: true });
    expect(await returnRows()).toHaveLength(1);
  });
});
