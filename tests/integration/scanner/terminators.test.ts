// Each terminator a scanner can be set to, through a real pty pair: the scans
// come out whole, in order, without the terminator, prefix or suffix.
import { afterEach, describe, expect, it } from 'vitest';
import type { ScannerTerminator } from '../../../shared/contract/scanning';
import { createPtyPair, makeRig, openHost, scannerConfig, type Rig } from './harness';
import type { PtyPair } from '../../helpers/socat';

let rig: Rig | null = null;
const pairs: PtyPair[] = [];
afterEach(async () => {
  await rig?.close();
  rig = null;
  for (const p of pairs.splice(0)) await p.stop();
});

async function connectedRig(terminator: ScannerTerminator, over: { prefix?: string; suffix?: string } = {}) {
  rig = makeRig();
  const pair = await createPtyPair(`${rig.dir}/pty`);
  pairs.push(pair);
  rig.bridge.configure([scannerConfig({ port: pair.device, terminator, idleMs: 30, ...over })]);
  await rig.waitForState(1, 'connected');
  return { rig, host: await openHost(pair) };
}

const scans = ['6901234567892', ']C10106901234567892\x1d10LOT-7', 'BIN-A-01-02'];

describe('serial scanner terminators', () => {
  it.each<[ScannerTerminator, string]>([
    ['CR', '\r'],
    ['LF', '\n'],
    ['CRLF', '\r\n'],
    ['TAB', '\t'],
  ])('%s: each scan arrives once, without its terminator', async (terminator, end) => {
    const { rig, host } = await connectedRig(terminator);
    await host.write(scans.map((s) => s + end).join(''));
    await rig.waitFor('3 frames', () => rig.frames.length >= 3);
    expect(rig.texts()).toEqual(scans);
    expect(rig.frames.every((f) => f.fault === null && f.scannerId === 1)).toBe(true);
    await host.close();
  });

  it('idle: a scanner with no suffix is cut by a pause between scans', async () => {
    const { rig, host } = await connectedRig('idle');
    for (const s of scans) {
      await host.write(s);
      await new Promise((r) => setTimeout(r, 80)); // > idleMs 30
    }
    await rig.waitFor('3 frames', () => rig.frames.length >= 3);
    expect(rig.texts()).toEqual(scans);
    await host.close();
  });

  it('CR LF: a CR at the end of one read and its LF in the next make one terminator, no empty scan', async () => {
    const { rig, host } = await connectedRig('CRLF');
    await host.write('ABC123\r');
    await rig.waitFor('the CR to be read', () => rig.raws.length >= 1);
    await new Promise((r) => setTimeout(r, 20));
    await host.write('\nDEF456\r');
    await new Promise((r) => setTimeout(r, 20));
    await host.write('\n');
    await rig.waitFor('2 frames', () => rig.frames.length >= 2);
    await new Promise((r) => setTimeout(r, 50));
    expect(rig.texts()).toEqual(['ABC123', 'DEF456']);
    await host.close();
  });

  it('CR: a scanner that sends CR LF still gives one scan per code', async () => {
    const { rig, host } = await connectedRig('CR');
    await host.write('ABC123\r');
    await rig.waitFor('1 frame', () => rig.frames.length >= 1);
    await host.write('\nDEF456\r\n');
    await rig.waitFor('2 frames', () => rig.frames.length >= 2);
    await new Promise((r) => setTimeout(r, 50));
    expect(rig.texts()).toEqual(['ABC123', 'DEF456']);
    await host.close();
  });

  it('prefix and suffix are stripped when present', async () => {
    const { rig, host } = await connectedRig('CR', { prefix: '\x02', suffix: '\x03' });
    await host.write('\x02ABC\x03\r\x02DEF\x03\rGHI\r');
    await rig.waitFor('3 frames', () => rig.frames.length >= 3);
    expect(rig.texts()).toEqual(['ABC', 'DEF', 'GHI']);
    await host.close();
  });

  it('several named scanners on one bridge: each scan carries its own scanner', async () => {
    rig = makeRig();
    const a = await createPtyPair(`${rig.dir}/a`);
    const b = await createPtyPair(`${rig.dir}/b`);
    pairs.push(a, b);
    rig.bridge.configure([
      scannerConfig({ id: 1, name: 'Dock 1', port: a.device, terminator: 'CR' }),
      scannerConfig({ id: 2, name: 'Dock 2', port: b.device, terminator: 'LF' }),
    ]);
    await rig.waitForState(1, 'connected');
    await rig.waitForState(2, 'connected');
    const [ha, hb] = [await openHost(a), await openHost(b)];
    await Promise.all([ha.write('A1\rA2\r'), hb.write('B1\nB2\n')]);
    const r = rig;
    await r.waitFor('4 frames', () => r.frames.length >= 4);
    expect(r.texts(1)).toEqual(['A1', 'A2']);
    expect(r.texts(2)).toEqual(['B1', 'B2']);
    expect(r.bridge.statuses().map((s) => [s.name, s.state])).toEqual([
      ['Dock 1', 'connected'],
      ['Dock 2', 'connected'],
    ]);
    await ha.close();
    await hb.close();
  });
});
