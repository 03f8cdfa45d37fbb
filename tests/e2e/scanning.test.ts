// Scanning as the warehouse meets it, in Chromium against the station host
// (issue 4): a keyboard-wedge scan typed at scanner speed is caught and never
// lands in the focused field, the same keys at human speed are typing; the
// station screen shows the result, the quantity key, undo and an unknown code;
// a serial scanner (a socat pty pair) is set up on the test screen, connects,
// scans, and its unplug shows in every window's status bar.
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckDigit } from '../../shared/barcode/gtin';
import { createPtyPair, type PtyPair } from '../helpers/socat';
import { launchBrowser, newPage, screenshot, startStation, type Station } from './harness';
import { LoginPage } from './pages/ConsolePage';
import { ScanLogPage, ScannerTestPage, ScanStationPage } from './pages/ScanStationPage';
import { tempDir } from '../helpers/tempDirs';

/** The demo's unit barcodes (electron/core/setup/demo.ts): product i has 690 + (100000000 + i·7919). */
const demoUnitBarcode = (i: number) => withCheckDigit(`690${String(100000000 + i * 7919).slice(-9)}`);
const P10001 = demoUnitBarcode(0);
const P10002 = demoUnitBarcode(1);
const P10004 = demoUnitBarcode(3);
/** A valid EAN-13 no demo product has. */
const unknownCode = withCheckDigit('690999999999');

let browser: Browser;
let station: Station;
beforeAll(async () => {
  browser = await launchBrowser();
  station = await startStation({ init: ['--demo'] });
});
afterAll(async () => {
  await browser?.close();
  await station?.stop();
});

async function logIn(page: Page, username: string) {
  await new LoginPage(page).openAs(station.url, username);
}

/**
 * page.keyboard.type stamps each key when Chromium receives it, after the page
 * has handled the previous key (see ScanStationPage.hardwareScan): "delay: 5"
 * arrives 10–30 ms apart here, and later still on a loaded machine — right at
 * the default T of 30 ms. These tests therefore set this machine's T to 100 ms
 * (the setting exists for slow scanners): Playwright's scanner speed stays well
 * inside it, and its human speed cannot come closer than the 120 ms it sleeps
 * between keys. The defaults themselves are tested below with keys stamped
 * like a USB scanner's, and in tests/unit/renderer/wedge.test.ts.
 */
const playwrightWedge = { enabled: true, minChars: 4, maxGapMs: 100 };

