// The return-report form's draft: lines as typed (qty text, per case or
// unit), what the picked delivered orders still allow per product, and the
// request built from it. The core checks again (returns.report / returns.edit).
import type { ReturnReason, ReturnView, ReturnableOrder } from '../../../shared/contract';

export type ReportReason = Exclude<ReturnReason, 'refusedAtDelivery'>;

export type DraftLine = {
  key: string;
  productId: number;
  productCode: string;
  productName: string;
  casePack: number;
  status: 'good' | 'gift';
  qty: string;
  per: 'case' | 'unit';
  reason: ReportReason;
  reasonNote: string;
};

let keys = 0;
export const lineKey = () => `l${++keys}`;

/** Units still returnable per product and status over the picked orders (the core's figure, summed). */
export function leftByProduct(orders: ReturnableOrder[], picked: ReadonlySet<number>): Map<string, number> {
  const left = new Map<string, number>();
  for (const o of orders)
    if (picked.has(o.orderId))
      for (const l of o.lines) {
        const k = `${l.productId}|${l.status}`;
        left.set(k, (left.get(k) ?? 0) + l.left);
      }
  return left;
}

export function draftUnits(l: DraftLine): number | null {
  const n = Number(l.qty);
  if (!Number.isInteger(n) || n <= 0) return null;
  return l.per === 'case' ? n * l.casePack : n;
}

export function toRequestLines(lines: DraftLine[]) {
  return lines.map((l) => ({
    productId: l.productId,
    qty: Number(l.qty),
    per: l.per,
    status: l.status,
    reason: l.reason,
    reasonNote: l.reasonNote.trim(),
  }));
}

/** A reported return back into the form: its order-line splits merged per product, status, reason and note. */
export function draftFromReturn(r: ReturnView): DraftLine[] {
  const merged = new Map<string, DraftLine & { units: number }>();
  for (const l of r.lines) {
    const k = `${l.productId}|${l.status}|${l.reason}|${l.reasonNote}`;
    const prev = merged.get(k);
    if (prev) prev.units += l.qtyReported;
    else
      merged.set(k, {
        key: lineKey(),
        productId: l.productId,
        productCode: l.productCode,
        productName: l.productName,
        casePack: l.casePack,
        status: l.status,
        qty: '',
        per: 'unit',
        reason: l.reason === 'refusedAtDelivery' ? 'other' : l.reason,
        reasonNote: l.reasonNote,
        units: l.qtyReported,
      });
  }
  return [...merged.values()].map(({ units, ...l }) =>
    l.casePack > 1 && units % l.casePack === 0
      ? { ...l, qty: String(units / l.casePack), per: 'case' }
      : { ...l, qty: String(units), per: 'unit' },
  );
}
