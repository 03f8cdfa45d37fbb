// Damage at a bin, end to end (issue 13 §Damage), in Chromium against the
// station host with the demo and a real serial scanner (a socat pty pair): the
// keeper chooses the damage task (F9), scans the bin label and a damaged case
// on the serial line, picks the cause and the suggestion by number keys and
// reports with Enter; the CS manager approves it on 待我审批; the inventory grid
// shows the case moved from good to damaged in the same bin; the damage record
// prints on A4 (to PDF, looked at).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ServerMessage } from '../../shared/contract';
import { createPtyPair, type PtyPair } from '../helpers/socat';
import { tempDir } from '../helpers/tempDirs';
import { launchBrowser, newPage, screenshot, screenshotDir, startStation, type Station } from './harness';
import { InventoryPage, LoginPage, Shell } from './pages/ConsolePage';
import { ScanStationPage, SerialScanner } from './pages/ScanStationPage';

let browser: Browser;
let station: Station;
let pair: PtyPair;
let keeper: Page;
let manager: Page;
let tmp: string;

async function client(username: string) {
  const ws = new WebSocket(`${station.url.replace('http', 'ws')}ws`);
  await new Promise((r) => ws.once('open', r));
  const pending = new Map<number, (v: unknown) => void>();
  ws.on('message', (data) => {
    const msg = JSON.parse(data.toString()) as ServerMessage;
    if (!('event' in msg)) pending.get(msg.id)?.(msg.result);
  });
  let nextId = 1;
  const request = async <T>(name: string, input: unknown): Promise<T> => {
    const id = nextId++;
    const r = (await new Promise<unknown>((resolve) => {
      pending.set(id, resolve);
      ws.send(JSON.stringify({ id, name, input }));
    })) as { ok: boolean; value?: T; error?: unknown };
    if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.error)}`);
    return r.value as T;
  };
  await request('auth.login', { username, secret: 'demo1234' });
  return { request, close: () => ws.close() };
}

type Product = { id: number; code: string; casePack: number; caseBarcode: string | null };
type Balance = { productId: number; status: string; locationId: number; locationCode: string; qty: number };
let product: Product;
let bin: { id: number; code: string };
let goodBefore: number;
let damagedBefore: number;

beforeAll(async () => {
  browser = await launchBrowser();
  station = await startStation({ init: ['--demo'] });
  tmp = tempDir('e2e-damage');
  pair = await createPtyPair(tmp);
  const admin = await client('admin');
  await admin.request('scanner.save', {
    name: 'Floor 1',
    station: 'E2E-1',
    port: pair.device,
    usbVendorId: null,
    usbProductId: null,
    baudRate: 115200,
    dataBits: 8,
    parity: 'none',
    stopBits: 1,
    terminator: 'CR',
    idleMs: 30,
    prefix: '',
    suffix: '',
    enabled: true,
  });
  // A product with a case barcode and at least two cases of good stock in a bin.
  const products = await admin.request<Product[]>('products.list', {});
  const balances = await admin.request<Balance[]>('stock.balances', {});
  for (const b of balances) {
    const p = products.find((x) => x.id === b.productId);
    if (b.status !== 'good' || !p?.caseBarcode || p.casePack < 2 || b.qty < 2 * p.casePack) continue;
    if (balances.some((o) => o.productId === p.id && o.locationId !== b.locationId)) continue;
    product = p;
    bin = { id: b.locationId, code: b.locationCode };
    goodBefore = b.qty;
    damagedBefore =
      balances.find((o) => o.productId === p.id && o.locationId === b.locationId && o.status === 'damaged')?.qty ?? 0;
    break;
  }
  admin.close();
  keeper = await newPage(browser);
  await new LoginPage(keeper).openAs(station.url, 'keeper');
  manager = await newPage(browser);
  await new LoginPage(manager).openAs(station.url, 'manager');
}, 180_000);

afterAll(async () => {
  await keeper?.close();
  await manager?.close();
  await browser?.close();
  await station?.stop();
  await pair?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** The inventory grid's quantity of the product at the bin in a status, as `page` sees it. */
async function shown(page: Page, status: string): Promise<number> {
  await new Shell(page).go('inventory');
  const inventory = new InventoryPage(page);
  await inventory.filter(product.code);
  const n = await inventory.rows().count();
  for (let i = 0; i < n; i++) {
    const loc = (await inventory.cell(i, 'location').innerText()).trim();
    const st = (await inventory.cell(i, 'status').innerText()).trim();
    if (loc === bin.code && st === status)
      return Number((await inventory.cell(i, 'qty').innerText()).replace(/\D/g, ''));
  }
  return 0;
}

let number = '';

describe('damage found at a bin', () => {
  it('the keeper scans the bin and a damaged case at the station and reports it by keys', async () => {
    expect(product, 'a product with a case barcode in one bin').toBeDefined();
    const scanStation = new ScanStationPage(keeper);
    await scanStation.open();
    await keeper.keyboard.press('F9');
    await keeper.getByTestId('task-damage').waitFor();
    await screenshot(keeper, 'damage-01-task');
    const scanner = new SerialScanner(pair.host);

    // Goods before the bin: refused with the error sound, logged.
    let last = await scanStation.bannerScanId();
    scanner.scan(product.caseBarcode!);
    expect((await scanStation.nextScan(last)).outcome).toBe('rejected');
    expect(await keeper.getByTestId('scan-banner-reason').getAttribute('data-reason')).toBe('scan.scanLocationFirst');
    await screenshot(keeper, 'damage-02-no-bin');

    last = await scanStation.bannerScanId();
    scanner.scan(bin.code);
    await scanStation.nextScan(last);
    last = await scanStation.bannerScanId();
    scanner.scan(product.caseBarcode!);
    expect((await scanStation.nextScan(last)).outcome).toBe('accepted');
    await expect
      .poll(() => keeper.getByTestId('task-damage-goods').getAttribute('data-qty'))
      .toBe(String(product.casePack));
    // An unknown code: the error sound and a clear refusal.
    last = await scanStation.bannerScanId();
    scanner.scan('9999999999994');
    expect((await scanStation.nextScan(last)).outcome).not.toBe('accepted');

    // 1 = the first cause (压损), 4 = sell as damaged; Enter reports.
    await keeper.locator('body').click({ position: { x: 5, y: 5 } });
    await keeper.keyboard.press('1');
    await keeper.keyboard.press('4');
    await expect
      .poll(() => keeper.locator('[data-testid="task-damage-causes"] li.picked').getAttribute('data-code'))
      .toBe('crushed');
    await expect
      .poll(() => keeper.locator('[data-testid="task-damage-suggestions"] li.picked').getAttribute('data-code'))
      .toBe('sellDamaged');
    await screenshot(keeper, 'damage-03-scanned');
    await keeper.keyboard.press('Enter');
    await expect.poll(() => keeper.getByTestId('task-damage-goods').getAttribute('data-qty')).toBe('0');
    await screenshot(keeper, 'damage-04-reported');
    const k = await client('keeper');
    const mine = (
      await k.request<{ number: string; productId: number; qty: number; state: string }[]>('damage.list', {
        state: 'reported',
      })
    ).find((r) => r.productId === product.id && r.qty === product.casePack)!;
    k.close();
    expect(mine).toBeDefined();
    number = mine.number;
  });

  it('the manager approves it on the approvals page', async () => {
    await new Shell(manager).go('approvals');
    const row = manager.getByTestId(`approval-${number}`);
    await row.waitFor();
    await screenshot(manager, 'damage-05-approvals');
    await manager.getByTestId(`approve-${number}`).click();
    await expect.poll(() => row.count()).toBe(0);
    await screenshot(manager, 'damage-06-approved');
  });

  it('the inventory grid shows the case moved from good to damaged in the same bin', async () => {
    expect(await shown(manager, '残品')).toBe(damagedBefore + product.casePack);
    expect(await shown(manager, '正品')).toBe(goodBefore - product.casePack);
    await screenshot(manager, 'damage-07-inventory');
  });

  it('prints the damage record on A4 with signature lines', async () => {
    await new Shell(manager).go('damage');
    const row = manager
      .locator(`[data-testid="damage-grid"] .ag-row:has([col-id="number"]:text-is("${number}"))`)
      .first();
    await row.locator('[col-id="number"]').click();
    await manager.getByTestId('damage-detail').waitFor();
    await expect.poll(() => manager.getByTestId('damage-detail-state').innerText()).toBe('已审批');
    await screenshot(manager, 'damage-08-register');
    await manager.getByTestId('damage-print').click();
    await manager.getByTestId('print-damage-lines').waitFor();
    const text = await manager.locator('.print-view').innerText();
    expect(text).toContain(number);
    expect(text).toContain('客户服务经理');
    await screenshot(manager, 'damage-09-print');
    const pdf = path.join(screenshotDir, 'damage-record.pdf');
    fs.mkdirSync(screenshotDir, { recursive: true });
    await manager.emulateMedia({ media: 'print' });
    await manager.pdf({ path: pdf, format: 'A4', printBackground: true });
    await manager.emulateMedia({ media: 'screen' });
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      '1',
      '-l',
      '1',
      pdf,
      path.join(screenshotDir, 'damage-record'),
    ]);
    expect(fs.statSync(pdf).size).toBeGreaterThan(10_000);
  });
});
