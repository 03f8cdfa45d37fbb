// Page objects: what a user does on each screen, in the users' words.
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { selectBin } from './fields';

export class FirstRunPage {
  constructor(readonly page: Page) {}
  async open(url: string) {
    await this.page.goto(url);
    await this.page.getByTestId('firstrun-screen').waitFor();
  }
  async createAdmin(displayName: string, username: string, password: string) {
    await this.page.getByTestId('firstrun-displayname').fill(displayName);
    await this.page.getByTestId('firstrun-username').fill(username);
    await this.page.getByTestId('firstrun-password').fill(password);
    await this.page.getByTestId('firstrun-password2').fill(password);
    await this.page.getByTestId('firstrun-create').click();
  }
  async loadDemo() {
    await this.page.getByTestId('firstrun-demo').click();
    await this.page.getByTestId('firstrun-logins').waitFor({ timeout: 90_000 });
  }
}

export class LoginPage {
  constructor(readonly page: Page) {}
  async logIn(username: string, secret: string) {
    await this.page.getByTestId('login-username').fill(username);
    await this.page.getByTestId('login-password').fill(secret);
    await this.page.getByTestId('login-password').press('Enter');
  }
  /** Opens the console at `url` and logs in (the demo password unless told), waiting for the top bar. */
  async openAs(url: string, username: string, secret = 'demo1234') {
    await this.page.goto(url);
    await this.page.getByTestId('login-screen').waitFor();
    await this.logIn(username, secret);
    await this.page.getByTestId('topbar').waitFor();
  }
}

export class Shell {
  constructor(readonly page: Page) {}
  nav(page: string): Locator {
    return this.page.getByTestId(`nav-${page}`);
  }
  async go(page: string) {
    await this.nav(page).click();
    await this.page.getByTestId(page).waitFor();
  }
  async switchLocale(locale: 'zh-CN' | 'en') {
    await this.page.getByTestId('locale-switch').selectOption(locale);
  }
}

export class InventoryPage {
  constructor(readonly page: Page) {}
  get grid(): Locator {
    return this.page.getByTestId('inventory');
  }
  /** Types the quick filter and waits until the grid and its totals have applied it. */
  async filter(text: string) {
    await this.page.getByTestId('quick-filter').fill(text);
    await this.page.locator(`[data-testid="inventory-count"][data-filter="${text}"]`).waitFor();
  }
  /** The visible data rows (not the pinned totals row). */
  rows(): Locator {
    return this.grid.locator('.ag-row:not(.ag-row-pinned)');
  }
  cell(rowIndex: number, colId: string): Locator {
    return this.grid.locator(`.ag-row[row-index="${rowIndex}"]:not(.ag-row-pinned) [col-id="${colId}"]`);
  }
  totals(colId: string): Locator {
    return this.grid.locator(`.ag-row[row-id="pinned-bottom"] [col-id="${colId}"]`);
  }
  /** On hand of one product over every row the grid shows for it (opens the inventory page). */
  async onHand(code: string): Promise<number> {
    await new Shell(this.page).go('inventory');
    await this.filter(code);
    const shown = () => this.grid.locator('.ag-row:not(.ag-row-pinned) [col-id="productCode"]').allInnerTexts();
    await expect
      .poll(async () => (await shown()).length > 0 && (await shown()).every((c) => c.trim() === code))
      .toBe(true);
    const n = await this.rows().count();
    let sum = 0;
    for (let i = 0; i < n; i++) sum += Number((await this.cell(i, 'qty').innerText()).replace(/[^\d-]/g, ''));
    return sum;
  }
}

export class ReceiptsPage {
  constructor(readonly page: Page) {}
  async startNew() {
    await this.page.getByTestId('receipt-new').click();
    await this.page.getByTestId('receipt-form').waitFor();
  }
  async fill(opts: {
    deliveryNote: string;
    supplier: string;
    lines: { product: string; location: string; qty: number; status?: string }[];
  }) {
    await this.page.getByTestId('receipt-delivery-note').fill(opts.deliveryNote);
    await this.page.getByTestId('receipt-supplier').fill(opts.supplier);
    for (const [i, l] of opts.lines.entries()) {
      if (i > 0) await this.page.getByTestId('receipt-add-line').click();
      await this.page.getByTestId(`receipt-line-${i}-product`).fill(l.product);
      if (l.status) await this.page.getByTestId(`receipt-line-${i}-status`).selectOption(l.status);
      await selectBin(this.page.getByTestId(`receipt-line-${i}-location`), l.location);
      await this.page.getByTestId(`receipt-line-${i}-qty`).fill(String(l.qty));
    }
  }
  async post() {
    await this.page.getByTestId('receipt-post').click();
  }
}
