// Inline edits of a customer: the cell's new text → the changed fields of
// customers.save, or the reason it is refused (the reasons of the CSV import,
// so the translations are shared). The grid keeps the old value until the core agrees.
import type { CustomerView, SalespersonView } from '../../../shared/contract/orders';
import type { RequestInput } from '../../../shared/contract/requests';

export type CustomerField =
  | 'name'
  | 'address'
  | 'area'
  | 'route'
  | 'stopSeq'
  | 'contact'
  | 'phone'
  | 'salesperson'
  | 'deliveryDays'
  | 'blocked'
  | 'blockedReason'
  | 'lat'
  | 'lng';
export type CustomerInput = RequestInput<'customers.save'>;
export type CustomerPatch = Partial<Omit<CustomerInput, 'id' | 'code'>>;

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : v === null || v === undefined ? '' : String(v).trim());

/** The whole record customers.save takes, from what the grid shows. */
export function inputOf(c: CustomerView): CustomerInput {
  return {
    id: c.id,
    code: c.code,
    name: c.name,
    address: c.address,
    area: c.area,
    route: c.route,
    stopSeq: c.stopSeq,
    contact: c.contact,
    phone: c.phone,
    salespersonId: c.salespersonId,
    deliveryDays: c.deliveryDays,
    blocked: c.blocked,
    blockedReason: c.blockedReason,
    lat: c.lat,
    lng: c.lng,
  };
}

/** "1,3,5" / "1 3 5" / "135" → [1, 3, 5]; null when not weekdays 1–7. */
export function parseWeekdays(s: string): number[] | null {
  const digits = s.replace(/[\s,，、;]+/g, '');
  if (!/^[1-7]*$/.test(digits)) return null;
  return [...new Set([...digits].map(Number))].sort((a, b) => a - b);
}

export function patchFor(
  field: CustomerField,
  newValue: unknown,
  row: CustomerView,
  salespeople: SalespersonView[],
): { patch: CustomerPatch } | { reason: string } {
  const s = text(newValue);
  const bounded = (max: number, required: boolean) =>
    required && s === '' ? { reason: 'required' } : s.length > max ? { reason: 'tooLong' } : null;
  switch (field) {
    case 'name':
      return bounded(200, true) ?? { patch: { name: s } };
    case 'area':
    case 'route':
      return bounded(100, false) ?? { patch: { [field]: s } };
    case 'address':
      return bounded(300, false) ?? { patch: { address: s } };
    case 'contact':
      return bounded(100, false) ?? { patch: { contact: s } };
    case 'phone':
      return bounded(40, false) ?? { patch: { phone: s } };
    case 'blockedReason':
      if (row.blocked && s === '') return { reason: 'reasonRequired' };
      return bounded(300, false) ?? { patch: { blockedReason: s } };
    case 'stopSeq': {
      if (s === '') return { patch: { stopSeq: null } };
      const n = Number(s);
      if (!/^\d+$/.test(s) || n <= 0 || n > 100_000) return { reason: 'notPositiveInteger' };
      return { patch: { stopSeq: n } };
    }
    case 'salesperson': {
      if (s === '') return { patch: { salespersonId: null } };
      const hit = salespeople.find((p) => p.displayName === s || String(p.id) === s);
      return hit ? { patch: { salespersonId: hit.id } } : { reason: 'unknownSalesperson' };
    }
    case 'deliveryDays': {
      const days = parseWeekdays(s);
      return days ? { patch: { deliveryDays: days } } : { reason: 'badWeekdays' };
    }
    case 'blocked':
      if (typeof newValue !== 'boolean') return { reason: 'notBoolean' };
      // Blocking needs a reason: the row's own, or the cell asks for one first.
      if (newValue && row.blockedReason.trim() === '') return { reason: 'reasonRequired' };
      return { patch: { blocked: newValue } };
    case 'lat':
    case 'lng': {
      if (s === '') return { patch: { lat: null, lng: null } };
      const n = Number(s);
      const max = field === 'lat' ? 90 : 180;
      const other = field === 'lat' ? row.lng : row.lat;
      if (!Number.isFinite(n) || Math.abs(n) > max || other === null) return { reason: 'badCoordinate' };
      return { patch: { [field]: n } };
    }
  }
}
