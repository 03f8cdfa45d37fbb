// Photo files attached to a damage report (issue 13 §Damage 1): JPEG, PNG,
// WebP or PDF, judged by their first bytes (a renamed .exe is refused whatever
// its name), at most attachmentMaxBytes, stored in the data folder under
// attachments/ with their sha256 recorded. Every refusal happens before a byte
// is written. Backups copy the database only: the attachments folder is not
// in them (see the report of issue 13).
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  attachmentMaxBytes,
  type AttachmentFile,
  type AttachmentMime,
  type AttachmentView,
} from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { recordAudit } from '../audit/audit';
import { requireSession, type ServiceContext } from '../context';
import { listAttachments, reportRecord } from './views';

const extensionOf: Record<AttachmentMime, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
};

/** The type by content (magic bytes), or null when it is none of the four. */
export function sniffMime(b: Buffer): AttachmentMime | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  if (b.length >= 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP')
    return 'image/webp';
  if (b.length >= 5 && b.toString('latin1', 0, 5) === '%PDF-') return 'application/pdf';
  return null;
}

export const attachmentsDir = (dataDir: string) => path.join(dataDir, 'attachments');

export async function attachToReport(
  ctx: ServiceContext,
  input: { reportId: number; fileName: string; dataBase64: string },
): Promise<AttachmentView> {
  const session = requireSession(ctx);
  const report = await reportRecord(ctx.db, input.reportId);
  const bytes = Buffer.from(input.dataBase64, 'base64');
  const fileName = path.basename(input.fileName).slice(0, 200);
  if (bytes.length === 0) throw new AppError('damage.attachmentEmpty', { fileName });
  if (bytes.length > attachmentMaxBytes) {
    throw new AppError('damage.attachmentTooLarge', {
      fileName,
      sizeBytes: bytes.length,
      maxBytes: attachmentMaxBytes,
    });
  }
  const mime = sniffMime(bytes);
  if (!mime) throw new AppError('damage.attachmentType', { fileName });

  const storedName = `${randomUUID()}.${extensionOf[mime]}`;
  const dir = attachmentsDir(ctx.dataDir);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, storedName);
  fs.writeFileSync(file, bytes, { flag: 'wx' });
  // A rolled-back request leaves no row; its file goes too.
  let committed = false;
  ctx.afterCommit(() => (committed = true));
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  try {
    const row = await ctx.db
      .insertInto('attachments')
      .values({
        owner: 'damageReport',
        owner_id: report.id,
        file_name: fileName,
        stored_name: storedName,
        mime,
        size_bytes: bytes.length,
        sha256,
        uploaded_by: session.userId,
        uploaded_at: ctx.now.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(ctx, {
      entity: 'damageReport',
      entityId: report.number,
      after: { attachment: fileName, mime, sizeBytes: bytes.length, sha256 },
    });
    ctx.emit('damage.changed', { reportIds: [report.id], disposalIds: [], clientId: ctx.caller.clientId });
    const views = await listAttachments(ctx.db, 'damageReport', report.id);
    return views.find((v) => v.id === row.id)!;
  } catch (e) {
    if (!committed) fs.rmSync(file, { force: true });
    throw e;
  }
}

export async function readAttachment(ctx: ServiceContext, attachmentId: number): Promise<AttachmentFile> {
  const a = await ctx.db.selectFrom('attachments').selectAll().where('id', '=', attachmentId).executeTakeFirst();
  if (!a) throw new AppError('damage.unknownAttachment', { attachmentId });
  const bytes = fs.readFileSync(path.join(attachmentsDir(ctx.dataDir), a.stored_name));
  return { id: a.id, fileName: a.file_name, mime: a.mime as AttachmentMime, dataBase64: bytes.toString('base64') };
}
