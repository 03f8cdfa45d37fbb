// The customer's letter or a photo attached to a complaint (issue 16 §1),
// through the one attachment store (../attachments/store.ts). Whoever may
// register complaints may attach to one until it is closed; its readers read.
import type { AttachmentFile, AttachmentView } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { readAttachment, storeAttachment } from '../attachments/store';
import { recordAudit } from '../audit/audit';
import type { ServiceContext } from '../context';

export async function attachToComplaint(
  ctx: ServiceContext,
  input: { complaintId: number; fileName: string; dataBase64: string },
): Promise<AttachmentView> {
  const c = await ctx.db
    .selectFrom('complaints')
    .select(['id', 'number', 'state'])
    .where('id', '=', input.complaintId)
    .executeTakeFirst();
  if (!c) throw new AppError('complaints.unknown', { complaintId: input.complaintId });
  if (c.state === 'closed') throw new AppError('complaints.closedForAttachments', { number: c.number });
  const a = await storeAttachment(ctx, 'complaint', c.id, input);
  await recordAudit(ctx, {
    entity: 'complaint',
    entityId: c.id,
    after: { attachment: a.fileName, mime: a.mime, sizeBytes: a.sizeBytes, sha256: a.sha256 },
  });
  ctx.emit('complaints.changed', { complaintIds: [c.id], clientId: ctx.caller.clientId });
  return a;
}

export function complaintAttachment(ctx: ServiceContext, attachmentId: number): Promise<AttachmentFile> {
  return readAttachment(ctx.db, 'complaint', attachmentId);
}
