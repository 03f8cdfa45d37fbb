// The EDR file the principal receives (issue 17 §2), one format for CSV and
// XLSX, written by the console from `edr.week`'s tables (README: "EDR file").
// Machine-readable: English column names and codes, one row per record, a
// record type in the first column — SO sell-out, ST stock on hand, RT returns —
// the week and whether this file is the FINAL one, a DRAFT (week not over) or
// a RESEND of a week sent before, on every row. Quantities in base units,
// amounts in yuan with two decimals, text cells formula-safe.
import type { EdrWeek } from '../contract';
import { csvSafeCell } from '../text/csvFormula';

export type EdrSend = 'FINAL' | 'DRAFT' | 'RESEND';

export const edrColumns = [
  'record',
  'week',
  'send',
  'principal_code',
  'product_code',
  'product_name',
  'customer_code',
  'customer_name',
  'area',
  'status',
  'qty',
  'amount',
] as const;

type EdrCell = string | number;

const yuan = (fen: number) => Number((fen / 100).toFixed(2));

/** What the next export of the week is: a draft while the week runs, a re-send once a final went out. */
export function edrSendOf(week: Pick<EdrWeek, 'closed' | 'sent'>): EdrSend {
  if (!week.closed) return 'DRAFT';
  return week.sent.some((e) => !e.draft) ? 'RESEND' : 'FINAL';
}

export function edrRows(week: EdrWeek, send: EdrSend): EdrCell[][] {
  const head = (record: string) => [record, week.week, send];
  return [
    ...week.sellOut.map((r) => [
      ...head('SO'),
      r.principalCode,
      r.productCode,
      r.productName,
      r.customerCode,
      r.customerName,
      r.area,
      'good',
      r.qty,
      yuan(r.amountFen),
    ]),
    ...week.stock.map((r) => [
      ...head('ST'),
      r.principalCode,
      r.productCode,
      r.productName,
      '',
      '',
      '',
      r.status,
      r.qty,
      yuan(r.amountFen),
    ]),
    ...week.returns.map((r) => [
      ...head('RT'),
      r.principalCode,
      r.productCode,
      r.productName,
      r.customerCode,
      r.customerName,
      '',
      'returned',
      r.qty,
      yuan(r.amountFen),
    ]),
  ];
}

/** e.g. EDR-2026-W48-FINAL.csv */
export const edrFileName = (week: string, send: EdrSend, ext: 'csv' | 'xlsx') => `EDR-${week}-${send}.${ext}`;

const field = (v: EdrCell): string => {
  const s = typeof v === 'number' ? String(v) : csvSafeCell(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

/** UTF-8 with a BOM (Excel reads the Chinese names), CRLF lines, the header first. */
export function edrCsv(week: EdrWeek, send: EdrSend): string {
  const lines = [edrColumns.join(','), ...edrRows(week, send).map((r) => r.map(field).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** The same rows as an Excel sheet named EDR (exceljs), numbers as numbers, the header frozen. */
export async function edrXlsx(week: EdrWeek, send: EdrSend): Promise<Uint8Array> {
  const mod = await import('exceljs');
  const ExcelJS = mod.default ?? (mod as unknown as typeof mod.default);
  const book = new ExcelJS.Workbook();
  book.creator = 'Cangwu 仓务';
  const sheet = book.addWorksheet('EDR', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow([...edrColumns]).font = { bold: true };
  for (const r of edrRows(week, send)) sheet.addRow(r);
  sheet.getColumn(edrColumns.indexOf('amount') + 1).numFmt = '0.00';
  const buffer = await book.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
