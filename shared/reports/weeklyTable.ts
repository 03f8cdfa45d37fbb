// The weekly stock report 周库存报表 as a table, one shape for every consumer:
// the page's grid, the print, the CSV and the XLSX (in the console and from
// `cangwu report weekly`) all show these lines and columns, so the exports
// carry the same columns and totals as the grid. The figures are the reply's
// (shared/contract/reports/weekly.ts): nothing is added up here.
import type { StockStatus } from '../domain';
import { weeklyColumns, type QtyAmount, type WeeklyColumn, type WeeklyReport } from '../contract/reports';
import { csvSafeCell } from '../text/csvFormula';

/** i18next's t, or the CLI's lookup in the same locale files. */
export type Translate = (key: string, vars?: Record<string, unknown>) => string;

export type WeeklyTableLine = {
  kind: 'line' | 'subtotal' | 'total';
  /** Stable row id for the grid. */
  id: string;
  category: string;
  productCode: string;
  productName: string;
  productNameEn: string;
  spec: string;
  unit: string;
  status: StockStatus | null;
  /** R13: an old code's line names its successor. */
  successorCode: string | null;
  figures: Record<WeeklyColumn, QtyAmount>;
  daysOfInventory: number | null;
};

/** The rows in print order: each category's lines followed by its subtotal; the grand total last. */
export function weeklyTableLines(report: WeeklyReport): WeeklyTableLine[] {
  const out: WeeklyTableLine[] = [];
  const byCategory = new Map(report.subtotals.map((s) => [s.category, s]));
  let current: string | null = null;
  const closeCategory = () => {
    if (current === null) return;
    const s = byCategory.get(current);
    if (s)
      out.push({
        kind: 'subtotal',
        id: `subtotal:${current}`,
        category: current,
        productCode: '',
        productName: '',
        productNameEn: '',
        spec: '',
        unit: '',
        status: null,
        successorCode: null,
        figures: s.figures,
        daysOfInventory: s.daysOfInventory,
      });
  };
  for (const r of report.rows) {
    if (r.category !== current) {
      closeCategory();
      current = r.category;
    }
    out.push({
      kind: 'line',
      id: `${r.productId}:${r.status}`,
      category: r.category,
      productCode: r.productCode,
      productName: r.productName,
      productNameEn: r.productNameEn,
      spec: r.spec,
      unit: r.unit,
      status: r.status,
      successorCode: r.oldCode ? r.successorCode : null,
      figures: r.figures,
      daysOfInventory: r.daysOfInventory,
    });
  }
  closeCategory();
  out.push({
    kind: 'total',
    id: 'total',
    category: '',
    productCode: '',
    productName: '',
    productNameEn: '',
    spec: '',
    unit: '',
    status: null,
    successorCode: null,
    figures: report.totals.figures,
    daysOfInventory: report.totals.daysOfInventory,
  });
  return out;
}

/** The period as the title block shows it: `2026-W48 (2026-11-23 – 2026-11-29)` or the range. */
export function weeklyPeriodText(report: Pick<WeeklyReport, 'week' | 'from' | 'to'>): string {
  return report.week ? `${report.week} (${report.from} – ${report.to})` : `${report.from} – ${report.to}`;
}

/** The first cells of a line: what the line is (product, or the category's subtotal, or the grand total). */
function labelCells(l: WeeklyTableLine, t: Translate): string[] {
  const category = l.category || t('reports:weekly.noCategory');
  if (l.kind === 'subtotal') return [category, t('reports:weekly.subtotal', { category }), '', '', ''];
  if (l.kind === 'total') return ['', t('reports:weekly.grandTotal'), '', '', ''];
  const name = l.successorCode ? `${l.productName} → ${l.successorCode}` : l.productName;
  return [category, l.productCode, name, l.spec, t(`domain:status.${l.status}`)];
}

export function weeklyHeaderCells(t: Translate): string[] {
  const head = ['category', 'code', 'name', 'spec', 'status'].map((k) => t(`reports:weekly.col.${k}`));
  const figures = weeklyColumns.flatMap((c) => [
    `${t(`reports:weekly.col.${c}`)} ${t('reports:weekly.qty')}`,
    `${t(`reports:weekly.col.${c}`)} ${t('reports:weekly.amount')}`,
  ]);
  return [...head, ...figures, t('reports:weekly.col.daysOfInventory')];
}

/** One line as export cells: text, quantities in base units, amounts in yuan (two decimals), days (one decimal). */
export function weeklyExportCells(l: WeeklyTableLine, t: Translate): (string | number | null)[] {
  return [
    ...labelCells(l, t),
    ...weeklyColumns.flatMap((c) => [l.figures[c].qty, l.figures[c].amountFen / 100]),
    l.daysOfInventory,
  ];
}

const csvField = (v: string | number | null): string => {
  if (v === null) return '';
  const s = typeof v === 'number' ? String(v) : csvSafeCell(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

/** UTF-8 with a BOM (Excel and WPS read the Chinese), title and period first, formula-safe cells. */
export function weeklyCsv(report: WeeklyReport, t: Translate): string {
  const row = (cells: (string | number | null)[]) => cells.map(csvField).join(',');
  const lines = [
    row([
      t('reports:weekly.title'),
      weeklyPeriodText(report),
      report.warehouse?.name ?? t('reports:weekly.allWarehouses'),
    ]),
    row(weeklyHeaderCells(t)),
    ...weeklyTableLines(report).map((l) =>
      row(
        weeklyExportCells(l, t).map((v) => (typeof v === 'number' && !Number.isInteger(v) ? Number(v.toFixed(2)) : v)),
      ),
    ),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** The same table as an Excel workbook (exceljs): numbers as numbers, subtotals and the total in bold, header frozen. */
export async function weeklyXlsx(report: WeeklyReport, t: Translate): Promise<Uint8Array> {
  const mod = await import('exceljs');
  // The CommonJS package arrives as the default export in Node and as the namespace in some bundles.
  const ExcelJS = mod.default ?? (mod as unknown as typeof mod.default);
  const book = new ExcelJS.Workbook();
  book.creator = 'Cangwu 仓务';
  const sheet = book.addWorksheet(t('reports:weekly.sheetName'), {
    views: [{ state: 'frozen', ySplit: 3, xSplit: 3 }],
  });
  sheet.addRow([
    t('reports:weekly.title'),
    weeklyPeriodText(report),
    report.warehouse?.name ?? t('reports:weekly.allWarehouses'),
  ]).font = {
    bold: true,
    size: 13,
  };
  sheet.addRow([]);
  const header = sheet.addRow(weeklyHeaderCells(t));
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle' };
  const first = 6;
  for (const l of weeklyTableLines(report)) {
    const r = sheet.addRow(weeklyExportCells(l, t));
    if (l.kind !== 'line') r.font = { bold: true };
  }
  weeklyColumns.forEach((_c, i) => {
    sheet.getColumn(first + i * 2).numFmt = '#,##0';
    sheet.getColumn(first + i * 2 + 1).numFmt = '#,##0.00';
  });
  sheet.getColumn(first + weeklyColumns.length * 2).numFmt = '0.0';
  sheet.getColumn(2).width = 12;
  sheet.getColumn(3).width = 28;
  const buffer = await book.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
