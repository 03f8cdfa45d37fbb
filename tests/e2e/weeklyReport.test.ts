// The weekly stock report 周库存报表 printed for real (issue 14 §5, §6): the
// print engine's PDF (the system Chromium on the host's own print route) of a
// long report — 800 products × 3 statuses — carries the Chinese title, the
// period, the grand total and "第 x 页 / 共 N 页" on every page; a scheduled run
// with a fake clock writes its PDF, a run missed while no host ran is written
// at the next start; the CLI writes PDF, CSV and XLSX; the supervisor opens
// the report and prints it. Pages are kept as PNGs under test-results/.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { printRouteToPdf } from '../../electron/print/headless';
import { startStationHost, type StationHost } from '../../electron/server';
import { tempDir } from '../helpers/tempDirs';
import { longReportWarehouse, type LongReportWarehouse } from '../helpers/longWeeklyReport';
import { initDataDir, launchBrowser, newPage, repoRoot, screenshot, screenshotDir, warehouseDay } from './harness';
import { LoginPage, Shell } from './pages/ConsolePage';

const rendererDir = path.join(repoRoot, 'dist', 'renderer');
const cli = path.join(repoRoot, 'dist', 'electron', 'cli.cjs');
const zone = 'Asia/Shanghai';

const pdfText = (file: string, page?: number) =>
  execFileSync('pdftotext', [
    ...(page ? ['-f', String(page), '-l', String(page)] : []),
    '-layout',
    file,
    '-',
  ]).toString();
const pdfPages = (file: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file]).toString())![1]);
function keepPages(file: string, prefix: string, last: number) {
  fs.mkdirSync(screenshotDir, { recursive: true });
  for (const p of [1, 2, last])
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      String(p),
      '-l',
      String(p),
      file,
      path.join(screenshotDir, `${prefix}-${p}`),
    ]);
}

describe('the weekly stock report, printed', () => {
  let w: LongReportWarehouse;
  let host: StationHost;
  // The clock of the core: Saturday 2026-11-28 17:00 in Shanghai, moved by the tests.
  let now = new Date('2026-11-28T09:00:00Z');
  beforeAll(async () => {
    w = await longReportWarehouse(200, { now: () => now, timeZone: zone });
    host = await startStationHost({ core: w.core, rendererDir, port: 0, log: () => {} });
  });
  afterAll(async () => {
    await host?.close();
    await w?.core.close();
  });

  it('prints 200 products × 3 statuses with the title, period, grand total and page x of y on every page', async () => {
    const pdf = await printRouteToPdf(w.core, {
      baseUrl: host.url,
      route: 'weeklyReport?from=2026-11-23&to=2026-11-28',
      userId: w.supervisorId,
    });
    const file = path.join(screenshotDir, 'weekly-long.pdf');
    fs.mkdirSync(screenshotDir, { recursive: true });
    fs.writeFileSync(file, pdf);
    const pages = pdfPages(file);
    keepPages(file, 'weekly-long-page', pages);
    // 600 lines and 5 subtotals at two text lines each cannot fit on a few landscape pages.
    expect(pages).toBeGreaterThan(10);
    const first = pdfText(file, 1);
    expect(first).toContain('周库存报表');
    expect(first).toContain('2026-11-23 – 2026-11-28');
    expect(first).toContain('周主管');
    expect(first).toMatch(new RegExp(`第 1 页 / 共 ${pages} 页`));
    // The header row repeats, and the footer counts, on every page; the grand total closes the last.
    const last = pdfText(file, pages);
    expect(last).toContain('商品代码');
    expect(last).toMatch(new RegExp(`第 ${pages} 页 / 共 ${pages} 页`));
    expect(last).toContain('合计');
    const middle = Math.floor(pages / 2);
    expect(pdfText(file, middle)).toMatch(new RegExp(`第 ${middle} 页 / 共 ${pages} 页[\\s\\S]*`));
    expect(pdfText(file, middle)).toContain('商品代码');
  });

  it('writes the scheduled PDF when its time comes, and a run missed while closed at the next start', async () => {
    const folder = tempDir('weekly-out');
    w.core.schedules.setPrinter((job) => printRouteToPdf(w.core, { baseUrl: host.url, ...job }));
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
