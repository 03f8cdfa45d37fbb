// Goods damaged on arrival (issue 13 §Damage 1, R7 R11): a damaged receipt
// line needs its cause — without one the receipt is refused and nothing is
// written; with one it posts into damaged stock and opens its damage report.
// At the station the receiving task scans damaged goods onto their own line,
// with the cause and suggestion chosen by keys, and the receipt form posts them.
import { afterEach, describe, expect, it } from 'vitest';
import { call, newKey, openWarehouse, refusal, type Warehouse } from '../fixtures';

let w: Warehouse;
afterEach(async () => w?.core.close());

// The fixture's P001 (not products[0]): unit barcode and case barcode (24 units a case).
const p1Unit = '6901234567892';
const p1Case = '16901234567899';

const stock = async (status: string, code = w.products[0]!.code) =>
  (await call(w.core, w.admin, 'stock.balances', {}))
    .filter((b) => b.productCode === code && b.status === status)
    .reduce((s, b) => s + b.qty, 0);
const audits = async () => (await call(w.core, w.admin, 'audit.list', { offset: 0, limit: 1 })).total;

describe('a damaged receipt line needs a cause', () => {
  it('refuses a damaged line without a cause, naming the line, and writes nothing — not even the good line', async () => {
    w = await openWarehouse();
    const keeper = await w.as('warehouseKeeper');
    const before = await audits();
    const e = await refusal(w.core, keeper, 'receipts.post', {
      deliveryNote: 'QS-NOCAUSE-1',
      arrivedAt: new Date().toISOString(),
      idempotencyKey: newKey(),
      lines: [
        { productId: w.products[0]!.id, status: 'good', locationId: w.bins[0]!.id, qty: 24 },
        { productId: w.products[0]!.id, status: 'damaged', locationId: w.bins[0]!.id, qty: 6 },
      ],
    });
    expect(e).toMatchObject({ code: 'receipts.damageCauseRequired', details: { line: 2 } });
    expect({ good: await stock('good'), damaged: await stock('damaged') }).toEqual({ good: 0, damaged: 0 });
    expect(await call(w.core, keeper, 'receipts.list', {})).toEqual([]);
    expect(await audits()).toBe(before);
  });

  it('posts the damaged line with its cause into damaged stock and opens its report', async () => {
    w = await openWarehouse();
    const keeper = await w.as('warehouseKeeper');
    await call(w.core, keeper, 'receipts.post', {
      deliveryNote: 'QS-CAUSE-1',
      arrivedAt: new Date().toISOString(),
      idempotencyKey: newKey(),
      lines: [
        {
          productId: w.products[0]!.id,
          status: 'damaged',
          locationId: w.bins[0]!.id,
          qty: 6,
          damage: { cause: 'wet', suggestion: 'scrap' },
        },
      ],
    });
    expect(await stock('damaged')).toBe(6);
    expect(await call(w.core, keeper, 'damage.list', {})).toMatchObject([
      { whereFound: 'receiving', qty: 6, cause: 'wet' },
    ]);
  });
});

describe('receiving damage at the station', () => {
  it('scans damaged goods onto their own line with the cause chosen by keys, and the receipt opens its report', async () => {
    w = await openWarehouse();
    const keeper = await w.as('warehouseKeeper');
    const station = (damaged: boolean, damage: { cause: string; suggestion: string; causeNote?: string } | null) =>
      call(w.core, keeper, 'station.receiptDamage', { damaged, damage } as never);
    const scan = (raw: string) => call(w.core, keeper, 'scanner.submit', { raw, source: 'wedge' });

    // Not receiving: refused.
    expect((await refusal(w.core, keeper, 'station.receiptDamage', { damaged: true })).code).toBe(
      'receiving.notReceiving',
    );
    await call(w.core, keeper, 'station.setTask', { task: 'receipt' });
    await scan(w.bins[0]!.code);
    await scan(p1Case);
    // The damaged mode: the next scans are damaged on arrival, on their own line, until the cause is chosen.
    await station(true, null);
    await scan(p1Unit);
    await scan(p1Unit);
    let task = (await call(w.core, keeper, 'station.state', {})).task;
    expect(task).toMatchObject({
      kind: 'receipt',
      damaged: true,
      lines: [
        { qty: 24, damaged: false, damage: null },
        { qty: 2, damaged: true, damage: null },
      ],
    });
    // An unknown cause, and 'other' without a note, are refused and change nothing.
    expect(
      (
        await refusal(w.core, keeper, 'station.receiptDamage', {
          damaged: true,
          damage: { cause: 'meteor', suggestion: 'scrap' },
        })
      ).code,
    ).toBe('damage.unknownCause');
    expect(
      (
        await refusal(w.core, keeper, 'station.receiptDamage', {
          damaged: true,
          damage: { cause: 'other', suggestion: 'scrap' },
        })
      ).code,
    ).toBe('damage.noteRequired');
    // The cause and suggestion go to the line being scanned.
    await station(true, { cause: 'crushed', suggestion: 'sellDamaged' });
    await station(false, null);
    await scan(p1Unit);
    task = (await call(w.core, keeper, 'station.state', {})).task;
    expect(task).toMatchObject({
      damaged: false,
      lines: [
        { qty: 25, damaged: false },
        { qty: 2, damaged: true, damage: { cause: 'crushed', suggestion: 'sellDamaged' } },
      ],
    });

    // The receipt form takes the lines as scanned and posts them.
    if (task.kind !== 'receipt') throw new Error('receipt task');
    await call(w.core, keeper, 'receipts.post', {
      deliveryNote: 'QS-STATION-1',
      arrivedAt: new Date().toISOString(),
      idempotencyKey: newKey(),
      lines: task.lines.map((l) => ({
        productId: l.productId,
        locationId: l.locationId,
        qty: l.qty,
        status: l.damaged ? ('damaged' as const) : ('good' as const),
        ...(l.damage ? { damage: l.damage } : {}),
      })),
    });
    expect({ good: await stock('good', 'P001'), damaged: await stock('damaged', 'P001') }).toEqual({
      good: 25,
      damaged: 2,
    });
    expect(await call(w.core, keeper, 'damage.list', {})).toMatchObject([
      { whereFound: 'receiving', qty: 2, cause: 'crushed', suggestion: 'sellDamaged', locationCode: w.bins[0]!.code },
    ]);
  });
});
