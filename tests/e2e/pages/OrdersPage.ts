// Page objects for the order screens (issue 11): master data by CSV, the
// orders of a day with the order file import, desk entry by keyboard, the
// salesperson's phone orders, the daily order confirmation list and an order's
// page — in the words of the people who use them.
import type { Locator, Page } from 'playwright-core';

type CsvFile = { name: string; mimeType: string; buffer: Buffer };
export const csvFile = (name: string, buffer: Buffer): CsvFile => ({ name, mimeType: 'text/csv', buffer });

async function go(page: Page, id: string, testId: string) {
  await page.getByTestId(`nav-${id}`).click();
  await page.getByTestId(testId).waitFor();
}

/**
 * Data rows of a grid, once each: a row with pinned columns is drawn in two
 * containers, so rows are those holding a cell of an unpinned column.
 */
export const gridRows = (grid: Locator, colId: string): Locator =>
  grid.locator('.ag-row:not(.ag-row-pinned)').filter({ has: grid.page().locator(`[col-id="${colId}"]`) });

export class MasterDataPage {
  constructor(readonly page: Page) {}
  async openCustomers() {
    await go(this.page, 'customers', 'customers');
  }
  async openPrices() {
    await go(this.page, 'prices', 'prices');
  }
  /** customers or prices: opens the import panel, sends the file, waits for the report. */
  async importCsv(ns: 'customers' | 'prices', file: CsvFile): Promise<string> {
    await this.page.getByTestId(`${ns}-import-toggle`).click();
    await this.page.getByTestId(`${ns}-import-file`).setInputFiles(file);
    await this.page.getByTestId(`${ns}-import-submit`).click();
    const result = this.page.getByTestId(`${ns}-import-result`).or(this.page.getByTestId(`${ns}-import-invalid`));
    await result.waitFor();
    return result.innerText();
  }
  grid(ns: 'customers' | 'prices'): Locator {
    return this.page.getByTestId(`${ns}-grid`);
  }
}

export class OrdersPage {
  constructor(readonly page: Page) {}
  get grid(): Locator {
    return this.page.getByTestId('orders-grid');
  }
  async openDay(url: string, date: string) {
    await this.page.goto(`${url}#/orders?date=${date}`);
    await this.page.getByTestId('orders').waitFor();
  }
  /** The row of an order by its number or reference text. */
  row(text: string): Locator {
    return gridRows(this.grid, 'state').filter({ hasText: text });
  }
  stateOf(text: string): Locator {
    return this.row(text).locator('[col-id="state"]');
  }
  // ---- the order file
  async previewFile(file: CsvFile): Promise<Locator> {
    if (!(await this.page.getByTestId('orders-import').isVisible()))
      await this.page.getByTestId('orders-import-toggle').click();
    await this.page.getByTestId('orders-import-file').setInputFiles(file);
    await this.page.getByTestId('orders-import-preview').click();
    const summary = this.page.getByTestId('orders-import-summary');
    await summary.waitFor();
    return summary;
  }
  async confirmImport(): Promise<string> {
    await this.page.getByTestId('orders-import-confirm').click();
    const result = this.page.getByTestId('orders-import-result');
    await result.waitFor();
    return result.innerText();
  }
  async releaseAll() {
    this.page.once('dialog', (d) => void d.accept());
    await this.page.getByTestId('orders-release-all').click();
  }
  async openOrder(text: string) {
    await this.row(text).locator('[col-id="number"]').dblclick();
    await this.page.getByTestId('order').waitFor();
  }
}

export class DeskEntryPage {
  constructor(readonly page: Page) {}
  async open() {
    await go(this.page, 'orderEntry', 'order-entry');
  }
  /** Everything by keyboard: channel, customer, then each line "code ⏎ qty ⏎", Ctrl+Enter saves. */
  async keyOrder(o: {
    channelSteps: number;
    customer: string;
    lines: { product: string; qty: number; cases?: boolean }[];
  }) {
    const k = this.page.keyboard;
    const customer = this.page.getByTestId('order-entry-customer');
    await customer.waitFor();
    await customer.focus();
    // F4 steps through the channels: desk → phone → fax.
    for (let i = 0; i < o.channelSteps; i++) await k.press('F4');
    // Typed at a person's pace: a burst ending in Enter would be taken for a wedge scan.
    await k.type(o.customer, { delay: 60 });
    await k.press('Enter');
    await this.page.getByTestId('order-entry-customer-chosen').waitFor();
    for (const line of o.lines) {
      await this.page.getByTestId('order-entry-product').waitFor();
      await k.type(line.product, { delay: 60 });
      await k.press('Enter');
      await this.page.getByTestId('order-entry-product-chosen').waitFor();
      // "*" in the quantity switches units ⇄ cases.
      if (line.cases) await k.press('*');
      await k.type(String(line.qty), { delay: 60 });
      await k.press('Enter');
    }
  }
  async save(): Promise<Locator> {
    await this.page.keyboard.press('Control+Enter');
    const result = this.page.getByTestId('order-entry-result');
    await result.waitFor();
    return result;
  }
}

export class PhoneOrdersPage {
  constructor(readonly page: Page) {}
  get grid(): Locator {
    return this.page.getByTestId('phone-orders-grid');
  }
  async open() {
    await go(this.page, 'phoneOrders', 'phone-orders');
  }
}

export class ShortOrdersPage {
  constructor(readonly page: Page) {}
  get grid(): Locator {
    return this.page.getByTestId('short-orders-grid');
  }
  async openDay(url: string, date: string) {
    await this.page.goto(`${url}#/shortOrders?date=${date}`);
    await this.page.getByTestId('short-orders').waitFor();
  }
  row(text: string): Locator {
    return gridRows(this.grid, 'product').filter({ hasText: text });
  }
  /** Substitutes the focused line's product, the salesperson agreeing by phone. */
  async substitute(orderText: string, productCode: string, qty: number, note: string) {
    await this.row(orderText).first().locator('[col-id="product"]').click();
    await this.page.getByTestId('short-substitute').click();
    const dialog = this.page.getByTestId('resolve-dialog');
    await dialog.waitFor();
    if (await this.page.getByTestId('resolve-product-chosen').isVisible())
      await this.page.getByTestId('resolve-product-chosen').locator('button').click();
    await this.page.getByTestId('resolve-product').fill(productCode);
    await this.page.getByTestId('resolve-product').press('Enter');
    await this.page.getByTestId('resolve-product-chosen').waitFor();
    await this.page.getByTestId('resolve-qty').fill(String(qty));
    await this.page.getByTestId('resolve-consent-phone').check();
    await this.page.getByTestId('resolve-consent-note').fill(note);
    await this.page.getByTestId('resolve-submit').click();
    await dialog.waitFor({ state: 'hidden' });
  }
}
