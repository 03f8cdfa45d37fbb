// Whose scans a station's serial scanner makes: the person who chose the
// station's task, not whoever last asked the core anything from that station.
// On the station host every browser shares the host's station name, so a keeper
// counting at the scanner and an operator browsing elsewhere are one station.
// A real serial scanner here: a socat pty pair, the core's own bridge.
import { afterEach, describe, expect, it } from 'vitest';
import type { EventMessage, StationState } from '../../../shared/contract';
import type { Caller } from '../../../electron/core/context';
import type { Core } from '../../../electron/core/core';
import { call, openTestCore, password, refusal } from '../fixtures';
import { countWarehouse, enter, startZoneCount, type CountWarehouse } from '../counts/countFixtures';
import { askCore, plugSerialScanner, until, type SerialScanner } from '../../helpers/serialScanner';
import { tempDir } from '../../helpers/tempDirs';

// Fixture barcodes: P001 unit 6901234567892; P002 unit 6902234567899.
const p1Unit = '6901234567892';
const p2Unit = '6902234567899';

let c: CountWarehouse | null = null;
let scanner: SerialScanner | null = null;
afterEach(async () => {
  await c?.w.core.close();
  c = null;
  await scanner?.close();
  scanner = null;
});

/** A window logged in as `username` on a core (a browser on the station host). */
async function logIn(core: Core, username: string): Promise<Caller> {
  const caller = core.newCaller(`${username}-browser`);
  await call(core, caller, 'auth.login', { username, secret: password });
  return caller;
}

/** The same data folder opened again with the station's serial scanners, as the station host does. */
async function reopenWithScanners(cw: CountWarehouse): Promise<Core> {
  await cw.w.core.close();
  const core = await openTestCore({ dataDir: cw.w.core.dataDir, serial: true });
  cw.w = { ...cw.w, core };
  return core;
}

/** Waits for the station's serial scanner to be open (after a restart: the new core's bridge). */
function connected(core: Core, who: Caller) {
  return until('the scanner to connect', async () =>
    (await call(core, who, 'scanner.list', {})).status.some((s) => s.state === 'connected'),
  );
}

/** Plays frames on the scanner's cable; the scan log's newest rows once it holds `total`. */
async function scanSerial(core: Core, who: Caller, frames: string[], total: number) {
  await scanner!.cable.scanAll(frames);
  await until(
    `${total} scans`,
    async () => (await call(core, who, 'scans.list', { offset: 0, limit: 1 })).total >= total,
  );
  return (await call(core, who, 'scans.list', { offset: 0, limit: 100 })).rows;
}

function myQty(sheet: { lines: { productCode: string; locationCode: string; myQty: number | null }[] }, code: string) {
  return sheet.lines.find((l) => l.productCode === code && l.locationCode === 'A-01')?.myQty;
}

describe('the owner of a station’s task', () => {
  it('gets the serial scans: the keeper who chose the count, not the operator browsing meanwhile, even after a restart', async () => {
    c = await countWarehouse();
    const s = await startZoneCount(c, [c.ids.keeper]);
    let core = await reopenWithScanners(c);
    const admin = await logIn(core, 'admin');
    let keeper = await logIn(core, 'u-warehousekeeper');
    let operator = await logIn(core, 'u-operator');
    scanner = await plugSerialScanner(askCore(core, admin), {
      dir: tempDir('owner'),
      station: 'test-station',
      name: 'Count gun',
    });

    // Nobody has chosen a task: a serial scan (a lookup) is no one's, though the operator just asked something.
    await call(core, operator, 'stock.balances', {});
    let scans = await scanSerial(core, operator, [p2Unit], 1);
    expect(scans[0]).toMatchObject({ sourceKind: 'serial', task: 'lookup', outcome: 'accepted', userName: '' });

    await call(core, keeper, 'counts.countAtStation', { sessionId: s.id });
    // The operator works in another browser of the same station host, after the keeper.
    await call(core, operator, 'stock.balances', {});
    await call(core, operator, 'counts.get', { sessionId: s.id });
    await call(core, operator, 'station.state', {});
    scans = await scanSerial(core, operator, ['A-01', p1Unit, p1Unit], 4);
    expect(scans.slice(0, 3).map((r) => [r.outcome, r.userName])).toEqual([
      ['accepted', 'warehouseKeeper'],
      ['accepted', 'warehouseKeeper'],
      ['accepted', 'warehouseKeeper'],
    ]);
    expect(myQty(await call(core, keeper, 'counts.sheet', { sessionId: s.id }), 'P001')).toBe(2);
    const seen = await call(core, operator, 'station.state', {});
    expect(seen.task).toMatchObject({ kind: 'count', session: { sessionId: s.id }, location: { code: 'A-01' } });

    // A restart (the station host started again on the same data): the keeper's, still, with the bin kept.
    core = await reopenWithScanners(c);
    operator = await logIn(core, 'u-operator');
    await call(core, operator, 'stock.balances', {});
    await connected(core, operator);
    scans = await scanSerial(core, operator, [p1Unit], 5);
    expect(scans[0]).toMatchObject({ outcome: 'accepted', userName: 'warehouseKeeper' });
    keeper = await logIn(core, 'u-warehousekeeper');
    expect(myQty(await call(core, keeper, 'counts.sheet', { sessionId: s.id }), 'P001')).toBe(3);
  });
});

