// The weekly blind count end to end (issue 5, R10, R14), in Chromium against
// the station host with a real serial scanner (a socat pty pair): the
// operator plans a blind count of two bins with no tolerance; the keeper
// counts both by scanning only — bin label, case and unit barcodes from the
// printed count sheet, "bin done" — while the operator posts a receipt into
// the first bin; one line is counted short and recounted by a second keeper,
// the remaining variance gets a cause, operator and keeper confirm; the
// operator cannot approve the adjustment form, the CS manager does; the
// inventory shows the new balances and the session its record accuracy.
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createPtyPair, type PtyPair } from '../helpers/socat';
import { launchBrowser, newPage, screenshot, startStation, type Station } from './harness';
import { AdjustmentPage } from './pages/AdjustmentPage';
import { InventoryPage, LoginPage, ReceiptsPage, Shell } from './pages/ConsolePage';
import { CountPage } from './pages/CountPage';
import { ScannerTestPage, ScanStationPage, SerialScanner } from './pages/ScanStationPage';
import { tempDir } from '../helpers/tempDirs';

/** Generous: another engineer's benchmarks share this 2-CPU machine. */
const slow = { timeout: 60_000, interval: 100 };

/** The two bins counted: the keeper walks them in this order. */
const BIN1 = 'A-18';
const BIN2 = 'A-14';
/** Units of the receipt posted into BIN1 while the count goes on. */
const RECEIVED = 24;
/** Units found in BIN2 over the book on one line (a variance that stays, with a cause). */
const OVER = 2;

type Line = {
  bin: string;
  productCode: string;
  casePack: number;
  unitBarcode: string;
  caseBarcode: string;
  /** What is really on the shelf: the book at the snapshot (the demo's stock is right). */
  shelf: number;
};

let browser: Browser;
let station: Station;
let pair: PtyPair;
let tmp: string;
let operator: Page;
let keeper: Page;
let sessionId = 0;
let sessionNumber = '';
let formNumber = '';
const lines: Line[] = [];
/** The line counted one short, the line received into during the count, the line found over. */
let shortLine: Line;
let receivedLine: Line;
let overLine: Line;
/** Each product's on-hand total over all rows, before the count. */
const onHandBefore = new Map<string, number>();

async function logIn(username: string): Promise<Page> {
  const page = await newPage(browser);
  await new LoginPage(page).openAs(station.url, username);
  return page;
}

/** The inventory grid's rows of one quick filter, read from the cells a user sees. */
async function inventoryRows(page: Page, filter: string) {
  await new Shell(page).go('inventory');
  const inventory = new InventoryPage(page);
  await inventory.filter(filter);
  const count = page.getByTestId('inventory-count');
  await expect.poll(async () => Number(await count.getAttribute('data-rows')), slow).toBeGreaterThan(0);
  const n = Number(await count.getAttribute('data-rows'));
  // Every row, left-pinned and centre parts joined by row index (a bin's two dozen rows all render).
  const rows = await inventory.grid.evaluate((grid) => {
    const out = new Map<string, Record<string, string>>();
    for (const row of grid.querySelectorAll('.ag-row[row-index]:not(.ag-row-pinned)')) {
      const i = row.getAttribute('row-index')!;
      const cells = out.get(i) ?? {};
      for (const c of row.querySelectorAll('[col-id]')) cells[c.getAttribute('col-id')!] = c.textContent ?? '';
      out.set(i, cells);
    }
    return [...out.values()];
  });
  expect(rows.length).toBe(n);
  return {
    rows: rows.map((r) => ({
      productCode: /P\d+/.exec(r.productCode ?? '')?.[0] ?? '',
      location: (r.location ?? '').trim(),
      qty: Number((r.qty ?? '').replace(/[^\d-]/g, '')),
    })),
    totalQty: Number(await count.getAttribute('data-qty')),
  };
}

/** A product's on-hand total over all its rows (the inventory's pinned totals). */
async function onHand(page: Page, productCode: string): Promise<number> {
  return (await inventoryRows(page, productCode)).totalQty;
}

