// Page objects of departure and delivery outcomes (送货签收) and the daily
// dispatch report (每日发货报告), by their test ids.
import type { Page } from 'playwright-core';

export class DeliveryPage {
  constructor(readonly page: Page) {}
  async open(url: string, date: string) {
    await this.page.goto(`${url}#/delivery?date=${date}`);
    await this.page.getByTestId('delivery').waitFor();
  }
  tripState(number: string) {
    return this.page.getByTestId(`trip-state-${number}`);
  }
  async depart(number: string) {
    this.page.once('dialog', (d) => void d.accept());
    await this.page.getByTestId(`depart-${number}`).click();
  }
  async openTrip(number: string) {
    await this.page.getByTestId(`open-${number}`).click();
    await this.page.getByTestId('delivery-orders').waitFor();
  }
  order(number: string) {
    return this.page.getByTestId(`delivery-order-${number}`);
  }
  outcome(number: string) {
    return this.page.getByTestId(`outcome-${number}`);
  }
  /** By keyboard: focus the order's row, S, type who signed, Enter. */
  async sign(number: string, signedBy: string) {
    await this.order(number).focus();
    await this.page.keyboard.press('s');
    await this.page.getByTestId('outcome-form-sign').waitFor();
    await this.page.keyboard.type(signedBy);
    await this.page.keyboard.press('Enter');
    await this.page.getByTestId('outcome-form-sign').waitFor({ state: 'detached' });
  }
  /** By keyboard: R, the reason, per line, the quantity refused on line 1, Enter. */
  async refuseLine(number: string, reasonLabel: string, qty: number, note: string) {
    await this.order(number).focus();
    await this.page.keyboard.press('r');
    const form = this.page.getByTestId('outcome-form-refuse');
    await form.waitFor();
    await this.page.getByTestId('refuse-reason').selectOption({ label: reasonLabel });
    await this.page.getByTestId('refuse-partial').check();
    await this.page.getByTestId('refuse-qty-1').fill(String(qty));
    await this.page.getByTestId('outcome-note').fill(note);
    await this.page.getByTestId('outcome-note').press('Enter');
    await form.waitFor({ state: 'detached' });
  }
  async returned(number: string) {
    await this.page.getByTestId(`returned-${number}`).click();
  }
}

export class DispatchReportPage {
  constructor(readonly page: Page) {}
  async open(url: string, date: string) {
    await this.page.goto(`${url}#/dispatchReport?date=${date}`);
    await this.page.getByTestId('dispatch-report').waitFor();
  }
  state() {
    return this.page.getByTestId('report-state').innerText();
  }
  late() {
    return this.page.getByTestId('report-late').innerText();
  }
  async remark(orderNumber: string, text: string) {
    await this.page.getByTestId(`remark-${orderNumber}`).fill(text);
  }
  async note(text: string) {
    await this.page.getByTestId('report-note').fill(text);
  }
  async submit() {
    this.page.once('dialog', (d) => void d.accept());
    await this.page.getByTestId('report-submit').click();
  }
  async post() {
    this.page.once('dialog', (d) => void d.accept());
    await this.page.getByTestId('report-post').click();
  }
}
