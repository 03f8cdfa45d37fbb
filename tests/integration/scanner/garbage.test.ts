// Garbage on the line never stops the scanner: binary bytes and over-long
// frames each become one rejected frame with its reason, frames split across
// reads or packed into one read come out whole, and the next good scan goes
// through (issue 4, "Faults").
import crypto from 'node:crypto';
import path from 'node:path';
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

async function connected(maxFrameBytes?: number) {
  const r = (rig = makeRig(maxFrameBytes ? { maxFrameBytes } : {}));
  const pair = await createPtyPair(path.join(r.dir, 'pty'));
  pairs.push(pair);
  r.bridge.configure([scannerConfig({ port: pair.device })]);
  await r.waitForState(1, 'connected');
  return { r, host: await openHost(pair) };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('serial scanner garbage and split frames', () => {
  it('binary bytes become one frame.binary fault and the next scan goes through', async () => {
    const { r, host } = await connected();
    await host.write(Buffer.from([0x00, 0xff, 0xfe, 0x07, 0x41, 0x0d]));
    await host.write('GOOD-1\r');
    await r.waitFor('2 frames', () => r.frames.length >= 2);
    expect(r.frames.map((f) => [f.fault, f.bytes.toString('hex')])).toEqual([
      ['frame.binary', '00fffe0741'],
      [null, Buffer.from('GOOD-1').toString('hex')],
    ]);
    await host.close();
  });

  it('an over-long frame is one frame.tooLong fault; its tail is not taken for a scan', async () => {
    const { r, host } = await connected(64);
    await host.write(`${'X'.repeat(200)}\rGOOD-2\r`);
    await r.waitFor('2 frames', () => r.frames.length >= 2);
    await sleep(30);
    expect(r.frames.map((f) => [f.fault, f.bytes.length])).toEqual([
      ['frame.tooLong', 64],
      [null, 6],
    ]);
    expect(r.texts().at(-1)).toBe('GOOD-2');
    await host.close();
  });

  it('a scan dribbled a byte at a time, and scans packed into one read, come out whole', async () => {
    const { r, host } = await connected();
    for (const ch of 'SPLIT-123\r') {
      await host.write(ch);
      await sleep(2);
    }
    await host.write('PACK-1\rPACK-2\rPACK-3\rHALF-');
    await sleep(20);
    await host.write('DONE\r');
    await r.waitFor('5 frames', () => r.frames.length >= 5);
    expect(r.raws.length).toBeGreaterThan(5); // the reads really were split
    expect(r.texts()).toEqual(['SPLIT-123', 'PACK-1', 'PACK-2', 'PACK-3', 'HALF-DONE']);
    await host.close();
  });

  it('256 KB of random noise does not stop the scanner: still connected, and the next scan arrives', async () => {
    const { r, host } = await connected();
    await host.write(crypto.randomBytes(256 * 1024));
    await host.write('\rAFTER-NOISE\r');
    await r.waitFor('the scan after the noise', () => r.texts().includes('AFTER-NOISE'), 10_000);
    expect(r.texts().at(-1)).toBe('AFTER-NOISE');
    expect(r.bridge.statuses()[0]!.state).toBe('connected');
    // Every frame of noise is a fault or a frame a decoder will reject; none crashed anything.
    expect(r.frames.filter((f) => f.fault !== null).length).toBeGreaterThan(0);
    await host.close();
  });
});
