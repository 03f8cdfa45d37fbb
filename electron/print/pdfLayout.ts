// The one page layout of every PDF Cangwu writes, whoever writes it: the
// desktop (Electron's webContents.printToPDF), the station host and the CLI
// (the system Chromium through playwright-core, headless.ts). A4 from the
// document's @page rule (portrait, or landscape for a sheet marked so), the
// document's title in the page header and "第 x 页 / 共 y 页 · page x of y" in
// the footer of every page (Chromium fills pageNumber/totalPages/title in
// these templates). The templates are rendered apart from the page, so they
// carry their own font and size; the font is the console's CJK font.

/** Page margins, in millimetres: room above and below for the header and footer. */
export const pdfMarginsMm = { top: 14, bottom: 14, left: 10, right: 10 } as const;

const templateFont =
  "font-family:'Noto Sans CJK SC','Microsoft YaHei','PingFang SC',sans-serif;font-size:8pt;color:#333";

/** The header: the document's title (document.title, set by the print sheet) at the left, Cangwu 仓务 at the right. */
export const pdfHeaderTemplate =
  `<div style="${templateFont};width:100%;margin:0 ${pdfMarginsMm.right}mm 0 ${pdfMarginsMm.left}mm;display:flex;` +
  'justify-content:space-between"><span class="title"></span><span>仓务 Cangwu</span></div>';

/** The footer: page x of y in Chinese first, then English. */
export const pdfFooterTemplate =
  `<div style="${templateFont};width:100%;margin:0 ${pdfMarginsMm.right}mm 0 ${pdfMarginsMm.left}mm;text-align:center">` +
  '第 <span class="pageNumber"></span> 页 / 共 <span class="totalPages"></span> 页 · ' +
  'page <span class="pageNumber"></span> of <span class="totalPages"></span></div>';

const mm = (n: number) => `${n}mm`;

/** Options for playwright-core's page.pdf (the station host and the CLI). */
export const playwrightPdfOptions = {
  format: 'A4',
  printBackground: true,
  preferCSSPageSize: true,
  displayHeaderFooter: true,
  headerTemplate: pdfHeaderTemplate,
  footerTemplate: pdfFooterTemplate,
  margin: {
    top: mm(pdfMarginsMm.top),
    bottom: mm(pdfMarginsMm.bottom),
    left: mm(pdfMarginsMm.left),
    right: mm(pdfMarginsMm.right),
  },
} as const;

const inches = (n: number) => n / 25.4;

/** The same layout for Electron's webContents.printToPDF (margins in inches there). */
export const electronPdfOptions = {
  pageSize: 'A4',
  printBackground: true,
  preferCSSPageSize: true,
  displayHeaderFooter: true,
  headerTemplate: pdfHeaderTemplate,
  footerTemplate: pdfFooterTemplate,
  margins: {
    top: inches(pdfMarginsMm.top),
    bottom: inches(pdfMarginsMm.bottom),
    left: inches(pdfMarginsMm.left),
    right: inches(pdfMarginsMm.right),
  },
} as const;