describe('choosing the count at a station', () => {
  it('shows the session and the counter’s progress at once, in the reply and in the event to every window', async () => {
    c = await countWarehouse();
    const { core } = c.w;
    const s = await startZoneCount(c, [c.ids.keeper]);
    await enter(c, c.keeper, s.id, 'P001', 'A-01', 10);
    const events: StationState[] = [];
    const stop = core.subscribe((m: EventMessage) => m.name === 'station.changed' && events.push(m.payload));
    const reply = await call(core, c.keeper, 'counts.countAtStation', { sessionId: s.id });
    stop();
    const shown = { kind: 'count', session: { sessionId: s.id, number: s.number }, location: null, linesCounted: 1 };
    expect(reply.task).toMatchObject(shown);
    expect(events.at(-1)?.task).toMatchObject(shown);
    expect((await call(core, c.op, 'station.state', {})).task).toMatchObject(shown);
  });

  it('on the station screen finds the keeper’s only count, before any scan', async () => {
    c = await countWarehouse();
    const s = await startZoneCount(c, [c.ids.keeper]);
    const state = await call(c.w.core, c.keeper, 'station.setTask', { task: 'count' });
    expect(state.task).toMatchObject({ kind: 'count', session: { sessionId: s.id, number: s.number } });
  });
});

describe('a wedge scan at a station counting for someone else', () => {
  it('is the scanning user’s, refused, and leaves the counter’s bin and count alone until they choose the count', async () => {
    c = await countWarehouse();
    const { core } = c.w;
    const s = await startZoneCount(c, [c.ids.keeper, c.ids.keeper2]);
    const wedge = (who: Caller, raw: string) =>
      call(core, who, 'scanner.submit', { raw, source: 'wedge', sourceName: 'Browser' });
    await call(core, c.keeper, 'counts.countAtStation', { sessionId: s.id });
    await wedge(c.keeper, 'A-01');
    await wedge(c.keeper, p1Unit);

    expect(await wedge(c.keeper2, p1Unit)).toMatchObject({
      outcome: 'rejected',
      reason: 'scan.notTaskOwner',
      userName: 'keeper2',
    });
    // Not even a command: "undo" would take back the counter's scan — scanned or pressed on the screen.
    expect(await wedge(c.keeper2, 'CMD:UNDO')).toMatchObject({ outcome: 'rejected', reason: 'scan.notTaskOwner' });
    expect((await refusal(core, c.keeper2, 'station.undoLastScan', {})).code).toBe('scan.notTaskOwner');
    expect((await call(core, c.op, 'station.state', {})).owner).toMatchObject({
      displayName: c.keeper.session?.displayName,
    });
    expect((await call(core, c.op, 'station.state', {})).task).toMatchObject({
      location: { code: 'A-01' },
      binUnits: 1,
    });
    expect(myQty(await call(core, c.keeper, 'counts.sheet', { sessionId: s.id }), 'P001')).toBe(1);
    expect(myQty(await call(core, c.keeper2, 'counts.sheet', { sessionId: s.id }), 'P001') ?? null).toBeNull();

    // Choosing the count takes the station over, with a bin of their own to scan first.
    const state = await call(core, c.keeper2, 'counts.countAtStation', { sessionId: s.id });
    expect(state.task).toMatchObject({ session: { sessionId: s.id }, location: null, linesCounted: 0 });
    expect(await wedge(c.keeper, p1Unit)).toMatchObject({ outcome: 'rejected', reason: 'scan.notTaskOwner' });
    await wedge(c.keeper2, 'A-01');
    expect(await wedge(c.keeper2, p1Unit)).toMatchObject({ outcome: 'accepted', userName: 'keeper2' });
    expect(myQty(await call(core, c.keeper2, 'counts.sheet', { sessionId: s.id }), 'P001')).toBe(1);
  });

  it('at a receiving or lookup station is simply the scanning user’s', async () => {
    c = await countWarehouse();
    const { core } = c.w;
    await call(core, c.keeper, 'station.setTask', { task: 'receipt' });
    await call(core, c.keeper2, 'scanner.submit', { raw: 'A-01', source: 'wedge' });
    const scan = await call(core, c.keeper2, 'scanner.submit', { raw: p1Unit, source: 'wedge' });
    expect(scan).toMatchObject({ outcome: 'accepted', userName: 'keeper2' });
    expect((await call(core, c.keeper, 'station.state', {})).task).toMatchObject({ lines: [{ qty: 1 }] });
  });

  it('is nobody’s once the owner logs out: the next person at the scanner chooses the task first', async () => {
    c = await countWarehouse();
    const { core } = c.w;
    const s = await startZoneCount(c, [c.ids.keeper, c.ids.keeper2]);
    await call(core, c.keeper, 'counts.countAtStation', { sessionId: s.id });
    expect((await call(core, c.op, 'station.state', {})).owner?.userId).toBe(c.keeper.session?.userId);
    const events: EventMessage[] = [];
    const off = core.subscribe((e) => events.push(e));
    await call(core, c.keeper, 'auth.logout', {});
    off();
    const after = await call(core, c.op, 'station.state', {});
    expect(after.owner).toBeNull();
    // The task and its session stay; only whose the serial scans are is forgotten.
    expect(after.task).toMatchObject({ kind: 'count', session: { sessionId: s.id } });
    expect(events.some((e) => e.name === 'station.changed' && (e.payload as StationState).owner === null)).toBe(true);
    // Another user's logout leaves the owner alone.
    await call(core, c.keeper2, 'counts.countAtStation', { sessionId: s.id });
    await call(core, c.op, 'auth.logout', {});
    expect((await call(core, c.keeper2, 'station.state', {})).owner?.userId).toBe(c.keeper2.session?.userId);
  });
});
