// Sheets printed when the plan is made (issue 5, Flow 1): the keeper plans a
// blind cycle count of the class-A products, the 20 lines of highest value,
// with the bins locked; the form says how many lines that gives before saving;
// the planned session prints its sheet from the scope — no book column, and a
// note that the snapshot at the start decides — on A4.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, screenshot, screenshotDir, startStation, type Station } from './harness';
import { LoginPage } from './pages/ConsolePage';
import { CountPage } from './pages/CountPage';

let browser: Browser;
let station: Station;
let keeper: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  station = await startStation({ init: ['--demo'] });
  keeper = await newPage(browser);
  await new LoginPage(keeper).openAs(station.url, 'keeper');
});
afterAll(async () => {
  await keeper?.close();
  await browser?.close();
  await station?.stop();
});

describe('a planned cycle count', () => {
  it('shows how many lines its scope gives before saving, and prints its sheet before the start', async () => {
    const counts = new CountPage(keeper);
    await counts.open();
    await counts.startPlan();
    await keeper.getByTestId('count-plan-area-warehouse').check();
    await keeper.getByTestId('count-plan-abc-A').check();
    await keeper.getByTestId('count-plan-top').fill('20');
    await keeper.getByTestId('count-plan-lock').check();
    await counts.setCounter(0, '张仓管');
    const preview = keeper.getByTestId('count-plan-preview');
    await expect.poll(() => preview.innerText()).toMatch(/^按现在的账面：20 行，\d+ 个库位，\d+ 个商品/);
    await screenshot(keeper, 'count-plan-01-preview');
    await counts.submitPlan();
    expect(await counts.state().innerText()).toBe('已计划');
    expect(await keeper.getByTestId('count-session-lock').innerText()).toBe('库位锁定');
    await expect.poll(() => keeper.getByTestId('count-session-progress').innerText()).toContain('20 行');

    await counts.openPrint();
    await expect.poll(() => counts.printView.locator('tbody tr:not(.cp-extra)').count()).toBe(20);
    expect(await keeper.getByTestId('count-sheet-print-plan').innerText()).toBe(
      '按计划范围打印，开始盘点时以快照为准。',
    );
    // Blind: no book column on the sheet.
    expect(await keeper.locator('th.cp-book').count()).toBe(0);
    const text = await counts.printView.innerText();
    expect(text).not.toContain('账面数');
    expect(text).toContain('本库位完成');
    expect(await keeper.locator('.print-meta').innerText()).toContain('A 类商品');
    await screenshot(keeper, 'count-plan-02-sheet');
    await keeper.emulateMedia({ media: 'print' });
    const pdf = await keeper.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    await keeper.emulateMedia({ media: 'screen' });
    fs.mkdirSync(screenshotDir, { recursive: true });
    fs.writeFileSync(path.join(screenshotDir, 'count-plan-sheet.pdf'), pdf);
    expect((pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length).toBeGreaterThanOrEqual(1);
    await keeper.keyboard.press('Escape');
    await keeper.getByTestId('count-session').waitFor();
  });
});
