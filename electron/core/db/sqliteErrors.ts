// SQLite's, PostgreSQL's and the OS's storage errors as the typed errors a person can act on.
// Without this every one of them reached the user as `contract.internal` (a
// full disk) or `db.corrupt` (any failure to open), and the administrator
// restored a backup over a sound database when the disk was merely full.
import { AppError, type ErrorCode } from '../../../shared/errors';

/** better-sqlite3's SqliteError and Node's fs errors both carry a string `code`. */
function codeOf(e: unknown): string | null {
  if (typeof e !== 'object' || e === null || !('code' in e)) return null;
  const code = (e as { code: unknown }).code;
  return typeof code === 'string' ? code : null;
}

export function reasonOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * The error code for a storage failure, or null when `e` is not one. `opening`:
 * a busy database at start-up is another program holding it (`db.locked`); in a
 * request it is a moment's contention (`db.busy`).
 */
export function storageErrorCode(e: unknown, opening = false): ErrorCode | null {
  const code = codeOf(e);
  // node-postgres ends a query on a dropped connection with no code, only these words.
  if (!code) return e instanceof Error && /^Connection terminated/.test(e.message) ? 'db.connectionLost' : null;
  // PostgreSQL (issue 15 §7): the server gone or going (connection exceptions, class 08; an
  // administrator's or a crash's shutdown, 57P01–57P03), or the network to it.
  if (/^08...$/.test(code) || /^57P0[123]$/.test(code)) return 'db.connectionLost';
  if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE'].includes(code))
    return opening ? null : 'db.connectionLost';
  if (code === '53100') return 'db.diskFull';
  if (code === '25006') return 'db.readOnly';
  if (code === '53300') return 'db.busy';
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') return 'db.diskFull';
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS') return 'db.readOnly';
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO') return 'db.ioError';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return opening ? 'db.locked' : 'db.busy';
  if (code.startsWith('SQLITE_CORRUPT')) return 'db.corrupt';
  if (code === 'SQLITE_NOTADB') return 'db.notADatabase';
  if (code.startsWith('SQLITE_CANTOPEN')) return 'db.cannotOpen';
  // Creating the data folder: a file in the way, a missing parent.
  if (opening && (code === 'ENOTDIR' || code === 'EEXIST' || code === 'ENOENT')) return 'db.cannotOpen';
  if (code === 'SQLITE_PERM' || code === 'SQLITE_AUTH' || code === 'EACCES' || code === 'EPERM')
    return opening ? 'db.cannotOpen' : 'db.permission';
  return null;
}

/** `e` as a typed AppError when it is a storage failure, else null. The cause stays in details for the log. */
export function storageError(e: unknown, details: Record<string, unknown> = {}, opening = false): AppError | null {
  if (e instanceof AppError) return e;
  const code = storageErrorCode(e, opening);
  if (!code) return null;
  return new AppError(code, { ...details, cause: codeOf(e), reason: reasonOf(e) });
}
