// The new-receipt form's draft: its state and checks, apart from its markup.
import { code as codeSchema } from '../../../shared/contract/schemas';
import type { DisposalKind } from '../../../shared/contract/damage/words';
import { maxQuantity, type StockStatus } from '../../../shared/domain';

export type LineDraft = {
  key: number;
  productId: number | null;
  status: StockStatus;
  locationId: number | null;
  qty: string;
  /** A damaged line's damage report (issue 13): its cause ('' until chosen) and the suggestion. */
  damageCause: string;
  /** The note 'other' needs. */
  damageCauseNote: string;
  damageSuggestion: DisposalKind;
};
export type ReceiptDraft = {
  deliveryNote: string;
  supplier: string;
  /** datetime-local text, in this machine's time zone. */
  arrivedLocal: string;
  note: string;
  lines: LineDraft[];
};

/** Field → translation key of its problem; line fields as "lines.<index>.<field>". */
export type DraftErrors = Record<string, string>;

let nextLineKey = 1;
export function newLine(from?: LineDraft): LineDraft {
  return {
    key: nextLineKey++,
    productId: null,
    status: from?.status ?? 'good',
    locationId: from?.locationId ?? null,
    qty: '',
    damageCause: '',
    damageCauseNote: '',
    damageSuggestion: 'returnToSupplier',
  };
}

/** "2026-11-22T14:05" for a datetime-local input, in local time. */
export function toLocalInput(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function emptyDraft(now = new Date()): ReceiptDraft {
  return { deliveryNote: '', supplier: '', arrivedLocal: toLocalInput(now), note: '', lines: [newLine()] };
}

/**
 * An idempotency key made once per form, so a double click or a retry after a
 * dropped connection posts the receipt once. crypto.randomUUID needs a secure
 * context, which a station on http://<LAN address> is not; getRandomValues is
 * available everywhere.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function' && window.isSecureContext) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A few minutes of clock skew between station and host is not "the future". */
const futureSlackMs = 5 * 60_000;

export function validateDraft(d: ReceiptDraft, now = new Date()): DraftErrors {
  const errors: DraftErrors = {};
  if (d.deliveryNote.trim() === '') errors.deliveryNote = 'receipts:invalid.deliveryNoteRequired';
  else if (!codeSchema.safeParse(d.deliveryNote).success) errors.deliveryNote = 'receipts:invalid.deliveryNoteFormat';
  if (d.supplier.trim().length > 200) errors.supplier = 'receipts:invalid.tooLong';
  const arrived = new Date(d.arrivedLocal);
  if (d.arrivedLocal === '' || Number.isNaN(arrived.getTime()))
    errors.arrivedLocal = 'receipts:invalid.arrivedRequired';
  else if (arrived.getTime() > now.getTime() + futureSlackMs) errors.arrivedLocal = 'receipts:invalid.arrivedFuture';
  if (d.lines.length === 0) errors.lines = 'receipts:invalid.noLines';
  d.lines.forEach((l, i) => {
    if (l.productId === null) errors[`lines.${i}.product`] = 'receipts:invalid.product';
    if (l.locationId === null) errors[`lines.${i}.location`] = 'receipts:invalid.location';
    const n = Number(l.qty);
    if (!/^\d+$/.test(l.qty.trim()) || !Number.isSafeInteger(n) || n <= 0 || n > maxQuantity)
      errors[`lines.${i}.qty`] = 'receipts:invalid.qty';
    if (l.status === 'damaged' && l.damageCause === '') errors[`lines.${i}.damageCause`] = 'damage:invalid.cause';
    else if (l.status === 'damaged' && l.damageCause === 'other' && l.damageCauseNote.trim() === '')
      errors[`lines.${i}.damageCause`] = 'errors:damage.noteRequired';
  });
  return errors;
}