describe('the keyboard wedge at the scanning station', () => {
  let page: Page;
  let scanStation: ScanStationPage;
  beforeAll(async () => {
    page = await newPage(browser);
    await page.context().addInitScript((s) => localStorage.setItem('cangwu.wedge', JSON.stringify(s)), playwrightWedge);
    await logIn(page, 'keeper');
    scanStation = new ScanStationPage(page);
    await scanStation.open();
    await screenshot(page, 'scan-01-station-empty');
  });
  afterAll(async () => page?.close());

  it('catches a scanner-speed burst typed into a focused text field, which stays empty', async () => {
    const before = await scanStation.bannerScanId();
    await scanStation.manualInput.focus();
    await scanStation.wedgeScan(P10001, 5);
    const scan = await scanStation.nextScan(before);
    expect(scan.outcome, `gaps ${(await scanStation.lastWedge()).gaps}`).toBe('accepted');
    expect(scan.text).toContain('P10001');
    expect(await scanStation.banner.getAttribute('data-source')).toBe('wedge');
    await expect.poll(() => scanStation.manualInput.inputValue()).toBe('');
    // The field kept the focus: the scan did not move it (Enter was swallowed, no form submitted).
    expect(await scanStation.manualInput.evaluate((el) => el === document.activeElement)).toBe(true);
    const first = scanStation.rows().first();
    expect(await first.getAttribute('data-source')).toBe('wedge');
    expect(await first.getAttribute('data-outcome')).toBe('accepted');
    expect(await page.getByTestId('task-lookup').getAttribute('data-product-id')).not.toBeNull();
    // The good-read sound was played, and the built renderer loaded its sound files (CSP media-src).
    expect(await scanStation.banner.getAttribute('data-sound')).toBe('good');
    expect(Number(await scanStation.banner.getAttribute('data-sounds-played'))).toBeGreaterThan(0);
    const wavs = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((e) => e.name)
        .filter((n) => n.endsWith('.wav')),
    );
    expect(wavs.some((n) => /warning-.*\.wav$/.test(n))).toBe(true);
    expect(wavs.some((n) => /error-.*\.wav$/.test(n))).toBe(true);
    await screenshot(page, 'scan-02-station-accepted');
  });

  it('leaves the same characters typed at human speed in the field', async () => {
    const before = await scanStation.bannerScanId();
    const rowsBefore = await scanStation.rows().count();
    await scanStation.manualInput.fill('');
    await scanStation.manualInput.focus();
    await page.keyboard.type(P10002, { delay: 120 });
    await page.keyboard.press('Enter');
    // Enter at human speed is the person's: the manual-entry form submits the code as typed.
    const scan = await scanStation.nextScan(before);
    expect(await scanStation.banner.getAttribute('data-source')).toBe('manual');
    expect(scan.text).toContain('P10002');
    expect(await scanStation.rows().count()).toBe(rowsBefore + 1);

    // Without Enter nothing is sent at all, and every character stays where it was typed.
    const idBefore = await scanStation.bannerScanId();
    await scanStation.manualInput.focus();
    await page.keyboard.type(P10001, { delay: 120 });
    expect(await scanStation.manualInput.inputValue()).toBe(P10001);
    // No timer, a barrier: a scan of another code after the typing reaches the core in order,
    // so had the typed code been sent, it would be the next scan and this one the one after.
    await scanStation.manualInput.fill('');
    await scanStation.blur();
    await scanStation.wedgeScan(P10004, 5);
    const barrier = await scanStation.nextScan(idBefore);
    expect(barrier.text).toContain('P10004');
    expect(barrier.id).toBe(idBefore + 1);
  });

  it('counts the quantity key: type 12, then scan = 12 units, the scan’s digits kept out of the key', async () => {
    await scanStation.blur();
    await page.keyboard.type('12', { delay: 80 });
    await expect.poll(() => scanStation.qty.getAttribute('data-qty')).toBe('12');
    // The key reaches the core shortly after the last digit: typing ends when the core has it.
    await expect.poll(() => scanStation.qty.getAttribute('data-typing')).toBe('false');
    await expect.poll(() => scanStation.qty.getAttribute('data-qty')).toBe('12');
    const before = await scanStation.bannerScanId();
    await scanStation.wedgeScan(P10002, 5);
    const scan = await scanStation.nextScan(before);
    expect(scan.outcome).toBe('accepted');
    expect(await page.getByTestId('scan-banner-qty').innerText()).toMatch(/^12\b/);
    // Used up by the scan; and the barcode's own digits never became a quantity.
    await expect.poll(() => scanStation.qty.getAttribute('data-qty')).toBe('');
    await screenshot(page, 'scan-03-station-qty-key');
  });

  it('shows an unknown barcode in red with its reason; a keeper gets no link dialog', async () => {
    const before = await scanStation.bannerScanId();
    await scanStation.blur();
    await scanStation.wedgeScan(unknownCode, 5);
    const scan = await scanStation.nextScan(before);
    expect(scan.outcome, `${scan.text} ${JSON.stringify(await scanStation.lastWedge())}`).toBe('unknown');
    expect(await page.getByTestId('scan-banner-reason').getAttribute('data-reason')).toBe('scan.unknownBarcode');
    expect(await page.getByTestId('scan-banner-reason').innerText()).toContain('系统中没有这个条码');
    expect(await page.getByTestId('scan-banner-outcome').innerText()).toBe('未知条码');
    expect(await page.getByTestId('link-dialog').count()).toBe(0);
    await screenshot(page, 'scan-04-station-unknown');
  });

  it('receives by scanner: F3, a bin label, the goods twice, Ctrl+Z takes one back, F8 clears', async () => {
    await scanStation.blur();
    await page.keyboard.press('F3');
    await page.getByTestId('task-receipt').waitFor();
    expect(await page.getByTestId('task-receipt-bin').innerText()).toContain('请先扫描库位标签');
    let before = await scanStation.bannerScanId();
    await scanStation.wedgeScan('A-02', 5);
    expect((await scanStation.nextScan(before)).outcome).toBe('accepted');
    await expect.poll(() => page.getByTestId('task-receipt-bin').innerText()).toContain('A-02');
    for (let i = 0; i < 2; i++) {
      before = await scanStation.bannerScanId();
      await scanStation.wedgeScan(P10002, 5);
      // Receiving counts repeats: the same code again is one more, not a duplicate.
      expect((await scanStation.nextScan(before)).outcome).toBe('accepted');
    }
    const line = page.getByTestId('task-receipt-lines').locator('tbody tr');
    await expect.poll(() => line.first().innerText()).toMatch(/P10002[\s\S]*A-02[\s\S]*\b2 /);
    await screenshot(page, 'scan-04b-station-receipt');

    await page.keyboard.press('Control+z');
    await expect.poll(() => scanStation.rows().first().getAttribute('data-outcome')).toBe('undone');
    await expect.poll(() => line.first().innerText()).toMatch(/A-02[\s\S]*\b1 /);

    page.once('dialog', (d) => void d.accept());
    await page.keyboard.press('F8');
    await expect.poll(() => page.getByTestId('task-receipt').innerText()).toContain('先扫描库位标签，再扫描货物');
    await page.getByTestId('station-task-lookup').click();
    await page.getByTestId('task-lookup').waitFor();
  });

  it('posts the lines scanned at the station as a receipt, which clears the station for the next delivery', async () => {
    await scanStation.blur();
    await page.keyboard.press('F3');
    await page.getByTestId('task-receipt').waitFor();
    let before = await scanStation.bannerScanId();
    await scanStation.wedgeScan('A-04', 5);
    expect((await scanStation.nextScan(before)).outcome).toBe('accepted');
    for (let i = 0; i < 3; i++) {
      before = await scanStation.bannerScanId();
      await scanStation.wedgeScan(P10004, 5);
      expect((await scanStation.nextScan(before)).outcome).toBe('accepted');
    }
    await page.getByTestId('nav-receipts').click();
    await page.getByTestId('receipt-new').click();
    await page.getByTestId('receipt-take-scanned').click();
    await expect.poll(() => page.getByTestId('receipt-line-0-qty').inputValue()).toBe('3');
    await page.getByTestId('receipt-delivery-note').fill('QS-SCAN-0001');
    await screenshot(page, 'scan-04c-receipt-from-scans');
    await page.getByTestId('receipt-post').click();
    await page.getByTestId('toast-success').first().waitFor();
    await expect.poll(() => page.getByTestId('receipts').innerText()).toContain('QS-SCAN-0001');
    await page.getByTestId('nav-station').click();
    await page.getByTestId('task-receipt').waitFor();
    await expect.poll(() => page.getByTestId('task-receipt-lines').locator('tbody tr').count()).toBe(0);
    await page.getByTestId('station-task-lookup').click();
    await page.getByTestId('task-lookup').waitFor();
  });

  it('catches a wedge scan on another page too and keeps its search box empty', async () => {
    await page.getByTestId('nav-inventory').click();
    const filter = page.getByTestId('quick-filter');
    await filter.waitFor();
    await filter.focus();
    await page.waitForTimeout(1600); // past the duplicate guard's window for this code
    // The inventory's quick filter re-filters thousands of rows per key: keys stamped
    // as a USB scanner's are (see hardwareScan), not as Playwright's typing is.
    await scanStation.hardwareScan(P10001, 5);
    const log = new ScanLogPage(page);
    await log.open();
    await expect.poll(() => log.cell(0, 'raw').innerText()).toBe(P10001);
    expect(await log.cell(0, 'source').innerText()).toContain('键盘扫描枪');
    await page.getByTestId('nav-inventory').click();
    expect(await page.getByTestId('quick-filter').inputValue()).toBe('');
  });

  it('lists every scan in the scan log, newest first, results coloured and reasons translated', async () => {
    const log = new ScanLogPage(page);
    await log.open();
    await expect.poll(() => log.cell(0, 'raw').innerText()).toBe(P10001);
    const texts = await page.getByTestId('scanLog').innerText();
    expect(texts).toContain('未知条码');
    expect(texts).toContain('已撤销');
    expect(await page.locator('.cell-outcome-bad').count()).toBeGreaterThan(0);
    await screenshot(page, 'scan-05-scan-log');
  });
});

