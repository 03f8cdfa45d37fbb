// Several stations, one stock (issue 15): two station hosts — two processes,
// as on two machines — on one PostgreSQL database, a browser on each. A receipt
// posted in a browser on host A shows in the inventory grid of a browser on host B
// without a reload, and a count that locks its bins, started through host A,
// refuses a posting made through host B. A real server from Debian's package
// (tests/helpers/postgres.ts), started and removed by the test.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../../electron/core/core';
import { databaseSettingFile } from '../../electron/core/dataDir';
import { storeTimeZone } from '../../electron/core/timeZoneSetting';
import { connectStation, type StationClient } from '../helpers/stationClient';
import { startPostgres, type TestPostgres } from '../helpers/postgres';
import { tempDir } from '../helpers/tempDirs';
import { launchBrowser, newPage, screenshot, startStation, warehouseZone, type Station } from './harness';
import { InventoryPage, LoginPage, ReceiptsPage, Shell } from './pages/ConsolePage';

const password = 'two-hosts-pass-1';
const productsCsv = `code,name_zh,name_en,spec,unit,case_pack,unit_cost,category,active
P001,农夫山泉 550ml,Nongfu water 550ml,550ml,瓶,24,0.95,饮料,1
P002,伊利纯牛奶,Yili milk,250ml,盒,24,2.30,乳制品,1
`;

let server: TestPostgres;
let browser: Browser;
let hostA: Station;
let hostB: Station;
let page: Page;
const clients: StationClient[] = [];
let product: { id: number; code: string };
let bins: { id: number; code: string }[];
/** The count's counter: another keeper than the one at host B's browser (a blind count hides its bins from its counters). */
let counterId: number;

