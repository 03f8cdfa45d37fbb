// Departure, delivery outcomes and the daily dispatch report in Chromium
// against the station host (issue 12 §6 §7, R6 R8 R9). The demo warehouse
// gets a trip two days ahead with two orders, loaded at the dock through the
// load check (station scans, dispatch.loadOrder) before the host starts; then
// the dispatcher departs it, signs one order and refuses part of the other by
// keyboard; the keeper sees the cut-off counting down, fills and submits the
// report before the cut-off; the operator posts it, prints it on A4 (the PDF
// looked at) and takes it as CSV. A screenshot of each step.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../../electron/core/core';
import type { Caller } from '../../electron/core/context';
import type { RequestInput, RequestName, RequestReply } from '../../shared/contract';
import { tempDir } from '../helpers/tempDirs';
import {
  initDataDir,
  launchBrowser,
  newPage,
  screenshot,
  screenshotDir,
  startStation,
  dayAfterDispatch,
  type Station,
} from './harness';
import { LoginPage } from './pages/ConsolePage';
import { DeliveryPage, DispatchReportPage } from './pages/DeliveryPage';

let browser: Browser;
let station: Station;
let dispatcher: Page;
let keeper: Page;
let operator: Page;

// The demo's own orders are for tomorrow; this test's trip leaves the day after, so the
// report's cut-off (16:30 that day in the run's warehouse zone) is still ahead.
const dispatchDay = dayAfterDispatch();
const trip = { number: '', orders: [] as string[] };

