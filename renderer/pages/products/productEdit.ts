// Inline edits of a product: the cell's new text → a products.update patch,
// or the reason it is refused (the same reasons as the CSV import, so the
// translations are shared). The grid keeps the old value until the core agrees.
import { parseYuanToFen, type ImportReason } from '../../../shared/catalogue/productCsv';
import type { RequestInput } from '../../../shared/contract/requests';
import { maxQuantity } from '../../../shared/domain';

export type EditableField = 'nameZh' | 'nameEn' | 'spec' | 'unit' | 'casePack' | 'unitCost' | 'category' | 'active';
export type ProductPatch = Omit<RequestInput<'products.update'>, 'id'>;

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : v === null || v === undefined ? '' : String(v).trim());

function bounded(v: unknown, max: number, required: boolean): { value: string } | { reason: ImportReason } {
  const s = text(v);
  if (required && s === '') return { reason: 'required' };
  if (s.length > max) return { reason: 'tooLong' };
  return { value: s };
}

export function patchFor(field: EditableField, newValue: unknown): { patch: ProductPatch } | { reason: ImportReason } {
  switch (field) {
    case 'nameZh':
    case 'nameEn':
    case 'spec': {
      const r = bounded(newValue, 200, field === 'nameZh');
      return 'reason' in r ? r : { patch: { [field]: r.value } };
    }
    case 'unit': {
      const r = bounded(newValue, 20, true);
      return 'reason' in r ? r : { patch: { unit: r.value } };
    }
    case 'category': {
      const r = bounded(newValue, 100, false);
      return 'reason' in r ? r : { patch: { category: r.value } };
    }
    case 'casePack': {
      const s = text(newValue);
      if (s === '') return { reason: 'required' };
      const n = Number(s);
      if (!/^\d+$/.test(s) || !Number.isSafeInteger(n) || n <= 0 || n > maxQuantity)
        return { reason: 'notPositiveInteger' };
      return { patch: { casePack: n } };
    }
    case 'unitCost': {
      // Yuan typed by a person ("12.5", "¥1,234.50") → integer fen, no floating point.
      const s = text(newValue)
        .replace(/^[¥￥]/, '')
        .replace(/,/g, '');
      if (s === '') return { reason: 'required' };
      const fen = parseYuanToFen(s);
      return fen === null ? { reason: 'notMoney' } : { patch: { unitCostFen: fen } };
    }
    case 'active':
      if (typeof newValue !== 'boolean') return { reason: 'notBoolean' };
      return { patch: { active: newValue } };
  }
}