/** The warehouse, written once through a core on the server, as `cangwu init` and the first run would. */
async function seed(url: string): Promise<void> {
  const core = await openCore({ dataDir: tempDir('two-hosts-seed'), database: url, station: 'seed', log: () => {} });
  try {
    await storeTimeZone(core.database.db, warehouseZone);
    const admin = core.newCaller('admin');
    const ok = async <T>(name: string, input: unknown): Promise<T> => {
      const r = await core.dispatch(admin, name, input);
      if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.error)}`);
      return r.value as T;
    };
    await ok('setup.createAdmin', { username: 'admin', displayName: '管理员', password });
    await ok('products.import', { csv: productsCsv });
    product = (await ok<{ id: number; code: string }[]>('products.list', {})).find((p) => p.code === 'P002')!;
    bins = (await ok<{ id: number; code: string; kind: string }[]>('locations.list', {})).filter(
      (l) => l.kind === 'bin',
    );
    await ok('users.create', { username: 'keeper', displayName: '钱仓管', roles: ['warehouseKeeper'], password });
    const counter = await ok<{ id: number }>('users.create', {
      username: 'counter',
      displayName: '孙盘点',
      roles: ['warehouseKeeper'],
      password,
    });
    counterId = counter.id;
    await ok('users.create', { username: 'planner', displayName: '周计划', roles: ['operator'], password });
  } finally {
    await core.close();
  }
}

async function client(host: Station, username: string): Promise<StationClient> {
  const c = await connectStation(host.url);
  clients.push(c);
  await c.request('auth.login', { username, secret: password });
  return c;
}

const receipt = (binId: number, qty: number, key: string) => ({
  deliveryNote: `QS-${key}`,
  arrivedAt: new Date().toISOString(),
  idempotencyKey: key,
  lines: [{ productId: product.id, status: 'good', locationId: binId, qty }],
});

beforeAll(async () => {
  server = await startPostgres();
  const url = await server.createDatabase();
  await seed(url);
  // Host A is given the server on its command line; host B by its data folder's setting, as the
  // administrator's database section (or the desktop app) leaves it.
  const folderB = tempDir('two-hosts-b');
  fs.writeFileSync(path.join(folderB, databaseSettingFile), `${url}\n`, { mode: 0o600 });
  [hostA, hostB] = await Promise.all([
    startStation({ dataDir: tempDir('two-hosts-a'), database: url, station: 'DOCK-A' }),
    startStation({ dataDir: folderB, station: 'DOCK-B' }),
  ]);
  browser = await launchBrowser();
  page = await newPage(browser);
});

afterAll(async () => {
  for (const c of clients) c.close();
  await page?.close();
  await browser?.close();
  await Promise.all([hostA?.stop(), hostB?.stop()]);
  server?.stop();
});

describe('two station hosts on one PostgreSQL database', () => {
  it("shows a receipt posted through host A in host B's inventory grid, without a reload", async () => {
    const keeperA = await client(hostA, 'keeper');
    await keeperA.request('receipts.post', receipt(bins[0]!.id, 10, 'two-hosts-1'));

    await new LoginPage(page).openAs(hostB.url, 'keeper', password);
    expect(await page.getByTestId('topbar-station').innerText()).toContain('DOCK-B');
    const inventory = new InventoryPage(page);
    expect(await inventory.onHand('P002')).toBe(10);

    // A second browser, on host A: the keeper there posts a receipt through the receiving page.
    const pageA = await newPage(browser);
    try {
      await new LoginPage(pageA).openAs(hostA.url, 'keeper', password);
      expect(await pageA.getByTestId('topbar-station').innerText()).toContain('DOCK-A');
      await new Shell(pageA).go('receipts');
      const receipts = new ReceiptsPage(pageA);
      await receipts.startNew();
      await receipts.fill({
        deliveryNote: 'QS-TWO-HOSTS-2',
        supplier: '华南伊利乳业',
        lines: [{ product: product.code, location: bins[0]!.code, qty: 7 }],
      });
      await receipts.post();
      const started = Date.now();
      await pageA.getByTestId('toast-success').waitFor();
      await expect.poll(() => inventory.cell(0, 'qty').innerText(), { timeout: 5000, interval: 20 }).toBe('17');
      // The "within 1 s" is measured by the pgEvents bench (pg_cross_host_event_ms_p95); here it is shown.
      console.log(
        `two hosts: host A's receipt in host B's grid ${Date.now() - started} ms after A's browser said posted`,
      );
      expect(Date.now() - started).toBeLessThan(5000);
      await expect.poll(() => pageA.getByTestId('receipts').innerText()).toContain('QS-TWO-HOSTS-2');
      await pageA.waitForTimeout(500); // the grid's row animation, for a screenshot that can be read
      await screenshot(pageA, 'two-hosts-00-receipt-on-a');
      await screenshot(page, 'two-hosts-01-inventory-on-b');
    } finally {
      await pageA.close();
    }
  });

  it('refuses a posting through host B into a bin a count started through host A has locked', async () => {
    const plannerA = await client(hostA, 'planner');
    const planned = await plannerA.request<{ id: number; lockBins: boolean }>('counts.plan', {
      scope: { area: 'bins', locationIds: [bins[0]!.id] },
      counters: [{ userId: counterId }],
      lockBins: true,
    });
    expect(planned.lockBins).toBe(true);
    await plannerA.request('counts.start', { sessionId: planned.id });

    const keeperB = await client(hostB, 'keeper');
    await expect(keeperB.request('receipts.post', receipt(bins[0]!.id, 5, 'two-hosts-3'))).rejects.toThrow(
      /stock\.binLockedByCount/,
    );
    // Another bin is not locked: host B posts there, and host B's own browser shows it. The
    // count is blind, so this keeper's grid no longer shows the book of the counted bin
    // (A-01, 17): only A-02's 5 (counts/blindness.ts).
    await keeperB.request('receipts.post', receipt(bins[1]!.id, 5, 'two-hosts-4'));
    const inventory = new InventoryPage(page);
    await expect.poll(() => inventory.onHand('P002'), { timeout: 5000 }).toBe(5);
    await screenshot(page, 'two-hosts-02-after-lock');
  });

  it('shows the administrator on host B the server it runs on, and checks a URL before keeping it', async () => {
    const admin = await newPage(browser);
    try {
      await new LoginPage(admin).openAs(hostB.url, 'admin', password);
      await new Shell(admin).go('users');
      const section = admin.getByTestId('database-settings');
      await expect.poll(() => section.getByTestId('database-running').innerText()).toContain('PostgreSQL 服务器');
      const running = await section.getByTestId('database-running').innerText();
      expect(running).toContain(new URL(server.url('x')).host);
      // No daily file copy on a server: the backups card says where backups belong.
      expect(await admin.getByTestId('backups-on-server').innerText()).toContain('cangwu backup --database');
      // Its data folder's setting chose it: the next start is the same, no restart pending.
      expect(await section.getByTestId('database-next').innerText()).toBe(running);
      // A URL whose server does not answer: told in words, nothing kept.
      await section.getByTestId('database-url').fill('postgres://cangwu:pw@127.0.0.1:1/cangwu');
      await section.getByTestId('database-save').click();
      const toast = admin.getByTestId('toasts').getByRole('alert');
      await expect.poll(() => toast.innerText(), { timeout: 15_000 }).toContain('无法连接 PostgreSQL 服务器');
      expect(await toast.innerText()).not.toContain(':pw@');
      expect(await section.getByTestId('database-next').innerText()).toBe(running);
      await screenshot(admin, 'two-hosts-04-database-settings');
    } finally {
      await admin.close();
    }
  });

  it('tells the browser when its host loses the database server, and recovers by itself when it is back', async () => {
    const badge = page.getByTestId('connection-state');
    server.stop();
    await expect.poll(() => badge.getAttribute('data-status'), { timeout: 15_000 }).toBe('database-down');
    expect(await badge.innerText()).toContain('数据库连接中断');
    await screenshot(page, 'two-hosts-03-database-down');
    server.restart();
    await expect.poll(() => badge.getAttribute('data-status'), { timeout: 30_000 }).toBe('open');
    // Back: the grid reads again (the page's reconnect handler) and still shows the stock.
    await expect.poll(() => new InventoryPage(page).onHand('P002'), { timeout: 10_000 }).toBe(5);
  });
});
