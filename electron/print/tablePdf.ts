// Long tabular reports written straight to PDF with pdfkit. Chromium's PDF
// writer spends ~18 s on the weekly stock report's ~67k text runs (800
// products × 3 statuses, 110 pages); pdfkit places the same runs in about a
// second. The page is the one every Cangwu PDF has (pdfLayout.ts): A4, the
// document's title in the page header with 仓务 Cangwu at the right, 「第 x 页 /
// 共 y 页 · page x of y」 in the footer; then the print sheet's title block
// (title, number, meta, printed at/by), the table with its header repeated on
// every page, no row split across pages (a row moves whole to the next page),
// and notes under the table. The font is the subset shipped in
// resources/fonts, so every machine prints the same glyphs; a character the
// subset lacks is refused before anything is drawn (never a box on paper).
import fs from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { AppError } from '../../shared/errors';
import { pdfMarginsMm } from './pdfLayout';

export type TableAlign = 'left' | 'right';

export type TableColumn = {
  /** The header cell; '\n' breaks it into lines. */
  header: string;
  /** Relative width: the columns share the page width in these proportions. */
  width: number;
  align?: TableAlign;
};

export type TableRow = {
  /** 'line' a plain row; 'subtotal' and 'total' bold on a tint, the total with a rule above. */
  kind: 'line' | 'subtotal' | 'total';
  /** One entry per column (a string[] stacks lines in the cell), or fewer when `span` merges the first cells. */
  cells: (string | string[])[];
  /** The first cell spans this many columns (a subtotal's label). */
  span?: number;
};

export type TableDocument = {
  title: string;
  /** The document's number or period beside the title (e.g. "2026-W48"). */
  number?: string;
  /** The title block's facts, in order: warehouse, period, … */
  meta: { label: string; value: string }[];
  printed: { atLabel: string; at: string; byLabel: string; by: string };
  landscape: boolean;
  columns: TableColumn[];
  rows: TableRow[];
  /** Paragraphs above the table (e.g. "the period is not over") and under it (e.g. how days are computed). */
  notesBefore?: string[];
  notesAfter?: string[];
  /** Page footer text for page x of y. */
  pageText(page: number, pages: number): string;
};

const mmToPt = (mm: number) => (mm * 72) / 25.4;
const margins = {
  top: mmToPt(pdfMarginsMm.top),
  bottom: mmToPt(pdfMarginsMm.bottom),
  left: mmToPt(pdfMarginsMm.left),
  right: mmToPt(pdfMarginsMm.right),
};
const bodySize = 6.5;
const lineGap = 1.6;
const cellPadX = 2;
const cellPadY = 1.5;
const headerSize = 6.5;
const rule = '#555555';
const hairline = '#bbbbbb';
const tint = '#eeeeee';

/** The shipped print font's two files; CANGWU_FONTS_DIR names another folder. */
export function printFontFiles(): { regular: string; bold: string } {
  const names = { regular: 'CangwuPrintSC-Regular.woff2', bold: 'CangwuPrintSC-Bold.woff2' };
  // From the bundle (dist/electron → resources/), from the sources (electron/print → resources/),
  // and from the working folder (tests and benches run from the repository's root).
  const candidates = [
    process.env.CANGWU_FONTS_DIR,
    path.resolve(__dirname, '..', '..', 'resources', 'fonts'),
    path.resolve(__dirname, '..', '..', '..', 'resources', 'fonts'),
    path.resolve(process.cwd(), 'resources', 'fonts'),
  ].filter((d): d is string => !!d);
  for (const dir of candidates) {
    const regular = path.join(dir, names.regular);
    if (fs.existsSync(regular)) return { regular, bold: path.join(dir, names.bold) };
  }
  throw new AppError('print.failed', { reason: `the print font ${names.regular} is missing (resources/fonts)` });
}

/** Fonts are read once per process: decoding the WOFF2 subset costs ~0.3 s. */
let fontCache: { regular: Buffer; bold: Buffer } | null = null;
function fontBytes(): { regular: Buffer; bold: Buffer } {
  if (!fontCache) {
    const files = printFontFiles();
    fontCache = { regular: fs.readFileSync(files.regular), bold: fs.readFileSync(files.bold) };
  }
  return fontCache;
}

