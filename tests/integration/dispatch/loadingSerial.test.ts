// The load check with a real serial scanner (a socat pty pair, the core's own
// bridge): unplugged in the middle of loading a trip and plugged back, the
// station resumes where it was — every scan counted once, none lost, none
// doubled — because each scan's lines are stored with the station's task in
// the scan's transaction.
import { afterEach, describe, expect, it } from 'vitest';
import type { Caller } from '../../../electron/core/context';
import type { Core } from '../../../electron/core/core';
import { call, openTestCore, password } from '../fixtures';
import { askCore, plugSerialScanner, type SerialScanner } from '../../helpers/serialScanner';
import { tempDir } from '../../helpers/tempDirs';
import { loadingWarehouse, type LoadingWarehouse } from './loadingFixtures';

const p1Unit = '6901234567892';
const p1Case = '16901234567899';

let lw: LoadingWarehouse | null = null;
let core: Core | null = null;
let scanner: SerialScanner | null = null;
afterEach(async () => {
  await core?.close();
  core = null;
  lw = null;
  await scanner?.close();
  scanner = null;
});

async function logIn(c: Core, username: string): Promise<Caller> {
  const caller = c.newCaller(`${username}-browser`);
  await call(c, caller, 'auth.login', { username, secret: password });
  return caller;
}

describe('load check with a serial scanner', () => {
  it('unplugged during the load check and plugged back, resumes without losing or doubling a scan', async () => {
    lw = await loadingWarehouse();
    await lw.stockIn('P001', 'A-02', 200);
    const a = await lw.order({ lines: [{ productCode: 'P001', qty: 60 }] });
    const b = await lw.order({ customerCode: 'C002', lines: [{ productCode: 'P001', qty: 40 }] });
    await call(lw.w.core, lw.op, 'orders.release', { orderIds: [a.id, b.id] });
    const trip = await lw.onTrip([a.id, b.id]);
    await call(lw.w.core, lw.keeper, 'dispatch.startPicking', { tripIds: [trip.tripId] });
    const dataDir = lw.w.core.dataDir;
    await lw.w.core.close();

    // The station host: the same data with its serial scanners.
    core = await openTestCore({ dataDir, serial: true });
    const admin = await logIn(core, 'admin');
    const keeper = await logIn(core, 'u-warehousekeeper');
    scanner = await plugSerialScanner(askCore(core, admin), { dir: tempDir('load-serial'), station: 'test-station' });
    await call(core, keeper, 'station.setTask', { task: 'load' });

    // The trip barcode, then a case (24) and three units: 27 of 100.
    await scanner.scanAndWait([trip.number, p1Case, p1Unit, p1Unit, p1Unit], 5);
    let check = await call(core, keeper, 'dispatch.loadCheck', { tripId: trip.tripId });
    expect(check.totals.scanned).toBe(27);

    await scanner.unplug();
    await scanner.plug();

    // Resumes on the same trip: two more cases and 25 units make the 100 whole.
    const rest = [p1Case, p1Case, ...Array.from({ length: 25 }, () => p1Unit)];
    await scanner.scanAndWait(rest, 5 + rest.length);
    check = await call(core, keeper, 'dispatch.loadCheck', { tripId: trip.tripId });
    expect(check.totals).toMatchObject({ expected: 100, scanned: 100, missing: 0, complete: 2 });
    const scans = await call(core, keeper, 'scans.list', { offset: 0, limit: 100 });
    expect(scans.total).toBe(5 + rest.length);
    expect(scans.rows.every((s) => s.outcome === 'accepted' && s.task === 'load')).toBe(true);
    // One more unit now is an over-scan: nothing was doubled to hide it.
    await scanner.scanAndWait([p1Unit], 6 + rest.length);
    const last = (await call(core, keeper, 'scans.list', { offset: 0, limit: 1 })).rows[0]!;
    expect(last).toMatchObject({ outcome: 'rejected', reason: 'loading.overScan' });
  });
});
