// The weekly stock report 周库存报表 printed for real (issue 14 §5, §6): the
// print engine's PDF (written by pdfkit, electron/print/documentPdf.ts) of a
// long report — 800 products × 3 statuses — carries the Chinese title, the
// period, the grand total and "第 x 页 / 共 N 页" on every page, no row split
// across pages and the page count its rows per page predict; a scheduled run
// with a fake clock writes its PDF, a run missed while no host ran is written
// at the next start; the CLI writes PDF, CSV and XLSX; the supervisor opens
// the report and prints it. Pages are kept as PNGs under test-results/.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { printDocumentPdf } from '../../electron/print/documentPdf';
import { printRouteToPdf } from '../../electron/print/headless';
import type { WeeklyReport } from '../../shared/contract/reports';
import { startStationHost, type StationHost } from '../../electron/server';
import { tempDir } from '../helpers/tempDirs';
import { longReportWarehouse, type LongReportWarehouse } from '../helpers/longWeeklyReport';
import { initDataDir, launchBrowser, newPage, repoRoot, screenshot, screenshotDir, warehouseDay } from './harness';
import { pdfPages, pdfPngs, pdfText } from './printed';
import { LoginPage, Shell } from './pages/ConsolePage';

const rendererDir = path.join(repoRoot, 'dist', 'renderer');
const cli = path.join(repoRoot, 'dist', 'electron', 'cli.cjs');
const zone = 'Asia/Shanghai';

/** Pages 1, 2 and the last as PNGs to look at. */
const keepPages = (file: string, prefix: string, last: number) => pdfPngs(file, prefix, [1, 2, last]);

