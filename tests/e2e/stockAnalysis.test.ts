// The stock analysis report 库存分析报表 (issue 14 item 2) in Chromium and from
// the command line: the operator opens it on the demo warehouse, sees its
// sections filled, changes the weeks without movement, and prints it to an A4
// PDF; `cangwu report stock-analysis` writes PDF, CSV and XLSX, and refuses a
// future date. One demo copy for the file; pages kept under test-results/.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tempDirs';
import { launchBrowser, newPage, repoRoot, screenshot, startStation, warehouseDay, type Station } from './harness';
import { pdfText, printedPdf } from './printed';
import { LoginPage, Shell } from './pages/ConsolePage';
import { StockAnalysisPage } from './pages/StockAnalysisPage';

const cli = path.join(repoRoot, 'dist', 'electron', 'cli.cjs');
let browser: Browser;
let station: Station;
let operator: Page;

beforeAll(async () => {
  station = await startStation({ init: ['--demo'] });
  browser = await launchBrowser();
  operator = await newPage(browser);
}, 120_000);
afterAll(async () => {
  await operator?.close();
  await browser?.close();
  await station?.stop();
});

describe('stock analysis report', () => {
  it('the operator opens it and sees slow movers, damaged and gift stock by age and the top days of inventory', async () => {
    await new LoginPage(operator).openAs(station.url, 'operator');
    await new Shell(operator).go('stockAnalysis');
    const sa = new StockAnalysisPage(operator);
    await sa.tab('slowMovers').locator('.tab-count').waitFor();
    expect(await sa.count('slowMovers')).toBeGreaterThan(0);
    expect(await sa.count('aged')).toBeGreaterThan(0);
    expect(await sa.count('topDays')).toBe(20);
    await screenshot(operator, 'stock-analysis-00-opened');
    await sa.rows().first().waitFor();
    await screenshot(operator, 'stock-analysis-01-slow-movers');
    await sa.open('aged');
    await sa.rows().first().waitFor();
    // The buckets' columns (the later ones may be scrolled out of AG Grid's rendered columns).
    expect(await operator.locator('.ag-header').innerText()).toContain('0–30 天');
    await screenshot(operator, 'stock-analysis-02-aged');
    // One week without movement finds at least as much idle stock as eight.
    const idle8 = await sa.count('idle');
    await operator.getByTestId('sa-weeks').fill('1');
    await expect.poll(() => operator.getByTestId('sa-weeks').inputValue()).toBe('1');
    await expect.poll(() => sa.count('idle')).toBeGreaterThanOrEqual(idle8);
    await sa.open('idle');
    await screenshot(operator, 'stock-analysis-03-idle-1-week');
  });

  it('prints every section to an A4 PDF with its title and the day', async () => {
    await operator.getByTestId('sa-print').click();
    await operator.getByTestId('print-stock-analysis').waitFor();
    await screenshot(operator, 'stock-analysis-04-print');
    const text = pdfText(await printedPdf(operator, 'stock-analysis-page', [1, 2]));
    expect(text).toContain('库存分析报表');
    expect(text).toContain(warehouseDay());
    for (const title of ['滞销品', '呆滞库存', '残损/赠品库龄', '库存天数排名', '旧代码库存'])
      expect(text).toContain(title);
  });

  it('cangwu report stock-analysis writes PDF, CSV and XLSX, and refuses a future date', async () => {
    const dataDir = tempDir('sa-cli-data');
    fs.cpSync(station.dataDir, dataDir, { recursive: true });
    const out = tempDir('sa-cli');
    const run = (args: string[]) =>
      spawnSync(process.execPath, [cli, 'report', 'stock-analysis', ...args, '--data-dir', dataDir], {
        encoding: 'utf8',
      });
    const day = warehouseDay();
    for (const format of ['pdf', 'csv', 'xlsx']) {
      const file = path.join(out, `sa.${format}`);
      const r = run(['--date', day, '--weeks', '4', `--${format}`, file]);
      expect([format, r.status, r.stderr]).toEqual([format, 0, expect.any(String)]);
      expect(fs.statSync(file).size).toBeGreaterThan(1000);
    }
    const csv = fs.readFileSync(path.join(out, 'sa.csv'), 'utf8');
    const code = /\r\n([A-Z0-9-]+),/.exec(csv.split('滞销品')[1]!)?.[1];
    expect(code).toBeTruthy();
    const text = pdfText(path.join(out, 'sa.pdf'));
    expect(text).toContain('库存分析报表');
    expect(text).toContain(day);
    expect(text).toContain(code!);
    expect(text).toMatch(/第 1 页 \/ 共 \d+ 页/);
    expect(fs.readFileSync(path.join(out, 'sa.xlsx')).subarray(0, 2).toString()).toBe('PK');
    const refused = run(['--date', warehouseDay(1), '--csv', path.join(out, 'no.csv')]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('reports.futureRange');
    expect(fs.existsSync(path.join(out, 'no.csv'))).toBe(false);
  });
});