type Doc = InstanceType<typeof PDFDocument>;

/** Every character the document will draw, checked against the font: a missing glyph is refused, not printed as a box. */
function checkGlyphs(doc: Doc, spec: TableDocument): void {
  const texts: string[] = [spec.title, spec.number ?? '', spec.printed.atLabel, spec.printed.by, spec.printed.byLabel];
  texts.push(spec.printed.at, spec.pageText(1, 1), ...(spec.notesBefore ?? []), ...(spec.notesAfter ?? []));
  for (const m of spec.meta) texts.push(m.label, m.value);
  for (const c of spec.columns) texts.push(c.header);
  for (const r of spec.rows) for (const c of r.cells) texts.push(...(Array.isArray(c) ? c : [c]));
  const seen = new Set<number>();
  // pdfkit's font wraps fontkit's; its glyph lookup answers for one code point.
  const font = (doc as unknown as { _font: { font: { hasGlyphForCodePoint(cp: number): boolean } } })._font.font;
  for (const text of texts)
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      if (cp < 0x20 || seen.has(cp)) continue;
      seen.add(cp);
      if (!font.hasGlyphForCodePoint(cp))
        throw new AppError('print.failed', {
          reason: `the print font has no glyph for "${ch}" (U+${cp.toString(16).toUpperCase().padStart(4, '0')}) in "${text}"`,
        });
    }
}

/** Text cut to fit a width, with an ellipsis: a cell never runs into its neighbour. */
function fit(doc: Doc, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (doc.widthOfString(`${text.slice(0, mid)}…`) <= width) lo = mid;
    else hi = mid - 1;
  }
  return `${text.slice(0, lo)}…`;
}

