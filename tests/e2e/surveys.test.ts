// Satisfaction surveys (issue 17 §5) in Chromium, on the demo: the manager
// reads the open survey's results (index, per-question averages, the monthly
// trend, groups lowest first) and sets up a new questionnaire; the operator
// enters a paper form by keyboard only and asks the survey on a follow-up
// call (digits score and move on, Enter saves the call with its answers);
// both answers reach the results live and the CSV. Screenshots in test-results.
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, screenshot, startStation, type Station } from './harness';
import { LoginPage, Shell } from './pages/ConsolePage';

let browser: Browser;
let station: Station;
let manager: Page;
let operator: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  station = await startStation({ init: ['--demo'] });
  manager = await newPage(browser);
  operator = await newPage(browser);
  await new LoginPage(manager).openAs(station.url, 'manager');
  await new LoginPage(operator).openAs(station.url, 'operator');
}, 180_000);

afterAll(async () => {
  await manager?.close();
  await operator?.close();
  await browser?.close();
  await station?.stop();
});

const responses = async (page: Page) =>
  Number((await page.getByTestId('survey-tile-responses').innerText()).match(/\d+/)![0]);

describe('satisfaction surveys', () => {
  let before = 0;

  it("the manager reads the open survey's results: the index, the averages, the trend and the groups", async () => {
    await new Shell(manager).go('surveys');
    await manager.getByTestId('survey-results').waitFor();
    await expect.poll(() => responses(manager)).toBeGreaterThan(100);
    before = await responses(manager);
    expect(await manager.getByTestId('survey-tile-index').innerText()).toMatch(/\d+\.\d%/);
    await manager.getByTestId('survey-chart').locator('svg').first().waitFor();
    const groups = manager.locator('[data-testid="survey-groups"] .ag-row [col-id="responses"]');
    await expect.poll(() => groups.count()).toBeGreaterThan(1);
    await manager.getByTestId('survey-by').selectOption('month');
    await expect.poll(() => groups.count()).toBeGreaterThanOrEqual(3);
    await screenshot(manager, 'surveys-01-results');
  });

  it('the operator enters a paper form by keyboard only', async () => {
    await new Shell(operator).go('surveys');
    await operator.getByTestId('surveys-tab-enter').click();
    const customer = operator.getByTestId('survey-customer');
    await customer.focus();
    const code = (await operator.locator('#survey-customers option').first().getAttribute('value'))!;
    await operator.keyboard.type(code, { delay: 60 });
    // Enter on the customer goes to the first question; each digit scores and moves on.
    await operator.keyboard.press('Enter');
    await expect
      .poll(() => operator.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('survey-q-1');
    await operator.keyboard.press('4');
    await operator.keyboard.press('5');
    await operator.keyboard.press('3');
    await expect
      .poll(() => operator.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('survey-q-4');
    await operator.keyboard.type('纸质问卷：希望增加送货频次', { delay: 60 });
    await screenshot(operator, 'surveys-02-paper-form');
    await operator.keyboard.press('Control+Enter');
    await expect.poll(() => operator.getByTestId('survey-entered').innerText()).toContain('1');
    expect(await customer.inputValue()).toBe('');
    await operator.getByTestId('surveys-tab-responses').click();
    const ours = operator.locator('[data-testid="survey-responses-grid"] .ag-row', { hasText: '希望增加送货频次' });
    await expect.poll(() => ours.count()).toBe(1);
    expect(await ours.innerText()).toContain('纸质');
  });

  it('the operator asks the survey on a follow-up call: the answers go with the call', async () => {
    await new Shell(operator).go('calls');
    await operator.getByTestId('calls-tab-mine').click();
    const sheet = operator.getByTestId('call-sheet');
    const rows = sheet.locator('tbody tr');
    await expect.poll(() => rows.count()).toBeGreaterThan(3);
    const texts = await rows.allInnerTexts();
    const index = texts.findIndex((x) => x.includes('待回访'));
    expect(index).toBeGreaterThanOrEqual(0);
    const code = texts[index]!.split(' ')[0]!;
    await sheet.focus();
    for (let i = 0; i < index; i++) await operator.keyboard.press('ArrowDown');
    await expect.poll(() => rows.nth(index).getAttribute('class')).toContain('call-current');
    await operator.keyboard.press('1');
    await operator.getByTestId('call-survey').waitFor();
    await operator.keyboard.type('满意', { delay: 60 });
    await operator.keyboard.press('Tab');
    await operator.keyboard.press('5');
    await operator.keyboard.press('5');
    await operator.keyboard.press('4');
    await screenshot(operator, 'surveys-03-call-survey');
    expect(await operator.getByTestId('call-survey-q-3').locator('[aria-checked="true"]').innerText()).toBe('4');
    await operator.keyboard.press('Enter');
    // The call is done (and moves down the sheet among the done ones).
    await expect.poll(() => rows.filter({ hasText: code }).first().innerText()).toContain('满意');
  });

  it("both answers reach the manager's results live, and the CSV", async () => {
    await expect.poll(() => responses(manager), { timeout: 10_000 }).toBe(before + 2);
    await manager.getByTestId('survey-by').selectOption('salesperson');
    const [download] = await Promise.all([
      manager.waitForEvent('download'),
      manager.getByTestId('survey-results-csv').click(),
    ]);
    const csv = fs.readFileSync((await download.path())!, 'utf8').split('\r\n');
    expect(csv[1]).toBe('业务员,答卷数,客户数,送货及时,服务态度,货物完好,满意度指数');
    expect(csv.find((l) => l.startsWith('合计,'))).toContain(`合计,${before + 2},`);
    await manager.getByTestId('surveys-tab-responses').click();
    const calls = manager.locator('[data-testid="survey-responses-grid"] .ag-row', { hasText: '回访电话' });
    // The demo's first call and ours.
    await expect.poll(() => calls.count()).toBe(2);
    await screenshot(manager, 'surveys-04-responses');
  });

  it('the manager sets up a new questionnaire: a draft, then open with its questions frozen', async () => {
    await manager.getByTestId('survey-pick').selectOption('new');
    await manager.getByTestId('survey-name').fill('门店陈列满意度');
    const q1 = manager.getByTestId('survey-define-q-1');
    await q1.getByLabel('题目（中文）').fill('陈列支持');
    await q1.getByLabel('分制（最高分）').fill('10');
    await manager.getByTestId('survey-add-question').click();
    const q2 = manager.getByTestId('survey-define-q-2');
    await q2.getByLabel('题型').selectOption('text');
    await q2.getByLabel('题目（中文）').fill('还需要什么支持');
    await q2.getByLabel('必答').uncheck();
    await manager.getByTestId('survey-save').click();
    await expect.poll(() => manager.getByTestId('survey-open').count()).toBe(1);
    await manager.getByTestId('survey-open').click();
    await expect.poll(() => manager.getByTestId('survey-name').isDisabled()).toBe(true);
    // The picker's list reloads after the change: wait for it.
    await expect
      .poll(() => manager.getByTestId('survey-pick').locator('option:checked').innerText())
      .toContain('进行中');
    await screenshot(manager, 'surveys-05-define');
  });
});
