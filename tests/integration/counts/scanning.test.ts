// Counting by scanner: the count task through the real scan pipeline (typed
// and wedge scans take the same path as serial ones).
import { afterEach, describe, expect, it } from 'vitest';
import { call } from '../fixtures';
import { countWarehouse, startZoneCount, type CountWarehouse } from './countFixtures';

let c: CountWarehouse;
afterEach(async () => c?.w.core.close());

// Fixture barcodes: P001 unit 6901234567892, case 16901234567899 (24); P002 unit 6902234567899.
const p1Unit = '6901234567892';
const p1Case = '16901234567899';
const p2Unit = '6902234567899';

describe('count task at the scanner', () => {
  it('counts by scanning bin then goods, flags the unexpected, undoes the last scan exactly', async () => {
    c = await countWarehouse();
    const { core } = c.w;
    const s = await startZoneCount(c, [c.ids.keeper]);
    const scan = (raw: string) => call(core, c.keeper, 'scanner.submit', { raw, source: 'wedge', sourceName: 'Gun 1' });

    let state = await call(core, c.keeper, 'counts.countAtStation', { sessionId: s.id });
    expect(state.task).toMatchObject({ kind: 'count', location: null, linesCounted: 0 });
    expect(await scan(p1Unit)).toMatchObject({ outcome: 'rejected', reason: 'scan.scanLocationFirst' });
    expect(await scan('R-01')).toMatchObject({ outcome: 'rejected', reason: 'counts.locationNotInScope' });
    expect((await scan('A-01')).outcome).toBe('accepted');
    await scan(p1Unit);
    await scan(p1Unit); // a repeat is one more, not a duplicate
    await call(core, c.keeper, 'station.setQuantity', { qty: 2 });
    expect((await scan(p1Case)).resolution).toMatchObject({ qty: 48 });
    // "Bin done" closes the bin: the next goods need a bin label first.
    expect((await scan('CMD:DONE')).outcome).toBe('accepted');
    expect((await call(core, c.keeper, 'station.state', {})).task).toMatchObject({ kind: 'count', location: null });
    expect(await scan(p1Unit)).toMatchObject({ outcome: 'rejected', reason: 'scan.scanLocationFirst' });
    // P002 is not expected in A-02: accepted and flagged.
    await scan('A-02');
    expect((await scan(p2Unit)).outcome).toBe('accepted');
    state = await call(core, c.keeper, 'station.state', {});
    expect(state.task).toMatchObject({
      kind: 'count',
      session: { sessionId: s.id, number: s.number },
      location: { code: 'A-02' },
      linesCounted: 2,
      binUnits: 1,
    });
    let sheet = await call(core, c.keeper, 'counts.sheet', { sessionId: s.id });
    expect(sheet.lines.find((l) => l.productCode === 'P001' && l.locationCode === 'A-01')).toMatchObject({
      myQty: 50,
      expected: true,
    });
    expect(sheet.lines.find((l) => l.productCode === 'P002' && l.locationCode === 'A-02')).toMatchObject({
      myQty: 1,
      expected: false,
    });

    // Undo last (from the scanner): exactly the P002 scan goes, and its unexpected line with it.
    await scan('CMD:UNDO');
    sheet = await call(core, c.keeper, 'counts.sheet', { sessionId: s.id });
    expect(sheet.lines.some((l) => l.productCode === 'P002' && l.locationCode === 'A-02')).toBe(false);
    expect(sheet.lines.find((l) => l.productCode === 'P001')).toMatchObject({ myQty: 50 });
    // Undo again: the bin scan, back to no bin (A-01 was closed by "bin done"); then the case scan.
    state = await call(core, c.keeper, 'station.undoLastScan', {});
    expect(state.task).toMatchObject({ location: null });
    await call(core, c.keeper, 'station.undoLastScan', {});
    sheet = await call(core, c.keeper, 'counts.sheet', { sessionId: s.id });
    expect(sheet.lines.find((l) => l.productCode === 'P001')).toMatchObject({ myQty: 2 });

    await call(core, c.keeper, 'counts.finishCounting', { sessionId: s.id });
    const r = await call(core, c.op, 'counts.reconcile', { sessionId: s.id });
    expect(r.lines.find((l) => l.productId === c.product('P001').id)).toMatchObject({
      countedQty: 2,
      varianceQty: -98,
    });
    // The count is over: further scans are refused with the reason, and logged.
    expect(await scan(p1Unit)).toMatchObject({ outcome: 'rejected', reason: 'counts.wrongState' });
  });

  it('refuses scans from someone who is not a counter of any count in progress', async () => {
    c = await countWarehouse();
    await startZoneCount(c, [c.ids.keeper]);
    await call(c.w.core, c.keeper2, 'station.setTask', { task: 'count' });
    const s = await call(c.w.core, c.keeper2, 'scanner.submit', { raw: 'A-01', source: 'manual' });
    expect(s).toMatchObject({ outcome: 'rejected', reason: 'scan.noCountSession' });
  });
});
