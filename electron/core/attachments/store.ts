// Files attached to records (issues 13 and 16), one way for every kind: JPEG,
// PNG, WebP or PDF, judged by their first bytes (a renamed .exe is refused
// whatever its name), at most attachmentMaxBytes, stored with their sha256 in
// the database (attachments + attachment_bytes, migrations 15 and 25) so
// backups and restores carry them. The row and its bytes are written in the
// request's one transaction: a refusal or a crash leaves neither. Who may
// attach to or read a record is the record kind's own rule (its requests).
import { createHash, randomUUID } from 'node:crypto';
import path from 'node:path';
import {
  attachmentMaxBytes,
  type AttachmentFile,
  type AttachmentMime,
  type AttachmentOwner,
  type AttachmentView,
} from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { requireSession, type ServiceContext } from '../context';
import type { Db } from '../db/schema';

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

/** Checks the file and stores it on the record; every refusal comes before a byte is written. */
export async function storeAttachment(
  ctx: ServiceContext,
  owner: AttachmentOwner,
  ownerId: number,
  input: { fileName: string; dataBase64: string },
): Promise<AttachmentView> {
  const session = requireSession(ctx);
  const bytes = Buffer.from(input.dataBase64, 'base64');
  // Only the name: a path from any system (win32's basename splits on both / and \).
  const fileName = path.win32.basename(input.fileName).slice(0, 200);
  if (bytes.length === 0) throw new AppError('attachments.empty', { fileName });
  if (bytes.length > attachmentMaxBytes) {
    throw new AppError('attachments.tooLarge', { fileName, sizeBytes: bytes.length, maxBytes: attachmentMaxBytes });
  }
  const mime = sniffMime(bytes);
  if (!mime) throw new AppError('attachments.type', { fileName });
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const row = await ctx.db
    .insertInto('attachments')
    .values({
      owner,
      owner_id: ownerId,
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
  return (await listAttachments(ctx.db, owner, ownerId)).find((v) => v.id === row.id)!;
}

/** A record's files, oldest first (without their bytes). */
export async function listAttachments(db: Db, owner: AttachmentOwner, ownerId: number): Promise<AttachmentView[]> {
  const rows = await db
    .selectFrom('attachments as a')
    .innerJoin('users as u', 'u.id', 'a.uploaded_by')
    .select([
      'a.id',
      'a.file_name as fileName',
      'a.mime',
      'a.size_bytes as sizeBytes',
      'a.sha256',
      'u.display_name as uploadedBy',
      'a.uploaded_at as uploadedAt',
    ])
    .where('a.owner', '=', owner)
    .where('a.owner_id', '=', ownerId)
    .orderBy('a.id')
    .execute();
  return rows.map((a) => ({ ...a, mime: a.mime as AttachmentMime }));
}

/** A file with its bytes — only one attached to a record of `owner`'s kind (its readers' request). */
export async function readAttachment(db: Db, owner: AttachmentOwner, attachmentId: number): Promise<AttachmentFile> {
  const a = await db
    .selectFrom('attachments as a')
    .leftJoin('attachment_bytes as b', 'b.attachment_id', 'a.id')
    .select(['a.id', 'a.file_name', 'a.mime', 'b.bytes'])
    .where('a.id', '=', attachmentId)
    .where('a.owner', '=', owner)
    .executeTakeFirst();
  if (!a) throw new AppError('attachments.unknown', { attachmentId });
  // Only a file an earlier version lost before migration 25 has no bytes.
  if (!a.bytes) throw new AppError('attachments.missing', { attachmentId, fileName: a.file_name });
  return {
    id: a.id,
    fileName: a.file_name,
    mime: a.mime as AttachmentMime,
    dataBase64: Buffer.from(a.bytes).toString('base64'),
  };
}
