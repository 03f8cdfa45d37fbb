// Photo files attached to a damage report (issue 13 §Damage 1): JPEG, PNG,
// WebP or PDF, judged by their first bytes (a renamed .exe is refused whatever
// its name), at most attachmentMaxBytes, stored with their sha256 in the
// database (attachment_bytes, migration 25) so backups and restores carry them.
// Every refusal happens before a byte is written.
import { createHash, randomUUID } from 'node:crypto';
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

  // The row and its bytes in the one transaction of the request: a refusal
  // or a crash leaves neither, and a backup of the database carries both.
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const row = await ctx.db
    .insertInto('attachments')
    .values({
      owner: 'damageReport',
      owner_id: report.id,
      file_name: fileName,
      // Unique, and the name an export of the file would take.
      stored_name: `${randomUUID()}.${extensionOf[mime]}`,
      mime,
      size_bytes: bytes.length,
      sha256,
      uploaded_by: session.userId,
      uploaded_at: ctx.now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await ctx.db.insertInto('attachment_bytes').values({ attachment_id: row.id, bytes }).execute();
  await recordAudit(ctx, {
    entity: 'damageReport',
    entityId: report.number,
    after: { attachment: fileName, mime, sizeBytes: bytes.length, sha256 },
  });
  ctx.emit('damage.changed', { reportIds: [report.id], disposalIds: [], clientId: ctx.caller.clientId });
  const views = await listAttachments(ctx.db, 'damageReport', report.id);
  return views.find((v) => v.id === row.id)!;
}

export async function readAttachment(ctx: ServiceContext, attachmentId: number): Promise<AttachmentFile> {
  const a = await ctx.db
    .selectFrom('attachments as a')
    .leftJoin('attachment_bytes as b', 'b.attachment_id', 'a.id')
    .select(['a.id', 'a.file_name', 'a.mime', 'b.bytes'])
    .where('a.id', '=', attachmentId)
    .executeTakeFirst();
  if (!a) throw new AppError('damage.unknownAttachment', { attachmentId });
  // Only a file an earlier version lost before migration 25 has no bytes.
  if (!a.bytes) throw new AppError('damage.attachmentMissing', { attachmentId, fileName: a.file_name });
  return {
    id: a.id,
    fileName: a.file_name,
    mime: a.mime as AttachmentMime,
    dataBase64: Buffer.from(a.bytes).toString('base64'),
  };
}