/** The frames a counter scans for a bin: its label, each line's cases and loose units, "bin done". */
function binScans(bin: string, counted: (l: Line) => number): string[] {
  const frames = [bin];
  for (const l of lines.filter((x) => x.bin === bin)) {
    const qty = counted(l);
    const cases = l.caseBarcode && l.casePack > 1 ? Math.floor(qty / l.casePack) : 0;
    for (let i = 0; i < cases; i++) frames.push(l.caseBarcode);
    for (let i = 0; i < qty - cases * l.casePack; i++) frames.push(l.unitBarcode);
  }
  return frames;
}

const fmt = (n: number) => new Intl.NumberFormat('zh-CN').format(n);

beforeAll(async () => {
  browser = await launchBrowser();
  station = await startStation({ init: ['--demo'] });
  tmp = tempDir('e2e-count-pty');
  pair = await createPtyPair(tmp);
  operator = await logIn('operator');
});
// A failed step leaves a picture of every window still open, to see what the user saw.
afterEach(async ({ task }) => {
  if (task.result?.state !== 'fail') return;
  const open = browser?.contexts().flatMap((c) => c.pages()) ?? [];
  for (const [i, page] of open.entries()) await screenshot(page, `count-scan-failed-${i}`).catch(() => undefined);
});
afterAll(async () => {
  await operator?.close();
  await keeper?.close();
  await browser?.close();
  await station?.stop();
  await pair?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('a blind count of two bins at a serial scanner, from plan to approved adjustment', () => {
  it('is planned by the operator with no tolerance, the keeper 张仓管 counting, and started', async () => {
    const counts = new CountPage(operator);
    await counts.open();
    await counts.startPlan();
    expect(await operator.getByTestId('count-plan-blind').isChecked()).toBe(true);
    await counts.chooseBins([BIN1, BIN2]);
    await counts.setCounter(0, '张仓管');
    await operator.getByTestId('count-plan-tol-units').fill('0');
    await operator.getByTestId('count-plan').evaluate((el) => el.scrollTo(0, 0));
    await screenshot(operator, 'count-scan-01-plan');
    await counts.submitPlan();
    sessionId = counts.sessionId();
    await counts.start();
    await expect.poll(() => counts.state().innerText(), slow).toBe('盘点中');
    sessionNumber = ((await operator.locator('.page-title .mono').innerText()) ?? '').trim();
    expect(sessionNumber).not.toBe('');

    // The printed count sheet: each line's product, case pack and barcodes — what the keeper scans from.
    await counts.openPrint();
    for (const bin of [BIN1, BIN2]) {
      for (const l of await counts.printedLines(bin)) lines.push({ bin, ...l, shelf: 0 });
    }
    await screenshot(operator, 'count-scan-02-count-sheet');
    expect(await operator.locator('th.cp-book').count()).toBe(0);
    await operator.keyboard.press('Escape');
    await operator.getByTestId('count-session').waitFor();
    expect(lines.length).toBeGreaterThan(10);
    for (const l of lines) {
      expect(l.unitBarcode, l.productCode).toMatch(/^\d{13}$/);
      expect(l.caseBarcode, l.productCode).toMatch(/^\d{14}$/);
    }

    // What is really on the shelves: the book, as the operator's inventory grid shows it.
    for (const bin of [BIN1, BIN2]) {
      const { rows } = await inventoryRows(operator, bin);
      for (const l of lines.filter((x) => x.bin === bin)) {
        const row = rows.find((r) => r.productCode === l.productCode && r.location === bin);
        expect(row, `${l.productCode} in ${bin}`).toBeDefined();
        l.shelf = row!.qty;
        expect(l.shelf).toBeGreaterThan(0);
      }
    }
    // One product in each bin plays a part: one counted short in BIN1, one received into during the
    // count (also BIN1), one with goods over the book in BIN2. Those with a case and loose units.
    const inBin1 = lines.filter((l) => l.bin === BIN1);
    shortLine = inBin1.find((l) => l.shelf % l.casePack !== 0) ?? inBin1[0]!;
    receivedLine = inBin1.find((l) => l !== shortLine)!;
    overLine = lines.find((l) => l.bin === BIN2)!;
    for (const l of [shortLine, receivedLine, overLine]) {
      onHandBefore.set(l.productCode, await onHand(operator, l.productCode));
    }
  });

  it('gets a serial scanner, set up by the administrator on the scanner test screen for this station', async () => {
    const admin = await logIn('admin');
    try {
      const test = new ScannerTestPage(admin);
      await test.open();
      await test.addScanner({ name: 'Count gun', port: pair.device, station: 'E2E-1', terminator: 'CR' });
      await expect
        .poll(() => test.row('Count gun').locator('[data-state]').getAttribute('data-state'), slow)
        .toBe('connected');
      await screenshot(admin, 'count-scan-03-scanner-setup');
    } finally {
      await admin.close();
    }
  });

  it('lets the keeper count the first bin at the station by scanning only', async () => {
    keeper = await logIn('keeper');
    const counts = new CountPage(keeper);
    await counts.openSession(station.url, sessionId);
    await counts.countAtStation();
    const scanStation = new ScanStationPage(keeper);
    await scanStation.open();
    await scanStation.countPanel.waitFor();
    // Chosen, not yet scanned: the station already shows the count and the keeper's progress in it.
    expect(await scanStation.countSession()).toContain(sessionNumber);
    expect(await scanStation.countLines()).toMatch(/\b0\b/);
    const chip = keeper.locator('[data-testid^="station-scanner-"]');
    await expect.poll(() => chip.first().getAttribute('data-state'), slow).toBe('connected');

    const gun = new SerialScanner(pair.host);
    // One unit short on purpose: the reconciliation must catch it.
    const frames = binScans(BIN1, (l) => (l === shortLine ? l.shelf - 1 : l.shelf));
    const before = await scanStation.bannerScanId();
    await gun.scanAll(frames);
    const units = lines.filter((l) => l.bin === BIN1).reduce((s, l) => s + l.shelf, 0) - 1;
    // Blind: the panel shows what this keeper counted in the bin, never the book.
    await expect.poll(() => scanStation.countBin(), slow).toBe(`${BIN1} · ${fmt(units)}`);
    expect(await scanStation.countSession()).toContain(sessionNumber);
    expect(await scanStation.countLines()).toContain(String(lines.filter((l) => l.bin === BIN1).length));
    expect(await scanStation.bannerScanId()).toBeGreaterThanOrEqual(before + frames.length);
    // The bin's book total (one more than counted) appears nowhere on the counter's screen.
    expect(await keeper.getByTestId('station').innerText()).not.toContain(fmt(units + 1));
    await screenshot(keeper, 'count-scan-04-station-bin1');
    await gun.scan('CMD:DONE');
    await expect.poll(() => scanStation.countBin(), slow).toContain('请先扫描库位标签');
    expect(await scanStation.banner.getAttribute('data-source')).toBe('serial');
  });

  it('takes a receipt posted by the operator into the counted bin in the meantime', async () => {
    await new Shell(operator).go('receipts');
    const receipts = new ReceiptsPage(operator);
    await receipts.startNew();
    await receipts.fill({
      deliveryNote: 'QS-COUNT-0001',
      supplier: '青山食品',
      lines: [{ product: receivedLine.productCode, location: BIN1, qty: RECEIVED }],
    });
    await screenshot(operator, 'count-scan-05-receipt');
    await receipts.post();
    await operator.getByTestId('toast-success').first().waitFor();
    await expect.poll(() => operator.getByTestId('receipts').innerText(), slow).toContain('QS-COUNT-0001');
    await expect
      .poll(() => onHand(operator, receivedLine.productCode), slow)
      .toBe(onHandBefore.get(receivedLine.productCode)! + RECEIVED);
  });

  it('lets the keeper count the second bin, two units over on one line, and finish counting', async () => {
    // Straight on after the operator's receipt and inventory reads in another browser of the same
    // station host: the serial scans are still the keeper's, who chose the count at the station.
    const scanStation = new ScanStationPage(keeper);
    const gun = new SerialScanner(pair.host);
    const frames = binScans(BIN2, (l) => (l === overLine ? l.shelf + OVER : l.shelf));
    await gun.scanAll(frames);
    const units = lines.filter((l) => l.bin === BIN2).reduce((s, l) => s + l.shelf, 0) + OVER;
    await expect.poll(() => scanStation.countBin(), slow).toBe(`${BIN2} · ${fmt(units)}`);
    await expect.poll(() => scanStation.countLines(), slow).toContain(String(lines.length));
    await gun.scan('CMD:DONE');
    await expect.poll(() => scanStation.countBin(), slow).toContain('请先扫描库位标签');
    await screenshot(keeper, 'count-scan-06-station-bin2');

    // The keeper's sheet shows every line counted by them, still no book.
    const counts = new CountPage(keeper);
    await counts.openSession(station.url, sessionId);
    await counts.sheet.waitFor();
    await expect
      .poll(() => keeper.getByTestId('count-sheet-progress').innerText(), slow)
      .toContain(`${lines.length} / ${lines.length}`);
    const text = `${await counts.sheet.innerText()}\n${await keeper.getByTestId('count-session-meta').innerText()}`;
    for (const word of ['账面', '快照', '差异']) expect(text).not.toContain(word);
    await screenshot(keeper, 'count-scan-07-keeper-sheet');
    await counts.finishCounting();
    await expect.poll(() => counts.state().innerText(), slow).toBe('对帐中');
  });

  it('shows the short line out of tolerance, the receipt as no variance, and sends the short line to 赵仓管', async () => {
    const counts = new CountPage(operator);
    await counts.openSession(station.url, sessionId);
    await counts.openReconcile();
    const text = (l: Line, col: string) => counts.reconcileText(l.bin, l.productCode, col);
    await expect.poll(() => text(shortLine, 'varianceQty'), slow).toBe('-1');
    expect(await text(shortLine, 'lineStatus')).toBe('超出容差');
    // ★ The receipt posted during the count is no variance: the line matches.
    expect(await text(receivedLine, 'varianceQty')).toBe('0');
    expect(await text(receivedLine, 'lineStatus')).toBe('相符');
    expect(await text(overLine, 'varianceQty')).toBe(`+${OVER}`);
    const summary = await counts.summary.innerText();
    expect(summary).toContain('超出容差 2');
    expect(summary).toContain('未盘 0');
    // The figure before the recount: all lines counted, two of them off.
    await expect.poll(() => counts.accuracy.getAttribute('data-within'), slow).toBe(String(lines.length - 2));
    await screenshot(operator, 'count-scan-08-reconcile');

    await counts.requestRecount([shortLine], '赵仓管');
    await operator.getByTestId('toast-success').first().waitFor();
    await expect.poll(() => counts.state().innerText(), slow).toBe('复盘中');
    await screenshot(operator, 'count-scan-09-recount-requested');
  });

  it('lets the second keeper recount that line blind, and only that line', async () => {
    const keeper2 = await logIn('keeper2');
    try {
      const counts = new CountPage(keeper2);
      await counts.openSession(station.url, sessionId);
      await counts.sheet.waitFor();
      await expect.poll(() => counts.sheetRows().count(), slow).toBe(1);
      expect(await counts.sheet.innerText()).toContain(shortLine.productCode);
      expect(await counts.sheet.locator('[col-id="book"]').count()).toBe(0);
      await counts.typeCounts([shortLine.shelf]);
      await expect.poll(() => counts.myQty(0).innerText(), slow).toBe(fmt(shortLine.shelf));
      await screenshot(keeper2, 'count-scan-10-recount-sheet');
      await counts.finishCounting();
      await expect.poll(() => counts.state().innerText(), slow).toBe('对帐中');
    } finally {
      await keeper2.close();
    }
  });

  it('is reconciled: the recount matches, the variance left gets a cause, operator and keeper confirm', async () => {
    const counts = new CountPage(operator);
    await counts.openSession(station.url, sessionId);
    await counts.openReconcile();
    const text = (l: Line, col: string) => counts.reconcileText(l.bin, l.productCode, col);
    await expect.poll(() => text(shortLine, 'varianceQty'), slow).toBe('0');
    expect(await text(shortLine, 'recountBy')).toContain('赵仓管');
    // The first count is kept as evidence beside the recount.
    expect(await text(shortLine, 'counts')).toContain('赵仓管');
    await counts.setCause(overLine.bin, overLine.productCode, '漏记入仓', '货架后面两件，送货单未录入');
    await expect.poll(() => text(overLine, 'cause'), slow).toBe('漏记入仓');
    expect(await text(overLine, 'causeNote')).toBe('货架后面两件，送货单未录入');
    await screenshot(operator, 'count-scan-11-reconciled');
    await counts.confirmAsOperator();
    await expect.poll(() => operator.getByTestId('count-confirm-operator').innerText(), slow).toContain('李操作');

    const keeperCounts = new CountPage(keeper);
    await keeperCounts.openSession(station.url, sessionId);
    await keeperCounts.openReconcile();
    await keeperCounts.confirmAsKeeper();
    await expect.poll(() => keeperCounts.state().innerText(), slow).toBe('已确认');
    await expect.poll(() => keeper.getByTestId('count-form-link').innerText(), slow).toMatch(/\S/);
    formNumber = (await keeper.getByTestId('count-form-link').innerText()).trim();
    await screenshot(keeper, 'count-scan-12-confirmed');
  });

  it('gives an adjustment form the operator submits but cannot approve', async () => {
    const counts = new CountPage(operator);
    await counts.openSession(station.url, sessionId);
    await counts.openForm();
    const forms = new AdjustmentPage(operator);
    expect(await forms.number()).toBe(formNumber);
    const linesGrid = operator.getByTestId('adjustment-lines');
    await expect.poll(() => linesGrid.innerText(), slow).toContain(overLine.productCode);
    expect(await linesGrid.innerText()).not.toContain(shortLine.productCode);
    expect(await linesGrid.innerText()).not.toContain(receivedLine.productCode);
    await operator.getByTestId('adjustment-submit').click();
    await expect.poll(() => forms.state(), slow).toBe('已提交');
    // Only a CS manager approves: the operator has no approve button, and is told who decides.
    expect(await operator.getByTestId('adjustment-approve').count()).toBe(0);
    expect(await operator.getByTestId('adjustment-decision').count()).toBe(0);
    await screenshot(operator, 'count-scan-13-form-submitted');
  });

  it('is approved by the CS manager, and the inventory shows the new balances', async () => {
    const manager = await logIn('manager');
    try {
      const forms = new AdjustmentPage(manager);
      await forms.open();
      await forms.select(formNumber);
      await screenshot(manager, 'count-scan-14-form-to-approve');
      await forms.approve('盘点差异已核实');
      await expect.poll(() => forms.state(), slow).toBe('已审批');

      // The counted lines in the inventory grid: the line over the book rose, the short line
      // (recounted right) did not move, the received line holds the receipt.
      const expected = new Map([
        [overLine.productCode, overLine.shelf + OVER],
        [shortLine.productCode, shortLine.shelf],
        [receivedLine.productCode, receivedLine.shelf + RECEIVED],
      ]);
      for (const [code, qty] of expected) {
        const line = lines.find((l) => l.productCode === code)!;
        await expect
          .poll(async () => (await inventoryRows(manager, code)).rows.find((r) => r.location === line.bin)?.qty, slow)
          .toBe(qty);
      }
      expect(await onHand(manager, overLine.productCode)).toBe(onHandBefore.get(overLine.productCode)! + OVER);
      expect(await onHand(manager, shortLine.productCode)).toBe(onHandBefore.get(shortLine.productCode)!);
      await new InventoryPage(manager).filter(overLine.productCode);
      await screenshot(manager, 'count-scan-15-inventory');
    } finally {
      await manager.close();
    }
  });

  it('shows the session’s record accuracy: lines within tolerance over lines counted', async () => {
    const counts = new CountPage(operator);
    await counts.openSession(station.url, sessionId);
    // The approved form closed the count: read-only from here on.
    await expect.poll(() => counts.state().innerText(), slow).toBe('已结束');
    // Every line was counted; after the recount only the line over the book is outside tolerance 0.
    const counted = lines.length;
    const within = counted - 1;
    const pct = new Intl.NumberFormat('zh-CN', {
      style: 'percent',
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    }).format(Math.round((within * 10_000) / counted) / 10_000);
    await expect.poll(() => counts.accuracy.innerText(), slow).toContain(`${pct}（${within}/${counted} 行）`);
    expect(await counts.accuracy.innerText()).toMatch(/按金额 \d+\.\d\d%/);
    await screenshot(operator, 'count-scan-16-accuracy');
  });
});
