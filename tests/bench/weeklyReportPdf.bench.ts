// weekly_report_pdf_ms (issue 14 "Must show"): the weekly stock report of 800
// products × 3 statuses to a finished PDF — the print engine as the station
// host and the CLI run it: the system Chromium launched, the print route
// loaded and logged in, the report asked and drawn, printed A4 with page x of
// y (electron/print/headless.ts). References in the same run: the query alone,
// and Chromium launched and closed with nothing printed. Needs `npm run build`
// (the print route is the built console).
import fs from 'node:fs';
import path from 'node:path';
import { launchPrintBrowser, printRouteToPdf } from '../../electron/print/headless';
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
  try {
    // Warm-up: the first load compiles the bundle's code paths.
    await printRouteToPdf(core, {
      baseUrl: host.url,
      route: `weeklyReport?from=${today}&to=${today}`,
      userId: supervisorId,
    });
    let t = performance.now();
    const r = await core.dispatch(caller, 'reports.weekly', input);
    const queryMs = performance.now() - t;
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const lines = (r.value as { rows: unknown[] }).rows.length;
    t = performance.now();
    const browser = await launchPrintBrowser();
    await browser.close();
    const launchMs = performance.now() - t;
    const runs: number[] = [];
    let pages = 0;
    for (let i = 0; i < 3; i++) {
      t = performance.now();
      const pdf = await printRouteToPdf(core, {
        baseUrl: host.url,
        route: `weeklyReport?from=${today}&to=${today}`,
        userId: supervisorId,
      });
      runs.push(performance.now() - t);
      pages = (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
    }
    const best = Math.min(...runs);
    bench('weekly_report_pdf_query_ms', queryMs, 'ms', `reference: reports.weekly alone, ${lines} lines`);
    bench('weekly_report_pdf_launch_ms', launchMs, 'ms', 'reference: Chromium launched and closed, nothing printed');
    bench(
      'weekly_report_pdf_ms',
      best,
      'ms',
      `limit ${limitMs}; ${lines} lines, ${pages} pages; best of 3 (${runs.map((x) => x.toFixed(0)).join(', ')})`,
    );
    if (best > limitMs) process.exitCode = 1;
  } finally {
    await host.close();
    await core.close();
    removeTempDirs();
  }
}

void main();
