// Unplugging and replugging a scanner (issue 4, "Faults"): the status goes to
// disconnected and back to connected by itself within 3 s of the device coming
// back, no scan is lost or doubled, and a scan cut by the unplug is reported,
// never taken for a whole one.
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { createPtyPair, makeRig, openHost, scannerConfig, type Rig } from './harness';
import type { PtyPair } from '../../helpers/socat';

let rig: Rig | null = null;
const pairs: PtyPair[] = [];
afterEach(async () => {
  await rig?.close();
  rig = null;
  for (const p of pairs.splice(0)) await p.stop();
});

const codes = (from: number, n: number) =>
  Array.from({ length: n }, (_, i) => `ITEM-${String(from + i).padStart(5, '0')}`);

describe('serial scanner unplug and replug', () => {
  it('reports disconnected, reconnects within 3 s of replug, and loses or doubles nothing', async () => {
    const r = (rig = makeRig());
    const pair = await createPtyPair(path.join(r.dir, 'pty'));
    pairs.push(pair);
    r.bridge.configure([scannerConfig({ port: pair.device })]);
    await r.waitForState(1, 'connected');

    const reconnectMs: number[] = [];
    let sent: string[] = [];
    for (let round = 0; round < 3; round++) {
      const host = await openHost(pair);
      const batch = codes(round * 100, 50);
      await host.write(batch.map((c) => `${c}\r`).join(''));
      sent = [...sent, ...batch];
      await r.waitFor(`${sent.length} frames`, () => r.frames.length >= sent.length);

      const statusesBefore = r.statuses.length;
      await pair.stop(); // unplug
      await r.waitForState(1, 'disconnected', 2000);
      await new Promise((resolve) => setTimeout(resolve, 400 * round)); // unplugged for a while: several retries
      await pair.restart(); // replug, same link names
      const back = performance.now();
      await r.waitForState(1, 'connected', 3000);
      reconnectMs.push(performance.now() - back);
      expect(r.statuses.slice(statusesBefore).map((s) => [s.state, s.detail])).toEqual([
        ['disconnected', 'unplugged'],
        ['connected', null],
      ]);
      await host.close();
    }

    // Scans written after the replug all arrive.
    const host = await openHost(pair);
    const after = codes(900, 50);
    await host.write(after.map((c) => `${c}\r`).join(''));
    sent = [...sent, ...after];
    await r.waitFor(`${sent.length} frames`, () => r.frames.length >= sent.length);
    await new Promise((resolve) => setTimeout(resolve, 100)); // anything doubled would show up by now
    expect(r.texts()).toEqual(sent);
    expect(reconnectMs.every((ms) => ms < 3000)).toBe(true);
    console.log(`reconnect after replug: ${reconnectMs.map((ms) => ms.toFixed(0)).join(', ')} ms`);
    await host.close();
  });

  it('a frame cut by the unplug is dropped, reported as frame.partialAtClose and logged; the next scan goes through', async () => {
    const r = (rig = makeRig());
    const pair = await createPtyPair(path.join(r.dir, 'pty'));
    pairs.push(pair);
    r.bridge.configure([scannerConfig({ port: pair.device })]);
    await r.waitForState(1, 'connected');
    let host = await openHost(pair);
    await host.write('WHOLE-1\rPARTIAL-69012');
    await r.waitFor(
      'the partial bytes to be read',
      () => r.raws.reduce((n, raw) => n + raw.hex.split(' ').length, 0) >= 21,
    );
    await pair.stop();
    await r.waitForState(1, 'disconnected');
    expect(r.frames.map((f) => [f.fault, f.bytes.toString()])).toEqual([
      [null, 'WHOLE-1'],
      ['frame.partialAtClose', 'PARTIAL-69012'],
    ]);
    expect(r.logs.some((l) => /partial frame dropped/.test(l.message))).toBe(true);

    await pair.restart();
    await r.waitForState(1, 'connected', 3000);
    host = await openHost(pair);
    await host.write('WHOLE-2\r');
    await r.waitFor('3 frames', () => r.frames.length >= 3);
    expect(r.texts().at(-1)).toBe('WHOLE-2');
    await host.close();
  });

  it('notices a device path that now leads to another device even when the old port raises no event', async () => {
    const r = (rig = makeRig());
    const first = await createPtyPair(path.join(r.dir, 'a'));
    const second = await createPtyPair(path.join(r.dir, 'b'));
    pairs.push(first, second);
    // The configured path is a link we control: swap it and nothing happens to the open port itself.
    const link = path.join(r.dir, 'ttyUSB0');
    fs.symlinkSync(fs.realpathSync(first.device), link);
    r.bridge.configure([scannerConfig({ port: link })]);
    await r.waitForState(1, 'connected');

    fs.symlinkSync(fs.realpathSync(second.device), `${link}.new`);
    fs.renameSync(`${link}.new`, link);
    await r.waitForState(1, 'disconnected', 2000);
    await r.waitForState(1, 'connected', 3000);
    const host = await openHost(second);
    await host.write('FROM-B\r');
    await r.waitFor('1 frame', () => r.frames.length >= 1);
    expect(r.texts()).toEqual(['FROM-B']);
    await host.close();
  });

  it('a scanner configured before its device exists connects when it appears', async () => {
    const r = (rig = makeRig());
    const dir = path.join(r.dir, 'late');
    r.bridge.configure([scannerConfig({ port: path.join(dir, 'dev') })]);
    const missing = await r.waitForState(1, 'disconnected');
    expect(missing.detail).toBe('ENOENT');
    await new Promise((resolve) => setTimeout(resolve, 600)); // several missed looks, as after a long unplug
    const pair = await createPtyPair(dir);
    pairs.push(pair);
    const appeared = performance.now();
    await r.waitForState(1, 'connected', 3000);
    expect(performance.now() - appeared).toBeLessThan(3000);
    const host = await openHost(pair);
    await host.write('LATE-1\r');
    await r.waitFor('1 frame', () => r.frames.length >= 1);
    expect(r.texts()).toEqual(['LATE-1']);
    await host.close();
  });
});
