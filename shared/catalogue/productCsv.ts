// The product import file (README "Importing products"): pure parsing and
// validation of rows, shared by the core and by the renderer's preview.
import { isValidGtin } from '../barcode/gtin';

const gtinLengths = [8, 12, 13, 14];

export const productCsvColumns = [
  'code',
  'name_zh',
  'name_en',
  'spec',
  'unit',
  'case_pack',
  'unit_cost',
  'category',
  'active',
  'unit_barcode',
  'case_barcode',
  'replaced_by',
  'unit_weight_kg',
] as const;
export const requiredProductCsvColumns = ['code', 'name_zh', 'unit', 'case_pack', 'unit_cost'] as const;

export const importReasons = [
  'missingColumn',
  'required',
  'tooLong',
  'badCode',
  'notPositiveInteger',
  'notMoney',
  'notBoolean',
  'duplicateCode',
  'duplicateBarcode',
  'barcodeTaken',
  'badBarcode',
  'unknownReplacement',
  'selfReplacement',
  'replacementChar',
  'notWeight',
] as const;
export type ImportReason = (typeof importReasons)[number];

/** English wording of each reason, for the command line; the UI translates the code. */
export const importReasonText: Record<ImportReason, string> = {
  missingColumn: 'a required column is missing from the header',
  required: 'a required value is empty',
  tooLong: 'the value is too long',
  badCode: 'the code may hold only letters, digits and . _ - /',
  notPositiveInteger: 'must be a whole number greater than 0',
  notMoney: 'must be an amount in yuan with at most 2 decimals',
  notWeight: 'must be a weight in kilograms above 0, at most 3 decimals',
  notBoolean: 'must be 1/0, yes/no or true/false',
  duplicateCode: 'the same product code appears twice in the file',
  duplicateBarcode: 'the same barcode appears twice in the file',
  barcodeTaken: 'the barcode already belongs to another product',
  badBarcode: 'a barcode is 8 to 14 digits, and a GTIN (8, 12, 13 or 14 digits) must have a valid check digit',
  unknownReplacement: 'replaced_by names a product code that does not exist',
  selfReplacement: 'a product cannot replace itself',
  replacementChar:
    'holds the character �, left by a wrong text encoding: save the file again as CSV (UTF-8) or Unicode text',
};

export type ProductCsvRow = {
  line: number;
  code: string;
  nameZh: string;
  nameEn: string;
  spec: string;
  unit: string;
  casePack: number;
  unitCostFen: number;
  category: string;
  active: boolean;
  unitBarcode: string | null;
  caseBarcode: string | null;
  replacedBy: string | null;
  /** Grams per unit; undefined when the file has no unit_weight_kg column (the weight stays as it is). */
  unitWeightG?: number | null;
};

export type RowIssue = { line: number; reason: ImportReason; field?: string };

const codePattern = /^[\p{L}\p{N}._\-/]+$/u;
const barcodePattern = /^\d{8,14}$/;

/** Yuan text ("12.5", "3", "0.05") to integer fen, without floating point. */
export function parseYuanToFen(text: string): number | null {
  const m = /^(\d{1,10})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

function parseBool(text: string): boolean | null {
  const t = text.trim().toLowerCase();
  if (t === '' || ['1', 'yes', 'y', 'true', '是'].includes(t)) return true;
  if (['0', 'no', 'n', 'false', '否'].includes(t)) return false;
  return null;
}

/**
 * Validates one record (keys are header names). `line` is the file's line
 * number, header = line 1, so a user can find the row in a spreadsheet.
 */
export function validateProductRecord(
  record: Record<string, string | undefined>,
  line: number,
): { row: ProductCsvRow | null; issues: RowIssue[] } {
  const issues: RowIssue[] = [];
  // Never store a replacement character: it means the file was decoded wrongly somewhere.
  for (const [field, value] of Object.entries(record))
    if (value?.includes('\uFFFD')) issues.push({ line, reason: 'replacementChar', field });
  if (issues.length > 0) return { row: null, issues };
  const get = (f: string) => (record[f] ?? '').trim();
  const text = (f: string, max: number, required = false) => {
    const v = get(f);
    if (required && v === '') issues.push({ line, reason: 'required', field: f });
    else if (v.length > max) issues.push({ line, reason: 'tooLong', field: f });
    return v;
  };
  const code = text('code', 64, true);
  if (code !== '' && code.length <= 64 && !codePattern.test(code))
    issues.push({ line, reason: 'badCode', field: 'code' });
  const nameZh = text('name_zh', 200, true);
  const nameEn = text('name_en', 200);
  const spec = text('spec', 200);
  const unit = text('unit', 20, true);
  const category = text('category', 100);
  const casePackText = get('case_pack');
  let casePack = 0;
  if (casePackText === '') issues.push({ line, reason: 'required', field: 'case_pack' });
  else if (!/^\d{1,9}$/.test(casePackText) || Number(casePackText) <= 0)
    issues.push({ line, reason: 'notPositiveInteger', field: 'case_pack' });
  else casePack = Number(casePackText);
  const costText = get('unit_cost');
  let unitCostFen = 0;
  if (costText === '') issues.push({ line, reason: 'required', field: 'unit_cost' });
  else {
    const fen = parseYuanToFen(costText);
    if (fen === null) issues.push({ line, reason: 'notMoney', field: 'unit_cost' });
    else unitCostFen = fen;
  }
  const active = parseBool(get('active'));
  if (active === null) issues.push({ line, reason: 'notBoolean', field: 'active' });
  const barcode = (f: string) => {
    const v = get(f);
    if (v === '') return null;
    // A GTIN-length code with a wrong check digit could never be scanned: refuse it here.
    if (!barcodePattern.test(v) || (gtinLengths.includes(v.length) && !isValidGtin(v)))
      issues.push({ line, reason: 'badBarcode', field: f });
    return v;
  };
  const unitBarcode = barcode('unit_barcode');
  const caseBarcode = barcode('case_barcode');
  if (unitBarcode !== null && unitBarcode === caseBarcode)
    issues.push({ line, reason: 'duplicateBarcode', field: 'case_barcode' });
  // Weight per unit in kilograms, at most three decimals (grams); empty: not known.
  let unitWeightG: number | null | undefined;
  if ('unit_weight_kg' in record) {
    const w = get('unit_weight_kg');
    if (w === '') unitWeightG = null;
    else if (!/^\d{1,6}(\.\d{1,3})?$/.test(w) || Number(w) <= 0)
      issues.push({ line, reason: 'notWeight', field: 'unit_weight_kg' });
    else unitWeightG = Math.round(Number(w) * 1000);
  }
  const replacedBy = get('replaced_by') || null;
  if (replacedBy !== null && replacedBy === code)
    issues.push({ line, reason: 'selfReplacement', field: 'replaced_by' });
  if (issues.length > 0) return { row: null, issues };
  return {
    row: {
      line,
      code,
      nameZh,
      nameEn,
      spec,
      unit,
      casePack,
      unitCostFen,
      category,
      active: active ?? true,
      unitBarcode,
      caseBarcode,
      replacedBy,
      ...(unitWeightG !== undefined && { unitWeightG }),
    },
    issues,
  };
}