describe('the weekly stock report, printed', () => {
  let w: LongReportWarehouse;
  let host: StationHost;
  // The clock of the core: Saturday 2026-11-28 17:00 in Shanghai, moved by the tests.
  let now = new Date('2026-11-28T09:00:00Z');
  beforeAll(async () => {
    w = await longReportWarehouse(800, { now: () => now, timeZone: zone });
    host = await startStationHost({ core: w.core, rendererDir, port: 0, log: () => {} });
  });
  afterAll(async () => {
    await host?.close();
    await w?.core.close();
  });
  // The host's printer: pdfkit for the weekly report, Chromium on the print route for the others.
  const printer = (job: { route: string; userId: number }) =>
    printDocumentPdf(w.core, job, (j) => printRouteToPdf(w.core, { baseUrl: host.url, ...j }));

  it('prints 800 products × 3 statuses: title, period, grand total, page x of y, no row split, pages as rows predict', async () => {
    const route = 'weeklyReport?from=2026-11-23&to=2026-11-28';
    const pdf = await printDocumentPdf(w.core, { route, userId: w.supervisorId }, () =>
      Promise.reject(new Error('the weekly report is written without Chromium')),
    );
    const file = path.join(screenshotDir, 'weekly-long.pdf');
    fs.mkdirSync(screenshotDir, { recursive: true });
    fs.writeFileSync(file, pdf);
    const pages = pdfPages(file);
    keepPages(file, 'weekly-long-page', pages);
    const first = pdfText(file, 1);
    expect(first).toContain('周库存报表');
    expect(first).toContain('2026-11-23 – 2026-11-28');
    expect(first).toContain('周主管');
    expect(first).toMatch(new RegExp(`第 1 页 / 共 ${pages} 页`));
    // The grand total is the report's own: its closing quantity and amount, as the console writes them.
    const caller = w.core.newCaller('test');
    caller.session = {
      token: '',
      tokenHash: '',
      userId: w.supervisorId,
      username: 'super',
      displayName: '周主管',
      roles: ['supervisor'],
      locale: 'zh-CN',
      station: 'test',
      expiresAt: Number.POSITIVE_INFINITY,
    };
    const r = await w.core.dispatch(caller, 'reports.weekly', { from: '2026-11-23', to: '2026-11-28' });
    w.core.release(caller);
    if (!r.ok) throw new Error(r.error.code);
    const report = r.value as WeeklyReport;
    const closing = report.totals.figures.closing;
    const last = pdfText(file, pages);
    expect(last).toMatch(/合计/);
    expect(last).toContain(new Intl.NumberFormat('zh-CN').format(closing.qty));
    expect(last).toContain(
      new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2 }).format(closing.amountFen / 100),
    );
    expect(last).toMatch(new RegExp(`第 ${pages} 页 / 共 ${pages} 页`));
    // Every page: the header row repeated, page x of y; each row whole on one page (a product's code and
    // its name on the same page), every line printed once.
    const rowsPerPage: number[] = [];
    let codes = 0;
    for (let p = 1; p <= pages; p++) {
      const text = pdfText(file, p);
      expect(text).toContain('商品代码');
      expect(text).toMatch(new RegExp(`第 ${p} 页 / 共 ${pages} 页`));
      const pageCodes = text.match(/\bW1\d{4}\b/g)?.length ?? 0;
      const pageNames = text.match(/测试商品\d+/g)?.length ?? 0;
      expect(pageNames, `page ${p}`).toBe(pageCodes);
      codes += pageCodes;
      rowsPerPage.push(pageCodes + (text.match(/小计|合计/g)?.length ?? 0));
    }
    expect(codes).toBe(report.rows.length);
    expect(report.rows.length).toBe(2400);
    // Rows are of one height here, so every page between the first and the last holds the same number
    // of rows, and the page count is what that number predicts for all the rows.
    const full = rowsPerPage[1]!;
    expect(rowsPerPage.slice(1, -1).every((n) => n === full)).toBe(true);
    const allRows = report.rows.length + report.subtotals.length + 1;
    expect(rowsPerPage.reduce((a, b) => a + b, 0)).toBe(allRows);
    expect(pages).toBe(1 + Math.ceil((allRows - rowsPerPage[0]!) / full));
  });

  it('writes the scheduled PDF when its time comes, and a run missed while closed at the next start', async () => {
    const folder = tempDir('weekly-out');
    w.core.schedules.setPrinter(printer);
    w.core.schedules.configure(
      { kind: 'weeklyReport', enabled: true, weekday: 6, at: '18:00', folder },
      { userId: w.supervisorId, displayName: '周主管' },
    );
    // Before 18:00 nothing is due.
    expect(await w.core.schedules.runDue()).toEqual([]);
    now = new Date('2026-11-28T10:00:30Z'); // Saturday 18:00:30 in Shanghai
    const [run] = await w.core.schedules.runDue();
    expect(run).toMatchObject({ ok: true, period: '2026-11-23 – 2026-11-28' });
    expect(fs.existsSync(run!.file!)).toBe(true);
    expect(pdfText(run!.file!, 1)).toContain('周库存报表');
    // It does not run twice for the same Saturday.
    expect(await w.core.schedules.runDue()).toEqual([]);

    // The console was closed over the next Saturday evening; it starts on Sunday morning.
    now = new Date('2026-12-06T01:00:00Z');
    w.core.schedules.start();
    await vi.waitFor(() => expect(w.core.schedules.status().log).toHaveLength(2), { timeout: 90_000, interval: 200 });
    const missed = w.core.schedules.status().log[0]!;
    expect(missed).toMatchObject({ ok: true, dueAt: '2026-12-05T10:00:00.000Z', period: '2026-11-30 – 2026-12-05' });
    expect(fs.readdirSync(folder).filter((f) => f.endsWith('.pdf'))).toHaveLength(2);
    await w.core.schedules.stop();
  });

  it('logs a run whose folder went away as a failure, never a silent skip', async () => {
    const folder = tempDir('weekly-gone');
    w.core.schedules.configure(
      { kind: 'weeklyReport', enabled: true, weekday: 6, at: '18:00', folder },
      { userId: w.supervisorId, displayName: '周主管' },
    );
    fs.rmSync(folder, { recursive: true });
    const run = await w.core.schedules.runNow('weeklyReport');
    expect(run).toMatchObject({ ok: false, error: { code: 'schedules.folderMissing' } });
    expect(w.core.schedules.failures().map((r) => r.error?.code)).toContain('schedules.folderMissing');
  });

  it('writes the KPI tracker each Monday 08:00, refuses a missing folder at save, and catches up a missed run at start', async () => {
    const supervisor = { userId: w.supervisorId, displayName: '周主管' };
    expect(() =>
      w.core.schedules.configure(
        { kind: 'kpiTracker', enabled: true, weekday: 1, at: '08:00', folder: path.join(tempDir('kpi-none'), 'gone') },
        supervisor,
      ),
    ).toThrow(expect.objectContaining({ code: 'schedules.folderMissing' }));
    const folder = tempDir('kpi-out');
    w.core.schedules.configure({ kind: 'kpiTracker', enabled: true, weekday: 1, at: '08:00', folder }, supervisor);
    // Closed over Monday 2026-12-07 08:00 Shanghai; started at 09:00.
    now = new Date('2026-12-07T01:00:00Z');
    w.core.schedules.start();
    await vi.waitFor(() => expect(w.core.schedules.status().log[0]?.kind).toBe('kpiTracker'), {
      timeout: 90_000,
      interval: 200,
    });
    await w.core.schedules.stop();
    const run = w.core.schedules.status().log[0]!;
    expect(run).toMatchObject({ ok: true, dueAt: '2026-12-07T00:00:00.000Z', period: '2026-12' });
    const text = pdfText(run.file!, 1);
    expect(text).toContain('客户服务部重要衡量指标跟踪表');
    expect(text).toContain('2026-12');
    expect(fs.readdirSync(folder)).toEqual([path.basename(run.file!)]);
  });
});

