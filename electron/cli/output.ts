// How the CLI speaks: data on stdout (JSON with --json), progress and errors on
// stderr, errors by stable code with a line a person can act on.
import type { AppErrorShape } from '../../shared/errors';

const explanations: Partial<Record<AppErrorShape['code'], string>> = {
  'db.tooNew': 'the database was written by a newer Cangwu; install that version (数据库来自更新的版本)',
  'db.corrupt': 'the database file is damaged; restore a backup with `cangwu restore --from FILE` (数据库已损坏)',
  'setup.notInitialized':
    'no users yet: run `cangwu init --demo` or create the administrator in the console (尚未初始化)',
  'import.invalidRows': 'nothing was imported; fix the rows below and import again (导入未执行)',
  'import.emptyFile': 'the file has no rows (文件为空)',
  'import.undecodable':
    'the file is not text in UTF-8, UTF-16 or GBK (GB18030); nothing was imported (文件编码无法识别)',
  'auth.forbidden': 'that user may not do this (无权限)',
  'contract.internal': 'an internal error; see the log above (内部错误)',
  'db.diskFull': 'the disk holding the data folder is full; nothing was saved: free some space (磁盘已满)',
  'db.readOnly': 'the data folder cannot be written (read-only disk or folder) (数据库只读)',
  'db.ioError': 'the disk reported an error reading or writing the database (磁盘读写错误)',
  'db.busy': 'the database is busy with another program; try again (数据库忙)',
  'db.locked': 'another program holds the database locked; close it first (数据库被锁定)',
  'db.cannotOpen': 'the database cannot be opened (无法打开数据库)',
  'db.notADatabase': 'that file is not a Cangwu database (不是仓务数据库)',
  'db.permission': 'no permission to use the database file (没有权限)',
  'dataDir.inUse': 'the data folder is in use by another Cangwu; close it first (数据文件夹正在使用)',
  'backup.targetIsLive':
    'a backup cannot overwrite the live database or its files; choose another file (不能覆盖正在使用的数据库)',
  'backup.failed': 'the backup failed; the previous backup is untouched (备份失败，之前的备份未受影响)',
  'backup.notFound': 'no such backup file (找不到备份)',
  'db.pgUnreachable': 'the PostgreSQL server cannot be reached (无法连接 PostgreSQL)',
  'db.pgLoginRefused': 'PostgreSQL refused the user name or password (PostgreSQL 拒绝登录)',
  'db.pgNoDatabase': 'no such database on the PostgreSQL server; create it with createdb (数据库不存在)',
  'db.pgNotEmpty': 'the target database is not empty; nothing was written: use a new, empty database (目标库非空)',
  'db.pgCopyMismatch': 'the copy did not compare equal; all of it was undone, the target is empty (核对不一致，已撤销)',
  'db.pgCopyFailed': 'the copy failed; all of it was undone, the target is empty (复制失败，已撤销)',
  'db.connectionLost': 'the connection to the PostgreSQL server was lost; nothing was saved (数据库连接中断)',
  'db.sqliteOnly':
    "this needs the SQLite file; on PostgreSQL use the server's own tools (pg_dump) (此操作仅适用于 SQLite 数据库)",
};

/** The cause a person can act on, beside the explanation: the OS's reason, the holder of a lock. */
function causeOf(e: AppErrorShape): string {
  const d = (e.details ?? {}) as Record<string, unknown>;
  if (e.code === 'dataDir.inUse')
    return ` — ${String(d.command)} (pid ${String(d.pid)} on ${String(d.hostName)}, since ${String(d.since)})`;
  if (e.code === 'db.pgCopyMismatch')
    return ` — ${String(d.tables) || 'tables equal'}; ledger ≠ balances: ${String(d.ledgerMismatches)}; negative: ${String(d.negativeBalances)}`;
  const parts = [d.reason, d.url, d.file ?? d.target].filter((p) => typeof p === 'string' && p !== '');
  return parts.length > 0 && e.code.match(/^(db|backup)\./) ? ` — ${parts.join(': ')}` : '';
}

export function printError(e: AppErrorShape, json: boolean): void {
  if (json) {
    process.stderr.write(`${JSON.stringify({ ok: false, error: e })}\n`);
    return;
  }
  process.stderr.write(
    `cangwu: ${e.code}: ${explanations[e.code] ? explanations[e.code] + causeOf(e) : JSON.stringify(e.details ?? {})}\n`,
  );
  if (e.code === 'import.undecodable') process.stderr.write(`  line ${String(e.details?.line)}: cannot be decoded\n`);
  const rows = (e.details as { errors?: { line: number; field?: string; reason: string }[] } | undefined)?.errors;
  if (rows)
    for (const r of rows) process.stderr.write(`  line ${r.line}${r.field ? ` [${r.field}]` : ''}: ${r.reason}\n`);
}

export function progressLine(label: string): (done: number, total: number) => void {
  let last = -1;
  return (done, total) => {
    const pct = total > 0 ? Math.floor((done / total) * 100) : 100;
    if (pct === last || !process.stderr.isTTY) return;
    last = pct;
    process.stderr.write(`\r${label} ${pct}%${pct === 100 ? '\n' : ''}`);
  };
}
