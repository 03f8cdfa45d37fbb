// Files attached to a record — a damage report's photos, a complaint's letter
// or photo (issues 13 and 16): images and PDF only, judged by their content,
// at most attachmentMaxBytes each, kept in the database so backups carry them.
// Each kind of record has its own attach/read requests (its own roles); the
// words and shapes are these.
import { z } from 'zod';

/** Images and PDF only. */
export const attachmentMimes = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
export type AttachmentMime = (typeof attachmentMimes)[number];
export const attachmentMaxBytes = 5 * 1024 * 1024;

/** The records files are attached to (attachments.owner). */
export const attachmentOwners = ['damageReport', 'complaint'] as const;
export type AttachmentOwner = (typeof attachmentOwners)[number];

export type AttachmentView = {
  id: number;
  fileName: string;
  mime: AttachmentMime;
  sizeBytes: number;
  sha256: string;
  uploadedBy: string;
  uploadedAt: string;
};

export type AttachmentFile = { id: number; fileName: string; mime: AttachmentMime; dataBase64: string };

/** Base64 of at most attachmentMaxBytes (5 MiB) bytes, with a little room: the size is checked on the bytes. */
export const attachmentBase64 = z
  .string()
  .max(7_100_000)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64');
