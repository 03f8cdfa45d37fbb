// The console as a user meets it, in Chromium against the station host: first
// run, login, language, inventory, a receipt changing a balance, a product's
// movements. A screenshot of each screen goes to test-results/screenshots.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, screenshot, startStation, type Station } from './harness';
import { FirstRunPage, InventoryPage, LoginPage, ReceiptsPage, Shell } from './pages/ConsolePage';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

describe('first run', () => {
  it('offers to create the administrator, who is then logged in', async () => {
    const station = await startStation();
    const page = await newPage(browser);
    try {
      const firstRun = new FirstRunPage(page);
      await firstRun.open(station.url);
      await expect.poll(() => page.getByTestId('firstrun-screen').innerText()).toContain('管理员');
      await screenshot(page, '01-first-run');
      await firstRun.createAdmin('仓务管理员', 'boss', 'a-long-password');
      await page.getByTestId('topbar').waitFor();
      expect(await page.getByTestId('topbar-user').innerText()).toContain('仓务管理员');
      expect(await page.getByTestId('topbar-station').innerText()).toContain('E2E-1');

      // The administrator adds a keeper for a scanning station: the form says what is missing, then creates them.
      await new Shell(page).go('users');
      await page.getByTestId('user-create').click();
      await page.getByTestId('user-username-error').waitFor();
      expect(await page.getByTestId('user-roles-error').innerText()).not.toBe('');
      await page.getByTestId('user-username').fill('keeper9');
      await page.getByTestId('user-displayname').fill('钱仓管');
      await page.getByTestId('user-role-warehouseKeeper').check();
      await page.getByTestId('user-pin').fill('4321');
      await page.getByTestId('user-create').click();
      await page.getByTestId('users-grid').locator('.ag-row', { hasText: 'keeper9' }).waitFor();
      expect(await page.getByTestId('user-username-error').count()).toBe(0);
      expect(await page.getByTestId('user-username').inputValue()).toBe('');
      // A second user of the same name is refused with the reason beside the form.
      await page.getByTestId('user-username').fill('keeper9');
      await page.getByTestId('user-displayname').fill('钱仓管');
      await page.getByTestId('user-role-warehouseKeeper').check();
      await page.getByTestId('user-pin').fill('4321');
      await page.getByTestId('user-create').click();
      await expect.poll(() => page.getByTestId('user-error').innerText()).not.toBe('');
      await screenshot(page, '01b-users');
    } finally {
      await page.close();
      await station.stop();
    }
  });

  it('loads the demo warehouse with progress and shows its logins', async () => {
    const station = await startStation();
    const page = await newPage(browser);
    try {
      const firstRun = new FirstRunPage(page);
      await firstRun.open(station.url);
      await firstRun.loadDemo();
      const logins = page.getByTestId('firstrun-logins');
      expect(await logins.innerText()).toContain('keeper');
      expect(await logins.innerText()).toContain('demo1234');
      await screenshot(page, '02-demo-logins');
    } finally {
      await page.close();
      await station.stop();
    }
  });
});

