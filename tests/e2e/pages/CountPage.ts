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

  // ---- print
  async openPrint() {
    await this.page.getByTestId('count-print').click();
    await this.page.getByTestId('count-sheet-print').waitFor();
  }
  get printView(): Locator {
    return this.page.getByTestId('count-sheet-print');
  }
}
