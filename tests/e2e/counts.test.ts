// A weekly blind count in Chromium against the station host (issue 5, R10):
// the operator plans a count of two bins and starts it; the keeper types
// counts into the manual sheet without ever seeing a book quantity; the count
// sheet prints (screen and PDF) with the bins' barcodes; the operator
// finishes counting and sees the variances in the reconciliation grid.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, screenshot, screenshotDir, startStation, type Station } from './harness';
import { LoginPage } from './pages/ConsolePage';
import { CountPage } from './pages/CountPage';

let browser: Browser;
let station: Station;
let operator: Page;
let keeper: Page;
let sessionId = 0;

async function logIn(page: Page, username: string) {
  await new LoginPage(page).openAs(station.url, username);
}

beforeAll(async () => {
  browser = await launchBrowser();
  station = await startStation({ init: ['--demo'] });
  operator = await newPage(browser);
  keeper = await newPage(browser);
  await logIn(operator, 'operator');
  await logIn(keeper, 'keeper');
});
afterAll(async () => {
  await operator?.close();
  await keeper?.close();
  await browser?.close();
  await station?.stop();
});

describe('a blind count of two bins', () => {
  it('is planned by the operator, blind by default, and started with a snapshot', async () => {
    const counts = new CountPage(operator);
    await counts.open();
    await counts.startPlan();
    expect(await operator.getByTestId('count-plan-blind').isChecked()).toBe(true);
    // Planning with nothing chosen names what is missing, in Chinese.
    await operator.getByTestId('count-plan-submit').click();
    await expect.poll(() => operator.getByTestId('count-plan-locs-error').innerText()).toContain('库位');
    await counts.chooseBins(['A-01', 'A-02']);
    // Counters are picked by name from the keepers (counts.keepers).
    await counts.setCounter(0, '张仓管');
    await operator.getByTestId('count-plan-tol-units').fill('1');
    await operator.getByTestId('count-plan').evaluate((el) => el.scrollTo(0, 0));
    await screenshot(operator, 'counts-01-plan-form');
    await counts.submitPlan();
    sessionId = counts.sessionId();
    expect(await counts.state().innerText()).toBe('已计划');
    await counts.start();
    await expect.poll(() => counts.state().innerText()).toBe('盘点中');
    await counts.backToList();
    await expect.poll(() => counts.listRows().count()).toBeGreaterThan(0);
    expect(await counts.list.innerText()).toContain('盘点中');
    await screenshot(operator, 'counts-02-sessions-list');
  });

  it('lets the keeper type counts in the sheet, Enter moving down, with no book quantity anywhere', async () => {
    const counts = new CountPage(keeper);
    await counts.openSession(station.url, sessionId);
    await counts.sheet.waitFor();
    await expect.poll(() => counts.sheetRows().count()).toBeGreaterThan(2);
    await counts.typeCounts([3, 0, 7]);
    await expect.poll(() => counts.myQty(2).innerText()).toBe('7');
    expect(await counts.myQty(0).innerText()).toBe('3');
    expect(await counts.myQty(1).innerText()).toBe('0');
    await expect.poll(() => keeper.getByTestId('count-sheet-progress').innerText()).toContain('3 /');
    // Blind: no book column, no snapshot, no variance, no reconciliation for the counter.
    const text = `${await counts.sheet.innerText()}\n${await keeper.getByTestId('count-session-meta').innerText()}`;
    for (const word of ['账面', '快照', '差异']) expect(text).not.toContain(word);
    expect(await counts.sheet.locator('[col-id="book"]').count()).toBe(0);
    expect(await keeper.getByTestId('count-tab-reconcile').count()).toBe(0);
    await screenshot(keeper, 'counts-03-manual-sheet');
  });

  it('prints count sheets with the bin barcodes and no book quantity, on A4', async () => {
    const counts = new CountPage(operator);
    await counts.openSession(station.url, sessionId);
    await counts.openPrint();
    const text = await counts.printView.innerText();
    expect(text).toContain('A-01');
    expect(text).toContain('A-02');
    expect(text).toContain('本库位完成');
    expect(await operator.locator('th.cp-book').count()).toBe(0);
    expect(await operator.locator('img.barcode-bin[alt="A-01"]').count()).toBe(1);
    expect(await operator.locator('img[alt="CMD:UNDO"]').count()).toBeGreaterThan(0);
    await screenshot(operator, 'counts-04-count-sheet-print');
    await operator.emulateMedia({ media: 'print' });
    const pdf = await operator.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    await operator.emulateMedia({ media: 'screen' });
    fs.mkdirSync(screenshotDir, { recursive: true });
    fs.writeFileSync(path.join(screenshotDir, 'counts-count-sheet.pdf'), pdf);
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? [];
    expect(pages.length).toBeGreaterThanOrEqual(1);
    await operator.getByTestId('count-sheet-print').waitFor();
    await operator.keyboard.press('Escape');
    await operator.getByTestId('count-session').waitFor();
  });

  it('shows the operator the variances once counting is finished', async () => {
    const counts = new CountPage(operator);
    await counts.finishCounting();
    await expect.poll(() => counts.state().innerText()).toBe('对帐中');
    await counts.openReconcile();
    await expect.poll(() => counts.reconcileCells('varianceQty').count()).toBeGreaterThan(2);
    const summary = await counts.summary.innerText();
    expect(summary).toMatch(/超出容差 [1-9]/);
    expect(summary).toMatch(/未盘 [1-9]/);
    const statuses = await counts.reconcileCells('lineStatus').allInnerTexts();
    expect(statuses).toContain('超出容差');
    expect(statuses).toContain('未盘');
    // Each counter's count is kept by name.
    expect((await counts.reconcileCells('counts').allInnerTexts()).join(' ')).toContain('张仓管 7');
    // A line's product history: this count, with its variance for the operator.
    await counts.reconcileCells('productName').first().click();
    await expect.poll(() => operator.getByTestId('count-product-history').innerText()).toContain('PD-');
    await screenshot(operator, 'counts-05-reconcile');
  });

  it('shows a product’s last counts on its page', async () => {
    const counts = new CountPage(operator);
    const code = (await counts.reconcileCells('productCode').first().innerText()).trim();
    await operator.getByTestId('nav-movements').click();
    await operator.getByTestId('movements-product').fill(code);
    await operator.getByTestId('movements-product').press('Enter');
    await expect.poll(() => operator.getByTestId('count-product-history').innerText()).toContain('PD-');
    await screenshot(operator, 'counts-06-product-page');
  });
});
