// The stock analysis report 库存分析报表 as tables, one shape for every consumer:
// the page, the print, the CSV and the XLSX (in the console and from `cangwu
// report stock-analysis`) show these sections, columns and totals. The figures
// are the reply's (shared/contract/reports/stockAnalysis.ts): nothing is added
// up here.
import { ageBuckets, type QtyAmount, type StockAnalysis } from '../contract/reports';
import { csvSafeCell } from '../text/csvFormula';
import type { Translate } from './weeklyTable';

export const stockAnalysisSections = ['slowMovers', 'idle', 'aged', 'topDays', 'oldCodes'] as const;
export type StockAnalysisSection = (typeof stockAnalysisSections)[number];

export type Cell = string | number | null;
export type ColumnKind = 'text' | 'qty' | 'amount' | 'days';
export type SectionTable = {
  id: StockAnalysisSection;
  title: string;
  note: string;
  columns: { label: string; kind: ColumnKind }[];
  /** Amounts in yuan (two decimals), quantities in base units, days one decimal. */
  rows: { id: string; cells: Cell[] }[];
  total: Cell[] | null;
};

const yuan = (fen: number) => fen / 100;

export function stockAnalysisTables(r: StockAnalysis, t: Translate): SectionTable[] {
  const col = (k: string, kind: ColumnKind = 'text') => ({ label: t(`stockAnalysis:col.${k}`), kind });
  const status = (s: string) => t(`domain:status.${s}`);
  const product = [col('code'), col('name'), col('spec'), col('category')];
  const productCells = (p: { productCode: string; productName: string; spec: string; category: string }) => [
    p.productCode,
    p.productName,
    p.spec,
    p.category,
  ];
  const qa = (x: QtyAmount) => [x.qty, yuan(x.amountFen)];
  const onHand = [col('qty', 'qty'), col('amount', 'amount')];
  const totalRow = (width: number, at: number, x: QtyAmount, after: Cell[] = []) => {
    const cells: Cell[] = Array.from({ length: width }, () => null);
    cells[0] = t('stockAnalysis:total');
    cells[at] = x.qty;
    cells[at + 1] = yuan(x.amountFen);
    after.forEach((v, i) => (cells[at + 2 + i] = v));
    return cells;
  };
  const doiColumns = [
    ...product,
    ...onHand,
    { label: t('stockAnalysis:col.issuedWeeks', { weeks: r.weeks }), kind: 'qty' as const },
    col('issued28', 'amount'),
    col('daysOfInventory', 'days'),
  ];
  const doiRow = (s: StockAnalysis['slowMovers'][number]) => ({
    id: String(s.productId),
    cells: [...productCells(s), ...qa(s.onHand), s.issuedWeeks.qty, yuan(s.issued28.amountFen), s.daysOfInventory],
  });
  const note = (k: StockAnalysisSection) => t(`stockAnalysis:note.${k}`, { since: r.idleSince });
  const title = (k: StockAnalysisSection) => t(`stockAnalysis:section.${k}`);
  return [
    {
      id: 'slowMovers',
      title: title('slowMovers'),
      note: note('slowMovers'),
      columns: doiColumns,
      rows: r.slowMovers.map(doiRow),
      total: totalRow(doiColumns.length, 4, r.totals.slowMovers),
    },
    {
      id: 'idle',
      title: title('idle'),
      note: note('idle'),
      columns: [...product, col('status'), ...onHand, col('lastMovement'), col('idleDays', 'qty')],
      rows: r.idle.map((i) => ({
        id: `${i.productId}:${i.status}`,
        cells: [...productCells(i), status(i.status), ...qa(i.onHand), i.lastMovement, i.idleDays],
      })),
      total: totalRow(9, 5, r.totals.idle),
    },
    {
      id: 'aged',
      title: title('aged'),
      note: note('aged'),
      columns: [
        ...product,
        col('status'),
        ...onHand,
        ...ageBuckets.flatMap((b) => [
          { label: `${t(`stockAnalysis:col.${b}`)} ${t('stockAnalysis:col.qty')}`, kind: 'qty' as const },
          { label: `${t(`stockAnalysis:col.${b}`)} ${t('stockAnalysis:col.amount')}`, kind: 'amount' as const },
        ]),
      ],
      rows: r.aged.map((a) => ({
        id: `${a.productId}:${a.status}`,
        cells: [...productCells(a), status(a.status), ...qa(a.onHand), ...ageBuckets.flatMap((b) => qa(a.buckets[b]))],
      })),
      total: totalRow(
        15,
        5,
        r.totals.aged.onHand,
        ageBuckets.flatMap((b) => qa(r.totals.aged[b])),
      ),
    },
    {
      id: 'topDays',
      title: title('topDays'),
      note: note('topDays'),
      columns: doiColumns,
      rows: r.topDays.map(doiRow),
      total: null,
    },
    {
      id: 'oldCodes',
      title: title('oldCodes'),
      note: note('oldCodes'),
      columns: [...product, col('status'), ...onHand, col('successor'), col('successorOnHand', 'qty')],
      rows: r.oldCodes.map((o) => ({
        id: `${o.productId}:${o.status}`,
        cells: [
          ...productCells(o),
          status(o.status),
          ...qa(o.onHand),
          `${o.successorCode} ${o.successorName}`,
          o.successorOnHand.qty,
        ],
      })),
      total: totalRow(9, 5, r.totals.oldCodes),
    },
  ];
}

