// The monthly analyses in Chromium (issue 13): the operator opens the damage
// analysis of last month — the Pareto of causes and the trend drawn, the
// ledger reconciled — saves a note and submits it to the manager, who sees it
// submitted; the return analysis shows returns and refusals apart with the
// split by reason, the operator writes next-step action plans that are still
// there after a reload; both print to A4 PDF with their charts. The month's
// register rows and their ledger documents come from the analyses generator
// (tests/helpers/analysesMonth.ts) on the demo's data folder before the host
// starts: the damage and return services are other slices' work.

import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateAnalysesMonth } from '../helpers/analysesMonth';
import { tempDir } from '../helpers/tempDirs';
import { initDataDir, launchBrowser, newPage, screenshot, startStation, type Station } from './harness';
import { pdfPages, printedPdf } from './printed';
import { AnalysisPage } from './pages/AnalysisPage';
import { LoginPage } from './pages/ConsolePage';

const month = '2026-11';
let browser: Browser;
let station: Station;
let operator: Page;
/** The month's damage reports: the 400 generated and the demo's own (its damaged arrivals open theirs). */
let damageReports = 0;

beforeAll(async () => {
  const dataDir = tempDir('e2e-analyses');
  await initDataDir(dataDir, ['--demo']);
  const db = new Database(path.join(dataDir, 'cangwu.db'));
  const id = (u: string) => (db.prepare('SELECT id FROM users WHERE username = ?').get(u) as { id: number }).id;
  const productIds = (db.prepare('SELECT id FROM products ORDER BY id LIMIT 40').all() as { id: number }[]).map(
    (p) => p.id,
  );
  const binIds = (
    db.prepare("SELECT id FROM locations WHERE kind = 'bin' ORDER BY id LIMIT 8").all() as { id: number }[]
  ).map((l) => l.id);
  const kdb = new Kysely<unknown>({ dialect: new SqliteDialect({ database: db }) });
  await generateAnalysesMonth(kdb, {
    month,
    damageLines: 400,
    returnLines: 300,
    previousLines: 120,
    userId: id('operator'),
    managerId: id('manager'),
    salespersonIds: [id('sales'), id('sales2'), id('sales3')],
    productIds,
    binIds,
  });
  damageReports = (
    db.prepare('SELECT COUNT(*) AS n FROM damage_reports WHERE entered_date LIKE ?').get(`${month}-%`) as {
      n: number;
    }
  ).n;
  // A second warehouse with nothing in it, for the warehouse filter.
  const wh = db.prepare("INSERT INTO locations (code, name, kind) VALUES ('WH2', '二号仓', 'warehouse')").run();
  const zone = db
    .prepare("INSERT INTO locations (code, name, kind, parent_id) VALUES ('WH2-A', '二号仓常温区', 'zone', ?)")
    .run(wh.lastInsertRowid);
  db.prepare("INSERT INTO locations (code, name, kind, parent_id) VALUES ('W2-01', '二号仓 1', 'bin', ?)").run(
    zone.lastInsertRowid,
  );
  db.close();
  station = await startStation({ dataDir });
  browser = await launchBrowser();
  operator = await newPage(browser);
  await new LoginPage(operator).openAs(station.url, 'operator');
}, 120_000);
afterAll(async () => {
  await operator?.close();
  await browser?.close();
  await station?.stop();
});

