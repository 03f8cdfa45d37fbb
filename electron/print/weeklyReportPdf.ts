// 周库存报表 as a PDF written by pdfkit (tablePdf.ts): the same sheet as the
// console's print view (renderer/print/WeeklyReportPrint.tsx with
// WeeklyTableView) — A4 landscape, the title block, then per line the code,
// the name (→ successor for an old code), the status, each column's quantity
// over its amount, and days of inventory; subtotals per category and the
// grand total from the reply (shared/reports/weeklyTable.ts), nothing added
// up again here.
import { weeklyColumns, type WeeklyReport } from '../../shared/contract/reports';
import type { Locale } from '../../shared/domain';
import { weeklyPeriodText, weeklyTableLines, type Translate } from '../../shared/reports/weeklyTable';
import { numberFormats } from '../../shared/text/numberFormats';
import { writeTablePdf, type TableColumn, type TableRow } from './tablePdf';

export type PrintFacts = { locale: Locale; timeZone: string; printedBy: string; printedAt: Date };

/** "第 x 页 / 共 y 页 · page x of y", as every Cangwu PDF's footer (pdfLayout.ts). */
export const pageText = (page: number, pages: number) => `第 ${page} 页 / 共 ${pages} 页 · page ${page} of ${pages}`;

export function weeklyReportPdf(report: WeeklyReport, t: Translate, facts: PrintFacts): Promise<Buffer> {
  const n = numberFormats(facts.locale, facts.timeZone);
  const days = (d: number | null) => (d === null ? '—' : d.toFixed(1));
  const columns: TableColumn[] = [
    { header: t('reports:weekly.col.code'), width: 5.2 },
    { header: t('reports:weekly.col.name'), width: 12 },
    { header: t('reports:weekly.col.status'), width: 2.6 },
    ...weeklyColumns.map((c): TableColumn => ({
      header: `${t(`reports:weekly.col.${c}`)}\n${t('reports:weekly.qty')} / ${t('reports:weekly.amount')}`,
      width: 6,
      align: 'right',
    })),
    { header: t('reports:weekly.col.daysOfInventory'), width: 3.4, align: 'right' },
  ];
  const figures = (l: ReturnType<typeof weeklyTableLines>[number]) =>
    weeklyColumns.map((c) => [n.qty(l.figures[c].qty), n.money(l.figures[c].amountFen)]);
  const rows: TableRow[] = weeklyTableLines(report).map((l) => {
    if (l.kind === 'line') {
      const name = facts.locale === 'en' && l.productNameEn ? l.productNameEn : l.productName;
      const detail = [l.spec, l.successorCode ? `→ ${l.successorCode}` : ''].filter(Boolean).join(' ');
      return {
        kind: 'line',
        cells: [l.productCode, [name, detail], t(`domain:status.${l.status}`), ...figures(l), days(l.daysOfInventory)],
      };
    }
    const label =
      l.kind === 'total'
        ? t('reports:weekly.grandTotal')
        : t('reports:weekly.subtotal', { category: l.category || t('reports:weekly.noCategory') });
    return { kind: l.kind, span: 3, cells: [label, ...figures(l), days(l.daysOfInventory)] };
  });
  return writeTablePdf({
    title: t('reports:weekly.title'),
    number: report.week ?? undefined,
    meta: [
      { label: t('reports:weekly.warehouse'), value: report.warehouse?.name ?? t('reports:weekly.allWarehouses') },
      { label: t('reports:weekly.period'), value: weeklyPeriodText(report) },
      { label: t('reports:weekly.timeZone'), value: report.timeZone },
      { label: t('reports:weekly.generatedAt'), value: n.dateTime(new Date(report.generatedAt)) },
    ],
    printed: {
      atLabel: t('print:printedAt'),
      at: n.dateTime(facts.printedAt),
      byLabel: t('print:printedBy'),
      by: facts.printedBy,
    },
    landscape: true,
    columns,
    rows,
    notesBefore: report.complete ? [] : [t('reports:weekly.incomplete')],
    notesAfter: [t('reports:weekly.daysNote')],
    pageText,
  });
}
