// The return chain on screen (issue 13 §Returns), in Chromium against the
// station host with the demo: the CS manager approves a reported return on
// 待我审批; the keeper checks it on the returns page without a scanner, one
// line a case short (flagged); the operator issues the return note sending
// one line to good and the other to damaged, and it is posted. The papers and
// the salesperson's side (returndocs): the salesperson files a report on the
// form against a delivered order (too much refused beside the line), both A4
// prints go to PDF, the operator exports the notes for finance, and the
// keeper takes refused goods in and finds their return by the order's number.

import fs from 'node:fs';

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, screenshot, startStation, type Station } from './harness';
import { LoginPage, Shell } from './pages/ConsolePage';
import { pdfText, printedPdf } from './printed';

let browser: Browser;
let station: Station;
let manager: Page;
let keeper: Page;
let operator: Page;
let sales: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  station = await startStation({ init: ['--demo'] });
  manager = await newPage(browser);
  await new LoginPage(manager).openAs(station.url, 'manager');
  keeper = await newPage(browser);
  await new LoginPage(keeper).openAs(station.url, 'keeper');
  operator = await newPage(browser);
  await new LoginPage(operator).openAs(station.url, 'operator');
  sales = await newPage(browser);
  await new LoginPage(sales).openAs(station.url, 'sales');
}, 180_000);

afterAll(async () => {
  await manager?.close();
  await keeper?.close();
  await operator?.close();
  await sales?.close();
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

  it('prints the posted return note on A4: split good/damaged, credit, five signatures', async () => {
    await operator.getByTestId('print-return-note').click();
    await operator.getByTestId('print-note-lines').waitFor();
    const text = await operator.locator('.print-view').innerText();
    expect(text).toContain('退货单');
    expect(text).toContain(number);
    expect(text).toContain('财务');
    const pdf = await printedPdf(operator, 'return-note');
    expect(pdfText(pdf)).toMatch(/RR-\d{8}-\d{4}/);
    expect(pdfText(pdf)).toContain('退货单');
    await operator.keyboard.press('Escape');
    await operator.getByTestId('returns').waitFor();
  });

  it('exports the return notes for finance as CSV over a date range', async () => {
    const download = operator.waitForEvent('download');
    await operator.getByTestId('finance-export').click();
    const file = await (await download).path();
    const csv = fs.readFileSync(file!, 'utf8');
    expect(csv.split('\r\n')[0]).toContain('note,date,return');
    expect(csv).toContain(number);
    await screenshot(operator, 'returns-06-finance-export');
  });

  it('the salesperson files a report on a delivered order; too much is refused beside the line', async () => {
    await new Shell(sales).go('returns');
    await sales.getByTestId('new-return-report').click();
    await sales.getByTestId('returnReport').waitFor();
    // C0016: one of 陈业务's customers the demo delivered to two days ago, with no return yet.
    await sales.getByTestId('return-form-customer-input').fill('C0016');
    await sales.getByTestId('return-form-customer-input').press('Enter');
    const order = sales.locator('[data-testid^="return-form-order-"]').first();
    await order.check();
    await sales.locator('[data-testid^="return-form-add-"]').first().click();
    await sales.getByTestId('return-form-qty-1').fill('99');
    await sales.getByTestId('return-form-reason-1').selectOption('expired');
    await sales.getByTestId('return-form-submit').click();
    await sales.getByTestId('return-form-error-1').waitFor();
    expect(await sales.getByTestId('return-form-error-1').innerText()).toContain('最多可退');
    await screenshot(sales, 'returns-07-form-too-much');
    await sales.getByTestId('return-form-qty-1').fill('1');
    await sales.getByTestId('return-form-qty-1').press('Control+Enter');
    await sales.getByTestId('return-form-filed').waitFor();
    const filed = (await sales.getByTestId('return-form-filed').innerText()).match(/TH-[\d-]+/)![0];
    await screenshot(sales, 'returns-08-form-filed');

    await sales.getByRole('button', { name: '打印退货报告' }).click();
    await sales.getByTestId('print-return-lines').waitFor();
    expect(await sales.locator('.print-view').innerText()).toContain(filed);
    const pdf = await printedPdf(sales, 'return-report');
    expect(pdfText(pdf)).toContain(filed);
    expect(pdfText(pdf)).toContain('退货报告');

    // Still awaiting the manager: the salesperson reopens it from the register and makes it two cases.
    await sales.keyboard.press('Escape');
    await sales.getByTestId('returnReport').waitFor();
    await open(sales, filed);
    await sales.getByTestId('edit-return').click();
    await sales.getByTestId('returnReport').waitFor();
    await expect.poll(() => sales.getByTestId('return-form-qty-1').inputValue()).toBe('1');
    const pack = Number(
      (await sales.getByTestId('return-form-per-1').locator('option').first().innerText()).match(/\d+/)![0],
    );
    await sales.getByTestId('return-form-qty-1').fill('2');
    await sales.getByTestId('return-form-submit').click();
    await sales.getByTestId('return-form-filed').waitFor();
    await open(sales, filed);
    expect(await sales.getByTestId('return-line-1').innerText()).toContain(String(2 * pack));
    await screenshot(sales, 'returns-09-edited');
  });

  it('the keeper takes refused goods in from the returns page, ready for the check', async () => {
    await new Shell(keeper).go('returns');
    const take = keeper.locator('[data-testid^="take-refusal-"]').first();
    await take.waitFor();
    await screenshot(keeper, 'returns-10-refusals-awaiting');
    const order = ((await take.getAttribute('data-testid')) ?? '').replace('take-refusal-', '');
    await take.click();
    await expect.poll(() => keeper.getByTestId('refusals-awaiting').count()).toBe(0);
    // A wedge scanner types the refused order's number into the find box: its refusal return opens.
    await keeper.getByTestId('returns-find').fill(order);
    await keeper.getByTestId('returns-find').press('Enter');
    await expect.poll(() => keeper.getByTestId('return-detail').innerText()).toContain(order);
    expect(await keeper.getByTestId('return-detail').innerText()).toContain('拒收');
    await keeper.getByTestId('returns-kind-filter').selectOption('refusal');
    await expect
      .poll(() => keeper.locator('[data-testid="returns-grid"] .ag-row [col-id="state"]').first().innerText())
      .toBe('待确认');
    await screenshot(keeper, 'returns-11-refusal-taken');
  });
});
