// Loading a trip as the dock does it (issue 12 §4 §5), in Chromium against the
// station host with the demo day and a real serial scanner (a socat pty pair):
// the dispatcher has put three of tomorrow's orders on a trip; the keeper
// starts picking and prints the pick list (A4, to PDF, looked at), chooses the
// load check at the station (F6), scans the trip's barcode and the goods on the
// serial line; one order is short and taken off back to the pool, the other
// two load (F7) — and the inventory grid falls by exactly their units.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plugSerialScanner, type SerialScanner } from '../helpers/serialScanner';
import { connectStation } from '../helpers/stationClient';
import { tempDir } from '../helpers/tempDirs';
import { launchBrowser, newPage, screenshot, screenshotDir, startStation, dispatchDay, type Station } from './harness';
import { InventoryPage, LoginPage, Shell } from './pages/ConsolePage';
import { catalogue, scannableOrders, type Catalogue, type ScannableOrder } from './pages/demoDay';
import { ScanStationPage } from './pages/ScanStationPage';

let browser: Browser;
let station: Station;
let gun: SerialScanner;
let keeper: Page;

/** A client of the station host speaking the contract over its WebSocket, logged in as `username`. */
async function client(username: string) {
  const c = await connectStation(station.url);
  await c.request('auth.login', { username, secret: 'demo1234' });
  return c;
}

type Order = ScannableOrder;
let trip: { id: number; number: string };
let orders: Order[];
let barcodes: Catalogue['barcodes'];
let codes: Catalogue['codes'];

beforeAll(async () => {
  browser = await launchBrowser();
  station = await startStation({ init: ['--demo'] });
  const admin = await client('admin');
  gun = await plugSerialScanner(admin.request, { dir: tempDir('e2e-load'), station: 'E2E-1', name: 'Dock 1' });
  ({ barcodes, codes } = await catalogue(admin.request));
  admin.close();

  // The dispatcher's trip: three small released orders of tomorrow, all of whose products have a unit barcode.
  const dispatcher = await client('dispatcher');
  const tomorrow = dispatchDay();
  orders = await scannableOrders(dispatcher.request, barcodes, { dispatchDate: tomorrow, count: 3, maxUnits: 40 });
  const vehicles = await dispatcher.request<{ id: number }[]>('vehicles.list', { date: tomorrow });
  const board = await dispatcher.request<{ trips: { vehicleId: number }[] }>('dispatch.board', {
    dispatchDate: tomorrow,
  });
  const free = vehicles.find((v) => !board.trips.some((t) => t.vehicleId === v.id)) ?? vehicles[0]!;
  trip = await dispatcher.request('dispatch.createTrip', { dispatchDate: tomorrow, vehicleId: free.id });
  await dispatcher.request('dispatch.assign', { tripId: trip.id, orderIds: orders.map((o) => o.id), force: false });
  dispatcher.close();

  keeper = await newPage(browser);
  await new LoginPage(keeper).openAs(station.url, 'keeper');
}, 180_000);

afterAll(async () => {
  await keeper?.close();
  await browser?.close();
  await station?.stop();
  await gun?.close();
});

/** On hand of a product over every row of the inventory grid (the keeper's view). */
const onHand = (code: string) => new InventoryPage(keeper).onHand(code);

