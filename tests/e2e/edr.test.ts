// The principal's weekly data 运行EDR (issue 17 §2) in Chromium: the operator
// opens the week of the demo's delivered trip, sees its sell-out, stock and
// returns, maps a principal code in place, and exports the week as CSV — a
// week not over goes out as a DRAFT, and the log lists the export.
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { isoWeekOf, lastFullWeek } from '../../shared/reports/weeks';
import { tempDir } from '../helpers/tempDirs';
import {
  initDataDir,
  launchBrowser,
  newPage,
  repoRoot,
  screenshot,
  startStation,
  warehouseDay,
  type Station,
} from './harness';
import { pdfPages, pdfText, printedPdf } from './printed';
import { LoginPage, Shell } from './pages/ConsolePage';

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

const cells = (p: Page, col: string) => p.locator(`.ag-cell[col-id="${col}"]`);
const count = async (p: Page, tab: string) =>
  Number((await p.getByTestId(`edr-tab-${tab}`).locator('.tab-count').innerText()).trim());

describe('EDR', () => {
  it("shows the delivered week's sell-out, stock and returns, and exports this week as a draft", async () => {
    await new LoginPage(operator).openAs(station.url, 'operator');
    await new Shell(operator).go('edr');
    await operator.getByTestId('edr-state').waitFor();
    await screenshot(operator, 'edr-00-last-full-week');
    // The demo's trip delivered two days ago, and its returns were checked in today.
    const week = isoWeekOf(warehouseDay(-2));
    await operator.evaluate((w) => (window.location.hash = `#/edr?week=${w}`), week);
    await expect.poll(() => operator.getByTestId('edr-week').inputValue()).toBe(week);
    await expect.poll(() => count(operator, 'sellOut')).toBeGreaterThan(0);
    expect(await count(operator, 'stock')).toBeGreaterThan(100);
    await cells(operator, 'productCode').first().waitFor();
    await screenshot(operator, 'edr-01-sell-out');
    // The tabs answer the arrow keys (components/TabBar.tsx): → chooses the next, End the last, Home the first.
    await operator.getByTestId('edr-tab-sellOut').focus();
    await operator.keyboard.press('ArrowRight');
    await expect.poll(() => operator.getByTestId('edr-tab-stock').getAttribute('aria-selected')).toBe('true');
    await operator.keyboard.press('End');
    await expect.poll(() => operator.getByTestId('edr-tab-codes').getAttribute('aria-selected')).toBe('true');
    await operator.keyboard.press('Home');
    await expect.poll(() => operator.getByTestId('edr-tab-sellOut').getAttribute('aria-selected')).toBe('true');

    // The principal's code, typed in the codes tab, replaces ours in the sell-out.
    const firstCode = (await cells(operator, 'productCode').first().innerText()).trim();
    await operator.getByTestId('edr-tab-codes').click();
    const codeRow = operator.locator(`.ag-row:has([col-id="productCode"]:text-is("${firstCode}"))`).first();
    await operator.getByTestId('edr-code-find').fill(firstCode);
    await expect.poll(() => cells(operator, 'productCode').count()).toBe(1);
    await codeRow.locator('[col-id="principalCode"]').dblclick();
    // At a person's pace: a burst of keys is taken for a wedge scanner's scan.
    await operator.keyboard.type('PG-7001', { delay: 80 });
    await operator.keyboard.press('Enter');
    await expect.poll(() => codeRow.locator('[col-id="principalCode"]').innerText()).toBe('PG-7001');
    await screenshot(operator, 'edr-02-codes');
    await operator.getByTestId('edr-tab-sellOut').click();
    await expect.poll(() => cells(operator, 'principalCode').first().innerText()).toBe('PG-7001');

    // This week is not over: the export is a draft, so named, and logged.
    await operator.evaluate((w) => (window.location.hash = `#/edr?week=${w}`), isoWeekOf(warehouseDay(0)));
    await expect.poll(() => operator.getByTestId('edr-state').innerText()).toContain('只能导出草稿');
    const [download] = await Promise.all([operator.waitForEvent('download'), operator.getByTestId('edr-csv').click()]);
    expect(download.suggestedFilename()).toMatch(/^EDR-\d{4}-W\d{2}-DRAFT\.csv$/);
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toBe(
      '\uFEFFrecord,week,send,principal_code,product_code,product_name,customer_code,customer_name,area,status,qty,amount',
    );
    expect(csv).toMatch(/\r\nST,\d{4}-W\d{2},DRAFT,/);
    await operator.getByTestId('edr-tab-log').click();
    await expect.poll(() => count(operator, 'log')).toBe(1);
    await expect.poll(() => cells(operator, 'send').first().innerText()).toBe('草稿');
    await screenshot(operator, 'edr-03-log');

    // 传真每周积分表: the same week's scorecard on one A4 page, SL and ID first, marked a draft.
    await operator.getByTestId('edr-scorecard').click();
    const sheet = operator.getByTestId('print-scorecard');
    await sheet.waitFor();
    expect(await sheet.getAttribute('data-draft')).toBe('true');
    const sl = (await sheet.locator('[data-kpi="serviceLevel"] .scorecard-value').innerText()).trim();
    expect(sl).toMatch(/^\d+\.\d{2}%$/);
    await screenshot(operator, 'edr-04-scorecard');
    const file = await printedPdf(operator, 'scorecard');
    const text = pdfText(file);
    expect(pdfPages(file)).toBe(1);
    for (const words of ['每周积分表', isoWeekOf(warehouseDay(0)), '客户服务水平 (SL)', '库存天数 (ID)', '草稿', sl])
      expect(text).toContain(words);
    expect(text).toMatch(/第 1 页 \/ 共 1 页/);
  });
});