describe('the demo warehouse', () => {
  let station: Station;
  let page: Page;
  beforeAll(async () => {
    station = await startStation({ init: ['--demo'] });
    page = await newPage(browser);
  });
  afterAll(async () => {
    await page?.close();
    await station?.stop();
  });

  it('logs a keeper in, in Chinese, at the station, with the inventory full of demo stock', async () => {
    await page.goto(station.url);
    await page.getByTestId('login-screen').waitFor();
    await screenshot(page, '03-login');
    await new LoginPage(page).logIn('keeper', 'demo1234');
    // Each role lands on the page it works on (issue 14): the keeper at the scanning station.
    await page.getByTestId('page-station').waitFor();
    await new Shell(page).go('inventory');
    const inventory = new InventoryPage(page);
    await inventory.grid.waitFor();
    await expect.poll(() => inventory.rows().count()).toBeGreaterThan(10);
    expect(await page.getByTestId('nav-inventory').innerText()).toBe('库存');
    await screenshot(page, '04-inventory');
  });

  it('switches to English and back, and remembers the choice for the user', async () => {
    const shell = new Shell(page);
    await shell.switchLocale('en');
    await expect.poll(() => page.getByTestId('nav-inventory').innerText()).toBe('Inventory');
    await screenshot(page, '05-inventory-en');
    await page.reload();
    await expect.poll(() => page.getByTestId('nav-inventory').innerText()).toBe('Inventory');
    await shell.switchLocale('zh-CN');
    await expect.poll(() => page.getByTestId('nav-inventory').innerText()).toBe('库存');
  });

  it('filters the inventory grid and totals only what is shown', async () => {
    const inventory = new InventoryPage(page);
    await inventory.filter('P10002');
    await expect.poll(() => inventory.rows().count()).toBeGreaterThan(0);
    const n = await inventory.rows().count();
    let sum = 0;
    for (let i = 0; i < n; i++) {
      expect(await inventory.cell(i, 'productCode').innerText()).toBe('P10002');
      sum += Number((await inventory.cell(i, 'qty').innerText()).replace(/[^\d-]/g, ''));
    }
    expect(Number(await page.getByTestId('inventory-count').getAttribute('data-qty'))).toBe(sum);
    expect(Number((await inventory.totals('qty').innerText()).replace(/[^\d-]/g, ''))).toBe(sum);
    await screenshot(page, '06-inventory-filtered');
  });

  it('posts a receipt and the balance changes in the inventory', async () => {
    const inventory = new InventoryPage(page);
    await inventory.filter('P10002');
    const before = await goodQtyAt(inventory, 'A-02');
    const shell = new Shell(page);
    await shell.go('receipts');
    const receipts = new ReceiptsPage(page);
    await receipts.startNew();
    await receipts.fill({
      deliveryNote: 'QS-E2E-0001',
      supplier: '华南伊利乳业',
      lines: [{ product: 'P10002', location: 'A-02', qty: 48 }],
    });
    await screenshot(page, '07-receipt-form');
    await receipts.post();
    await page.getByTestId('toast-success').waitFor();
    await expect.poll(() => page.getByTestId('receipts').innerText()).toContain('QS-E2E-0001');
    await screenshot(page, '08-receipts');
    await shell.go('inventory');
    await inventory.filter('P10002');
    await expect.poll(() => goodQtyAt(inventory, 'A-02')).toBe(before + 48);
  });

  it('opens a product’s movements from the inventory by double-click', async () => {
    const inventory = new InventoryPage(page);
    await inventory.filter('P10002');
    await inventory.cell(0, 'productCode').dblclick();
    await page.getByTestId('movements').waitFor();
    const codes = () =>
      page.getByTestId('movements').locator('.ag-row:not(.ag-row-pinned) [col-id="productCode"]').allInnerTexts();
    // The infinite row model shows empty rows until its block arrives.
    await expect.poll(async () => [...new Set(await codes())]).toEqual(['P10002']);
    expect((await codes()).length).toBeGreaterThan(1);
    expect(await page.getByTestId('movements').innerText()).toContain('RC-');
    await screenshot(page, '09-movements');
  });

  it('groups the navigation by the department’s work, each role seeing only its own pages', async () => {
    const headings = (p: Page) => p.locator('.nav-group-heading').allInnerTexts();
    const views: [string, string, string[], string][] = [
      ['keeper', 'station', ['仓库', '调度', '报表'], 'keeper'],
      ['dispatcher', 'dispatchBoard', ['调度', '仓库', '订单与客服'], 'dispatcher'],
      ['operator', 'orders', ['订单与客服', '仓库', '调度', '报表'], 'operator'],
      ['manager', 'dashboard', ['报表', '仓库', '调度', '订单与客服', '系统'], 'manager'],
    ];
    for (const [user, home, groups, shot] of views) {
      const p = await newPage(browser);
      try {
        await new LoginPage(p).openAs(station.url, user);
        await p.getByTestId(`page-${home}`).waitFor();
        // The role's own page comes first, under its group's heading.
        await expect.poll(() => headings(p).then((h) => h.map((x) => x.replace(/^[▾▸]\s*/, '')))).toEqual(groups);
        expect(await p.locator('.nav-link').first().getAttribute('data-testid')).toBe(`nav-${home}`);
        await screenshot(p, `10-nav-${shot}`);
        if (user === 'keeper') {
          // Keyboard: ↓ from the heading reaches the pages; ← folds a group, → unfolds it; the current group stays open.
          await p.getByTestId('nav-inventory').click();
          await p.getByTestId('page-inventory').waitFor();
          await p.getByTestId('nav-group-dispatch').focus();
          await p.keyboard.press('ArrowLeft');
          await expect.poll(() => p.getByTestId('nav-dispatchBoard').count()).toBe(0);
          expect(await p.getByTestId('nav-group-dispatch').getAttribute('aria-expanded')).toBe('false');
          await p.getByTestId('nav-group-warehouse').focus();
          await p.keyboard.press('ArrowLeft');
          expect(await p.getByTestId('nav-station').count()).toBe(1);
          for (let i = 0; i < 3; i++) await p.keyboard.press('ArrowDown'); // station, inventory, counts
          await p.keyboard.press('Enter');
          await p.getByTestId('page-counts').waitFor();
          await screenshot(p, '10-nav-keeper-folded');
          await p.getByTestId('nav-group-dispatch').focus();
          await p.keyboard.press('ArrowRight');
          await p.getByTestId('nav-dispatchBoard').waitFor();
          // Alt+1 is the role's own page.
          await p.keyboard.press('Alt+1');
          await p.getByTestId('page-station').waitFor();
        }
      } finally {
        await p.close();
      }
    }
  });
});

/** The good-status quantity of the filtered product at a bin, 0 if it has no row there. */
async function goodQtyAt(inventory: InventoryPage, bin: string): Promise<number> {
  const n = await inventory.rows().count();
  for (let i = 0; i < n; i++) {
    const location = await inventory.cell(i, 'location').innerText();
    const status = await inventory.cell(i, 'status').innerText();
    if (location === bin && (status === '正品' || status === 'Good')) {
      return Number((await inventory.cell(i, 'qty').innerText()).replace(/[^\d-]/g, ''));
    }
  }
  return 0;
}
