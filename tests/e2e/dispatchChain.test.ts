// The whole dispatch chain of one day (issue 12), in Chromium against the
// station host with the demo warehouse and a real serial scanner (socat): on
// the demo's next day, released in full, the dispatcher opens the board,
// selects two small emergency orders and lets 自动排车 plan them (accepted: an
// early trip), starts picking and prints the trip's pick list (A4 PDF, looked
// at); the keeper load-checks the trip at the station, scanning every unit on
// the serial line, and loads it (F7); the dispatcher departs it and plans the
// rest of the day's pool with 自动排车 (the departed trip takes no more);
// records the outcomes — one order signed, one refused by line; the keeper
// submits the daily dispatch report before the cut-off, the operator posts it;
// the inventory grid has fallen by the loaded units and the awaiting-return
// list holds the refused line. A screenshot of each step.
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
import { DeliveryPage, DispatchReportPage } from './pages/DeliveryPage';
import { catalogue, scannableOrders, type Catalogue, type ScannableOrder } from './pages/demoDay';
import { DispatchBoardPage } from './pages/DispatchBoardPage';
import { ScanStationPage } from './pages/ScanStationPage';

let browser: Browser;
let station: Station;
let gun: SerialScanner;
let dispatcher: Page;
let keeper: Page;
let operator: Page;

type Order = ScannableOrder;
let orders: [Order, Order];
const trip = { number: '' };
let barcodes: Catalogue['barcodes'];
let codes: Catalogue['codes'];
const tomorrow = dispatchDay();

beforeAll(async () => {
  browser = await launchBrowser();
  station = await startStation({ init: ['--demo'] });
  const admin = await connectStation(station.url);
  await admin.request('auth.login', { username: 'admin', secret: 'demo1234' });
  gun = await plugSerialScanner(admin.request, { dir: tempDir('e2e-chain'), station: 'E2E-1', name: 'Dock 1' });
  ({ barcodes, codes } = await catalogue(admin.request));
  // Two small released orders of tomorrow (emergency ones first), no gifts, no product in common:
  // few units to scan, so the whole chain fits in a minute.
  admin.close();
  const desk = await connectStation(station.url);
  await desk.request('auth.login', { username: 'dispatcher', secret: 'demo1234' });
  const picked = await scannableOrders(desk.request, barcodes, {
    dispatchDate: tomorrow,
    count: 2,
    maxUnits: 16,
    emergencyFirst: true,
    distinct: true,
  });
  orders = picked as [Order, Order];
  desk.close();

  dispatcher = await newPage(browser);
  keeper = await newPage(browser);
  operator = await newPage(browser);
  await new LoginPage(dispatcher).openAs(station.url, 'dispatcher');
  await new LoginPage(keeper).openAs(station.url, 'keeper');
  await new LoginPage(operator).openAs(station.url, 'operator');
}, 180_000);

afterAll(async () => {
  await dispatcher?.close();
  await keeper?.close();
  await operator?.close();
  await browser?.close();
  await station?.stop();
  await gun?.close();
});

/** On hand of a product over every row of the inventory grid (the keeper's view). */
const onHand = (code: string) => new InventoryPage(keeper).onHand(code);

