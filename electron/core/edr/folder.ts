// The EDR written to a folder on the host (issue 17 §2): the administrator
// names the folder (settings key 'edr.folder', checked when saved and again at
// every write); an export writes the week's CSV and XLSX there — the same file
// format as the one the operator saves from the browser
// (shared/reports/edrTable.ts) — and logs one row per file with its full path.
// A folder not set, missing or not writable is refused before anything is
// written or logged; a file that fails to write rolls the log back.
import fs from 'node:fs';
import path from 'node:path';
import type { EdrExport, EdrFolder } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { edrCsv, edrFileName, edrXlsx, type EdrSend } from '../../../shared/reports/edrTable';
import { recordAudit } from '../audit/audit';
import { requireSession, type ServiceContext } from '../context';
import { requireWritableFolder } from '../writableFolder';
import type { Db } from '../db/schema';
import { edrWeek, exportsOf, logExport, sendOf } from './edr';

const key = 'edr.folder';

export async function storedEdrFolder(db: Db): Promise<string | null> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value ? row.value : null;
}

/** The folder must be absolute, exist, and take a file: checked when saved, and again at each write. */
export function checkEdrFolder(folder: string): string {
  return requireWritableFolder(folder, {
    notAbsolute: 'edr.folderNotAbsolute',
    missing: 'edr.folderMissing',
    notWritable: 'edr.folderNotWritable',
  });
}

export async function edrFolder(ctx: ServiceContext): Promise<EdrFolder> {
  return { folder: await storedEdrFolder(ctx.db) };
}

export async function setEdrFolder(ctx: ServiceContext, input: { folder: string | null }): Promise<EdrFolder> {
  requireSession(ctx);
  const folder = input.folder === null ? null : checkEdrFolder(input.folder);
  const before = await storedEdrFolder(ctx.db);
  if (folder === null) await ctx.db.deleteFrom('settings').where('key', '=', key).execute();
  else
    await ctx.db
      .insertInto('settings')
      .values({ key, value: folder })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: folder }))
      .execute();
  await recordAudit(ctx, { entity: 'setting', entityId: key, before: { folder: before }, after: { folder } });
  ctx.emit('edr.changed', { week: null });
  return { folder };
}

/** Writes bytes under a temporary name, then renames: a reader of the folder never sees half a file. */
function writeWhole(file: string, bytes: Uint8Array | string): void {
  const tmp = `${file}.${process.pid}.part`;
  try {
    fs.writeFileSync(tmp, bytes);
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw new AppError('edr.writeFailed', { file, reason: (e as NodeJS.ErrnoException).code ?? String(e) });
  }
}

/**
 * The week's EDR into a folder: the configured one, or — for a caller on the
 * host itself (the CLI, the desktop window) — the one it names.
 */
export async function writeEdrToFolder(
  ctx: ServiceContext,
  input: { week: string; draft: boolean; folder?: string | undefined },
): Promise<{ logged: EdrExport[]; files: string[] }> {
  requireSession(ctx);
  if (input.folder !== undefined && !ctx.caller.origin.local)
    throw new AppError('auth.forbidden', { reason: 'a folder is named only on the host itself' });
  const named = input.folder ?? (await storedEdrFolder(ctx.db));
  if (named === null) throw new AppError('edr.folderUnset');
  const folder = checkEdrFolder(named);
  const data = await edrWeek(ctx, input.week);
  // Both files are one send: a draft, the first final, or a re-send of the first final.
  const resendOf = sendOf(data, input);
  const send: EdrSend = input.draft ? 'DRAFT' : resendOf !== null ? 'RESEND' : 'FINAL';
  const files: string[] = [];
  const ids: number[] = [];
  try {
    for (const format of ['csv', 'xlsx'] as const) {
      const file = path.join(folder, edrFileName(input.week, send, format));
      writeWhole(file, format === 'csv' ? edrCsv(data, send) : await edrXlsx(data, send));
      files.push(file);
      ids.push(await logExport(ctx, data, { week: input.week, format, draft: input.draft, resendOf, path: file }));
    }
  } catch (e) {
    // The request's transaction rolls the log back; the files written before the failure go too.
    for (const f of files) fs.rmSync(f, { force: true });
    throw e;
  }
  ctx.emit('edr.changed', { week: input.week });
  const sent = await exportsOf(ctx.db, input.week);
  return { logged: ids.map((id) => sent.find((e) => e.id === id)!), files };
}
