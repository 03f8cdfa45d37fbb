// Checkpoints the WAL from a worker thread with its own connection, so no
// posting ever pays for one. With SQLite's default (a checkpoint by whichever
// commit crosses 1,000 WAL pages) every ~30th posting stalls for milliseconds:
// measured p99 of a single posting 5–16 ms with it, ~1.5 ms without (npm run
// bench). A PASSIVE checkpoint never blocks the writer. If the worker cannot
// start, the connection falls back to SQLite's own autocheckpoint.
import type Database from 'better-sqlite3';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 100');
const checkpoint = () => { try { db.pragma('wal_checkpoint(PASSIVE)'); } catch { /* busy: next time */ } };
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', (m) => {
  if (m !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort.postMessage('stopped');
});
`;

function resolveDriver(): string {
  // A CommonJS bundle (the hosts) has require; vitest runs this file as ESM.
  const req = typeof require === 'function' ? require : createRequire(import.meta.url);
  return req.resolve('better-sqlite3');
}

export type Checkpointer = { stop(): Promise<void> };

export function startCheckpointer(sqlite: Database.Database, file: string, intervalMs = 1000): Checkpointer {
  const fallback = () => sqlite.open && sqlite.pragma('wal_autocheckpoint = 1000');
  let worker: Worker;
  try {
    worker = new Worker(workerSource, { eval: true, workerData: { file, driver: resolveDriver(), intervalMs } });
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
