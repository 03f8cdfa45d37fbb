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
};

export function printError(e: AppErrorShape, json: boolean): void {
  if (json) {
    process.stderr.write(`${JSON.stringify({ ok: false, error: e })}\n`);
    return;
  }
  process.stderr.write(`cangwu: ${e.code}: ${explanations[e.code] ?? JSON.stringify(e.details ?? {})}\n`);
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
