// The WAL's size under sustained posting (issue 10: it reached 1.6 GB in about
// 12 s, checkpointed but never truncated until the host closed). Posts
// receipts for 10 s through the posting function with the host's own
// checkpointer running, then reports the WAL's size after the run and the
// largest it reached, beside the limits that should hold it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCore } from '../../electron/core/core';
import { walTruncateAboveBytes } from '../../electron/core/db/checkpointer';
import { journalSizeLimitBytes } from '../../electron/core/db/open';
import { postDocument, type MovementLine } from '../../electron/core/stock/posting';
import { bench } from './report';

const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cangwu-bench-wal-'));
  try {
    const core = await openCore({ dataDir, station: 'bench', log: () => {} });
    const caller = core.newCaller('bench');
    const r = await core.dispatch(caller, 'setup.createAdmin', {
      username: 'bench',
      displayName: 'bench',
      password: 'bench-password',
    });
    if (!r.ok) throw new Error(JSON.stringify(r));
    const sqlite = core.database.sqlite;
    const at = new Date().toISOString();
    const insert = sqlite.prepare(
      "INSERT INTO products (code, name_zh, name_en, unit, case_pack, unit_cost_fen, category, created_at, updated_at) VALUES (?, ?, ?, '个', 12, 100, '饮料', ?, ?)",
    );
    sqlite.transaction(() => {
      for (let i = 0; i < 2000; i++) insert.run(`W${100000 + i}`, `商品${i}`, `Product ${i}`, at, at);
    })();
    const productIds = (sqlite.prepare('SELECT id FROM products').all() as { id: number }[]).map((p) => p.id);
    const binIds = (sqlite.prepare("SELECT id FROM locations WHERE kind = 'bin'").all() as { id: number }[]).map(
      (l) => l.id,
    );
    let seed = 7;
    const rand = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
    const doc = (): MovementLine[] =>
      Array.from({ length: 50 }, () => ({
        productId: productIds[rand(productIds.length)]!,
        status: 'good' as const,
        locationId: binIds[rand(binIds.length)]!,
        qty: 1 + rand(50),
      }));
    const walFile = `${core.database.file}-wal`;
    const walSize = () => (fs.existsSync(walFile) ? fs.statSync(walFile).size : 0);
    const root = core.database.db;
    const seconds = 10;
    const until = performance.now() + seconds * 1000;
    let docs = 0;
    let largest = 0;
    while (performance.now() < until) {
      await root.transaction().execute((trx) =>
        postDocument(
          {
            db: trx,
            root,
            caller,
            now: new Date(),
            request: 'bench',
            timeZone: 'Asia/Shanghai',
            dataDir,
            emit: () => {},
            afterCommit: (fn) => fn(),
          },
          { type: 'receipt', idempotencyKey: `wal-${docs}`, lines: doc() },
        ),
      );
      docs++;
      if (docs % 50 === 0) largest = Math.max(largest, walSize());
    }
    // One checkpointer interval after the run, the host still open.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const after = walSize();
    const limits = `journal_size_limit ${mb(journalSizeLimitBytes)}, truncate above ${mb(walTruncateAboveBytes)}`;
    bench(
      'wal_bytes_after_sustained_posting',
      after,
      'bytes',
      `${docs} receipts of 50 lines in ${seconds} s; ${limits}`,
    );
    bench('wal_bytes_peak_sustained_posting', largest, 'bytes', limits);
    await core.close();
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
