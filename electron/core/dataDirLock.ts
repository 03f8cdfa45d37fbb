// One writer host per data folder. A running console (the Electron host, the
// station host) holds an exclusive OS lock on `cangwu.lock` for its whole
// life, and `cangwu restore` takes it for its duration, so a restore can never
// replace the database under a running host and two hosts never share a
// folder.
//
// Why an SQLite lock database rather than a pid file: the pid file was a mark,
// not a lock — two `cangwu serve` both started, the second one's exit removed
// the first's mark, and restore then went ahead. SQLite's file locks (POSIX
// advisory locks, LockFileEx on Windows) are released by the OS when the
// process dies, even by kill -9, so no stale mark survives a crash and no
// live one can be removed by someone else. `cangwu.lock.json` beside it only
// names the holder for the refusal message; it decides nothing.
//
// Read-only commands (check, export, backup) do not take the lock: they work
// beside a running host through SQLite's own WAL locking.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { storageError } from './db/sqliteErrors';

export const lockFileName = 'cangwu.lock';
export const holderFileName = 'cangwu.lock.json';

export type DataDirHolder = { pid: number; hostName: string; command: string; since: string };

function describeProcess(): string {
  return path.basename(process.argv[1] ?? process.argv0) + (process.argv[2] ? ` ${process.argv[2]}` : '');
}

function readHolder(dataDir: string): DataDirHolder | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(dataDir, holderFileName), 'utf8')) as DataDirHolder;
  } catch {
    return null;
  }
}

const unknownHolder: DataDirHolder = { pid: 0, hostName: '?', command: 'another Cangwu', since: '?' };

/** Takes the lock or returns null when someone else holds it. */
function tryLock(dataDir: string): Database.Database | null {
  fs.mkdirSync(dataDir, { recursive: true });
  // timeout 0: a held lock is an answer, not something to wait for.
  const db = new Database(path.join(dataDir, lockFileName), { timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    // An exclusive transaction kept open: every other connection, in this
    // process or another, gets SQLITE_BUSY until this one closes or dies.
    db.exec('BEGIN EXCLUSIVE');
    return db;
  } catch (e) {
    db.close();
    const code = (e as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return null;
    throw storageError(e, { file: path.join(dataDir, lockFileName) }, true) ?? e;
  }
}

/**
 * Claims the data folder for this process until the returned function is
 * called (or the process ends). Refuses with `dataDir.inUse`, naming the
 * holder, when another host or a restore holds it.
 */
export function claimDataDir(dataDir: string, command = describeProcess()): () => void {
  const lock = tryLock(dataDir);
  if (!lock) throw new AppError('dataDir.inUse', { dataDir, ...(readHolder(dataDir) ?? unknownHolder) });
  const holder: DataDirHolder = { pid: process.pid, hostName: os.hostname(), command, since: new Date().toISOString() };
  const file = path.join(dataDir, holderFileName);
  try {
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(holder));
    fs.renameSync(`${file}.tmp`, file);
  } catch {
    // Only the message would lack the holder's name; the lock itself holds.
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    // Only the holder can get here, so the note is ours to remove.
    fs.rmSync(file, { force: true });
    lock.close();
  };
}

/** Runs `fn` holding the data folder (restore); refused while a host holds it. */
export async function withDataDir<T>(dataDir: string, command: string, fn: () => Promise<T>): Promise<T> {
  const release = claimDataDir(dataDir, command);
  try {
    return await fn();
  } finally {
    release();
  }
}

/** Who holds the data folder right now, or null when nobody does. */
export function dataDirHolder(dataDir: string): DataDirHolder | null {
  if (!fs.existsSync(path.join(dataDir, lockFileName))) return null;
  const lock = tryLock(dataDir);
  if (!lock) return readHolder(dataDir) ?? unknownHolder;
  lock.close();
  return null;
}
