// Checkpoints the WAL from a worker thread with its own connection, so no
// posting ever pays for one. With SQLite's default (a checkpoint by whichever
// commit crosses 1,000 WAL pages) every ~30th posting stalls for milliseconds:
// measured p99 of a single posting 5–16 ms with it, ~1.5 ms without (npm run
// bench). A PASSIVE checkpoint never blocks the writer. If the worker cannot
// start, the connection falls back to SQLite's own autocheckpoint.
//
// PASSIVE alone let the WAL grow without bound under continuous posting (1.6 GB
// in ~12 s): a checkpoint that never catches up with the writer never lets the
// WAL restart, and a WAL file is only ever truncated when it restarts. When
// the file passes `truncateAboveBytes` a TRUNCATE checkpoint copies the rest
// and empties the file; journal_size_limit (open.ts) caps what a restart keeps.
// The worker tries, but SQLite's locks are not fair: under back-to-back
// postings the writer takes the lock again before the worker's busy handler
// wakes (the WAL still reached 210 MB in the 10 s bench). So the writer's own
// connection checks the WAL's size every few commits (walGuard) and truncates
// it between two postings — the one posting that pays for it waits for a
// checkpoint of what the worker left, not of the whole WAL.
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
const checkpoint = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
    if (walSize() > workerData.truncateAboveBytes) db.pragma('wal_checkpoint(TRUNCATE)');
  } catch { /* busy: next time */ }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', (m) => {
  if (m !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort.postMessage('stopped');
});
`;

/** A WAL larger than this is truncated by the next checkpoint. */
export const walTruncateAboveBytes = 32 * 1024 * 1024;

/**
 * Called after each commit on the writer's connection: every `every` commits,
 * a WAL larger than `truncateAboveBytes` is checkpointed and truncated. A
 * reader in another process (a CLI export) may hold it: then it waits at most
 * 50 ms and tries again later rather than stalling the posting.
 */
export function walGuard(
  sqlite: Database.Database,
  file: string,
  { truncateAboveBytes = walTruncateAboveBytes, every = 16 } = {},
): () => void {
  let commits = 0;
  const wal = `${file}-wal`;
  return () => {
    if (++commits % every !== 0) return;
    let size = 0;
    try {
      size = fs.statSync(wal).size;
    } catch {
      return;
    }
    if (size <= truncateAboveBytes) return;
    const busy = sqlite.pragma('busy_timeout', { simple: true }) as number;
    try {
      sqlite.pragma('busy_timeout = 50');
      sqlite.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // Busy: the next check tries again.
    } finally {
      sqlite.pragma(`busy_timeout = ${busy}`);
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
  { intervalMs = 1000, truncateAboveBytes = walTruncateAboveBytes } = {},
): Checkpointer {
  const fallback = () => sqlite.open && sqlite.pragma('wal_autocheckpoint = 1000');
  let worker: Worker;
  try {
    worker = new Worker(workerSource, {
      eval: true,
      workerData: { file, driver: resolveDriver(), intervalMs, truncateAboveBytes },
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
