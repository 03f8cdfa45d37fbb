// The scan pipeline through the contract (wedge and typed scans): decode,
// resolve, the station's task, the duplicate guard, undo, the scan log.
import { afterEach, describe, expect, it } from 'vitest';
import { withCheckDigit } from '../../../shared/barcode/gtin';
import type { Caller } from '../../../electron/core/context';
import { call, openTestCore, openWarehouse, password, refusal, type Warehouse } from '../fixtures';

let w: Warehouse;
let keeper: Caller;
afterEach(async () => w?.core.close());

// Fixture barcodes (tests/integration/fixtures.ts): P001 unit 6901234567892, case 16901234567899 (24 per case).
const unit = '6901234567892';
const caseCode = '16901234567899';
const scan = (raw: string, source: 'wedge' | 'manual' = 'wedge') =>
  call(w.core, keeper, 'scanner.submit', { raw, source, sourceName: 'Browser 1' });

async function setup() {
  w = await openWarehouse();
  keeper = await w.as('warehouseKeeper');
}

describe('scan pipeline', () => {
  it('resolves a unit barcode to its product in the lookup task and shows its stock', async () => {
    await setup();
    const s = await scan(unit);
    expect(s).toMatchObject({
      outcome: 'accepted',
      resolution: { kind: 'product', productCode: 'P001', level: 'unit', qty: 1 },
      task: 'lookup',
    });
    const state = await call(w.core, keeper, 'station.state', {});
    expect(state.task).toMatchObject({ kind: 'lookup', product: { productCode: 'P001' } });
    expect(state.lastScans[0]!.id).toBe(s.id);
  });

  it('counts a case barcode as the case pack, and GS1 data with a (37) count as that many cases’ units', async () => {
    await setup();
    expect((await scan(caseCode)).resolution).toMatchObject({ kind: 'product', level: 'case', qty: 24 });
    const gs1 = await scan(`]C1010${unit}10LOT7\u001d3703`);
    expect(gs1.resolution).toMatchObject({ kind: 'product', productCode: 'P001', qty: 3, lot: 'LOT7' });
  });

  it('never takes a bad check digit for a product: it is rejected with the reason', async () => {
    await setup();
    const bad = unit.slice(0, 12) + String((Number(unit[12]) + 1) % 10);
    const s = await scan(bad);
    expect(s).toMatchObject({ outcome: 'rejected', reason: 'decode.badCheckDigit', resolution: null });
  });

  it('reports an unknown barcode, and after an operator links it the next scan resolves', async () => {
    await setup();
    const code = withCheckDigit('690555555555');
    expect(await scan(code)).toMatchObject({ outcome: 'unknown', reason: 'scan.unknownBarcode' });
    const op = await w.as('operator');
    expect(
      (await refusal(w.core, keeper, 'barcodes.link', { code, productId: w.products[2]!.id, level: 'unit' })).code,
    ).toBe('auth.forbidden');
    await call(w.core, op, 'barcodes.link', { code, productId: w.products[2]!.id, level: 'unit' });
    expect((await scan(code)).resolution).toMatchObject({ kind: 'product', productCode: w.products[2]!.code });
  });

  it('resolves an old code to itself, naming its successor, never merging it (R13)', async () => {
    await setup();
    const op = await w.as('operator');
    const oldCode = withCheckDigit('690777777777');
    const old = w.products.find((p) => p.code === 'P000')!;
    await call(w.core, op, 'barcodes.link', { code: oldCode, productId: old.id, level: 'unit' });
    expect((await scan(oldCode)).resolution).toMatchObject({
      productCode: 'P000',
      oldCode: true,
      replacedByCode: 'P001',
    });
  });

  it('ignores the same code from the same source within the window as a duplicate, but not from another source', async () => {
    await setup();
    expect((await scan(unit)).outcome).toBe('accepted');
    expect(await scan(unit)).toMatchObject({ outcome: 'duplicate', reason: 'scan.duplicate' });
    const other = await call(w.core, keeper, 'scanner.submit', { raw: unit, source: 'manual', sourceName: 'Keyboard' });
    expect(other.outcome).toBe('accepted');
  });

  it('receives by scanning: bin label, goods (repeats count), quantity key, undo last, and the lines survive a restart', async () => {
    await setup();
    await call(w.core, keeper, 'station.setTask', { task: 'receipt' });
    expect(await scan(unit)).toMatchObject({ outcome: 'rejected', reason: 'scan.scanLocationFirst' });
    expect((await scan(w.bins[1]!.code)).resolution).toMatchObject({
      kind: 'location',
      code: w.bins[1]!.code,
      locationKind: 'bin',
    });
    await scan(unit);
    await scan(unit); // counting: a repeat is one more, not a duplicate
    await call(w.core, keeper, 'station.setQuantity', { qty: 5 });
    expect((await scan(caseCode)).resolution).toMatchObject({ qty: 120 });
    let state = await call(w.core, keeper, 'station.state', {});
    expect(state.task).toMatchObject({
      kind: 'receipt',
      lines: [{ productCode: 'P001', locationCode: w.bins[1]!.code, qty: 122 }],
    });
    state = await call(w.core, keeper, 'station.undoLastScan', {});
    expect(state.task).toMatchObject({ lines: [{ qty: 2 }] });
    expect(state.lastScans[0]).toMatchObject({ outcome: 'undone', reason: 'scan.undo' });
    // Command barcodes work from the scanner too.
    await scan('CMD:UNDO');
    expect((await call(w.core, keeper, 'station.state', {})).task).toMatchObject({ lines: [{ qty: 1 }] });

    // A restart (a new core on the same data folder) keeps the scanned lines.
    const dataDir = w.core.dataDir;
    await w.core.close();
    const core = await openTestCore({ dataDir });
    w = { ...w, core };
    const again = core.newCaller('again');
    await call(core, again, 'auth.login', { username: 'u-warehousekeeper', secret: password });
    expect((await call(core, again, 'station.state', {})).task).toMatchObject({ kind: 'receipt', lines: [{ qty: 1 }] });
  });

  it('logs every scan, refused ones included, in the scan log', async () => {
    await setup();
    await scan(unit);
    await scan(unit);
    await scan(']E0' + unit.slice(0, 12) + '0');
    await scan('zzz-unknown');
    const log = await call(w.core, keeper, 'scans.list', { offset: 0, limit: 10 });
    expect(log.total).toBe(4);
    expect(log.rows.map((r) => r.outcome)).toEqual(['unknown', 'rejected', 'duplicate', 'accepted']);
    expect(log.rows[3]).toMatchObject({
      sourceKind: 'wedge',
      sourceName: 'Browser 1',
      userName: 'warehouseKeeper',
      raw: unit,
    });
  });
});
