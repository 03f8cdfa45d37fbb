// Checkpoints the WAL from a worker thread with its own connection, so no
// posting ever pays for one. With SQLite's default (a checkpoint by whichever
// commit crosses 1,000 WAL pages) every ~30th posting stalls for milliseconds:
// measured p99 of a single posting 5–16 ms with it, ~1.5 ms without (npm run
// bench). A PASSIVE checkpoint never blocks the writer. If the worker cannot
// start, the connection falls back to SQLite's own autocheckpoint.
//
// PASSIVE alone let the WAL grow without bound under continuous posting (1.6 GB
// in ~12 s): a checkpoint that never catches up with the writer never lets the
// WAL restart — SQLite starts writing the WAL from its beginning again only when
// a write transaction begins with every frame already copied into the database.
// So the writer's own connection restarts it (walGuard): every few commits it
// checks the file's size and, past `truncateAboveBytes`, runs a PASSIVE
// checkpoint itself — between two postings, nothing else writing — which
// copies only the frames the worker has not yet copied; the next posting then
// writes the WAL from its start again, over the same file, and its commit cuts
// the file back to journal_size_limit (open.ts, the same 64 MB). The worker
// truncates a WAL that is that large while no one writes.
//
// Profile (issue 10): the guard used to TRUNCATE at 32 MB in the posting's
// thread, and the worker passed once a second, so that checkpoint copied and
// fsynced most of the 32 MB itself: 55–80 ms every ~330 documents of the
// posting bench, about a third of its time (the same checkpoint with
// synchronous=OFF took ~6 ms: the fsync was most of it), and the emptied file
// was then regrown page by page. Now the worker passes every `activeMs` while
// the WAL grows fast (`activeBytes` since its last pass), so the copying and
// its fsyncs mostly happen on its thread, and the file is reused in place. On
// a machine whose other core is busy the worker falls behind and the guard's
// checkpoint does more of the work: profiled again through core.dispatch with
// four stations on a loaded 2-core machine, the guard's checkpoints (mostly
// their fsync, a roughly fixed cost per checkpoint) were ~30 % of a posting's
// time at 32 MB (24 checkpoints of ~58 ms in 6,000 documents) and ~12 % at
// 64 MB (12 checkpoints): the limit is 64 MB, still a bound, half as many fsyncs.
import type Database from 'better-sqlite3';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 100');
const walSize = () => { try { return fs.statSync(workerData.file + '-wal').size; } catch { return 0; } };
const frameBytes = db.pragma('page_size', { simple: true }) + 24;
let lastLog = 0;
let timer;
const checkpoint = () => {
  let next = workerData.intervalMs;
  try {
    const r = db.pragma('wal_checkpoint(PASSIVE)')[0];
    if (r.busy !== 0) {
      // The writer's own checkpoint is running: the WAL is growing fast.
      next = workerData.activeMs;
    } else {
      // Frames written since the last pass (after a restart, since the restart).
      const grown = r.log >= lastLog ? r.log - lastLog : r.log;
      lastLog = r.log;
      // Written fast (a burst of postings): come back soon, so the writer finds little left to copy.
      // A station's trickle of scans keeps the once-an-interval pace (and its fsyncs).
      if (grown * frameBytes >= workerData.activeBytes) next = workerData.activeMs;
      // Idle and large: cut the file back. TRUNCATE holds the write lock while it waits for readers,
      // so after it (done or busy) the next try is a whole interval away, never a busy loop.
      else if (grown === 0 && walSize() >= workerData.truncateAboveBytes) db.pragma('wal_checkpoint(TRUNCATE)');
    }
  } catch { /* busy: at the next interval */ }
  timer = setTimeout(checkpoint, next);
};
timer = setTimeout(checkpoint, workerData.intervalMs);
parentPort.on('message', (m) => {
  if (m !== 'stop') return;
  clearTimeout(timer);
  db.close();
  parentPort.postMessage('stopped');
});
`;

/** A WAL larger than this is truncated by the next checkpoint. */
export const walTruncateAboveBytes = 64 * 1024 * 1024;

/**
 * Called after each commit on the writer's connection: every `every` commits,
 * a WAL file larger than `truncateAboveBytes` (or than journal_size_limit, if
 * that is larger) gets a PASSIVE checkpoint on this connection, between two
 * postings: it copies what the worker has not yet copied, the next write
 * transaction starts the WAL again from its beginning, and its commit cuts the
 * file back to journal_size_limit. A restart keeps the file at most that
 * large, so a file past it holds that much written since the last restart.
 * A reader in another process (a CLI export) holding the WAL makes the
 * checkpoint stop short (PASSIVE never waits): a later check tries again.
 */
export function walGuard(
  sqlite: Database.Database,
  file: string,
  { truncateAboveBytes = walTruncateAboveBytes, every = 16 } = {},
): () => void {
  let commits = 0;
  const wal = `${file}-wal`;
  const limit = Math.max(sqlite.pragma('journal_size_limit', { simple: true }) as number, truncateAboveBytes);
  return () => {
    if (++commits % every !== 0) return;
    let size = 0;
    try {
      size = fs.statSync(wal).size;
    } catch {
      return;
    }
    if (size <= limit) return;
    try {
      sqlite.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // Busy: the next check tries again.
    }
  };
}

function resolveDriver(): string {
  // A CommonJS bundle (the hosts) has require; vitest runs this file as ESM.
  const req = typeof require === 'function' ? require : createRequire(import.meta.url);
  return req.resolve('better-sqlite3');
}

export type Checkpointer = { stop(): Promise<void> };

export function startCheckpointer(
  sqlite: Database.Database,
  file: string,
  {
    intervalMs = 1000,
    truncateAboveBytes = walTruncateAboveBytes,
    /** How soon the worker checkpoints again after a pass that found at least `activeBytes` new in the WAL. */
    activeMs = 10,
    activeBytes = 1024 * 1024,
  } = {},
): Checkpointer {
  const fallback = () => sqlite.open && sqlite.pragma('wal_autocheckpoint = 1000');
  let worker: Worker;
  try {
    worker = new Worker(workerSource, {
      eval: true,
      workerData: { file, driver: resolveDriver(), intervalMs, activeMs, activeBytes, truncateAboveBytes },
    });
  } catch {
    fallback();
    return { stop: async () => {} };
  }
  sqlite.pragma('wal_autocheckpoint = 0');
  worker.on('error', fallback);
  worker.unref();
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        const done = () => resolve();
        worker.once('message', () => void worker.terminate().then(done, done));
        worker.once('exit', done);
        worker.postMessage('stop');
        setTimeout(() => void worker.terminate().then(done, done), 2000).unref();
      }),
  };
}