describe('the default thresholds (N = 4, T = 30 ms) with keys stamped like a USB scanner’s', () => {
  it('takes keys 5 ms apart for a scan and keys 45 ms apart for typing', async () => {
    const page = await newPage(browser);
    try {
      await logIn(page, 'keeper2');
      const scanStation = new ScanStationPage(page);
      await scanStation.open();
      expect(await page.getByTestId('station-wedge').innerText()).toContain('30');
      await scanStation.manualInput.focus();
      const before = await scanStation.bannerScanId();
      await scanStation.hardwareScan(P10002, 5);
      expect((await scanStation.nextScan(before)).outcome).toBe('accepted');
      expect(await scanStation.manualInput.inputValue()).toBe('');
      expect((await scanStation.lastWedge()).last).toBe('scan');

      // 45 ms: faster than most people, slower than any wedge scanner at its default rate.
      await scanStation.hardwareScan(P10001, 45);
      await expect.poll(() => scanStation.lastWedge()).toMatchObject({ last: 'tooSlow' });
      // Enter was the person's: the manual-entry form sent the code as typed.
      await expect.poll(() => scanStation.banner.getAttribute('data-source')).toBe('manual');
      await page.getByTestId('locale-switch').selectOption('en');
      await expect.poll(() => page.getByTestId('scan-banner-outcome').innerText()).toBe('OK');
      await screenshot(page, 'scan-10-station-en');
    } finally {
      await page.close();
    }
  });
});