describe('loading a trip at the dock', () => {
  const before = new Map<string, number>();

  it('starts picking and prints the pick list with the trip barcode (A4 PDF)', async () => {
    for (const id of new Set(orders.flatMap((o) => o.lines.map((l) => l.productId))))
      before.set(codes.get(id)!, await onHand(codes.get(id)!));
    await new Shell(keeper).go('loading');
    const row = keeper.locator(`[data-trip="${trip.number}"]`);
    await row.waitFor();
    await screenshot(keeper, 'load-01-trips');
    await row.getByTestId('loading-start-picking').click();
    await expect.poll(() => row.getAttribute('data-state')).toBe('picking');
    await row.getByTestId('loading-pick-list').click();
    await keeper.getByTestId('pick-list-print').waitFor();
    await keeper.getByTestId(`pick-trip-${trip.number}`).locator('img').waitFor();
    const text = await keeper.getByTestId('pick-list-print').innerText();
    for (const o of orders) expect(text).toContain(o.number.slice(-5));
    await screenshot(keeper, 'load-02-pick-list');
    const pdf = path.join(screenshotDir, 'load-pick-list.pdf');
    fs.mkdirSync(screenshotDir, { recursive: true });
    await keeper.emulateMedia({ media: 'print' });
    await keeper.pdf({ path: pdf, format: 'A4', printBackground: true });
    await keeper.emulateMedia({ media: 'screen' });
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      '1',
      '-l',
      '1',
      pdf,
      path.join(screenshotDir, 'load-pick-list'),
    ]);
    expect(fs.statSync(pdf).size).toBeGreaterThan(10_000);
    await keeper.keyboard.press('Escape');
  });

  it('scans the trip and the goods on the serial line; a short order is taken off, the rest loads', async () => {
    const scanStation = new ScanStationPage(keeper);
    await scanStation.open();
    await keeper.keyboard.press('F6');
    await keeper.getByTestId('task-load').waitFor();
    const scanner = gun.cable;
    scanner.scan(trip.number);
    await expect.poll(() => keeper.getByTestId('task-load').getAttribute('data-trip-id')).toBe(String(trip.id));
    await expect.poll(() => keeper.getByTestId('load-trip-state').innerText()).toContain('装车中');
    await keeper.getByTestId('task-load').evaluate((el) => el.scrollIntoView());
    await screenshot(keeper, 'load-03-trip-scanned');

    // Orders 1 and 2 whole; of order 3, one unit of its first line only.
    const [o1, o2, o3] = orders as [Order, Order, Order];
    const frames: string[] = [];
    for (const o of [o1, o2])
      for (const l of o.lines) for (let k = 0; k < l.qty; k++) frames.push(barcodes.get(l.productId)!);
    frames.push(barcodes.get(o3.lines[0]!.productId)!);
    await scanner.scanAll(frames, 10);
    const total = o1.lines.concat(o2.lines).reduce((s, l) => s + l.qty, 0);
    await expect
      .poll(() => keeper.getByTestId('load-scanned').innerText(), { timeout: 30_000 })
      .toBe(String(total + 1));
    const rowOf = (o: Order) => keeper.locator(`[data-testid="load-orders"] tr[data-order-id="${o.id}"]`);
    // Scanning goods may have filled another order's line first (stop order): the totals say the whole.
    await keeper.getByTestId('task-load').evaluate((el) => el.scrollIntoView());
    await screenshot(keeper, 'load-04-scanned');

    // A product of no order of this trip is refused at once with the error sound.
    const foreign = [...barcodes.entries()].find(
      ([id]) => !orders.some((o) => o.lines.some((l) => l.productId === id)),
    )!;
    const beforeId = await scanStation.bannerScanId();
    scanner.scan(foreign[1]);
    const refused = await scanStation.nextScan(beforeId);
    expect(refused.outcome).toBe('rejected');
    expect(await keeper.getByTestId('scan-banner-reason').getAttribute('data-reason')).toBe('loading.productNotOnTrip');
    await screenshot(keeper, 'load-05-wrong-product');

    // Order 3 is short: taken off whole, back to the pool.
    const short = rowOf(o3);
    expect(await short.getAttribute('data-state')).toBe('missing');
    await short.getByTestId('load-take-off').click();
    await keeper.getByTestId('take-off-reason').fill('缺货，整单撤下');
    await screenshot(keeper, 'load-06-take-off');
    await keeper.getByTestId('take-off-confirm').click();
    await expect.poll(() => short.count()).toBe(0);
    await expect.poll(() => rowOf(o1).getAttribute('data-state')).toBe('complete');
    await expect.poll(() => rowOf(o2).getAttribute('data-state')).toBe('complete');

    // F7: the complete orders load, each one posting its stock issue.
    await keeper.locator('body').click({ position: { x: 5, y: 5 } });
    await keeper.keyboard.press('F7');
    await expect.poll(() => keeper.getByTestId('load-orders-loaded').innerText(), { timeout: 15_000 }).toBe('2 / 2');
    await keeper.getByTestId('load-ready').waitFor();
    await keeper.getByTestId('task-load').evaluate((el) => el.scrollIntoView());
    await screenshot(keeper, 'load-07-loaded');
  });

  it('the inventory grid falls by exactly the units of the loaded orders', async () => {
    const [o1, o2] = orders as [Order, Order];
    const loaded = new Map<string, number>();
    for (const l of o1.lines.concat(o2.lines)) {
      const code = codes.get(l.productId)!;
      loaded.set(code, (loaded.get(code) ?? 0) + l.qty);
    }
    for (const [code, was] of before) expect(was - (await onHand(code)), code).toBe(loaded.get(code) ?? 0);
    await screenshot(keeper, 'load-08-inventory');
  });
});
