// A serial cable in software: socat joins two pseudo-terminals, so whatever is
// written to `host` is read from `device` and back (GUIDE "Tests": serial ports
// from socat pty pairs, not a binding mock). The bridge opens `device`; a
// simulator writes to `host`. stop() is an unplug — socat exits, the device end
// reads EIO and both links vanish — and restart() plugs the same device back in
// under the same link names (new /dev/pts numbers behind them).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export type PtyPair = {
  /** The end the bridge opens, as a scanner's device node. */
  device: string;
  /** The end a simulator writes to. */
  host: string;
  /** Unplug: socat exits and removes both links. Idempotent. */
  stop(): Promise<void>;
  /** Replug: a new socat on the same link names. */
  restart(): Promise<void>;
};

const running = new Set<ChildProcess>();
// A test that throws before stop() must not leave socat processes behind.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export async function createPtyPair(dir: string): Promise<PtyPair> {
  fs.mkdirSync(dir, { recursive: true });
  const device = path.join(dir, 'dev');
  const host = path.join(dir, 'host');
  let child: ChildProcess | null = null;

  const start = async () => {
    const proc = spawn('socat', [`pty,raw,echo=0,link=${device}`, `pty,raw,echo=0,link=${host}`], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    running.add(proc);
    let stderr = '';
    proc.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    let exited = false;
    proc.once('exit', () => {
      exited = true;
      running.delete(proc);
    });
    const deadline = Date.now() + 5000;
    // socat makes each pty, then its link: both links resolving means both ends are ready.
    while (!(fs.existsSync(device) && fs.existsSync(host))) {
      if (exited) throw new Error(`socat exited before the pty pair was ready: ${stderr.trim()}`);
      if (Date.now() > deadline) {
        proc.kill('SIGKILL');
        throw new Error(`socat did not create ${device} and ${host} within 5 s: ${stderr.trim()}`);
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    child = proc;
  };

  const stop = async () => {
    const proc = child;
    child = null;
    if (proc && proc.exitCode === null && proc.signalCode === null) {
      const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 2000);
      await exited;
      clearTimeout(timer);
    }
    // socat removes its links on SIGTERM; after a SIGKILL they would dangle and block the next start.
    for (const link of [device, host]) fs.rmSync(link, { force: true });
  };

  await start();
  return {
    device,
    host,
    stop,
    restart: async () => {
      await stop();
      await start();
    },
  };
}