describe('an operator links an unknown barcode there and then', () => {
  it('offers the dialog, links the code to a product, and the next scan finds it', async () => {
    const page = await newPage(browser, 'en');
    try {
      await logIn(page, 'operator');
      const scanStation = new ScanStationPage(page);
      await scanStation.open();
      const code = withCheckDigit('690999999990');
      let before = await scanStation.bannerScanId();
      await scanStation.hardwareScan(code, 5);
      expect((await scanStation.nextScan(before)).outcome).toBe('unknown');
      const dialog = page.getByTestId('link-dialog');
      await dialog.waitFor();
      expect(await page.getByTestId('link-dialog-code').innerText()).toBe(code);
      await page.getByTestId('link-dialog-product').fill('P10003');
      await page.getByTestId('link-dialog-level-case').check();
      await screenshot(page, 'scan-06-link-dialog');
      await page.getByTestId('link-dialog-submit').click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByTestId('toast-success').waitFor();
      before = await scanStation.bannerScanId();
      await scanStation.hardwareScan(code, 5);
      const scan = await scanStation.nextScan(before);
      expect(scan.outcome).toBe('accepted');
      expect(scan.text).toContain('P10003');
    } finally {
      await page.close();
    }
  });
});

describe('a serial scanner on a socat pty pair', () => {
  let pair: PtyPair;
  let admin: Page;
  let keeper: Page;
  let tmp: string;
  beforeAll(async () => {
    tmp = tempDir('e2e-pty');
    pair = await createPtyPair(tmp);
    admin = await newPage(browser);
    await logIn(admin, 'admin');
    keeper = await newPage(browser);
    await logIn(keeper, 'keeper');
  });
  afterAll(async () => {
    await admin?.close();
    await keeper?.close();
    await pair?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  /** Bytes into the host end: the scanner "scans". */
  const send = (text: string) => fs.writeFileSync(pair.host, Buffer.from(text, 'latin1'));

  it('is added on the test screen and connects', async () => {
    const test = new ScannerTestPage(admin);
    await test.open();
    await test.addScanner({ name: 'Dock 1', port: pair.device, station: 'E2E-1', terminator: 'CR' });
    await expect.poll(() => test.row('Dock 1').locator('[data-state]').getAttribute('data-state')).toBe('connected');
    await expect.poll(() => test.state.getAttribute('data-state')).toBe('connected');
  });

  it('shows live raw bytes, their timing and the decoded frame; the wizard sets terminator and prefix', async () => {
    const test = new ScannerTestPage(admin);
    send(`]E0${P10001}\r`);
    await admin.getByTestId('raw-chunk').first().waitFor();
    expect(await admin.getByTestId('raw-chunk').first().innerText()).toContain('5D 45 30');
    await expect.poll(() => admin.getByTestId('raw-frame-decoded').first().getAttribute('data-kind')).toBe('gtin');
    await admin.getByTestId('wizard-start').click();
    send(`\x02A]E0${P10002}\r\n`);
    const result = admin.getByTestId('wizard-result');
    await result.waitFor();
    expect(await result.getAttribute('data-terminator')).toBe('CRLF');
    expect(await result.getAttribute('data-prefix')).toBe('\\x02A');
    await screenshot(admin, 'scan-07-scanner-test');
    // Saved: the scanner now ends frames with CR LF and drops the \x02A its firmware puts first.
    await admin.getByTestId('wizard-save').click();
    await expect.poll(() => test.row('Dock 1').innerText()).toContain('CR LF');
    await expect.poll(() => test.state.getAttribute('data-state')).toBe('connected');
    send(`\x02A]E0${P10004}\r\n`);
    const pipeline = admin.getByTestId('raw-pipeline');
    await expect.poll(() => pipeline.getAttribute('data-outcome')).toBe('accepted');
    expect(await pipeline.innerText()).toContain('P10004');
  });

  it('scans into the keeper’s station screen, which shows the scanner connected', async () => {
    const scanStation = new ScanStationPage(keeper);
    await scanStation.open();
    const chip = keeper.locator('[data-testid^="station-scanner-"]');
    await expect.poll(() => chip.first().getAttribute('data-state')).toBe('connected');
    const before = await scanStation.bannerScanId();
    send(`\x02A]E0${P10002}\r\n`);
    const scan = await scanStation.nextScan(before);
    expect(scan.outcome).toBe('accepted');
    expect(await scanStation.banner.getAttribute('data-source')).toBe('serial');
    expect(scan.text).toContain('Dock 1');
    await screenshot(keeper, 'scan-08-station-serial');
  });

  it('says "scanner disconnected" in every window when unplugged, and resumes when plugged back', async () => {
    await pair.stop();
    for (const page of [keeper, admin]) {
      const bar = page.getByTestId('scanner-status-bar');
      await expect.poll(() => bar.innerText(), { timeout: 10_000 }).toContain('扫描枪已断开：Dock 1');
    }
    await screenshot(keeper, 'scan-09-station-disconnected');
    await pair.restart();
    const bar = keeper.getByTestId('scanner-status-bar');
    await expect.poll(() => bar.innerText(), { timeout: 10_000 }).toContain('扫描枪已重新连接：Dock 1');
    const scanStation = new ScanStationPage(keeper);
    const before = await scanStation.bannerScanId();
    send(`\x02A]E0${P10001}\r\n`);
    expect((await scanStation.nextScan(before)).outcome).toBe('accepted');
  });
});
