// Photos attached to a damage report (issue 13 §Damage 1), through the one
// attachment store (../attachments/store.ts); the report's readers read them.
import type { AttachmentFile, AttachmentView } from '../../../shared/contract';
import { recordAudit } from '../audit/audit';
import type { ServiceContext } from '../context';
import { readAttachment as readStored, storeAttachment } from '../attachments/store';
import { reportRecord } from './views';

export async function attachToReport(
  ctx: ServiceContext,
  input: { reportId: number; fileName: string; dataBase64: string },
): Promise<AttachmentView> {
  const report = await reportRecord(ctx.db, input.reportId);
  const a = await storeAttachment(ctx, 'damageReport', report.id, input);
  await recordAudit(ctx, {
    entity: 'damageReport',
    entityId: report.number,
    after: { attachment: a.fileName, mime: a.mime, sizeBytes: a.sizeBytes, sha256: a.sha256 },
  });
  ctx.emit('damage.changed', { reportIds: [report.id], disposalIds: [], clientId: ctx.caller.clientId });
  return a;
}

export function readAttachment(ctx: ServiceContext, attachmentId: number): Promise<AttachmentFile> {
  return readStored(ctx.db, 'damageReport', attachmentId);
}
