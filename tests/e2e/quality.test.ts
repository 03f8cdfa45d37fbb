// Warehouse quality checks (issue 17 §1) in Chromium: the keeper fills a
// zone's checklist by keyboard only — numbers typed, pass/fail by P and F,
// Tab between — one item fails and gets its corrective action, Ctrl+Enter
// saves; the manager sees the action open and the zone's month in the
// summary. Screenshots in test-results.
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, screenshot, startStation, type Station } from './harness';
import { pdfText, printedPdf } from './printed';
import { LoginPage, Shell } from './pages/ConsolePage';
import { ScanStationPage } from './pages/ScanStationPage';

let browser: Browser;
let station: Station;
let keeper: Page;
let failedItem = '';
/** The demo's 重货区 (electron/core/setup/demo.ts), not the first zone in the list: the scan chooses it. */
const zoneCode = 'WH1-B';

beforeAll(async () => {
  browser = await launchBrowser();
  station = await startStation({ init: ['--demo'] });
  keeper = await newPage(browser);
  await new LoginPage(keeper).openAs(station.url, 'keeper');
}, 180_000);

afterAll(async () => {
  await keeper?.close();
  await browser?.close();
  await station?.stop();
});

describe('quality checks', () => {
  it("the keeper fills a zone's checklist by keyboard, one item failing with its corrective action", async () => {
    // At the station, idle: the zone's label scanned (a wedge scanner, keys at scanner speed) opens its checklist.
    await new Shell(keeper).go('station');
    await keeper.getByTestId('task-lookup').waitFor();
    await new ScanStationPage(keeper).hardwareScan(zoneCode);
    await keeper.waitForURL(/#\/quality\?zone=\d+/);
    await expect
      .poll(() => keeper.getByTestId('quality-zone').locator('option:checked').innerText())
      .toContain(zoneCode);
    await screenshot(keeper, 'quality-00-opened-by-scan');
    const rows = keeper.locator('[data-testid^="quality-row-"]');
    await expect.poll(() => rows.count()).toBeGreaterThan(3);
    const codes = await rows.evaluateAll((els) =>
      els.map((e) => e.getAttribute('data-testid')!.slice('quality-row-'.length)),
    );
    // From the shift field, Tab reaches the first item; then each answer moves on by itself.
    await keeper.getByTestId('quality-shift').focus();
    await keeper.keyboard.press('Tab');
    for (const code of codes) {
      const row = keeper.getByTestId(`quality-row-${code}`);
      if ((await row.locator('input[type="number"]').count()) > 0) {
        // In limits: 18 °C, 55 %; Enter to the next item.
        await keeper.keyboard.type(code.includes('humid') ? '55' : '18', { delay: 80 });
        await keeper.keyboard.press('Enter');
      } else if (failedItem === '') {
        failedItem = code;
        await keeper.keyboard.press('f');
        await expect.poll(() => keeper.getByTestId(`quality-pf-${code}`).getAttribute('data-answer')).toBe('fail');
        // F opens the corrective action and puts the cursor in it: its owner is the keeper, due the next working day.
        await expect
          .poll(() => keeper.evaluate(() => document.activeElement?.getAttribute('data-testid')))
          .toBe(`quality-action-text-${code}`);
        await keeper.keyboard.type('重新分区堆放并贴标签', { delay: 80 });
        await keeper.keyboard.press('Enter');
      } else {
        await keeper.keyboard.press('p');
        await expect.poll(() => keeper.getByTestId(`quality-pf-${code}`).getAttribute('data-answer')).toBe('pass');
      }
    }
    expect(failedItem).not.toBe('');
    await expect.poll(() => keeper.locator('.quality-bad').count()).toBe(1);
    await screenshot(keeper, 'quality-01-filled');
    await keeper.keyboard.press('Control+Enter');
    await keeper.getByTestId('quality-existing').waitFor();
    await screenshot(keeper, 'quality-02-saved');
  });

  it('the manager sees the action open and the zone recorded in the month', async () => {
    const manager = await newPage(browser);
    try {
      await new LoginPage(manager).openAs(station.url, 'manager');
      await new Shell(manager).go('quality');
      const grid = manager.getByTestId('quality-actions-grid');
      const row = grid.locator('.ag-row', { hasText: failedItem });
      await expect.poll(() => row.count()).toBeGreaterThan(0);
      expect(await row.first().innerText()).toContain('重新分区堆放并贴标签');
      expect(await row.first().innerText()).toContain('张仓管');
      await screenshot(manager, 'quality-03-actions');
      await manager.getByTestId('quality-tab-summary').click();
      const summary = manager.getByTestId('quality-summary-grid');
      await expect.poll(() => summary.locator('.ag-row').count()).toBeGreaterThan(0);
      await expect.poll(() => summary.innerText()).toMatch(/[1-9]\d* \/ \d+/);
      await screenshot(manager, 'quality-04-summary');

      // The month as CSV, and on one A4 sheet with the open actions and the keeper's and manager's signatures.
      const [download] = await Promise.all([
        manager.waitForEvent('download'),
        manager.getByTestId('quality-summary-csv').click(),
      ]);
      const csv = fs.readFileSync((await download.path())!, 'utf8').split('\r\n');
      expect(csv[1]).toBe('库区,合格率,合格项,检查项,记录天数,工作日,未完成措施,逾期措施');
      expect(csv.find((l) => l.startsWith(zoneCode))).toMatch(/^WH1-B 重货区,\d+\.\d%,\d+,\d+,\d+,\d+,[1-9]/);
      expect(csv.filter((l) => l.startsWith('合计,'))).toHaveLength(1);
      await manager.getByTestId('quality-summary-print').click();
      await manager.getByTestId('print-quality-summary').waitFor();
      const file = await printedPdf(manager, 'quality-summary');
      const text = pdfText(file);
      for (const words of [
        '仓库质量检查月度汇总',
        'WH1-B 重货区',
        '合计',
        '未完成的纠正措施',
        '重新分区堆放并贴标签',
        '仓管员',
      ])
        expect(text).toContain(words);
      expect(text).toMatch(/第 1 页 \/ 共 \d+ 页/);
      await manager.keyboard.press('Escape');

      // The manager keeps the checklist: humidity up to 140 % makes no sense and is refused; a new item is added.
      await manager.getByTestId('quality-tab-items').click();
      const humidity = manager.getByTestId('quality-item-humidity');
      await humidity.getByLabel('上限').fill('140');
      await humidity.getByRole('button', { name: '保存' }).click();
      await expect.poll(() => manager.getByTestId('toast-error').last().innerText()).toContain('测量值不合常理：140');
      const added = manager.getByTestId('quality-item-new');
      await added.getByLabel('代码').fill('pallets');
      await added.getByLabel('名称（中文）').fill('托盘完好无破损');
      await added.getByRole('button', { name: '＋ 新增' }).click();
      await manager.getByTestId('quality-item-pallets').waitFor();
      expect(await manager.getByTestId('quality-item-humidity').getByLabel('上限').inputValue()).toBe('75');
      await screenshot(manager, 'quality-05-items');
    } finally {
      await manager.close();
    }
  });
});
