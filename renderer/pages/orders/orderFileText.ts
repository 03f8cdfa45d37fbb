// An order file as the text the import reads: a CSV/TSV in any encoding the
// shared decoder knows (UTF-8, UTF-16, GBK/GB18030), or an Excel workbook
// (.xlsx), whose first sheet becomes CSV with the same columns. Rows keep
// their numbers, so "line 7" in the preview is row 7 in Excel too.
import Papa from 'papaparse';
import { decodeText, type TextEncodingName } from '../../../shared/text/decodeText';
import { ApiError } from '../../api/errors';

export type OrderFileText = { text: string; encoding: TextEncodingName | 'xlsx' };

/** A .xlsx is a zip: it starts with "PK\x03\x04". */
export function isXlsx(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

export async function orderFileText(file: { arrayBuffer(): Promise<ArrayBuffer> }): Promise<OrderFileText> {
  const buffer = await file.arrayBuffer();
  if (isXlsx(new Uint8Array(buffer, 0, Math.min(4, buffer.byteLength)))) {
    return { text: await xlsxToCsv(buffer), encoding: 'xlsx' };
  }
  const decoded = decodeText(buffer);
  // Neither UTF-8, UTF-16 nor GB18030: refused with the line to look at, nothing sent.
  if (!decoded.ok) throw new ApiError('import.undecodable', { line: decoded.line });
  return { text: decoded.text, encoding: decoded.encoding };
}

type CellValue = unknown;

const pad = (n: number) => String(n).padStart(2, '0');

/** One cell as the text a person sees in it; dates as YYYY-MM-DD (Excel keeps them as days, exceljs as UTC). */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (value instanceof Date) {
    return `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
  }
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: unknown };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return cellText(v.result);
    if (typeof v.text === 'string') return v.text;
  }
  return '';
}

/** The first worksheet of a workbook as CSV, one line per row (empty rows kept as empty lines). */
export async function xlsxToCsv(buffer: ArrayBuffer): Promise<string> {
  // Loaded only when a workbook is chosen: it is large, and most files are CSV.
  const mod = await import('exceljs');
  // The CommonJS package arrives as the default export in Node and as the namespace in some bundles.
  const ExcelJS = mod.default ?? (mod as unknown as typeof mod.default);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer);
  } catch {
    throw new ApiError('import.undecodable', { line: 1 });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return '';
  const rows: string[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value).trim());
    rows.push(cells);
  }
  return Papa.unparse(rows, { newline: '\n' });
}
