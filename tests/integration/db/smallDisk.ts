// A real small file system for disk-full and read-only tests: a tmpfs of a
// given size (this machine runs the tests as root). Null when mounting is
// refused, so the test can say which way it ran.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type SmallDisk = {
  dir: string;
  fill(): string;
  unfill(): void;
  remount(mode: 'ro' | 'rw'): void;
  remove(): void;
};

export function mountSmallDisk(bytes: number): SmallDisk | null {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cangwu-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes}`, 'tmpfs', dir], { stdio: 'ignore' });
  } catch {
    fs.rmSync(dir, { recursive: true, force: true });
    return null;
  }
  const filler = path.join(dir, 'filler');
  return {
    dir,
    /** Takes every free byte, so the next write that needs a new block fails with ENOSPC. */
    fill() {
      const fd = fs.openSync(filler, 'a');
      const chunk = Buffer.alloc(4096, 1);
      try {
        for (;;) fs.writeSync(fd, chunk);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
      } finally {
        fs.closeSync(fd);
      }
      return filler;
    },
    unfill: () => fs.rmSync(filler, { force: true }),
    remount: (mode) => execFileSync('mount', ['-o', `remount,${mode}`, dir], { stdio: 'ignore' }),
    remove() {
      try {
        execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
