// weekly_report_pdf_ms (issue 14 "Must show"): the weekly stock report of 800
// products × 3 statuses to a finished PDF, the way every host writes it
// (electron/print/documentPdf.ts): the report asked through the contract as
// the supervisor, laid out and written by pdfkit (print/tablePdf.ts), A4 with
// page x of y. Reference in the same run: the same report through the
// console's print route in the system Chromium (how it was printed before:
// ~18 s, all in Chromium's PDF writer), and the query alone. Needs
// `npm run build` (the Chromium reference prints the built console).
import fs from 'node:fs';
import path from 'node:path';
import { printDocumentPdf } from '../../electron/print/documentPdf';
import { printRouteToPdf } from '../../electron/print/headless';
import { startStationHost } from '../../electron/server';
import { longReportWarehouse } from '../helpers/longWeeklyReport';
import { removeTempDirs } from '../helpers/tempDirs';
import { bench } from './report';

const limitMs = 5000;

async function main() {
  const rendererDir = path.resolve('dist/renderer');
  if (!fs.existsSync(path.join(rendererDir, 'index.html'))) throw new Error('run `npm run build` first');
  const { core, supervisorId } = await longReportWarehouse(800);
  const host = await startStationHost({ core, rendererDir, port: 0, log: () => {} });
  const caller = core.newCaller('bench');
  caller.session = {
    token: '',
    tokenHash: '',
    userId: supervisorId,
    username: 'super',
    displayName: '周主管',
    roles: ['supervisor'],
    locale: 'zh-CN',
    station: 'bench',
    expiresAt: Number.POSITIVE_INFINITY,
  };
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const input = { from: today, to: today };
  const route = `weeklyReport?from=${today}&to=${today}`;
  const noChromium = () => Promise.reject(new Error('the weekly report must not need Chromium'));
  try {
    let t = performance.now();
    const r = await core.dispatch(caller, 'reports.weekly', input);
    const queryMs = performance.now() - t;
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const lines = (r.value as { rows: unknown[] }).rows.length;
    const pageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
    // Warm-up: the first PDF also reads the font files (once per process).
    await printDocumentPdf(core, { route, userId: supervisorId }, noChromium);
    const runs: number[] = [];
    let pages = 0;
    let size = 0;
    for (let i = 0; i < 3; i++) {
      t = performance.now();
      const pdf = await printDocumentPdf(core, { route, userId: supervisorId }, noChromium);
      runs.push(performance.now() - t);
      pages = pageCount(pdf);
      size = pdf.length;
    }
    t = performance.now();
    const chromiumPdf = await printRouteToPdf(core, { baseUrl: host.url, route, userId: supervisorId });
    const chromiumMs = performance.now() - t;
    const best = Math.min(...runs);
    bench('weekly_report_pdf_query_ms', queryMs, 'ms', `reference: reports.weekly alone, ${lines} lines`);
    bench(
      'weekly_report_pdf_chromium_ms',
      chromiumMs,
      'ms',
      `reference: the print route in Chromium, ${pageCount(chromiumPdf)} pages, ${(chromiumPdf.length / 1024).toFixed(0)} KiB`,
    );
    bench(
      'weekly_report_pdf_ms',
      best,
      'ms',
      `limit ${limitMs}; pdfkit, ${lines} lines, ${pages} pages, ${(size / 1024).toFixed(0)} KiB; best of 3 (${runs.map((x) => x.toFixed(0)).join(', ')}); ${(chromiumMs / best).toFixed(1)}× faster than Chromium`,
    );
    if (best > limitMs) process.exitCode = 1;
  } finally {
    await host.close();
    await core.close();
    removeTempDirs();
  }
}

void main();