/** The demo warehouse, then a loaded trip of `dispatchDay` written through the contract. */
async function prepare(dataDir: string) {
  await initDataDir(dataDir, ['--demo']);
  const core = await openCore({ dataDir, station: 'E2E-DOCK', log: () => {} });
  const as = async (username: string) => {
    const c = core.newCaller(username);
    const r = await core.dispatch(c, 'auth.login', { username, secret: 'demo1234' });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    return c;
  };
  const call = async <N extends RequestName>(c: Caller, name: N, input: RequestInput<N>) => {
    const r = await core.dispatch(c, name, input);
    if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.error)}`);
    return r.value as RequestReply<N>;
  };
  try {
    const [op, disp, keep] = [await as('operator'), await as('dispatcher'), await as('keeper')];
    const product = (await call(op, 'products.list', {})).find((p) => p.code === 'P10002')!;
    const customers = (await call(op, 'customers.list', {})).slice(0, 2);
    const ids: number[] = [];
    for (const c of customers) {
      const o = await call(op, 'orders.create', {
        channel: 'desk',
        customerCode: c.code,
        dispatchDate: dispatchDay,
        deliveryDate: dispatchDay,
        lines: [{ productCode: product.code, qty: product.casePack }],
      });
      ids.push(o.id);
      trip.orders.push(o.number);
    }
    const released = await call(op, 'orders.release', { orderIds: ids });
    if (released.released.length !== 2) throw new Error(`not released: ${JSON.stringify(released)}`);
    const vehicle = (await call(disp, 'vehicles.list', { date: dispatchDay }))[0]!;
    const lane = await call(disp, 'dispatch.createTrip', { dispatchDate: dispatchDay, vehicleId: vehicle.id });
    trip.number = lane.number;
    await call(disp, 'dispatch.assign', { tripId: lane.id, orderIds: ids });
    await call(keep, 'dispatch.startPicking', { tripIds: [lane.id] });
    await call(keep, 'station.setTask', { task: 'load' });
    const scan = (raw: string) => call(keep, 'scanner.submit', { raw, source: 'wedge', sourceName: 'Dock gun' });
    await scan(lane.number);
    for (let i = 0; i < ids.length; i++) {
      if (product.caseBarcode) await scan(product.caseBarcode);
      else {
        await call(keep, 'station.setQuantity', { qty: product.casePack });
        await scan(product.unitBarcode!);
      }
    }
    for (const id of ids) await call(keep, 'dispatch.loadOrder', { orderId: id });
  } finally {
    await core.close();
  }
}

beforeAll(async () => {
  const dataDir = tempDir('e2e-delivery');
  await prepare(dataDir);
  browser = await launchBrowser();
  station = await startStation({ dataDir });
  dispatcher = await newPage(browser);
  keeper = await newPage(browser);
  operator = await newPage(browser);
  await new LoginPage(dispatcher).openAs(station.url, 'dispatcher');
  await new LoginPage(keeper).openAs(station.url, 'keeper');
  await new LoginPage(operator).openAs(station.url, 'operator');
}, 240_000);
afterAll(async () => {
  await dispatcher?.close();
  await keeper?.close();
  await operator?.close();
  await browser?.close();
  await station?.stop();
});

describe('departure, outcomes and the daily dispatch report', () => {
  it('departs the loaded trip', async () => {
    const delivery = new DeliveryPage(dispatcher);
    await delivery.open(station.url, dispatchDay);
    await expect.poll(() => delivery.tripState(trip.number).innerText()).toBe('装车中');
    await screenshot(dispatcher, 'delivery-01-loaded-trip');
    await delivery.depart(trip.number);
    await expect.poll(() => delivery.tripState(trip.number).innerText()).toBe('已发车');
    await screenshot(dispatcher, 'delivery-02-departed');
  });

  it('signs one order and refuses part of the other by keyboard, then the vehicle is back', async () => {
    const delivery = new DeliveryPage(dispatcher);
    await delivery.openTrip(trip.number);
    const [first, second] = trip.orders as [string, string];
    await delivery.sign(first, '王五');
    await expect.poll(() => delivery.outcome(first).innerText()).toContain('已签收');
    await delivery.refuseLine(second, '货损', 2, '两瓶破损');
    await expect.poll(() => delivery.outcome(second).innerText()).toContain('部分拒收');
    expect(await delivery.outcome(second).innerText()).toContain('货损');
    await screenshot(dispatcher, 'delivery-03-outcomes');
    await delivery.returned(trip.number);
    await expect.poll(() => delivery.tripState(trip.number).innerText()).toBe('已回车');
  });

  it('the keeper sees the cut-off counting down, fills the report and submits it before the cut-off', async () => {
    const countdown = keeper.getByTestId('cutoff-countdown');
    await expect.poll(() => countdown.count()).toBe(1);
    await screenshot(keeper, 'delivery-04-keeper-countdown');
    const report = new DispatchReportPage(keeper);
    await report.open(station.url, dispatchDay);
    await expect.poll(() => report.state()).toBe('未填写');
    const text = await keeper.getByTestId('report-trips').innerText();
    expect(text).toContain(trip.number);
    // The refusal is the day's exception, with its awaiting-return line below.
    const second = trip.orders[1]!;
    await expect.poll(() => keeper.getByTestId(`report-exception-${second}`).innerText()).toContain('拒收');
    expect(await keeper.getByTestId('awaiting-lines').innerText()).toContain('货损');
    await report.remark(second, '两瓶破损，随车带回');
    await report.note('今日一车发出，一单部分拒收。');
    await screenshot(keeper, 'delivery-05-report-filled');
    await report.submit();
    await expect.poll(() => report.state()).toBe('已提交');
    expect(await report.late()).toBe('按时');
    await screenshot(keeper, 'delivery-06-report-submitted');
  });

  it('the operator posts the report, prints it on A4 with signature lines and exports it as CSV', async () => {
    const report = new DispatchReportPage(operator);
    await report.open(station.url, dispatchDay);
    await expect.poll(() => report.state()).toBe('已提交');
    await report.post();
    await expect.poll(() => report.state()).toBe('已过账');
    // Of the orders due that day (the demo's too), one was delivered complete: the signed one.
    await expect.poll(() => operator.getByTestId('service-level').innerText()).toContain('按时完整送达 1 单');
    await screenshot(operator, 'delivery-07-report-posted');

    const download = operator.waitForEvent('download');
    await operator.getByTestId('report-csv').click();
    const csv = fs.readFileSync((await (await download).path())!, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain(trip.number);
    expect(csv).toContain('两瓶破损，随车带回');

    await operator.getByTestId('report-print').click();
    const sheet = operator.getByTestId('print-dispatch-report');
    await sheet.waitFor();
    const text = await operator.locator('.print-sheet').innerText();
    expect(text).toContain('每日发货报告');
    expect(text).toContain(trip.number);
    expect(text).toContain('仓管员');
    expect(text).toContain('操作员');
    await screenshot(operator, 'delivery-08-report-print');
    fs.mkdirSync(screenshotDir, { recursive: true });
    const file = path.join(screenshotDir, 'delivery-report.pdf');
    await operator.emulateMedia({ media: 'print' });
    await operator.pdf({ path: file, format: 'A4', preferCSSPageSize: true, printBackground: true });
    await operator.emulateMedia({ media: 'screen' });
    expect(fs.readFileSync(file, 'latin1').startsWith('%PDF')).toBe(true);
  });
});
