// Page object: the adjustment forms screen (库存调整表) and its print view.
import type { Locator, Page } from 'playwright-core';
import { selectBin } from './fields';

export class AdjustmentPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.getByTestId('nav-adjustments').click();
    await this.page.getByTestId('adjustments').waitFor();
  }

  /** A manual adjustment of one line, saved and submitted for approval. */
  async submitManual(line: { product: string; location: string; qty: number; cause: string; note?: string }) {
    await this.page.getByTestId('adjustment-new').click();
    await this.page.getByTestId('adjustment-form').waitFor();
    await this.page.getByTestId('adjustment-line-0-product').fill(line.product);
    await selectBin(this.page.getByTestId('adjustment-line-0-location'), line.location);
    await this.page.getByTestId('adjustment-line-0-qty').fill(String(line.qty));
    await this.page.getByTestId('adjustment-line-0-cause').selectOption(line.cause);
    if (line.note) await this.page.getByTestId('adjustment-line-0-note').fill(line.note);
    await this.page.getByTestId('adjustment-save-submit').click();
    await this.detail.waitFor();
  }

  get detail(): Locator {
    return this.page.getByTestId('adjustment-detail');
  }
  state(): Promise<string> {
    return this.page.getByTestId('adjustment-state').innerText();
  }
  async number(): Promise<string> {
    return (await this.detail.getAttribute('aria-label')) ?? '';
  }

  /** Opens a form by its number from the grid. */
  async select(number: string) {
    await this.page.getByTestId('quick-filter').fill(number);
    await this.page.getByTestId('adjustments-grid').locator('.ag-row [col-id="number"]', { hasText: number }).click();
    await this.page.locator(`[data-testid="adjustment-detail"][aria-label="${number}"]`).waitFor();
  }

  async approve(comment?: string) {
    if (comment) await this.page.getByTestId('adjustment-comment').fill(comment);
    this.page.once('dialog', (d) => void d.accept());
    await this.page.getByTestId('adjustment-approve').click();
  }

  async reject(comment: string) {
    await this.page.getByTestId('adjustment-comment').fill(comment);
    await this.page.getByTestId('adjustment-reject').click();
  }

  async print() {
    await this.page.getByTestId('adjustment-print').click();
    await this.page.locator('.print-sheet').waitFor();
  }
}
