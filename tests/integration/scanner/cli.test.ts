// `cangwu scanner listen` and `cangwu scanner simulate` talking to each other
// through a socat pair: what the simulator plays, listen prints decoded, one
// JSON line a frame; Ctrl+C (an abort here) stops both cleanly.
import fs from 'node:fs';
import path from 'node:path';
import { SerialPort } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import { runScannerCommand } from '../../../electron/cli/scanner';
import { createPtyPair, tempDir } from './harness';
import type { PtyPair } from '../../helpers/socat';

const pairs: PtyPair[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const p of pairs.splice(0)) await p.stop();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function sink() {
  let text = '';
  return {
    write: (s: string) => (text += s),
    get text() {
      return text;
    },
  };
}

async function until(what: string, probe: () => boolean, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('cangwu scanner listen / simulate', () => {
  it('listen --json prints each frame simulate plays, decoded, as one JSON line', async () => {
    const dir = tempDir('cli');
    dirs.push(dir);
    const pair = await createPtyPair(path.join(dir, 'pty'));
    pairs.push(pair);
    const script = path.join(dir, 'scans.txt');
    fs.writeFileSync(script, '# a receipt\n]C10106901234567892<GS>10LOT-7\n30\tBIN-A-01-02\n30\t\\x00\\xFF\n');

    const out = sink();
    const err = sink();
    const stop = new AbortController();
    const listening = runScannerCommand(
      'listen',
      [],
      { port: pair.device, baud: '115200', json: true },
      {
        stdout: out,
        stderr: err,
        signal: stop.signal,
      },
    );
    await until('listen to connect', () => err.text.includes('connected'));

    const simErr = sink();
    const code = await runScannerCommand(
      'simulate',
      ['6901234567892'],
      { port: pair.host, baud: '115200', file: script, rate: '50/s' },
      { stdout: sink(), stderr: simErr },
    );
    expect(code).toBe(0);
    expect(simErr.text).toContain('sent 4 of 4 scans');
    await until('4 JSON lines', () => out.text.split('\n').filter(Boolean).length >= 4);
    stop.abort();
    expect(await listening).toBe(0);

    const lines = out.text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.raw, l.fault, l.decoded?.kind ?? null])).toEqual([
      [']C10106901234567892<GS>10LOT-7', null, 'gs1'],
      ['BIN-A-01-02', null, 'text'],
      ['\\x00\\xFF', 'frame.binary', null],
      ['6901234567892', null, 'gtin'],
    ]);
    expect(lines[0].decoded.summary).toBe('(01)06901234567892 (10)LOT-7');
  });

  it('simulate stops cleanly when aborted (Ctrl+C) and says how many scans went out', async () => {
    const dir = tempDir('cli');
    dirs.push(dir);
    const pair = await createPtyPair(path.join(dir, 'pty'));
    pairs.push(pair);
    // The device end, read as the bridge would: abort once the first scan is through.
    const reader = new SerialPort({ path: pair.device, baudRate: 9600 });
    let received = '';
    reader.on('data', (d: Buffer) => (received += d.toString()));
    await new Promise((resolve) => reader.once('open', resolve));
    const stop = new AbortController();
    const out = sink();
    const running = runScannerCommand(
      'simulate',
      Array.from({ length: 100 }, (_, i) => `CODE-${i}`),
      { port: pair.host, rate: '20/s', json: true },
      { stdout: out, stderr: sink(), signal: stop.signal },
    );
    await until('the first scan', () => received.includes('CODE-0\r'));
    stop.abort();
    expect(await running).toBe(0);
    const report = JSON.parse(out.text);
    expect(report.stopped).toBe(true);
    expect(report.sent).toBeGreaterThan(0);
    expect(report.sent).toBeLessThan(100);
    await new Promise((resolve) => reader.close(resolve));
  });

  it('list prints the ports as JSON; bad flags are usage errors (exit 2), a missing port exit 1', async () => {
    const out = sink();
    expect(await runScannerCommand('list', [], { json: true }, { stdout: out, stderr: sink() })).toBe(0);
    expect(Array.isArray(JSON.parse(out.text))).toBe(true);
    const err = sink();
    expect(await runScannerCommand('simulate', ['X'], {}, { stdout: sink(), stderr: err })).toBe(2);
    expect(
      await runScannerCommand('listen', [], { port: '/dev/x', terminator: 'ETX' }, { stdout: sink(), stderr: err }),
    ).toBe(2);
    expect(
      await runScannerCommand('simulate', ['X'], { port: '/nonexistent/tty' }, { stdout: sink(), stderr: err }),
    ).toBe(1);
    expect(err.text).toContain('cangwu: ');
  });
});
