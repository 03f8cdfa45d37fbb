// CSV reading shared by the customer, price and order-file imports: papaparse
// with lower-cased headers, and the file line on which each record starts so
// every bad row is reported by the line a user sees in a spreadsheet.
import Papa from 'papaparse';
import { AppError } from '../../../shared/errors';

export type CsvRecords = { header: string[]; records: Record<string, string>[]; lines: number[] };

export function readCsv(
  csv: string,
  emptyError: 'import.emptyFile' | 'orders.emptyFile' = 'import.emptyFile',
): CsvRecords {
  const text = csv.replace(/^\uFEFF/, '');
  if (text.trim() === '') throw new AppError(emptyError);
  const parsed = Papa.parse<Record<string, string>>(text, {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h) => h.trim().toLowerCase(),
  });
  return { header: parsed.meta.fields ?? [], records: parsed.data, lines: recordLines(text) };
}

/** The 1-based line on which each CSV record starts (quoted fields may span lines). */
export function recordLines(text: string): number[] {
  const starts: number[] = [];
  let line = 1;
  let inQuotes = false;
  let atRecordStart = true;
  let headerDone = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (atRecordStart && c !== 10 && c !== 13) {
      if (headerDone) starts.push(line);
      atRecordStart = false;
    }
    if (c === 34) inQuotes = !inQuotes;
    else if (c === 10 && !inQuotes) {
      line++;
      if (!atRecordStart) headerDone = true;
      atRecordStart = true;
    } else if (c === 10) line++;
  }
  return starts;
}

/** One CSV field, quoted when it must be. */
export function csvField(v: string | number | null | undefined): string {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function parseFlag(text: string): boolean | null {
  const t = text.trim().toLowerCase();
  if (t === '' || ['0', 'no', 'n', 'false', '否'].includes(t)) return false;
  if (['1', 'yes', 'y', 'true', '是'].includes(t)) return true;
  return null;
}

/**
 * Never store a replacement character: it means the file was decoded wrongly
 * somewhere (callers decode with shared/text/decodeText.ts). Every field
 * holding one, by line.
 */
export function replacementChars({
  header,
  records,
  lines,
}: CsvRecords): { line: number; reason: 'replacementChar'; field: string }[] {
  const out: { line: number; reason: 'replacementChar'; field: string }[] = [];
  for (const h of header) if (h.includes('\uFFFD')) out.push({ line: 1, reason: 'replacementChar', field: h });
  records.forEach((rec, i) => {
    for (const h of header)
      if (rec[h]?.includes('\uFFFD')) out.push({ line: lines[i] ?? i + 2, reason: 'replacementChar', field: h });
  });
  return out;
}
