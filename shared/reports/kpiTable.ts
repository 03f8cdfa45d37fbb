// The KPI tracker 客户服务部重要衡量指标跟踪表 as a table, one shape for every
// export: the console's CSV and XLSX buttons and `cangwu report kpi` write
// these header and body cells (the print shows the same figures through
// renderer/pages/kpi/kpiFormat.ts, which reads its values from here). Figures
// are the reply's (shared/contract/kpi): nothing is computed here.
import type { KpiFigure, KpiId, KpiTracker, KpiUnit } from '../contract';
import { csvSafeCell } from '../text/csvFormula';
import type { Translate } from './weeklyTable';

/** What the table needs of the renderer's Formatters (the CLI builds its own: kpiNumbers). */
export type KpiNumbers = {
  locale: string;
  qty(n: number | null | undefined): string;
  money(fen: number | null | undefined): string;
};

/** Whole quantities and yuan in `locale`, as the renderer's makeFormatters writes them. */
export function kpiNumbers(locale: string): KpiNumbers {
  const qty = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const money = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: 'CNY',
    currencyDisplay: 'narrowSymbol',
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  return {
    locale,
    qty: (n) => (n === null || n === undefined ? '' : qty.format(n)),
    money: (fen) => (fen === null || fen === undefined ? '' : money.format(fen / 100)),
  };
}

/** A figure as read: a percentage with two decimals, days with one, counts whole. */
export function kpiValue(f: KpiNumbers, unit: KpiUnit, value: number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const n = new Intl.NumberFormat(f.locale, {
    minimumFractionDigits: unit === 'pct' ? 2 : unit === 'days' ? 1 : 0,
    maximumFractionDigits: unit === 'pct' ? 2 : unit === 'days' ? 1 : 0,
  }).format(value);
  return unit === 'pct' ? `${n}%` : n;
}

/** The rate's numerator and denominator, or the returns' quantity and credit. */
export function kpiDetail(t: Translate, f: KpiNumbers, kpi: KpiId, figure: KpiFigure): string {
  if (figure.qty !== undefined)
    return t('kpi:returnsDetail', { qty: f.qty(figure.qty), amount: f.money(figure.amountFen ?? 0) });
  if (figure.num !== null && figure.den !== null && kpi !== 'daysOfInventory' && kpi !== 'complaintResolutionDays')
    return t('kpi:rate', { num: f.qty(figure.num), den: f.qty(figure.den) });
  return '';
}

/** The target as read beside its KPI: "≥ 98.00%" or "≤ 3". */
export function targetText(unit: KpiUnit, better: 'higher' | 'lower', target: number | null, f: KpiNumbers): string {
  if (target === null) return '';
  return `${better === 'higher' ? '≥' : '≤'} ${kpiValue(f, unit, target)}`;
}

export type KpiTable = {
  /** Title, month; the basis line. */
  title: string[];
  basis: string;
  header: string[];
  /** Per KPI: name, target, then per period its figure, the figure's detail and its grade. */
  body: string[][];
};

/** The tracker's cells: a row per KPI; per period three columns (figure, n/d or quantity and credit, grade). */
export function kpiTable(k: KpiTracker, t: Translate, f: KpiNumbers): KpiTable {
  const header = [t('kpi:kpi'), t('kpi:target')];
  for (const p of k.periods) {
    const name = `${t(`kpi:period.${p.key}`)} ${p.from}–${p.to}`;
    header.push(name, `${name} ${t('kpi:rate', { num: 'n', den: 'd' })}`, `${name} ${t('kpi:legend')}`);
  }
  const body = k.rows.map((r) => {
    const cells = [t(`kpi:name.${r.kpi}`), targetText(r.unit, r.better, r.target, f)];
    r.cells.forEach((c, i) => {
      if (k.periods[i]!.future || !c.figure) cells.push(t('kpi:future'), '', '');
      else
        cells.push(
          c.figure.value === null ? '' : kpiValue(f, r.unit, c.figure.value),
          kpiDetail(t, f, r.kpi, c.figure),
          c.grade ? t(`kpi:grade.${c.grade}`) : '',
        );
    });
    return cells;
  });
  return { title: [t('kpi:title'), k.month], basis: t('kpi:basis', { today: k.today }), header, body };
}

const field = (s: string): string => {
  const v = csvSafeCell(s);
  return /[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
};
const csvRow = (cells: string[]) => cells.map(field).join(',');

/** UTF-8 with a BOM so Excel and WPS read the Chinese; formula-safe cells. */
export function kpiCsv(k: KpiTracker, t: Translate, f: KpiNumbers): string {
  const table = kpiTable(k, t, f);
  const lines = [csvRow(table.title), csvRow([table.basis]), '', csvRow(table.header), ...table.body.map(csvRow)];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** The same table as an Excel workbook (exceljs): title and header in bold, the KPI column frozen. */
export async function kpiXlsx(k: KpiTracker, t: Translate, f: KpiNumbers): Promise<Uint8Array> {
  const table = kpiTable(k, t, f);
  const mod = await import('exceljs');
  // The CommonJS package arrives as the default export in Node and as the namespace in some bundles.
  const ExcelJS = mod.default ?? (mod as unknown as typeof mod.default);
  const book = new ExcelJS.Workbook();
  book.creator = 'Cangwu 仓务';
  const sheet = book.addWorksheet(k.month, { views: [{ state: 'frozen', ySplit: 4, xSplit: 2 }] });
  sheet.addRow(table.title).font = { bold: true, size: 13 };
  sheet.addRow([table.basis]);
  sheet.addRow([]);
  const header = sheet.addRow(table.header);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle' };
  for (const cells of table.body) sheet.addRow(cells);
  sheet.getColumn(1).width = 24;
  sheet.getColumn(2).width = 12;
  for (let c = 3; c <= table.header.length; c++) sheet.getColumn(c).width = (c - 3) % 3 === 1 ? 18 : 12;
  const buffer = await book.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
