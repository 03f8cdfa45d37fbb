// The bridge as the scan pipeline drives it: configure, reconfigure, disable,
// remove, scanners found by USB id, and the port list on a machine without udev.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SerialPortInfo } from '../../../shared/contract/scanning';
import { listSerialPorts } from '../../../electron/core/scanner/serial/bridge';
import { createPtyPair, makeRig, openHost, scannerConfig, type Rig } from './harness';
import type { PtyPair } from '../../helpers/socat';

let rig: Rig | null = null;
const pairs: PtyPair[] = [];
afterEach(async () => {
  await rig?.close();
  rig = null;
  for (const p of pairs.splice(0)) await p.stop();
});

describe('scanner bridge', () => {
  it('a reconfigured scanner reopens its port with the new settings; an unchanged one keeps its connection', async () => {
    const r = (rig = makeRig());
    const a = await createPtyPair(path.join(r.dir, 'a'));
    const b = await createPtyPair(path.join(r.dir, 'b'));
    pairs.push(a, b);
    const dock1 = scannerConfig({ id: 1, port: a.device, terminator: 'CR' });
    const dock2 = scannerConfig({ id: 2, name: 'Dock 2', port: b.device });
    r.bridge.configure([dock1, dock2]);
    await r.waitForState(1, 'connected');
    const dock2Since = (await r.waitForState(2, 'connected')).since;

    r.bridge.configure([{ ...dock1, terminator: 'TAB' }, { ...dock2 }]);
    await r.waitForState(1, 'connected');
    const host = await openHost(a);
    await host.write('T1\tT2\t');
    await r.waitFor('2 frames', () => r.frames.length >= 2);
    expect(r.texts(1)).toEqual(['T1', 'T2']);
    expect(r.bridge.statuses().find((s) => s.scannerId === 2)!.since).toBe(dock2Since);
    await host.close();

    r.bridge.configure([{ ...dock1, terminator: 'TAB', enabled: false }]);
    await r.waitForState(1, 'disabled');
    expect(r.bridge.statuses().map((s) => s.scannerId)).toEqual([1]);
    r.bridge.configure([]);
    expect(r.bridge.statuses()).toEqual([]);
  });

  it('a scanner configured by USB id is found through the port list, and waits while it is not listed', async () => {
    let listed: SerialPortInfo[] = [];
    const r = (rig = makeRig({ listPorts: async () => listed, timing: { usbPollMs: 100 } }));
    const pair = await createPtyPair(path.join(r.dir, 'pty'));
    pairs.push(pair);
    r.bridge.configure([scannerConfig({ port: null, usbVendorId: '05E0', usbProductId: '1200' })]);
    expect((await r.waitForState(1, 'disconnected')).detail).toBe('usbIdNotFound');
    listed = [
      {
        path: pair.device,
        manufacturer: 'Zebra',
        serialNumber: null,
        vendorId: '05e0',
        productId: '1200',
        found: 'enumerated',
      },
    ];
    expect((await r.waitForState(1, 'connected', 3000)).port).toBe(pair.device);
    const host = await openHost(pair);
    await host.write('BY-USB-ID\r');
    await r.waitFor('1 frame', () => r.frames.length >= 1);
    expect(r.texts()).toEqual(['BY-USB-ID']);
    await host.close();
  });

  it('lists ports without throwing, whether or not udev can enumerate them here', async () => {
    const ports = await listSerialPorts();
    for (const p of ports) {
      expect(p.path).toMatch(/^\//);
      expect(['enumerated', 'fallback']).toContain(p.found);
    }
  });

  it('close() releases every port: another reader can open it straight away', async () => {
    const r = (rig = makeRig());
    const pair = await createPtyPair(path.join(r.dir, 'pty'));
    pairs.push(pair);
    r.bridge.configure([scannerConfig({ port: pair.device })]);
    await r.waitForState(1, 'connected');
    await r.bridge.close();
    const again = makeRig();
    again.bridge.configure([scannerConfig({ port: pair.device })]);
    await again.waitForState(1, 'connected', 1000);
    await again.close();
  });
});