/** The table document as PDF bytes. */
export async function writeTablePdf(spec: TableDocument): Promise<Buffer> {
  const fonts = fontBytes();
  const doc = new PDFDocument({
    size: 'A4',
    layout: spec.landscape ? 'landscape' : 'portrait',
    margins,
    bufferPages: true,
    autoFirstPage: true,
    info: { Title: spec.title, Creator: 'Cangwu 仓务', Producer: 'Cangwu 仓务' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);
  doc.font('regular');
  checkGlyphs(doc, spec);

  const left = margins.left;
  const right = doc.page.width - margins.right;
  const bottom = doc.page.height - margins.bottom;
  const pageWidth = right - left;
  const totalWeight = spec.columns.reduce((s, c) => s + c.width, 0);
  const xs: number[] = [];
  let acc = left;
  for (const c of spec.columns) {
    xs.push(acc);
    acc += (c.width / totalWeight) * pageWidth;
  }
  xs.push(right);
  const lineHeight = bodySize + lineGap;

  // --- the title block (first page only), as the print sheet draws it
  let y = margins.top;
  doc.font('bold').fontSize(14).fillColor('#000');
  doc.text(spec.title, left, y, { lineBreak: false });
  if (spec.number) {
    const w = doc.widthOfString(spec.title);
    doc
      .font('regular')
      .fontSize(10)
      .text(spec.number, left + w + 8, y + 3, { lineBreak: false });
  }
  y += 20;
  doc.font('regular').fontSize(7.5);
  const facts = [
    ...spec.meta,
    { label: spec.printed.atLabel, value: spec.printed.at },
    { label: spec.printed.byLabel, value: spec.printed.by },
  ];
  let x = left;
  for (const m of facts) {
    const text = `${m.label}：${m.value}`;
    const w = doc.widthOfString(text);
    if (x + w > right) {
      x = left;
      y += 11;
    }
    doc.fillColor('#333').text(text, x, y, { lineBreak: false });
    x += w + 16;
  }
  y += 14;
  doc.moveTo(left, y).lineTo(right, y).lineWidth(0.8).strokeColor(rule).stroke();
  y += 5;
  doc.font('regular').fontSize(7).fillColor('#000');
  for (const note of spec.notesBefore ?? []) {
    doc.text(note, left, y, { width: pageWidth });
    y = doc.y + 3;
  }

  // --- the table
  const headerLines = spec.columns.map((c) => c.header.split('\n'));
  const headerHeight = Math.max(...headerLines.map((l) => l.length)) * (headerSize + lineGap) + cellPadY * 2;
  const drawHeader = () => {
    doc.rect(left, y, pageWidth, headerHeight).fillColor(tint).fill();
    doc.font('bold').fontSize(headerSize).fillColor('#000');
    spec.columns.forEach((c, i) => {
      const w = xs[i + 1]! - xs[i]! - cellPadX * 2;
      headerLines[i]!.forEach((line, k) => {
        const s = fit(doc, line, w);
        const ty = y + cellPadY + k * (headerSize + lineGap);
        const tx = c.align === 'right' ? xs[i + 1]! - cellPadX - doc.widthOfString(s) : xs[i]! + cellPadX;
        doc.text(s, tx, ty, { lineBreak: false });
      });
    });
    y += headerHeight;
    doc.moveTo(left, y).lineTo(right, y).lineWidth(0.6).strokeColor(rule).stroke();
  };
  drawHeader();

  for (const row of spec.rows) {
    const cellLines = row.cells.map((c) => (Array.isArray(c) ? c : [c]));
    const height = Math.max(1, ...cellLines.map((l) => l.length)) * lineHeight + cellPadY * 2;
    if (y + height > bottom) {
      // The row moves whole to the next page, under the header drawn again.
      doc.addPage();
      y = margins.top;
      drawHeader();
    }
    if (row.kind !== 'line') doc.rect(left, y, pageWidth, height).fillColor(tint).fill();
    if (row.kind === 'total') doc.moveTo(left, y).lineTo(right, y).lineWidth(0.8).strokeColor(rule).stroke();
    doc
      .font(row.kind === 'line' ? 'regular' : 'bold')
      .fontSize(bodySize)
      .fillColor('#000');
    const span = row.span ?? 1;
    cellLines.forEach((lines, ci) => {
      // The cell's columns: the first spans `span` columns, the others follow one each.
      const first = ci === 0 ? 0 : ci + span - 1;
      const last = ci === 0 ? span - 1 : first;
      const column = spec.columns[first];
      if (!column) return;
      const x0 = xs[first]!;
      const x1 = xs[last + 1]!;
      const w = x1 - x0 - cellPadX * 2;
      lines.forEach((line, k) => {
        if (!line) return;
        const s = fit(doc, line, w);
        const ty = y + cellPadY + k * lineHeight;
        const tx = column.align === 'right' && ci !== 0 ? x1 - cellPadX - doc.widthOfString(s) : x0 + cellPadX;
        doc.text(s, tx, ty, { lineBreak: false });
      });
    });
    y += height;
    doc.moveTo(left, y).lineTo(right, y).lineWidth(0.3).strokeColor(hairline).stroke();
  }

  doc.font('regular').fontSize(7).fillColor('#333');
  y += 5;
  for (const note of spec.notesAfter ?? []) {
    if (y + 10 > bottom) {
      doc.addPage();
      y = margins.top;
    }
    doc.text(note, left, y, { width: pageWidth });
    y = doc.y + 3;
  }

  // --- page header and footer on every page, now that the page count is known
  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    // Text in the margins must not make pdfkit open a new page.
    const saved = doc.page.margins;
    doc.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
    doc.font('regular').fontSize(8).fillColor('#333');
    const headY = margins.top / 2 - 4;
    doc.text(spec.title, left, headY, { lineBreak: false });
    const brand = '仓务 Cangwu';
    doc.text(brand, right - doc.widthOfString(brand), headY, { lineBreak: false });
    const foot = spec.pageText(i + 1, range.count);
    doc.text(foot, left + (pageWidth - doc.widthOfString(foot)) / 2, doc.page.height - margins.bottom / 2 - 4, {
      lineBreak: false,
    });
    doc.page.margins = saved;
  }
  doc.end();
  return done;
}

/** Rows per page the writer fits for rows of `lines` lines each (pagination arithmetic, for tests and callers). */
export function tableRowHeight(lines: number): number {
  return lines * (bodySize + lineGap) + cellPadY * 2;
}
