// The keeper's return check at the station (issue 13 §Returns 3), in Chromium
// against the station host with the demo and a real serial scanner (a socat
// pty pair): F10 chooses the return check; goods before a return are refused
// with the error sound; the approved return's number (the barcode on its
// report), then one case of each line — the second line a case short, flagged
// on the station; F7, the cases typed, a reason by number key, Enter finishes;
// the operator's returns register in another window shows it checked without
// a reload, and its short line flagged; the same return scanned again is refused.
// Then receiving damage: F3, Ctrl+D, the cause and suggestion by number keys, a
// bin and a case on the serial line; the receipt form takes the damaged line
// with its cause and posting it opens the damage report.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DamageReportRow, LocationView, ReturnRow, ReturnView } from '../../shared/contract';
import { plugSerialScanner, type SerialScanner } from '../helpers/serialScanner';
import { connectStation, type StationClient } from '../helpers/stationClient';
import { tempDir } from '../helpers/tempDirs';
import { launchBrowser, newPage, screenshot, startStation, type Station } from './harness';
import { LoginPage, Shell } from './pages/ConsolePage';
import { ScanStationPage } from './pages/ScanStationPage';

let browser: Browser;
let station: Station;
let gun: SerialScanner;
let keeper: Page;
let operator: Page;
let ret: ReturnView;
let admin: StationClient;
/** Each product's case barcode. */
const cases = new Map<number, string>();

beforeAll(async () => {
  browser = await launchBrowser();
  station = await startStation({ init: ['--demo'] });
  admin = await connectStation(station.url);
  await admin.request('auth.login', { username: 'admin', secret: 'demo1234' });
  gun = await plugSerialScanner(admin.request, { dir: tempDir('e2e-return-check'), station: 'E2E-1', name: 'Dock 2' });
  for (const p of await admin.request<{ id: number; caseBarcode: string | null }[]>('products.list', {}))
    if (p.caseBarcode) cases.set(p.id, p.caseBarcode);
  // The demo's return the manager has approved: the keeper's work.
  const [approved] = await admin.request<ReturnRow[]>('returns.list', { state: 'approved', kind: 'report' });
  ret = await admin.request<ReturnView>('returns.get', { returnId: approved!.id });

  operator = await newPage(browser);
  await new LoginPage(operator).openAs(station.url, 'operator');
  keeper = await newPage(browser);
  await new LoginPage(keeper).openAs(station.url, 'keeper');
}, 180_000);

afterAll(async () => {
  admin?.close();
  await keeper?.close();
  await operator?.close();
  await browser?.close();
  await station?.stop();
  await gun?.close();
});

const registerRow = () =>
  operator.locator(`[data-testid="returns-grid"] .ag-row:has([col-id="number"]:text-is("${ret.number}"))`).first();

