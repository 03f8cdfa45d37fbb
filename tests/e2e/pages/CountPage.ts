// Page object for the stock count screens (issue 5): the sessions list, the
// plan form, a session with its manual sheet and reconciliation, and the
// printed count sheet — in the words of the people who use them.
import type { Locator, Page } from 'playwright-core';

export class CountPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.getByTestId('nav-counts').click();
    await this.page.getByTestId('counts').waitFor();
  }
  async openSession(url: string, sessionId: number) {
    await this.page.goto(`${url}#/counts?session=${sessionId}`);
    await this.page.getByTestId('count-session').waitFor();
  }
  get list(): Locator {
    return this.page.getByTestId('counts-grid');
  }
  listRows(): Locator {
    return this.list.locator('.ag-row:not(.ag-row-pinned) [col-id="scope"]');
  }

  // ---- plan
  async startPlan() {
    await this.page.getByTestId('count-plan-new').click();
    await this.page.getByTestId('count-plan').waitFor();
  }
  async chooseBins(codes: string[]) {
    await this.page.getByTestId('count-plan-area-bins').check();
    for (const code of codes) await this.page.getByTestId(`count-plan-loc-${code}`).check();
  }
  async setCounter(i: number, text: string) {
    await this.page.getByTestId(`count-plan-counter-${i}-user`).fill(text);
  }
  async submitPlan() {
    await this.page.getByTestId('count-plan-submit').click();
    await this.page.getByTestId('count-session').waitFor();
  }
  /** The open session's id, from the address (#/counts?session=ID). */
  sessionId(): number {
    const m = /session=(\d+)/.exec(this.page.url());
    if (!m) throw new Error(`no session in ${this.page.url()}`);
    return Number(m[1]);
  }
  state(): Locator {
    return this.page.getByTestId('count-session-state');
  }
  async start() {
    await this.page.getByTestId('count-start').click();
    await this.page.getByTestId('count-finish').waitFor();
  }
  async finishCounting() {
    this.page.once('dialog', (d) => void d.accept());
    await this.page.getByTestId('count-finish').click();
  }
  /** "Count at my station": the keeper's station now scans into this session (and the app goes there). */
  async countAtStation() {
    await this.page.getByTestId('count-at-station').click();
    await this.page.getByTestId('station').waitFor();
  }
  /** The session's inventory record accuracy (R14) in the meta line, shown once counting is finished. */
  get accuracy(): Locator {
    return this.page.getByTestId('count-session-accuracy');
  }
  /** The adjustment form the confirmed count produced, from the session's meta line. */
  async openForm() {
    await this.page.getByTestId('count-form-link').click();
    await this.page.getByTestId('adjustment-detail').waitFor();
  }
  async backToList() {
    await this.page.getByTestId('count-back').click();
    await this.page.getByTestId('counts').waitFor();
  }

  // ---- the manual sheet
  get sheet(): Locator {
    return this.page.getByTestId('count-sheet-grid');
  }
  sheetRows(): Locator {
    return this.sheet.locator('.ag-row:not(.ag-row-pinned) [col-id="productName"]');
  }
  myQty(rowIndex: number): Locator {
    return this.sheet.locator(`.ag-row[row-index="${rowIndex}"]:not(.ag-row-pinned) [col-id="myQty"]`);
  }
  /** Keyboard only: the sheet has the focus on the first line; type a quantity, Enter, next line. */
  async typeCounts(qtys: number[]) {
    await this.myQty(0).click();
    for (const q of qtys) {
      // Human typing speed, so the scanner wedge does not take the digits for a scan.
      await this.page.keyboard.type(String(q), { delay: 120 });
      await this.page.keyboard.press('Enter');
    }
  }

  // ---- reconciliation
  async openReconcile() {
    await this.page.getByTestId('count-tab-reconcile').click();
    await this.page.getByTestId('count-reconcile-grid').waitFor();
  }
  get reconcile(): Locator {
    return this.page.getByTestId('count-reconcile-grid');
  }
  reconcileCells(colId: string): Locator {
    return this.reconcile.locator(`.ag-row:not(.ag-row-pinned) [col-id="${colId}"]`);
  }
  get summary(): Locator {
    return this.page.getByTestId('count-reconcile-summary');
  }
  /**
   * The grid id of a line, found by its bin and product code, scrolled into
   * view as a user would (the grid renders only the rows near its viewport).
   * Pinned columns split a row in three (left, centre, right), all sharing this id.
   */
  async reconcileLineId(bin: string, productCode: string): Promise<string> {
    const exact = (text: string) => new RegExp(`^\\s*${text}\\s*$`);
    const line = this.reconcile
      .locator('.ag-row:not(.ag-row-pinned)', {
        has: this.page.locator('[col-id="location"]', { hasText: exact(bin) }),
      })
      .filter({ has: this.page.locator('[col-id="productCode"]', { hasText: exact(productCode) }) });
    await this.reconcileCells('productCode').first().waitFor();
    // AG Grid 36 scrolls rows in .ag-grid-viewport (earlier versions: .ag-body-viewport).
    const viewport = this.reconcile.locator('.ag-grid-viewport, .ag-body-viewport').first();
    // The rows of a new scroll position render a frame or two later.
    const settle = () =>
      this.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    // Top to bottom, and again should the rows be replaced meanwhile (a reload after an event).
    for (let pass = 0; pass < 3; pass++) {
      await viewport.evaluate((el) => el.scrollTo({ top: 0 }));
      await settle();
      for (let step = 0; step < 200; step++) {
        if ((await line.count()) > 0) {
          await line.first().scrollIntoViewIfNeeded();
          return (await line.first().getAttribute('row-id')) ?? '';
        }
        const moved = await viewport.evaluate((el) => {
          const before = el.scrollTop;
          el.scrollTop = before + Math.max(50, el.clientHeight * 0.6);
          return el.scrollTop !== before;
        });
        await settle();
        if (!moved) {
          // At the bottom: the last rows may still be rendering; a short wait for the line itself.
          const shown = await line
            .first()
            .waitFor({ state: 'attached', timeout: 200 })
            .then(() => true)
            .catch(() => false);
          if (!shown) break;
        }
      }
    }
    throw new Error(`no reconciliation line for ${productCode} in ${bin}`);
  }
  /** A line's cell text, the line scrolled into view first. */
  async reconcileText(bin: string, productCode: string, colId: string): Promise<string> {
    const id = await this.reconcileLineId(bin, productCode);
    return (await this.reconcileCell(id, colId).innerText()).trim();
  }
  reconcileCell(lineId: string, colId: string): Locator {
    return this.reconcile.locator(`.ag-row[row-id="${lineId}"] [col-id="${colId}"]`);
  }
  /** Ticks the lines (out of tolerance only) and asks the named keeper to recount them, blind. */
  async requestRecount(lines: { bin: string; productCode: string }[], keeper: string) {
    for (const l of lines) {
      const id = await this.reconcileLineId(l.bin, l.productCode);
      await this.reconcile.locator(`.ag-row[row-id="${id}"] .ag-selection-checkbox input`).check();
    }
    await this.page.getByTestId('count-recount-keeper').fill(keeper);
    await this.page.getByTestId('count-recount').click();
  }
  /**
   * A variance's cause, picked from the cause list by its translated name,
   * then a note; each waits until the grid shows what the core saved.
   */
  async setCause(bin: string, productCode: string, causeName: string, note?: string) {
    const item = this.page.locator('.ag-list-item', { hasText: causeName }).first();
    // Keyboard first: focus the cell, Enter opens the list. Focusing a line also opens its
    // count history beside the grid, which resizes it: try again if that closed the editor.
    await this.editUntil(bin, productCode, 'cause', causeName, async () => {
      await item.waitFor({ timeout: 5000 });
      await item.click();
    });
    if (note) {
      await this.editUntil(bin, productCode, 'causeNote', note, async () => {
        await this.page.keyboard.type(note);
        await this.page.keyboard.press('Enter');
      });
    }
  }
  private async editUntil(bin: string, productCode: string, colId: string, shown: string, edit: () => Promise<void>) {
    for (let attempt = 0; ; attempt++) {
      const lineId = await this.reconcileLineId(bin, productCode);
      await this.reconcileCell(lineId, colId).click();
      await this.page.keyboard.press('Enter');
      try {
        await edit();
        await this.page.waitForFunction(
          ({ id, col, text }) =>
            document
              .querySelector(`[data-testid="count-reconcile-grid"] .ag-row[row-id="${id}"] [col-id="${col}"]`)
              ?.textContent?.trim() === text,
          { id: lineId, col: colId, text: shown },
          { timeout: 10_000 },
        );
        return;
      } catch (e) {
        if (attempt >= 3) throw e;
        await this.page.keyboard.press('Escape');
      }
    }
  }
  async confirmAsOperator() {
    await this.page.getByTestId('count-confirm-as-operator').click();
  }
  async confirmAsKeeper() {
    await this.page.getByTestId('count-confirm-as-keeper').click();
  }

  // ---- print
  async openPrint() {
    await this.page.getByTestId('count-print').click();
    await this.page.getByTestId('count-sheet-print').waitFor();
  }
  get printView(): Locator {
    return this.page.getByTestId('count-sheet-print');
  }
  /** What the printed sheet gives a counter for each line of a bin: code, case pack and the two barcodes. */
  async printedLines(
    bin: string,
  ): Promise<{ productCode: string; casePack: number; unitBarcode: string; caseBarcode: string }[]> {
    return this.page.getByTestId(`count-print-bin-${bin}`).evaluate((el) =>
      [...el.querySelectorAll('tbody tr:not(.cp-extra)')].map((tr) => {
        const cells = tr.querySelectorAll('td');
        const codes = [...tr.querySelectorAll('td.cp-bc')].map((td) => td.querySelector('img')?.alt ?? '');
        return {
          productCode: (cells[0]?.childNodes[0]?.textContent ?? '').trim(),
          casePack: Number((tr.querySelector('td.cp-pack')?.textContent ?? '').replace(/\D/g, '')),
          unitBarcode: codes[0] ?? '',
          caseBarcode: codes[1] ?? '',
        };
      }),
    );
  }
}
