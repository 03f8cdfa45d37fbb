// The station's damage task (issue 13 §Damage 1): scan the bin, scan the goods
// (each scan +1 unit or +1 case by barcode level), Enter reports; goods before
// a bin and another product are refused and logged; nothing scanned reports nothing.
import { afterEach, describe, expect, it } from 'vitest';
import { call, newKey, openWarehouse, receive, refusal, type Warehouse } from '../fixtures';

let w: Warehouse;
afterEach(async () => w?.core.close());

// The fixture's P001: unit barcode and case barcode (24 units a case).
const p1Unit = '6901234567892';
const p1Case = '16901234567899';

describe('station damage task', () => {
  it('reports the scanned case and unit at the scanned bin, and starts over', async () => {
    w = await openWarehouse();
    const keeper = await w.as('warehouseKeeper');
    await receive(w, keeper, [{ product: 0, bin: 0, qty: 48 }]);
    await call(w.core, keeper, 'station.setTask', { task: 'damage' });
    const scan = (raw: string) => call(w.core, keeper, 'scanner.submit', { raw, source: 'wedge' });

    expect(await scan(p1Case)).toMatchObject({ outcome: 'rejected', reason: 'scan.scanLocationFirst' });
    expect(await scan(w.bins[0]!.code)).toMatchObject({ outcome: 'accepted' });
    expect(await scan(p1Case)).toMatchObject({ outcome: 'accepted' });
    expect(await scan(p1Unit)).toMatchObject({ outcome: 'accepted' });
    // Another product is another report.
    const other = await scan('6902234567899');
    expect(other).toMatchObject({ outcome: 'rejected', reason: 'damage.oneProduct' });
    const state = await call(w.core, keeper, 'station.state', {});
    expect(state.task).toMatchObject({ kind: 'damage', goods: { productCode: 'P001', qty: 25 } });

    const r = await call(w.core, keeper, 'damage.reportAtStation', {
      cause: 'crushed',
      suggestion: 'sellDamaged',
      idempotencyKey: newKey(),
    });
    expect(r).toMatchObject({ state: 'reported', qty: 25, locationCode: w.bins[0]!.code, whereFound: 'bin' });
    expect((await call(w.core, keeper, 'station.state', {})).task).toMatchObject({ location: null, goods: null });
    expect(
      (
        await refusal(w.core, keeper, 'damage.reportAtStation', {
          cause: 'wet',
          suggestion: 'scrap',
          idempotencyKey: newKey(),
        })
      ).code,
    ).toBe('damage.nothingScanned');
    expect(await call(w.core, keeper, 'damage.list', {})).toHaveLength(1);
  });
});
