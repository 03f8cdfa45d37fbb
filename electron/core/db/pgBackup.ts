// `cangwu backup` on PostgreSQL (issue 15 §6): the server's own tool, pg_dump,
// in its custom format (compressed, restorable table by table with
// pg_restore), written like a SQLite backup — to a temporary file beside the
// target, verified (pg_restore can read its table of contents), then renamed
// over the target, so a failed dump never leaves half a file nor removes the
// last good one. The client tools come with Debian's `postgresql-client`
// (part of `postgresql`); a pg_dump older than the server refuses, which is
// reported as it says.
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { AppError } from '../../../shared/errors';
import type { BackupReport } from './backup';

const run = promisify(execFile);

/** A PostgreSQL client tool: on the PATH, else the newest /usr/lib/postgresql/N/bin. */
export function postgresTool(name: 'pg_dump' | 'pg_restore'): string {
  const base = '/usr/lib/postgresql';
  const versions = fs.existsSync(base)
    ? fs
        .readdirSync(base)
        .filter((v) => fs.existsSync(path.join(base, v, 'bin', name)))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  return versions.length > 0 ? path.join(base, versions[0]!, 'bin', name) : name;
}

export async function dumpPostgres(url: string, to: string, schemaVersion: number): Promise<BackupReport> {
  const target = path.resolve(to);
  if (fs.existsSync(target) && fs.statSync(target).isDirectory())
    throw new AppError('backup.failed', { target, reason: 'the target is a folder' });
  const temp = path.join(
    path.dirname(target),
    `.${path.basename(target)}.${crypto.randomBytes(4).toString('hex')}.tmp`,
  );
  try {
    await run(postgresTool('pg_dump'), ['--format=custom', '--no-owner', '--file', temp, '--dbname', url]);
    await run(postgresTool('pg_restore'), ['--list', temp]);
    fs.renameSync(temp, target);
  } catch (e) {
    fs.rmSync(temp, { force: true });
    const stderr = (e as { stderr?: string }).stderr?.trim();
    const reason = stderr ? stderr.split('\n')[0]! : e instanceof Error ? e.message : String(e);
    // The URL's password never goes into a message.
    throw new AppError('backup.failed', { target, reason: reason.replace(/\/\/([^:@/]*):[^@/]*@/g, '//$1:…@') });
  }
  return { file: target, bytes: fs.statSync(target).size, schemaVersion };
}
