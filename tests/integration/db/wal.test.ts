// The WAL does not keep its largest size: journal_size_limit is set, and the
// checkpointer truncates a WAL that has grown past its threshold (it used to
// reach 1.6 GB under continuous posting, checkpointed but never truncated).
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { startCheckpointer, walGuard } from '../../../electron/core/db/checkpointer';
import { journalSizeLimitBytes, openDatabase } from '../../../electron/core/db/open';
import { tempDataDir } from '../fixtures';

const made: string[] = [];
afterAll(() => made.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('the WAL', () => {
  it('is cut back once it has grown past the threshold while the host keeps running', async () => {
    const dir = tempDataDir('cangwu-wal');
    made.push(dir);
    const { sqlite, file } = openDatabase(dir);
    expect(sqlite.pragma('journal_size_limit', { simple: true })).toBe(journalSizeLimitBytes);
    const checkpointer = startCheckpointer(sqlite, file, { intervalMs: 20, truncateAboveBytes: 1024 * 1024 });
    try {
      sqlite.exec('CREATE TABLE filler (x TEXT) STRICT');
      const insert = sqlite.prepare('INSERT INTO filler VALUES (?)');
      // 8 MB in 80 transactions, as a burst of postings would write.
      for (let t = 0; t < 80; t++) sqlite.transaction(() => insert.run('x'.repeat(100_000)))();
      const wal = () => fs.statSync(`${file}-wal`).size;
      await expect.poll(wal, { timeout: 20_000, interval: 50 }).toBeLessThanOrEqual(1024 * 1024);
      expect((sqlite.prepare('SELECT COUNT(*) AS n FROM filler').get() as { n: number }).n).toBe(80);
    } finally {
      await checkpointer.stop();
      sqlite.close();
    }
  });

  it('stays near its threshold under back-to-back writes: the guard after each commit restarts it', async () => {
    const dir = tempDataDir('cangwu-wal');
    made.push(dir);
    const { sqlite, file } = openDatabase(dir);
    sqlite.pragma(`journal_size_limit = ${1024 * 1024}`);
    const checkpointer = startCheckpointer(sqlite, file, { truncateAboveBytes: 1024 * 1024 });
    // What the host's connection runs after each commit, here after every one.
    const guard = walGuard(sqlite, file, { truncateAboveBytes: 1024 * 1024, every: 1 });
    try {
      sqlite.exec('CREATE TABLE filler (x TEXT) STRICT');
      const insert = sqlite.prepare('INSERT INTO filler VALUES (?)');
      const wal = () => fs.statSync(`${file}-wal`).size;
      let largest = 0;
      // 8 MB in 80 transactions, with no pause for the worker to catch up in.
      for (let t = 0; t < 80; t++) {
        sqlite.transaction(() => insert.run('x'.repeat(100_000)))();
        guard();
        largest = Math.max(largest, wal());
      }
      // Past 1 MB once, then back to its start each time: never the 8 MB written.
      expect(largest).toBeGreaterThan(1024 * 1024);
      expect(largest).toBeLessThan(2 * 1024 * 1024);
      expect((sqlite.prepare('SELECT COUNT(*) AS n FROM filler').get() as { n: number }).n).toBe(80);
    } finally {
      await checkpointer.stop();
      sqlite.close();
    }
  });
});