/** The title block's line: as of, parameters, warehouse. */
export function stockAnalysisHeading(r: StockAnalysis, t: Translate): string[] {
  return [
    t('stockAnalysis:title'),
    t('stockAnalysis:params', { date: r.date, weeks: r.weeks, slowDays: r.slowDays, top: r.top }),
    r.warehouse?.name ?? t('stockAnalysis:allWarehouses'),
  ];
}

const csvField = (v: Cell): string => {
  if (v === null) return '';
  const s = typeof v === 'number' ? String(Number.isInteger(v) ? v : Number(v.toFixed(2))) : csvSafeCell(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

/** One CSV: the title, then each section (its title, header, lines, total) after a blank line. UTF-8 with a BOM. */
export function stockAnalysisCsv(r: StockAnalysis, t: Translate): string {
  const row = (cells: Cell[]) => cells.map(csvField).join(',');
  const lines = [row(stockAnalysisHeading(r, t))];
  for (const s of stockAnalysisTables(r, t)) {
    lines.push('', row([s.title, s.note]), row(s.columns.map((c) => c.label)));
    for (const l of s.rows) lines.push(row(l.cells));
    if (s.total) lines.push(row(s.total));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** Excel refuses * ? : \\ / [ ] in a sheet name and more than 31 characters (残损/赠品库龄 has a slash). */
function sheetName(title: string): string {
  return title.replace(/[*?:\\/[\]]/g, '·').slice(0, 31);
}

/** A workbook with a sheet per section (exceljs): numbers as numbers, totals in bold, header frozen. */
export async function stockAnalysisXlsx(r: StockAnalysis, t: Translate): Promise<Uint8Array> {
  const mod = await import('exceljs');
  const ExcelJS = mod.default ?? (mod as unknown as typeof mod.default);
  const book = new ExcelJS.Workbook();
  book.creator = 'Cangwu 仓务';
  for (const s of stockAnalysisTables(r, t)) {
    const sheet = book.addWorksheet(sheetName(s.title), { views: [{ state: 'frozen', ySplit: 4, xSplit: 2 }] });
    sheet.addRow(stockAnalysisHeading(r, t)).font = { bold: true, size: 13 };
    sheet.addRow([s.note]);
    sheet.addRow([]);
    const header = sheet.addRow(s.columns.map((c) => c.label));
    header.font = { bold: true };
    header.alignment = { wrapText: true, vertical: 'middle' };
    for (const l of s.rows) sheet.addRow(l.cells);
    if (s.total) sheet.addRow(s.total).font = { bold: true };
    s.columns.forEach((c, i) => {
      const column = sheet.getColumn(i + 1);
      if (c.kind === 'qty') column.numFmt = '#,##0';
      if (c.kind === 'amount') column.numFmt = '#,##0.00';
      if (c.kind === 'days') column.numFmt = '0.0';
    });
    sheet.getColumn(2).width = 28;
  }
  const buffer = await book.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