describe('monthly analyses', () => {
  it('shows the damage analysis with its Pareto chart, reconciled, and submits it to the manager', async () => {
    const a = new AnalysisPage(operator);
    await a.open('damageAnalysis', month);
    await expect.poll(() => a.chartBars('chart-pareto')).toBeGreaterThan(3);
    expect(damageReports).toBeGreaterThanOrEqual(400);
    expect(await operator.getByTestId('damage-total').innerText()).toContain(
      new Intl.NumberFormat('zh-CN').format(damageReports),
    );
    expect(await operator.getByTestId('analysis-reconciliation').innerText()).not.toContain('差异');
    expect((await operator.getByTestId('analysis-reconciliation').innerText()).match(/已核对 ✓/g)?.length).toBe(2);
    await screenshot(operator, 'analyses-01-damage');
    await operator.getByTestId('analysis-note').fill('压损与搬运损坏占一半以上，加强叉车培训');
    operator.once('dialog', (d) => void d.accept());
    await operator.getByTestId('analysis-submit').click();
    await expect.poll(() => a.state().innerText()).toBe('已递交经理');
    expect(await operator.getByTestId('analysis-who').innerText()).toContain('李操作');
    await screenshot(operator, 'analyses-02-damage-submitted');

    await operator.getByTestId('analysis-print').click();
    await operator.getByTestId('print-damage-analysis').waitFor();
    await expect.poll(() => a.chartBars('chart-pareto')).toBeGreaterThan(3);
    expect(await operator.getByTestId('damage-by-product').locator('tbody tr').count()).toBeGreaterThan(10);
    await screenshot(operator, 'analyses-03-damage-print');
    expect(pdfPages(await printedPdf(operator, 'analyses-damage'))).toBeGreaterThanOrEqual(1);
    await operator.keyboard.press('Escape');
    await operator.getByTestId('damage-analysis').waitFor();

    // The manager reads it as submitted, with the note.
    const manager = await newPage(browser);
    await new LoginPage(manager).openAs(station.url, 'manager');
    const m = new AnalysisPage(manager);
    await m.open('damageAnalysis', month);
    expect(await m.state().innerText()).toBe('已递交经理');
    expect(await manager.getByTestId('analysis-note-text').innerText()).toBe('压损与搬运损坏占一半以上，加强叉车培训');
    await manager.close();
  });

  it('shows returns and refusals apart, saves the action plans with the report, and prints it', async () => {
    const a = new AnalysisPage(operator);
    await a.open('returnAnalysis', month);
    await expect.poll(() => a.chartBars('chart-reasons')).toBeGreaterThan(3);
    const kinds = await operator.getByTestId('return-kinds').innerText();
    expect(kinds).toContain('退货');
    expect(kinds).toContain('拒收');
    expect(await operator.getByTestId('analysis-reconciliation').innerText()).toContain('已核对 ✓');
    await screenshot(operator, 'analyses-04-returns');
    const plan = operator.locator('[data-testid^="plan-salesperson-"]').first();
    await plan.fill('每周与客户核对库存，避免多订');
    await operator.getByTestId('plan-reason-expired').fill('临期商品提前一个月促销');
    await operator.getByTestId('analysis-save').click();
    await expect.poll(() => a.state().innerText()).toBe('草稿');
    await operator.reload();
    await operator.getByTestId('return-analysis').waitFor();
    await expect.poll(() => operator.getByTestId('plan-reason-expired').inputValue()).toBe('临期商品提前一个月促销');
    expect(await operator.locator('[data-testid^="plan-salesperson-"]').first().inputValue()).toBe(
      '每周与客户核对库存，避免多订',
    );
    await screenshot(operator, 'analyses-05-returns-plans');

    await operator.getByTestId('analysis-print').click();
    await operator.getByTestId('print-return-analysis').waitFor();
    await expect.poll(() => a.chartBars('chart-reasons')).toBeGreaterThan(3);
    expect(await operator.getByTestId('return-plans-print').innerText()).toContain('临期商品提前一个月促销');
    await screenshot(operator, 'analyses-06-returns-print');
    expect(pdfPages(await printedPdf(operator, 'analyses-returns'))).toBeGreaterThanOrEqual(1);
    await operator.keyboard.press('Escape');
  });

  it('filters the damage analysis to one warehouse, and prints what it shows', async () => {
    const a = new AnalysisPage(operator);
    await a.open('damageAnalysis', month);
    const total = () => operator.getByTestId('damage-total').innerText();
    const all = await total();
    const pick = async (code: string) => {
      const option = operator.getByTestId('analysis-warehouse').locator('option', { hasText: code });
      await operator.getByTestId('analysis-warehouse').selectOption((await option.getAttribute('value')) ?? '');
    };
    await pick('WH2');
    await expect.poll(total).not.toBe(all);
    expect(await total()).toMatch(/: 0 /);
    await screenshot(operator, 'analyses-07-damage-second-warehouse');
    await operator.getByTestId('analysis-print').click();
    await operator.getByTestId('print-damage-analysis').waitFor();
    expect(await operator.locator('body').innerText()).toContain('WH2 二号仓');
    await operator.keyboard.press('Escape');
    await operator.getByTestId('damage-analysis').waitFor();
    // Everything the generator wrote is in the first warehouse's bins.
    await pick('WH1');
    await expect.poll(total).toBe(all);
  });
});