describe('the EDR written to the host folder', () => {
  it('the administrator names the folder; the operator writes the last full week there as CSV and XLSX', async () => {
    const folder = tempDir('edr-e2e-folder');
    const admin = await newPage(browser);
    const op = await newPage(browser);
    try {
      await new LoginPage(admin).openAs(station.url, 'admin');
      await new Shell(admin).go('schedules');
      const input = admin.getByTestId('edr-folder-input');
      await input.pressSequentially(folder, { delay: 60 });
      await admin.getByTestId('edr-folder-save').click();
      await admin.getByText(folder).first().waitFor();
      await screenshot(admin, 'edr-05-folder-setting');

      await new LoginPage(op).openAs(station.url, 'operator');
      await new Shell(op).go('edr');
      const week = lastFullWeek(warehouseDay(0));
      await op.getByTestId('edr-state').waitFor();
      await op.getByTestId('edr-write-folder').click();
      const files = [`EDR-${week}-FINAL.csv`, `EDR-${week}-FINAL.xlsx`];
      await expect.poll(() => fs.readdirSync(folder).sort(), { timeout: 15_000 }).toEqual(files);
      await op.getByTestId('edr-tab-log').click();
      await expect.poll(() => cells(op, 'path').first().innerText()).toBe(path.join(folder, files[1]!));
      await screenshot(op, 'edr-06-written-to-folder');
    } finally {
      await admin.close();
      await op.close();
    }
  });
});

describe('cangwu report scorecard', () => {
  it("prints a closed week's scorecard to one A4 PDF from the command line; bad options exit 2", async () => {
    const dataDir = path.join(tempDir('scorecard-cli'), 'data');
    await initDataDir(dataDir, ['--demo']);
    const cli = path.join(repoRoot, 'dist', 'electron', 'cli.cjs');
    const week = lastFullWeek(warehouseDay(0));
    const file = path.join(tempDir('scorecard-out'), 'scorecard.pdf');
    // A day of the week names the week.
    const r = spawnSync(
      process.execPath,
      [cli, 'report', 'scorecard', '--week', warehouseDay(-7), '--pdf', file, '--data-dir', dataDir],
      { encoding: 'utf8' },
    );
    expect([r.status, r.stderr]).toEqual([0, expect.any(String)]);
    expect(pdfPages(file)).toBe(1);
    const text = pdfText(file);
    for (const words of ['每周积分表', week, '客户服务水平 (SL)', '库存天数 (ID)']) expect(text).toContain(words);
    expect(text).not.toContain('草稿');
    const bad = spawnSync(
      process.execPath,
      [cli, 'report', 'scorecard', '--week', week, '--csv', 'x.csv', '--data-dir', dataDir],
      {
        encoding: 'utf8',
        env: { ...process.env, LANG: 'C', LC_ALL: '' },
      },
    );
    expect(bad.status).toBe(2);
    expect(bad.stderr.split('\n')[0]).toMatch(/report scorecard takes no --csv/);
  });
});
