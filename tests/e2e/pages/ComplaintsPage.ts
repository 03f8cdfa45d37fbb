// Page objects of the complaint register and its statistics (issue 16), in the users' words.
import type { Locator, Page } from 'playwright-core';

export class ComplaintsPage {
  constructor(readonly page: Page) {}
  row(number: string): Locator {
    return this.page
      .locator(`[data-testid="complaints-grid"] .ag-row:has([col-id="number"]:text-is("${number}"))`)
      .first();
  }
  /** Selects a complaint in the register and waits for its detail. */
  async open(number: string) {
    await this.row(number).locator('[col-id="number"]').click();
    await this.page.locator(`[data-testid="complaint-detail"] h2:has-text("${number}")`).waitFor();
  }
  /** Registers a complaint from a customer of the list about one of their orders (and its trip); returns its number. */
  async register(opts: {
    customer: string;
    category: string;
    orderNumber: string;
    /** The delivery (trip) it concerns, when given. */
    tripNumber?: string;
    content: string;
  }) {
    await this.page.getByTestId('complaints-new').click();
    await this.page.getByTestId('complaint-form').waitFor();
    await this.page.getByTestId('complaint-customer').fill(opts.customer);
    const order = this.page.getByTestId('complaint-order');
    await order.locator('option', { hasText: opts.orderNumber }).waitFor({ state: 'attached' });
    const value = await order.locator('option', { hasText: opts.orderNumber }).getAttribute('value');
    await order.selectOption(value!);
    if (opts.tripNumber) {
      const trip = this.page.getByTestId('complaint-trip').locator('option', { hasText: opts.tripNumber });
      await this.page.getByTestId('complaint-trip').selectOption((await trip.getAttribute('value'))!);
    }
    await this.page.getByTestId('complaint-category').selectOption(opts.category);
    await this.page.getByTestId('complaint-content').fill(opts.content);
    await this.page.getByTestId('complaint-submit').click();
    await this.page.getByTestId('complaint-detail').waitFor();
    return (await this.page.locator('[data-testid="complaint-detail"] h2').innerText()).split(' ')[0]!;
  }
  state(): Promise<string> {
    return this.page.getByTestId('complaint-state').innerText();
  }
  /** Fills a step's field (when given) and presses its button. */
  async step(button: string, fields: Record<string, string> = {}) {
    for (const [testId, value] of Object.entries(fields)) await this.page.getByTestId(testId).fill(value);
    await this.page.getByTestId(button).click();
  }
}
