// 库存调整表 (R10) in Chromium against the station host and the demo
// warehouse: an operator submits a manual adjustment, cannot approve it; the
// CS manager approves and the stock moves; a rejection needs a comment; the
// form prints to an A4 PDF with its signature lines.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, screenshot, screenshotDir, startStation, type Station } from './harness';
import { AdjustmentPage } from './pages/AdjustmentPage';
import { InventoryPage, LoginPage, Shell } from './pages/ConsolePage';

let browser: Browser;
let station: Station;
let operator: Page;
let manager: Page;

async function logIn(username: string): Promise<Page> {
  const page = await newPage(browser);
  await new LoginPage(page).openAs(station.url, username);
  return page;
}

/** The on-hand quantity of a product over all rows of the inventory grid. */
async function onHand(page: Page, code: string): Promise<number> {
  await new Shell(page).go('inventory');
  const inventory = new InventoryPage(page);
  await inventory.filter(code);
  // The filter applies after a keystroke debounce: wait until only this product's rows are shown.
  const shownCodes = () => inventory.grid.locator('.ag-row:not(.ag-row-pinned) [col-id="productCode"]').allInnerTexts();
  await expect
    .poll(async () => {
      const codes = await shownCodes();
      return codes.length > 0 && codes.every((c) => c.trim() === code);
    })
    .toBe(true);
  // The count above the grid follows the filtered rows.
  const n = await inventory.rows().count();
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Number((await inventory.cell(i, 'qty').innerText()).replace(/[^\d-]/g, ''));
  await expect.poll(async () => Number(await page.getByTestId('inventory-count').getAttribute('data-qty'))).toBe(sum);
  return sum;
}

beforeAll(async () => {
  browser = await launchBrowser();
  station = await startStation({ init: ['--demo'] });
  operator = await logIn('operator');
  manager = await logIn('manager');
}, 120_000);
afterAll(async () => {
  await operator?.close();
  await manager?.close();
  await station?.stop();
  await browser?.close();
});

describe('adjustment forms', () => {
  let number = '';

  it('an operator fills in a manual adjustment and submits it, but cannot approve it', async () => {
    const forms = new AdjustmentPage(operator);
    await forms.open();
    await forms.submitManual({
      product: 'P10002',
      location: 'A-01',
      qty: 5,
      cause: 'miscount',
      note: '货架后找到一箱',
    });
    number = await forms.number();
    expect(number).toMatch(/^MA|[A-Z]+-\d{8}-\d{4}$/);
    expect(await forms.state()).toBe('已提交');
    expect(await operator.getByTestId('adjustment-approve').count()).toBe(0);
    await screenshot(operator, '40-adjustment-submitted');
  });

  it('the CS manager approves it and the stock rises by the adjusted quantity', async () => {
    const before = await onHand(manager, 'P10002');
    const forms = new AdjustmentPage(manager);
    await forms.open();
    await forms.select(number);
    await screenshot(manager, '41-adjustment-to-approve');
    await forms.approve('已核实');
    await expect.poll(() => forms.state()).toBe('已审批');
    expect(await manager.getByTestId('adjustment-decided').innerText()).toContain('王经理');
    expect(await onHand(manager, 'P10002')).toBe(before + 5);
  });

  it('a rejection needs the manager to say why', async () => {
    const forms = new AdjustmentPage(operator);
    await forms.open();
    await forms.submitManual({ product: 'P10003', location: 'A-02', qty: -1, cause: 'theftOrLoss' });
    const second = await forms.number();
    const managerForms = new AdjustmentPage(manager);
    await managerForms.open();
    await managerForms.select(second);
    await manager.getByTestId('adjustment-reject').click();
    expect(await manager.locator('.decision .field-error').innerText()).toBe('驳回时必须填写意见。');
    await managerForms.reject('数量不对，请复点');
    await expect.poll(() => managerForms.state()).toBe('已驳回');
  });

  it('prints the approved form on A4 with its lines, totals and signature lines', async () => {
    const forms = new AdjustmentPage(manager);
    await forms.open();
    await forms.select(number);
    await forms.print();
    const sheet = manager.locator('.print-sheet');
    const text = await sheet.innerText();
    expect(text).toContain('库存调整表');
    expect(text).toContain(number);
    expect(text).toContain('P10002');
    expect(text).toContain('点错数');
    expect(text).toContain('客户服务经理');
    await screenshot(manager, '42-adjustment-print');
    fs.mkdirSync(screenshotDir, { recursive: true });
    const file = path.join(screenshotDir, '42-adjustment-form.pdf');
    await manager.emulateMedia({ media: 'print' });
    await manager.pdf({ path: file, preferCSSPageSize: true, printBackground: true });
    await manager.emulateMedia({ media: 'screen' });
    const pdf = fs.readFileSync(file, 'latin1');
    expect(pdf.startsWith('%PDF')).toBe(true);
    expect((pdf.match(/\/Type\s*\/Page\b/g) ?? []).length).toBe(1);
    // Esc goes back to the console.
    await manager.keyboard.press('Escape');
    await manager.getByTestId('adjustments').waitFor();
  });
});
