// A day of orders in Chromium against the station host (issue 11, R1 R2 R4 R8):
// customers and prices come in by CSV; the order-taking desk's file (GBK, as
// Chinese Excel writes it) is previewed before anything is written, imported,
// and refused the second time; a phone order keyed by keyboard alone waits for
// the salesperson, who confirms it with Enter; the day's orders are released
// and the one short of stock lands on the daily confirmation list, where it is
// resolved by substitution with the salesperson's consent; the order's page
// shows every step. A screenshot of each screen goes to test-results/screenshots.

import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchBrowser,
  newPage,
  screenshot,
  startStation,
  dayAfterDispatch,
  warehouseDay,
  type Station,
} from './harness';
import { pdfText, printedPdf } from './printed';
import { LoginPage } from './pages/ConsolePage';
import {
  DeskEntryPage,
  MasterDataPage,
  OrdersPage,
  PhoneOrdersPage,
  ShortOrdersPage,
  csvFile,
  gridRows,
} from './pages/OrdersPage';

let browser: Browser;
let station: Station;
let operator: Page;
let sales: Page;

const today = warehouseDay();
// The demo warehouse has its own day of orders (the next working day); this test's day is the one after.
const dispatchDay = dayAfterDispatch();

// The demo warehouse: P10001 has no good stock, P10002…P10012 have hundreds of units.
const customersCsv = [
  'code,name,area,route,stop_seq,salesperson,delivery_days',
  ...[1, 2, 3, 4, 5, 6].map((i) => `C000${i},测试客户${i},天河,TH-1,${i},sales,"1,3,5"`),
].join('\n');
const pricesCsv = [
  'product_code,customer_code,price,valid_from,valid_to',
  ...Array.from({ length: 12 }, (_, i) => `P${10001 + i},,${(3.5 + i).toFixed(2)},${today},`),
  `P10003,C0001,3.20,${today},`,
].join('\n');
// Five orders in whole cases (some demo products ship in cases only): four qualified, one naming an
// unknown product; E2E-005 asks for P10001, which has no stock.
const orderRows = [
  'order_ref,customer_code,product_code,qty,unit,gift,order_date,dispatch_date,delivery_date,channel,emergency,note',
  `E2E-001,C0001,P10002,1,case,0,${today},${dispatchDay},,file,0,上午送货`,
  `E2E-001,C0001,P10003,2,箱,0,${today},${dispatchDay},,file,0,上午送货`,
  `E2E-002,C0002,P10004,1,case,0,${today},${dispatchDay},,file,1,紧急`,
  `E2E-003,C0004,P10005,1,case,0,${today},${dispatchDay},,file,0,`,
  `E2E-004,C0005,P99999,5,unit,0,${today},${dispatchDay},,file,0,`,
  `E2E-005,C0006,P10001,1,case,0,${today},${dispatchDay},,file,0,缺货单`,
].join('\r\n');
const orderFile = () => csvFile('订单-明天.csv', iconv.encode(orderRows, 'gbk'));
/** The rows of a CSV as the first sheet of a workbook, as Excel would save it. */
async function xlsxFile(name: string, csv: string) {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('订单');
  for (const line of csv.split(/\r?\n/)) sheet.addRow(line.split(','));
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  return { name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer };
}

beforeAll(async () => {
  browser = await launchBrowser();
  station = await startStation({ init: ['--demo'] });
  operator = await newPage(browser);
  sales = await newPage(browser);
  await new LoginPage(operator).openAs(station.url, 'operator');
  await new LoginPage(sales).openAs(station.url, 'sales');
});
afterAll(async () => {
  await operator?.close();
  await sales?.close();
  await browser?.close();
  await station?.stop();
});

