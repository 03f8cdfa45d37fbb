// The return chain on screen (issue 13 §Returns), in Chromium against the
// station host with the demo: the CS manager approves a reported return on
// 待我审批; the keeper checks it on the returns page without a scanner, one
// line a case short (flagged); the operator issues the return note sending
// one line to good and the other to damaged, and it is posted.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, screenshot, startStation, type Station } from './harness';
import { LoginPage, Shell } from './pages/ConsolePage';

let browser: Browser;
let station: Station;
let manager: Page;
let keeper: Page;
let operator: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  station = await startStation({ init: ['--demo'] });
  manager = await newPage(browser);
  await new LoginPage(manager).openAs(station.url, 'manager');
  keeper = await newPage(browser);
  await new LoginPage(keeper).openAs(station.url, 'keeper');
  operator = await newPage(browser);
  await new LoginPage(operator).openAs(station.url, 'operator');
}, 180_000);

afterAll(async () => {
  await manager?.close();
  await keeper?.close();
  await operator?.close();
  await browser?.close();
  await station?.stop();
});

let number = '';

/** Opens the returns page (all states: the row stays selected as it moves on) and selects return `n`. */
async function open(page: Page, n: string) {
  await new Shell(page).go('returns');
  const row = page.locator(`[data-testid="returns-grid"] .ag-row:has([col-id="number"]:text-is("${n}"))`).first();
  await row.locator('[col-id="number"]').click();
  await page.getByTestId('return-detail').waitFor();
  await expect.poll(() => page.getByTestId('return-detail').innerText()).toContain(n);
}

describe('the return chain on screen', () => {
  it('the manager approves a reported return on 待我审批', async () => {
    await new Shell(manager).go('approvals');
    const item = manager.locator('[data-testid^="approval-TH-"]').first();
    await item.waitFor();
    number = ((await item.getAttribute('data-testid')) ?? '').replace('approval-', '');
    await screenshot(manager, 'returns-01-approvals');
    await manager.getByTestId(`approve-${number}`).click();
    await expect.poll(() => manager.getByTestId(`approval-${number}`).count()).toBe(0);
  });

  it('the keeper checks it with the second line one unit short, flagged', async () => {
    await open(keeper, number);
    const reported = Number(await keeper.getByTestId('check-qty-2').inputValue());
    await keeper.getByTestId('check-qty-2').fill(String(Math.max(0, reported - 1)));
    await keeper.getByTestId('check-cases').fill('2');
    await screenshot(keeper, 'returns-02-check');
    await keeper.getByTestId('return-check').click();
    await expect.poll(() => keeper.getByTestId('return-line-2').getAttribute('class')).toContain('returns-differs');
    await screenshot(keeper, 'returns-03-checked');
  });

  it('the operator issues the note: line 1 to good, line 2 to damaged, posted', async () => {
    await open(operator, number);
    const checked2 = await operator.getByTestId('note-good-2').inputValue();
    await operator.getByTestId('note-good-2').fill('0');
    await operator.getByTestId('note-damaged-2').fill(checked2);
    await screenshot(operator, 'returns-04-note');
    await operator.getByTestId('return-issue-note').click();
    await operator.getByTestId('return-note').waitFor();
    expect(await operator.getByTestId('return-note').innerText()).toMatch(/RR-/);
    expect(await operator.getByTestId('return-line-2').innerText()).toMatch(/BS-|CS-|[A-Z]{2}-\d/);
    await screenshot(operator, 'returns-05-posted');
  });
});
