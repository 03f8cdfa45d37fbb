// One writer host per data folder: a second host is refused naming the first,
// restore is refused while a host runs, read commands keep working beside it,
// and a host killed with kill -9 leaves no stale lock.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimDataDir, dataDirHolder } from '../../../electron/core/dataDirLock';
import { openDatabase } from '../../../electron/core/db/open';
import { tempDataDir } from '../fixtures';
import { buildCli, type Cli } from './cliProcess';

let cli: Cli;
const made: string[] = [];
const dir = (label: string) => {
  const d = tempDataDir(`cangwu-${label}`);
  made.push(d);
  return d;
};
beforeAll(async () => {
  cli = await buildCli('durable-lock');
});
afterAll(() => {
  cli.remove();
  made.forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
});

describe('the data folder lock', () => {
  it('refuses a second cangwu serve naming the first, refuses restore while it runs, keeps check/export/backup working, and frees the folder when the host is killed -9', async () => {
    const d = dir('lock');
    const backup = path.join(dir('lock-backup'), 'b.db');
    expect((await cli.run('init', '--data-dir', d)).code).toBe(0);
    expect((await cli.run('backup', '--to', backup, '--data-dir', d)).code).toBe(0);

    const first = await cli.serve(d);
    const second = await cli.run('serve', '--port', '0', '--data-dir', d);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain('dataDir.inUse');
    expect(second.stderr).toContain(`pid ${first.pid}`);
    expect(second.stderr).toContain('cangwu serve');
    expect(second.stderr).not.toMatch(/\n\s+at /);
    // The refused one's exit did not free the folder: the first still holds it.
    const restore = await cli.run('restore', '--from', backup, '--data-dir', d);
    expect(restore.code).toBe(1);
    expect(restore.stderr).toContain('dataDir.inUse');
    expect(restore.stderr).toContain(`pid ${first.pid}`);

    // Reading commands work beside the running host.
    expect((await cli.run('check', '--data-dir', d)).code).toBe(0);
    // (export asks for a user on a folder without one: refused for that, not for the lock)
    const exported = await cli.run('export', 'balances', '--data-dir', d);
    expect(exported.stderr).toContain('setup.notInitialized');
    expect((await cli.run('backup', '--to', `${backup}.2`, '--data-dir', d)).code).toBe(0);

    await first.stop(); // kill -9: no clean-up ran
    expect(fs.existsSync(path.join(d, 'cangwu.lock.json'))).toBe(true); // the stale note
    expect(dataDirHolder(d)).toBeNull(); // but the OS released the lock
    const after = await cli.run('restore', '--from', backup, '--data-dir', d);
    expect(after.stderr).toBe('');
    expect(after.code).toBe(0);
  });

  it('in one process: a second claim is refused with the holder, and the folder is free again after release', () => {
    const d = dir('lock-inproc');
    openDatabase(d).sqlite.close();
    const release = claimDataDir(d, 'first host');
    try {
      expect(() => claimDataDir(d, 'second host')).toThrow(
        expect.objectContaining({
          code: 'dataDir.inUse',
          details: expect.objectContaining({ pid: process.pid, command: 'first host' }),
        }),
      );
      expect(dataDirHolder(d)).toMatchObject({ pid: process.pid, command: 'first host' });
    } finally {
      release();
    }
    expect(dataDirHolder(d)).toBeNull();
    claimDataDir(d, 'again')();
  });
});
