// A running console (Electron or station host) marks its data folder, so a
// restore cannot pull the database from under it.
import fs from 'node:fs';
import path from 'node:path';

const lockName = 'cangwu.pid';

export function claimDataDir(dataDir: string): () => void {
  const file = path.join(dataDir, lockName);
  fs.writeFileSync(file, JSON.stringify({ pid: process.pid, since: new Date().toISOString() }));
  return () => {
    try {
      const held = JSON.parse(fs.readFileSync(file, 'utf8')) as { pid: number };
      if (held.pid === process.pid) fs.rmSync(file);
    } catch {
      // Already gone: nothing to release.
    }
  };
}

/** The pid of another live process using this folder, or null. */
export function dataDirHolder(dataDir: string): number | null {
  try {
    const { pid } = JSON.parse(fs.readFileSync(path.join(dataDir, lockName), 'utf8')) as { pid: number };
    if (pid === process.pid) return null;
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}