describe('the return check at the station, by a serial scanner', () => {
  it('scans the return and its goods, one line a case short, and finishes by keys; the register updates live', async () => {
    expect(ret.lines.length).toBe(2);
    const [l1, l2] = ret.lines as [ReturnView['lines'][number], ReturnView['lines'][number]];
    expect(l2.qtyReported).toBeGreaterThan(l2.casePack);
    await new Shell(operator).go('returns');
    await registerRow().waitFor();
    const stateBefore = await registerRow().locator('[col-id="state"]').innerText();

    const scanStation = new ScanStationPage(keeper);
    await scanStation.open();
    await keeper.keyboard.press('F10');
    const panel = keeper.getByTestId('task-returnCheck');
    await panel.waitFor();
    const scanner = gun.cable;

    // Goods before the return: refused, in the station's language.
    let last = await scanStation.bannerScanId();
    scanner.scan(cases.get(l1.productId)!);
    expect((await scanStation.nextScan(last)).outcome).toBe('rejected');
    expect(await keeper.getByTestId('scan-banner-reason').getAttribute('data-reason')).toBe(
      'returnCheck.scanReturnFirst',
    );
    await screenshot(keeper, 'return-check-01-goods-first');

    last = await scanStation.bannerScanId();
    scanner.scan(ret.number);
    expect((await scanStation.nextScan(last)).outcome).toBe('accepted');
    await expect.poll(() => keeper.getByTestId('return-check-target').innerText()).toContain(ret.number);

    // Line 1 whole, line 2 one case short (each scan of a case barcode is one case).
    const frames = [
      ...Array<string>(l1.qtyReported / l1.casePack).fill(cases.get(l1.productId)!),
      ...Array<string>(l2.qtyReported / l2.casePack - 1).fill(cases.get(l2.productId)!),
    ];
    await scanner.scanAll(frames, 5);
    const line = (i: number) => keeper.getByTestId(`return-check-line-${i}`);
    await expect.poll(() => line(1).getAttribute('data-scanned')).toBe(String(l2.qtyReported - l2.casePack));
    expect(await line(0).getAttribute('data-difference')).toBe('none');
    expect(await line(1).getAttribute('data-difference')).toBe('short');
    await screenshot(keeper, 'return-check-02-scanned');

    // F7: the cases (typed), then the reasons — line 1 keeps its own, line 2 "expired" (2) — then Enter.
    await keeper.locator('body').click({ position: { x: 5, y: 5 } });
    await keeper.keyboard.press('F7');
    await keeper.getByTestId('return-check-cases').waitFor();
    await keeper.keyboard.type(String(frames.length));
    await screenshot(keeper, 'return-check-03-cases');
    await keeper.keyboard.press('Enter');
    await keeper.getByTestId('return-check-reasons').waitFor();
    await keeper.keyboard.press('Enter');
    await keeper.keyboard.press('2');
    await keeper.getByTestId('return-check-ready').waitFor();
    expect(await line(1).getAttribute('data-reason')).toBe('expired');
    await screenshot(keeper, 'return-check-04-ready');
    await keeper.keyboard.press('Enter');
    await keeper.getByTestId('toast-success').waitFor();
    // The station starts over for the next return.
    await expect.poll(() => keeper.getByTestId('return-check-target').count()).toBe(0);
    await screenshot(keeper, 'return-check-05-finished');

    // The operator's register, open in another window, shows it checked with its difference.
    await expect.poll(() => registerRow().locator('[col-id="state"]').innerText()).not.toBe(stateBefore);
    await registerRow().locator('[col-id="number"]').click();
    await expect
      .poll(() => operator.getByTestId(`return-line-${l2.lineNo}`).getAttribute('class'))
      .toContain('returns-differs');
    await screenshot(operator, 'return-check-06-register');

    // The same return again: refused, its check is never repeated.
    last = await scanStation.bannerScanId();
    scanner.scan(ret.number);
    expect((await scanStation.nextScan(last)).outcome).toBe('rejected');
    expect(await keeper.getByTestId('scan-banner-reason').getAttribute('data-reason')).toBe(
      'returnCheck.alreadyChecked',
    );
    await screenshot(keeper, 'return-check-07-again');
  });

  it('receives a damaged case at the station by keys and the serial line; the receipt opens its damage report', async () => {
    const bin = (await admin.request<LocationView[]>('locations.list', {})).find((l) => l.kind === 'bin')!;
    const [productId, caseCode] = [...cases.entries()][0]!;
    const fromReceiving = async () =>
      (await admin.request<DamageReportRow[]>('damage.list', {})).filter((r) => r.whereFound === 'receiving');
    const before = (await fromReceiving()).length;

    await keeper.getByTestId('nav-station').click();
    await keeper.locator('body').click({ position: { x: 5, y: 5 } });
    await keeper.keyboard.press('F3');
    await keeper.getByTestId('task-receipt').waitFor();
    await keeper.keyboard.press('Control+d');
    await keeper.getByTestId('task-receipt-damaged-mode').waitFor();
    // 1: the first cause (crushed); 1: the first suggestion (scrap) — given to the station at once.
    await keeper.keyboard.press('1');
    await keeper.keyboard.press('1');
    await expect
      .poll(() => keeper.locator('[data-testid="task-receipt-damage-causes"] li.picked').getAttribute('data-code'))
      .toBe('crushed');
    const scanStation = new ScanStationPage(keeper);
    let last = await scanStation.bannerScanId();
    gun.cable.scan(bin.code);
    await scanStation.nextScan(last);
    last = await scanStation.bannerScanId();
    gun.cable.scan(caseCode);
    expect((await scanStation.nextScan(last)).outcome).toBe('accepted');
    await keeper.getByTestId('task-receipt-damage').waitFor();
    expect(await keeper.locator(`tr[data-product-id="${productId}"]`).getAttribute('data-damaged')).toBe('true');
    await screenshot(keeper, 'return-check-08-damaged-receipt');

    await keeper.getByTestId('nav-receipts').click();
    await keeper.getByTestId('receipt-new').click();
    await keeper.getByTestId('receipt-take-scanned').click();
    await expect.poll(() => keeper.getByTestId('receipt-line-0-status').inputValue()).toBe('damaged');
    // The causes load with the form: the line's cause shows once they are there.
    await expect.poll(() => keeper.getByTestId('receipt-line-0-damage-cause').inputValue()).toBe('crushed');
    await keeper.getByTestId('receipt-delivery-note').fill('QS-E2E-DMG-1');
    await screenshot(keeper, 'return-check-09-receipt-form');
    await keeper.getByTestId('receipt-post').click();
    await expect.poll(async () => (await fromReceiving()).length).toBe(before + 1);
    const report = (await fromReceiving()).find((r) => r.note === 'QS-E2E-DMG-1');
    expect(report).toMatchObject({ cause: 'crushed', suggestion: 'scrap', locationCode: bin.code });
  });
});
