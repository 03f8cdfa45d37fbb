// Customer value analysis 客户价值分析 (issue 17 §4) in Chromium: the CS
// manager opens the page from the reports group, sees the A/B/C tiles, the
// Pareto chart and the grid of the demo's delivered customers, exports the
// CSV, and follows a customer's name to the customer's page.
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, screenshot, startStation, type Station } from './harness';
import { LoginPage, Shell } from './pages/ConsolePage';

let browser: Browser;
let station: Station;
let manager: Page;

beforeAll(async () => {
  station = await startStation({ init: ['--demo'] });
  browser = await launchBrowser();
  manager = await newPage(browser);
}, 120_000);
afterAll(async () => {
  await manager?.close();
  await browser?.close();
  await station?.stop();
});

const cells = (p: Page, col: string) => p.locator(`.ag-cell[col-id="${col}"]`);

describe('customer value', () => {
  it('shows the classes, the Pareto chart and the ranked customers, exports them and links to a customer', async () => {
    await new LoginPage(manager).openAs(station.url, 'manager');
    await new Shell(manager).go('customerValue');
    // The demo's trip two days ago delivered to a dozen customers: they are ranked A, B or C.
    await expect.poll(() => cells(manager, 'rank').count()).toBeGreaterThan(5);
    const tiles = await Promise.all(['A', 'B', 'C'].map((k) => manager.getByTestId(`cv-tile-${k}`).innerText()));
    expect(tiles[0]).toContain('A');
    expect(tiles.join(' ')).toMatch(/占比/);
    await manager.getByTestId('cv-chart').locator('svg').first().waitFor();
    expect(await cells(manager, 'rank').first().innerText()).toBe('1');
    expect(await cells(manager, 'valueClass').first().innerText()).toBe('A');
    await screenshot(manager, 'customer-value-01-page');

    const [download] = await Promise.all([manager.waitForEvent('download'), manager.getByTestId('cv-csv').click()]);
    expect(download.suggestedFilename()).toMatch(/^customer-value-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = fs.readFileSync((await download.path())!, 'utf8').split('\r\n');
    expect(csv[1]).toMatch(/^排名,客户编码,客户名称,区域,业务员,/);
    // The demo has no deliveries a year earlier: every customer is new.
    expect(csv[2]).toMatch(/^1,.*,A,\d,\d,\d,[^,]+,,新增$/);

    // The last 30 days: the same deliveries, the page follows the period.
    await manager.getByTestId('cv-last-30').click();
    await expect.poll(() => manager.getByTestId('cv-rule').innerText()).toContain('对比上期');
    await expect.poll(() => cells(manager, 'rank').count()).toBeGreaterThan(5);
    await manager.locator('.ag-cell[col-id="customerName"] a.customer-link').first().click();
    await manager.waitForURL(/#\/customer\?id=\d+/);
    await screenshot(manager, 'customer-value-02-customer');
  });
});