describe("the dispatch chain of the demo's next day", () => {
  const before = new Map<string, number>();
  const board = () => new DispatchBoardPage(dispatcher);

  it('the dispatcher opens the full board and plans two emergency orders with 自动排车 (accepted)', async () => {
    await board().open();
    expect(await board().poolCount()).toBeGreaterThan(4800);
    await screenshot(dispatcher, 'chain-01-board');
    const filter = dispatcher.getByTestId('quick-filter');
    for (const [i, o] of orders.entries()) {
      await filter.fill(o.number);
      await board()
        .poolOrder(o.number)
        .click(i === 0 ? {} : { modifiers: ['Control'] });
      await expect.poll(() => board().poolOrder(o.number).getAttribute('aria-selected')).toBe('true');
    }
    await filter.fill('');
    await dispatcher.getByTestId('board-auto-assign').click();
    await dispatcher.getByTestId('auto-assign-summary').waitFor();
    expect(await dispatcher.getByTestId('auto-assign-placed').innerText()).toMatch(/^2\b/);
    await screenshot(dispatcher, 'chain-02-auto-assign-preview');
    await dispatcher.getByTestId('auto-assign-accept').click();
    await dispatcher.getByTestId('auto-assign-dialog').waitFor({ state: 'detached' });
    const lane = board().lanes.filter({
      has: dispatcher.locator(`[data-testid="lane-order"][data-number="${orders[0].number}"]`),
    });
    await expect.poll(() => lane.count()).toBe(1);
    trip.number = (await lane.getAttribute('data-trip'))!;
    expect(await lane.getAttribute('data-orders')).toBe('2');
    await screenshot(dispatcher, 'chain-03-trip-planned');
  });

  it('the dispatcher starts picking and prints the trip’s pick list (A4 PDF)', async () => {
    await new Shell(dispatcher).go('loading');
    const row = dispatcher.locator(`[data-trip="${trip.number}"]`);
    await row.getByTestId('loading-start-picking').click();
    await expect.poll(() => row.getAttribute('data-state')).toBe('picking');
    await row.getByTestId('loading-pick-list').click();
    await dispatcher.getByTestId('pick-list-print').waitFor();
    await dispatcher.getByTestId(`pick-trip-${trip.number}`).locator('img').waitFor();
    const text = await dispatcher.getByTestId('pick-list-print').innerText();
    for (const o of orders) expect(text).toContain(o.number.slice(-5));
    for (const l of orders.flatMap((o) => o.lines)) expect(text).toContain(codes.get(l.productId)!);
    await screenshot(dispatcher, 'chain-04-pick-list');
    fs.mkdirSync(screenshotDir, { recursive: true });
    const pdf = path.join(screenshotDir, 'chain-pick-list.pdf');
    await dispatcher.emulateMedia({ media: 'print' });
    await dispatcher.pdf({ path: pdf, format: 'A4', printBackground: true });
    await dispatcher.emulateMedia({ media: 'screen' });
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      '1',
      '-l',
      '1',
      pdf,
      path.join(screenshotDir, 'chain-pick-list'),
    ]);
    expect(fs.statSync(pdf).size).toBeGreaterThan(10_000);
    await dispatcher.keyboard.press('Escape');
  });

  it('the keeper load-checks the trip with the serial scanner and loads it', async () => {
    for (const id of new Set(orders.flatMap((o) => o.lines.map((l) => l.productId))))
      before.set(codes.get(id)!, await onHand(codes.get(id)!));
    const scanStation = new ScanStationPage(keeper);
    await scanStation.open();
    await keeper.keyboard.press('F6');
    await keeper.getByTestId('task-load').waitFor();
    gun.cable.scan(trip.number);
    await expect.poll(() => keeper.getByTestId('load-trip-state').innerText()).toContain('装车中');
    const frames = orders.flatMap((o) =>
      o.lines.flatMap((l) => Array.from({ length: l.qty }, () => barcodes.get(l.productId)!)),
    );
    await gun.cable.scanAll(frames, 10);
    await expect
      .poll(() => keeper.getByTestId('load-scanned').innerText(), { timeout: 20_000 })
      .toBe(String(frames.length));
    for (const o of orders)
      await expect
        .poll(() =>
          keeper.locator(`[data-testid="load-orders"] tr[data-order-id="${o.id}"]`).getAttribute('data-state'),
        )
        .toBe('complete');
    await keeper.getByTestId('task-load').evaluate((el) => el.scrollIntoView());
    await screenshot(keeper, 'chain-05-scanned');
    await keeper.locator('body').click({ position: { x: 5, y: 5 } });
    await keeper.keyboard.press('F7');
    await expect.poll(() => keeper.getByTestId('load-orders-loaded').innerText(), { timeout: 15_000 }).toBe('2 / 2');
    await keeper.getByTestId('task-load').evaluate((el) => el.scrollIntoView());
    await screenshot(keeper, 'chain-06-loaded');
  });

  it('the dispatcher departs the trip, then plans the rest of the day; the departed trip takes none of it', async () => {
    const delivery = new DeliveryPage(dispatcher);
    await delivery.open(station.url, tomorrow);
    await delivery.depart(trip.number);
    await expect.poll(() => delivery.tripState(trip.number).innerText()).toBe('已发车');
    await screenshot(dispatcher, 'chain-07-departed');

    await board().open(tomorrow);
    const pool = await board().poolCount();
    await dispatcher.getByTestId('board-auto-assign').click();
    await dispatcher.getByTestId('auto-assign-summary').waitFor({ timeout: 20_000 });
    await screenshot(dispatcher, 'chain-08-day-plan-preview');
    // "4,946 / 4,946": placed of the pool.
    const placed = Number(
      (await dispatcher.getByTestId('auto-assign-placed').innerText()).split('/')[0]!.replace(/\D/g, ''),
    );
    expect(placed).toBeGreaterThan(4800);
    await dispatcher.getByTestId('auto-assign-accept').click();
    await dispatcher.getByTestId('auto-assign-dialog').waitFor({ state: 'detached', timeout: 20_000 });
    await expect.poll(() => board().poolCount(), { timeout: 10_000 }).toBe(pool - placed);
    expect(await board().lanes.count()).toBeGreaterThan(10);
    await screenshot(dispatcher, 'chain-09-day-planned');
  });

  it('records the outcomes: one order signed, one refused by line', async () => {
    const delivery = new DeliveryPage(dispatcher);
    await delivery.open(station.url, tomorrow);
    await delivery.openTrip(trip.number);
    // Still the two orders it left with: the day's plan put nothing on a departed trip.
    expect(await dispatcher.locator('[data-testid^="delivery-order-"]').count()).toBe(2);
    const [first, second] = orders;
    await delivery.sign(first.number, '王五');
    await expect.poll(() => delivery.outcome(first.number).innerText()).toContain('已签收');
    await delivery.refuseLine(second.number, '货损', 1, '一件破损');
    await expect.poll(() => delivery.outcome(second.number).innerText()).toContain('部分拒收');
    await screenshot(dispatcher, 'chain-10-outcomes');
    await delivery.returned(trip.number);
    await expect.poll(() => delivery.tripState(trip.number).innerText()).toBe('已回车');
  });

  it('the keeper submits the daily dispatch report before the cut-off and the operator posts it', async () => {
    const report = new DispatchReportPage(keeper);
    await report.open(station.url, tomorrow);
    await expect.poll(() => report.state()).toBe('未填写');
    expect(await keeper.getByTestId('report-trips').innerText()).toContain(trip.number);
    const second = orders[1].number;
    await expect.poll(() => keeper.getByTestId(`report-exception-${second}`).innerText()).toContain('拒收');
    await report.remark(second, '一件破损，随车带回');
    await report.note('紧急车次先发，一单部分拒收。');
    await report.submit();
    await expect.poll(() => report.state()).toBe('已提交');
    expect(await report.late()).toBe('按时');
    await screenshot(keeper, 'chain-11-report-submitted');

    const posting = new DispatchReportPage(operator);
    await posting.open(station.url, tomorrow);
    await expect.poll(() => posting.state()).toBe('已提交');
    await posting.post();
    await expect.poll(() => posting.state()).toBe('已过账');
    await screenshot(operator, 'chain-12-report-posted');
  });

  it('the inventory has fallen by the loaded units and the refused line awaits return', async () => {
    const loaded = new Map<string, number>();
    for (const l of orders.flatMap((o) => o.lines))
      loaded.set(codes.get(l.productId)!, (loaded.get(codes.get(l.productId)!) ?? 0) + l.qty);
    for (const [code, was] of before) expect(was - (await onHand(code)), code).toBe(loaded.get(code));
    await screenshot(keeper, 'chain-13-inventory');

    const report = new DispatchReportPage(operator);
    await report.open(station.url, tomorrow);
    const awaiting = operator.getByTestId('awaiting-lines');
    await awaiting.waitFor();
    const text = await awaiting.innerText();
    expect(text).toContain(orders[1].number);
    expect(text).toContain(codes.get(orders[1].lines[0]!.productId)!);
    expect(text).toContain('货损');
    await awaiting.evaluate((el) => el.scrollIntoView());
    await screenshot(operator, 'chain-14-awaiting-return');
  });
});