describe('cangwu report weekly and the page', () => {
  let dataDir: string;
  beforeAll(async () => {
    // A folder in the run's warehouse zone, so "today" below is the host's today whenever the run is.
    dataDir = tempDir('weekly-cli-data');
    await initDataDir(dataDir);
    const w = await longReportWarehouse(30, { dataDir });
    await w.core.close();
  });

  it('writes the weekly report as PDF, CSV and XLSX from the command line', () => {
    const out = tempDir('weekly-cli');
    const today = warehouseDay();
    for (const format of ['pdf', 'csv', 'xlsx']) {
      const file = path.join(out, `weekly.${format}`);
      const r = spawnSync(
        process.execPath,
        [cli, 'report', 'weekly', '--from', today, '--to', today, `--${format}`, file, '--data-dir', dataDir],
        {
          encoding: 'utf8',
        },
      );
      expect([format, r.status, r.stderr]).toEqual([format, 0, expect.any(String)]);
      expect(fs.statSync(file).size).toBeGreaterThan(1000);
    }
    expect(pdfText(path.join(out, 'weekly.pdf'))).toMatch(/周库存报表[\s\S]*第 1 页 \/ 共 \d+ 页/);
    const csv = fs.readFileSync(path.join(out, 'weekly.csv'), 'utf8');
    expect(csv).toContain('周库存报表');
    expect(csv).toContain('合计');
    expect(fs.readFileSync(path.join(out, 'weekly.xlsx')).subarray(0, 2).toString()).toBe('PK');
    // A future week is refused with the console's error, and nothing is written.
    const refused = spawnSync(
      process.execPath,
      [cli, 'report', 'weekly', '--week', '2099-W01', '--csv', path.join(out, 'no.csv'), '--data-dir', dataDir],
      {
        encoding: 'utf8',
      },
    );
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('reports.futureRange');
    expect(fs.existsSync(path.join(out, 'no.csv'))).toBe(false);
  });

  it('writes the KPI tracker of a month as PDF, CSV and XLSX from the command line', () => {
    const out = tempDir('kpi-cli');
    const month = warehouseDay().slice(0, 7);
    for (const format of ['pdf', 'csv', 'xlsx']) {
      const file = path.join(out, `kpi.${format}`);
      const r = spawnSync(
        process.execPath,
        [cli, 'report', 'kpi', '--month', month, `--${format}`, file, '--data-dir', dataDir],
        { encoding: 'utf8' },
      );
      expect([format, r.status, r.stderr]).toEqual([format, 0, expect.any(String)]);
      expect(fs.statSync(file).size).toBeGreaterThan(500);
    }
    const pdf = path.join(out, 'kpi.pdf');
    expect(pdfText(pdf)).toContain('客户服务部重要衡量指标跟踪表');
    expect(pdfText(pdf)).toContain(month);
    fs.mkdirSync(screenshotDir, { recursive: true });
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdf, path.join(screenshotDir, 'kpi-cli')]);
    const csv = fs.readFileSync(path.join(out, 'kpi.csv'), 'utf8');
    expect(csv).toContain('客户服务部重要衡量指标跟踪表');
    expect(csv).toContain('库存记录准确度');
    expect(fs.readFileSync(path.join(out, 'kpi.xlsx')).subarray(0, 2).toString()).toBe('PK');
    // A month still to come is refused with the console's error, and nothing is written.
    const refused = spawnSync(
      process.execPath,
      [cli, 'report', 'kpi', '--month', '2099-01', '--csv', path.join(out, 'no.csv'), '--data-dir', dataDir],
      { encoding: 'utf8' },
    );
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('kpi.futureMonth');
    expect(fs.existsSync(path.join(out, 'no.csv'))).toBe(false);
  });

  it('the supervisor opens the weekly report and its print preview', async () => {
    const core = await (await import('../../electron/core/core')).openCore({ dataDir, station: 'E2E', log: () => {} });
    const host = await startStationHost({ core, rendererDir, port: 0, log: () => {} });
    const browser = await launchBrowser();
    try {
      const page = await newPage(browser);
      await new LoginPage(page).openAs(host.url, 'super', 'secret-pass-1');
      await new Shell(page).go('weeklyReport');
      await page.getByTestId('weekly-by-range').check();
      const today = warehouseDay();
      await page.getByTestId('weekly-from').fill(today);
      await page.getByTestId('weekly-to').fill(today);
      await page.getByTestId('weekly-period').getByText(today).first().waitFor();
      await page.getByText('合计').first().waitFor();
      await screenshot(page, 'weekly-01-page');
      await page.getByTestId('weekly-print').click();
      await page.getByTestId('print-weekly-report').waitFor();
      await screenshot(page, 'weekly-02-preview');
      expect(await page.getByTestId('weekly-print-table').getByText('合计').count()).toBe(1);
    } finally {
      await browser.close();
      await host.close();
      await core.close();
    }
  });
});
