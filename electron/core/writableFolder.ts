// A folder on the host the console writes files into (scheduled reports, the
// EDR): absolute, existing, and taking a file — checked when it is named and
// again at each write, since a share can be unmounted or its rights changed in
// between. Each feature tells the failure under its own error codes.
import fs from 'node:fs';
import path from 'node:path';
import { AppError, type ErrorCode } from '../../shared/errors';

export type FolderErrors = { notAbsolute: ErrorCode; missing: ErrorCode; notWritable: ErrorCode };

/** The folder, resolved, once it is absolute, exists and a file can be written there; else the feature's error. */
export function requireWritableFolder(folder: string, errors: FolderErrors): string {
  if (!path.isAbsolute(folder)) throw new AppError(errors.notAbsolute, { folder });
  let stat: fs.Stats;
  try {
    stat = fs.statSync(folder);
  } catch {
    throw new AppError(errors.missing, { folder });
  }
  if (!stat.isDirectory()) throw new AppError(errors.missing, { folder });
  const probe = path.join(folder, `.cangwu-write-test-${process.pid}`);
  try {
    fs.writeFileSync(probe, '');
    fs.rmSync(probe, { force: true });
  } catch (e) {
    throw new AppError(errors.notWritable, { folder, reason: (e as NodeJS.ErrnoException).code ?? String(e) });
  }
  return path.resolve(folder);
}