describe('a day of orders', () => {
  it('takes customers with their salesperson and prices by CSV into their grids', async () => {
    const master = new MasterDataPage(operator);
    await master.openCustomers();
    expect(await master.importCsv('customers', csvFile('客户.csv', Buffer.from(customersCsv)))).toContain('更新 6');
    await operator.getByTestId('quick-filter').fill('测试客户');
    await expect.poll(() => gridRows(master.grid('customers'), 'name').count()).toBe(6);
    expect(await master.grid('customers').innerText()).toContain('陈业务');
    await screenshot(operator, 'orders-01-customers');

    await master.openPrices();
    expect(await master.importCsv('prices', csvFile('价格.csv', Buffer.from(pricesCsv)))).toContain('13');
    await expect.poll(() => gridRows(master.grid('prices'), 'product').count()).toBeGreaterThan(10);
    expect(await master.grid('prices').innerText()).toContain('牌价');
    await screenshot(operator, 'orders-02-prices');

    // A customer price removed from the grid: focus its row, confirm, and it is gone here and in the core.
    await operator.getByTestId('quick-filter').fill('P10003');
    const row = master.grid('prices').locator('.ag-row').filter({ hasText: 'C0001' }).filter({ hasText: '3.20' });
    await expect.poll(() => row.count()).toBe(1);
    const total = Number(await operator.getByTestId('prices-count').getAttribute('data-rows'));
    await row.locator('[col-id="validFrom"]').click();
    operator.once('dialog', (d) => void d.accept());
    await operator.getByTestId('prices-remove').click();
    await expect.poll(() => row.count()).toBe(0);
    expect(Number(await operator.getByTestId('prices-count').getAttribute('data-rows'))).toBe(total - 1);
    await operator.getByTestId('quick-filter').fill('');
  });

  it('previews an order file before writing anything, imports it, and refuses it the second time', async () => {
    const orders = new OrdersPage(operator);
    await orders.openDay(station.url, dispatchDay);
    const summary = await orders.previewFile(orderFile());
    // GBK decoded: the preview counts 5 orders, one unqualified for its unknown product.
    expect(await summary.innerText()).toContain('将创建 5 张订单');
    expect(await summary.innerText()).toContain('GB18030');
    expect(await operator.getByTestId('orders-import-reasons').innerText()).toContain('商品不存在');
    expect(await operator.getByTestId('orders-import-unqualified').innerText()).toContain('E2E-004');
    expect(await gridRows(orders.grid, 'state').count()).toBe(0);
    await screenshot(operator, 'orders-03-import-preview');

    expect(await orders.confirmImport()).toContain('已导入 5 张订单');
    await expect.poll(() => gridRows(orders.grid, 'state').count()).toBe(5);
    expect(await orders.grid.innerText()).toContain('测试客户1');

    await orders.previewFile(orderFile());
    expect(await operator.getByTestId('orders-import-already').innerText()).toContain('不能重复导入');
    expect(await operator.getByTestId('orders-import-confirm').isDisabled()).toBe(true);
    await screenshot(operator, 'orders-04-orders-of-the-day');

    // The same desk's file saved as an Excel workbook: read in the browser (exceljs, under the CSP).
    const summaryXlsx = await orders.previewFile(await xlsxFile('订单-明天.xlsx', orderRows.replace(/E2E-/g, 'XL-')));
    expect(await summaryXlsx.innerText()).toContain('将创建 5 张订单');
    expect(await summaryXlsx.innerText()).toContain('XLSX');
    await screenshot(operator, 'orders-04b-xlsx-preview');
    await operator.getByTestId('orders-import-close').click();
  });

  it('takes a phone order keyed by keyboard alone, which waits until the salesperson confirms it with Enter', async () => {
    const desk = new DeskEntryPage(operator);
    await desk.open();
    await operator.getByTestId('order-entry-dispatch-date').fill(dispatchDay);
    await desk.keyOrder({
      channelSteps: 1,
      customer: 'C0003',
      lines: [
        { product: 'P10008', qty: 1, cases: true },
        { product: 'P10009', qty: 2, cases: true },
      ],
    });
    await expect.poll(() => operator.getByTestId('order-entry-line').count()).toBe(2);
    expect(await operator.getByTestId('order-entry-totals').innerText()).toContain('3 箱');
    // The demo's products carry a weight per unit: the total is weighed as it is typed.
    expect(await operator.getByTestId('order-entry-totals').innerText()).toMatch(/[\d.,]+ 千克/);
    await screenshot(operator, 'orders-05-desk-entry');
    const result = await desk.save();
    expect(await result.innerText(), await result.innerText()).toContain('待确认');
    expect(await result.getAttribute('data-state')).toBe('awaitingConfirmation');

    const phone = new PhoneOrdersPage(sales);
    await phone.open();
    await sales.getByTestId('quick-filter').fill('测试客户3');
    const mine = gridRows(phone.grid, 'customer').filter({ hasText: '测试客户3' });
    await expect.poll(() => mine.count()).toBe(1);
    await screenshot(sales, 'orders-06-phone-orders');
    await mine.locator('[col-id="customer"]').click();
    await sales.keyboard.press('Enter');
    await expect.poll(() => mine.count()).toBe(0);
  });

  it("releases the day's orders; the one short of stock goes to the daily confirmation list", async () => {
    const orders = new OrdersPage(operator);
    await orders.openDay(station.url, dispatchDay);
    await expect.poll(() => gridRows(orders.grid, 'state').count()).toBe(6);
    await orders.releaseAll();
    await operator.getByTestId('toast-success').filter({ hasText: '已下发' }).waitFor();
    await expect.poll(() => orders.stateOf('测试客户1').innerText()).toBe('已下发');
    await expect.poll(() => orders.stateOf('测试客户6').innerText()).toBe('缺货待确认');
    expect(await orders.stateOf('测试客户5').innerText()).toBe('待处理');
    expect(await orders.stateOf('测试客户3').innerText()).toBe('已下发');
    await screenshot(operator, 'orders-07-released');

    const short = new ShortOrdersPage(operator);
    await short.openDay(station.url, dispatchDay);
    await expect.poll(() => gridRows(short.grid, 'product').count()).toBe(1);
    const row = short.row('P10001');
    // No stock at all: the whole case is short.
    expect(await row.locator('[col-id="shortfall"]').innerText()).toBe(await row.locator('[col-id="qty"]').innerText());
    expect(await row.locator('[col-id="salesperson"]').innerText()).toBe('陈业务');
    await screenshot(operator, 'orders-08-confirmation-list');

    await operator.getByTestId('short-orders-print').click();
    await operator.getByTestId('print-order-confirmation').waitFor();
    expect(await operator.getByTestId('print-order-confirmation').innerText()).toContain('P10001');
    await screenshot(operator, 'orders-09-confirmation-print');
    // Printed with the layout every Cangwu PDF has: page x of y in the footer, and no second counter of its own.
    const printed = pdfText(await printedPdf(operator, 'orders-confirmation'));
    expect(printed).toContain('P10001');
    expect(printed).toMatch(/第 1 页 \/ 共 \d+ 页/);
    expect(printed).not.toMatch(/^\s*1 \/ \d+\s*$/m);
    await operator.keyboard.press('Escape');
    await operator.getByTestId('short-orders').waitFor();
  });

  it("resolves the short order by substitution with the salesperson's consent, and its page shows every step", async () => {
    const short = new ShortOrdersPage(operator);
    await expect.poll(() => gridRows(short.grid, 'product').count()).toBe(1);
    await short.substitute('P10001', 'P10012', 12, '陈业务电话同意换成 P10012');
    await expect.poll(() => gridRows(short.grid, 'product').count()).toBe(0);

    const orders = new OrdersPage(operator);
    await orders.openDay(station.url, dispatchDay);
    await expect.poll(() => orders.stateOf('测试客户6').innerText()).toBe('已下发');
    await orders.openOrder('测试客户6');
    expect(await operator.getByTestId('order-state').innerText()).toBe('已下发');
    expect(await operator.getByTestId('order-source').innerText()).toContain('订单-明天.csv');
    const history = operator.getByTestId('order-history');
    await expect.poll(() => history.innerText()).toContain('替换商品');
    const text = await history.innerText();
    for (const step of ['接收', '缺货', '替换商品', '下发']) expect(text).toContain(step);
    expect(text).toContain('李操作');
    expect(await operator.getByTestId('order-lines').innerText()).toContain('P10012');
    await screenshot(operator, 'orders-10-order-history');
  });
});
