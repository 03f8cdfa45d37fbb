// A burst of 1,000 scans at 115200 baud (issue 4, "Tests"): every scan arrives
// exactly once and in order, whether it comes back to back at wire speed from
// the simulator or all in one write.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { simulateScans } from '../../../electron/core/scanner/serial/simulator';
import { wireTimeMs } from '../../../electron/core/scanner/serial/wire';
import { createPtyPair, makeRig, openHost, scannerConfig, type Rig } from './harness';
import type { PtyPair } from '../../helpers/socat';

let rig: Rig | null = null;
const pairs: PtyPair[] = [];
afterEach(async () => {
  await rig?.close();
  rig = null;
  for (const p of pairs.splice(0)) await p.stop();
});

// GS1-128 scans with a running serial, so order and uniqueness are visible.
const codes = Array.from({ length: 1000 }, (_, i) => `]C10106901234567892<GS>21SN${String(i).padStart(6, '0')}`);
const expected = codes.map((c) => c.replace('<GS>', '\x1d'));

async function connected() {
  const r = (rig = makeRig({ onRaw: undefined }));
  const pair = await createPtyPair(path.join(r.dir, 'pty'));
  pairs.push(pair);
  r.bridge.configure([scannerConfig({ port: pair.device, baudRate: 115200 })]);
  await r.waitForState(1, 'connected');
  return { r, pair };
}

const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

describe('serial scanner burst', () => {
  it('1,000 scans back to back at 115200 baud all arrive once, in order', async () => {
    const { r, pair } = await connected();
    const sentAt: number[] = [];
    const started = performance.now();
    const { sent } = await simulateScans({
      path: pair.host,
      baudRate: 115200,
      scans: codes.map((code) => ({ delayMs: null, code })),
      rate: 'wire',
      terminator: 'CR',
      onSent: (i, at) => (sentAt[i] = at),
    });
    const writing = performance.now() - started;
    expect(sent).toBe(1000);
    await r.waitFor('1,000 frames', () => r.frames.length >= 1000, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(r.frames.filter((f) => f.fault !== null)).toEqual([]);
    expect(r.texts()).toEqual(expected);
    const floor = wireTimeMs(Buffer.byteLength(`${expected[0]}\r`), 115200) * 1000;
    const latency = r.frames.map((f, i) => f.lastByteAt - sentAt[i]!);
    console.log(
      `burst: 1000 scans written in ${writing.toFixed(0)} ms (wire floor ${floor.toFixed(0)} ms); ` +
        `write→read p50 ${percentile(latency, 0.5).toFixed(2)} ms, p99 ${percentile(latency, 0.99).toFixed(2)} ms`,
    );
    expect(writing).toBeGreaterThanOrEqual(floor * 0.95); // really paced at the baud rate, not dumped
  });

  it('1,000 scans in a single write all arrive once, in order', async () => {
    const { r, pair } = await connected();
    const host = await openHost(pair);
    await host.write(Buffer.from(expected.map((c) => `${c}\r`).join(''), 'latin1'));
    await r.waitFor('1,000 frames', () => r.frames.length >= 1000, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(r.texts()).toEqual(expected);
    await host.close();
  });
});
