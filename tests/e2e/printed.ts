// A print view as the department gets it on paper: written to an A4 PDF with
// the print engine's own layout (electron/print/pdfLayout.ts: margins, page
// x of y), kept beside the screenshots with PNGs of the pages to look at, and
// read back with poppler's pdftotext / pdfinfo.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { playwrightPdfOptions } from '../../electron/print/pdfLayout';
import { screenshotDir } from './harness';

/** The page printed to `<screenshots>/<name>.pdf`; PNGs of `pngPages` (page numbers, default the first). */
export async function printedPdf(page: Page, name: string, pngPages: number[] = [1]): Promise<string> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.pdf`);
  await page.emulateMedia({ media: 'print' });
  try {
    await page.pdf({ path: file, ...playwrightPdfOptions });
  } finally {
    await page.emulateMedia({ media: 'screen' });
  }
  pdfPngs(file, name, pngPages);
  return file;
}

/** PNGs `<prefix>-<n>.png` of the given pages (60 dpi: enough to look at a layout). */
export function pdfPngs(file: string, prefix: string, pages: number[]): void {
  const last = pdfPages(file);
  for (const p of pages.filter((n) => n <= last))
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      String(p),
      '-l',
      String(p),
      file,
      path.join(screenshotDir, prefix),
    ]);
}

/** The PDF's text as laid out (`-layout`), of one page or all. */
export const pdfText = (file: string, page?: number): string =>
  execFileSync('pdftotext', [
    ...(page ? ['-f', String(page), '-l', String(page)] : []),
    '-layout',
    file,
    '-',
  ]).toString();

/** The number of pages (pdfinfo). */
export const pdfPages = (file: string): number =>
  Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file]).toString())![1]);
