// A complaint end to end (issue 16 §1–3), in Chromium against the station host
// with the demo: the operator registers a complaint about a customer's
// delivery (order linked, goods damaged, refused), judges it valid,
// investigates and proposes solutions; the supervisor approves one; the
// operator resolves it and records the customer's confirmation; the month's
// classification statistics show it, the supervisor writes the improvement
// measures, and the statistics print on A4 (to PDF, looked at).

import fs from 'node:fs';

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ServerMessage } from '../../shared/contract';
import { launchBrowser, newPage, screenshot, startStation, warehouseDay, type Station } from './harness';
import { pdfText, printedPdf } from './printed';
import { ComplaintsPage } from './pages/ComplaintsPage';
import { LoginPage, Shell } from './pages/ConsolePage';

let browser: Browser;
let station: Station;
let operator: Page;
let supervisor: Page;
let customer = '';
let orderNumber = '';
let number = '';
/** Goods-damaged complaints of this month before ours, and those resolved on time. */
let damagedBefore = { received: 0, resolvedOnTime: 0 };

async function client(username: string) {
  const ws = new WebSocket(`${station.url.replace('http', 'ws')}ws`);
  await new Promise((r) => ws.once('open', r));
  const pending = new Map<number, (v: unknown) => void>();
  ws.on('message', (data) => {
    const msg = JSON.parse(data.toString()) as ServerMessage;
    if (!('event' in msg)) pending.get(msg.id)?.(msg.result);
  });
  let nextId = 1;
  const request = async <T>(name: string, input: unknown): Promise<T> => {
    const id = nextId++;
    const r = (await new Promise<unknown>((resolve) => {
      pending.set(id, resolve);
      ws.send(JSON.stringify({ id, name, input }));
    })) as { ok: boolean; value?: T; error?: unknown };
    if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.error)}`);
    return r.value as T;
  };
  await request('auth.login', { username, secret: 'demo1234' });
  return { request, close: () => ws.close() };
}

beforeAll(async () => {
  browser = await launchBrowser();
  station = await startStation({ init: ['--demo'] });
  // A customer with an order to complain about (the demo's next-day orders).
  const op = await client('operator');
  const customers = await op.request<{ id: number; code: string; name: string }[]>('customers.list', {});
  for (const c of customers.slice(0, 40)) {
    const links = await op.request<{ orders: { number: string }[] }>('complaints.links', { customerId: c.id });
    if (links.orders.length > 0) {
      customer = `${c.code} ${c.name}`;
      orderNumber = links.orders[0]!.number;
      break;
    }
  }
  type Line = { key: string; received: number; resolvedOnTime: number };
  const stats = await op.request<{ byCategory: Line[] }>('complaints.stats', { month: warehouseDay().slice(0, 7) });
  damagedBefore = stats.byCategory.find((l) => l.key === 'goodsDamaged') ?? damagedBefore;
  op.close();
  operator = await newPage(browser);
  await new LoginPage(operator).openAs(station.url, 'operator');
  supervisor = await newPage(browser);
  await new LoginPage(supervisor).openAs(station.url, 'supervisor');
}, 180_000);

afterAll(async () => {
  await operator?.close();
  await supervisor?.close();
  await browser?.close();
  await station?.stop();
});

describe('a complaint through the register to the statistics', () => {
  it('the operator registers it about the customer order, judges it valid, investigates and proposes', async () => {
    expect(customer, 'a demo customer with an order').not.toBe('');
    await new Shell(operator).go('complaints');
    await screenshot(operator, 'complaints-01-register');
    const page = new ComplaintsPage(operator);
    number = await page.register({
      customer,
      category: 'goodsDamaged',
      orderNumber,
      content: '送货时两箱外箱压坏，客户拒收。',
    });
    expect(number).toMatch(/^TS-\d{8}-\d{4}$/);
    expect(await page.state()).toBe('已受理');
    await expect.poll(() => operator.getByTestId('complaint-links').innerText()).toContain(orderNumber);
    await expect.poll(() => page.row(number).locator('[col-id="deadline"]').innerText()).toBe('响应 · 按时');
    await screenshot(operator, 'complaints-02-registered');

    await page.step('complaint-judge-valid', { 'complaint-reply': '已受理，两个工作日内给您答复。' });
    await expect.poll(() => page.state()).toBe('已判断');
    await operator.getByTestId('complaint-department').selectOption('delivery');
    await page.step('complaint-investigate', {
      'complaint-responsible': '配送司机',
      'complaint-cause': '装车堆码过高',
    });
    await expect.poll(() => page.state()).toBe('调查中');
    await page.step('complaint-propose', { 'complaint-solution': '补送两箱并致歉' });
    await expect.poll(() => page.state()).toBe('已提方案');
    await page.step('complaint-propose', { 'complaint-solution': '本单折让 5%' });
    await expect.poll(() => operator.getByTestId('complaint-solutions').locator('li').count()).toBe(2);
    await screenshot(operator, 'complaints-03-proposed');
  });

  it('the supervisor approves a solution; the operator resolves it and records the confirmation', async () => {
    await new Shell(supervisor).go('complaints');
    const sup = new ComplaintsPage(supervisor);
    await sup.open(number);
    await sup.step('complaint-approve-0', { 'complaint-approval-note': '同意补送' });
    await expect.poll(() => sup.state()).toBe('主管已批示');
    await screenshot(supervisor, 'complaints-04-approved');

    // The operator's window follows live.
    const page = new ComplaintsPage(operator);
    await expect.poll(() => page.state()).toBe('主管已批示');
    await page.step('complaint-resolve', { 'complaint-result': '已补送两箱，客户收货。' });
    await expect.poll(() => page.state()).toBe('已处理');
    await expect.poll(() => page.row(number).locator('[col-id="deadline"]').innerText()).toBe('处理 · 已达成');
    await page.step('complaint-confirm', { 'complaint-confirm-note': '客户签字确认' });
    await expect.poll(() => page.state()).toBe('顾客已确认');
    const steps = await operator.getByTestId('complaint-steps').innerText();
    expect(steps).toContain('主管已批示');
    expect(steps).toContain('周主管');
    await screenshot(operator, 'complaints-05-confirmed');
  });

  it("the month's classification statistics show it; the supervisor's measures print on A4", async () => {
    await new Shell(supervisor).go('complaintStats');
    await supervisor.getByTestId('complaint-stats-byCategory').waitFor();
    expect(await supervisor.getByTestId('analysis-month').inputValue()).toBe(warehouseDay().slice(0, 7));
    const damaged = supervisor.locator('[data-testid="complaint-stats-byCategory"] tr', { hasText: '货物破损' });
    // Ours comes on top of the demo's: one more received, one more resolved on time.
    await expect.poll(() => damaged.locator('td').nth(1).innerText()).toBe(String(damagedBefore.received + 1));
    await expect.poll(() => damaged.locator('td').nth(6).innerText()).toBe(String(damagedBefore.resolvedOnTime + 1));
    await supervisor.getByTestId('complaint-stats-chart').locator('svg').waitFor();
    await supervisor.getByTestId('complaint-stats-note').fill('货物破损集中在配送环节：装车限高，司机卸货前检查外箱。');
    await supervisor.getByTestId('complaint-stats-save').click();
    await supervisor.getByText('周主管', { exact: false }).last().waitFor();
    await screenshot(supervisor, 'complaints-06-stats');

    await supervisor.getByTestId('complaint-stats-print').click();
    await supervisor.getByTestId('print-complaint-stats').waitFor();
    const text = await supervisor.locator('.print-view').innerText();
    expect(text).toContain('顾客投诉分类统计表');
    expect(text).toContain('装车限高');
    await screenshot(supervisor, 'complaints-07-print');
    const pdf = await printedPdf(supervisor, 'complaint-stats', [1, 2]);
    expect(fs.statSync(pdf).size).toBeGreaterThan(10_000);
  });

  it("the operator's call sheet 回访记录表 prints on A4 with its calls, tick boxes and page x of y", async () => {
    await new Shell(operator).go('calls');
    await operator.getByTestId('calls-tab-mine').click();
    await operator.getByTestId('call-sheet').waitFor();
    const rows = await operator.locator('[data-testid="call-sheet"] tbody tr').count();
    expect(rows).toBeGreaterThan(0);
    await operator.getByTestId('call-sheet-print').click();
    await operator.getByTestId('print-call-sheet').waitFor();
    expect(await operator.locator('[data-testid="print-call-sheet"] tbody tr').count()).toBe(rows);
    await screenshot(operator, 'complaints-08-call-sheet-print');
    const text = pdfText(await printedPdf(operator, 'call-sheet'));
    expect(text).toContain('回访记录表');
    expect(text).toContain('□ 满意');
    expect(text).toMatch(/第 1 页 \/ 共 \d+ 页/);
    await operator.keyboard.press('Escape');

    // The month's follow-up summary 回访总结报告 on A4.
    await operator.getByTestId('calls-tab-summary').click();
    await operator.getByTestId('calls-satisfaction').waitFor();
    await operator.getByTestId('calls-summary-print').click();
    await operator.getByTestId('print-call-summary').waitFor();
    await screenshot(operator, 'complaints-09-call-summary-print');
    const summaryText = pdfText(await printedPdf(operator, 'call-summary'));
    expect(summaryText).toContain('回访总结报告');
    expect(summaryText).toContain('满意率');
    expect(summaryText).toMatch(/第 1 页 \/ 共 \d+ 页/);
    await operator.keyboard.press('Escape');
  });
});
