// A backup never destroys what it replaces: not the live database (refused,
// whatever path names it), not the previous backup (a new one is written
// beside it, verified, then renamed over it; a failure leaves it untouched).
import Database from 'better-sqlite3';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, openWarehouse, receive, tempDataDir, type Warehouse } from '../fixtures';
import { buildCli, type Cli } from './cliProcess';
import { mountSmallDisk } from './smallDisk';

let cli: Cli;
let w: Warehouse;
const made: string[] = [];
const dir = (label: string) => {
  const d = tempDataDir(`cangwu-${label}`);
  made.push(d);
  return d;
};
const disk = mountSmallDisk(6 * 1024 * 1024);
const hash = (f: string) => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex');
const receiptsIn = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM receipts').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

beforeAll(async () => {
  cli = await buildCli('durable-backup');
  w = await openWarehouse({ dataDir: dir('backup-live') });
});
afterAll(async () => {
  await w.core.close();
  cli.remove();
  disk?.remove();
  made.forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
});

describe('backup', () => {
  it('refuses to write over the live database or any of its files while the host posts, and loses no receipt', async () => {
    const keeper = await w.as('warehouseKeeper');
    const d = w.core.dataDir;
    fs.symlinkSync(path.join(d, 'cangwu.db'), path.join(dir('backup-link'), 'link.db'));
    const targets = [
      path.join(d, 'cangwu.db'),
      path.join(d, '.', 'cangwu.db-wal'),
      path.join(d, 'cangwu.db-shm'),
      path.join(d, 'cangwu.lock'),
      d,
      path.join(made.at(-1)!, 'link.db'), // a link to the live database
    ];
    let posted = 0;
    for (const to of targets) {
      await receive(w, keeper, [{ product: 0, bin: 0, qty: 5 }]);
      posted++;
      const r = await cli.run('backup', '--to', to, '--data-dir', d);
      if (to === d) {
        // A folder is a wrong command line, refused before anything opens (cli/commands.ts).
        expect(r.code, to).toBe(2);
        expect(r.stderr, to).toMatch(/^cangwu: --to .* is a folder/);
      } else {
        expect(r.code, to).toBe(1);
        expect(r.stderr, to).toMatch(/^cangwu: backup\.targetIsLive: .*\n$/);
      }
      await receive(w, keeper, [{ product: 1, bin: 0, qty: 5 }]);
      posted++;
    }
    expect((await call(w.core, keeper, 'receipts.list', {})).length).toBe(posted);
    expect(receiptsIn(path.join(d, 'cangwu.db'))).toBe(posted);
  });

  it('replaces an existing backup only with a verified, complete copy', async () => {
    const keeper = await w.as('warehouseKeeper');
    const to = path.join(dir('backup-out'), 'daily.db');
    expect((await cli.run('backup', '--to', to, '--data-dir', w.core.dataDir)).code).toBe(0);
    const first = receiptsIn(to);
    await receive(w, keeper, [{ product: 2, bin: 0, qty: 1 }]);
    const r = await cli.run('backup', '--to', to, '--json', '--data-dir', w.core.dataDir);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ file: to, schemaVersion: expect.any(Number) });
    expect(receiptsIn(to)).toBe(first + 1);
    // One self-contained file, no temporary or WAL files left beside it.
    expect(fs.readdirSync(path.dirname(to))).toEqual(['daily.db']);
  });

  it.runIf(disk)(
    'a backup that fails on a full disk (real 6 MB tmpfs) leaves the previous backup untouched and says why in one line',
    async () => {
      const to = path.join(disk!.dir, 'weekly.db');
      expect((await cli.run('backup', '--to', to, '--data-dir', w.core.dataDir)).code).toBe(0);
      const before = hash(to);
      disk!.fill();
      try {
        const r = await cli.run('backup', '--to', to, '--data-dir', w.core.dataDir);
        expect(r.code).toBe(1);
        expect(r.stderr).toMatch(/^cangwu: backup\.failed: .*full.*\n$/);
        expect(hash(to)).toBe(before);
        expect(fs.readdirSync(disk!.dir).sort()).toEqual(['filler', 'weekly.db']);
      } finally {
        disk!.unfill();
      }
      expect(receiptsIn(to)).toBeGreaterThan(0);
    },
  );
});
