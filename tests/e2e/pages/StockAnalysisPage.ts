// The stock analysis report 库存分析报表 (renderer/pages/reports/StockAnalysisPage.tsx).
import type { Locator, Page } from 'playwright-core';

export const stockAnalysisSections = ['slowMovers', 'idle', 'aged', 'topDays', 'oldCodes'] as const;

export class StockAnalysisPage {
  readonly root: Locator;
  constructor(readonly page: Page) {
    this.root = page.getByTestId('stockAnalysis');
  }
  tab(section: (typeof stockAnalysisSections)[number]): Locator {
    return this.page.getByTestId(`sa-tab-${section}`);
  }
  /** The number of lines a section's tab announces. */
  async count(section: (typeof stockAnalysisSections)[number]): Promise<number> {
    return Number((await this.tab(section).locator('.tab-count').innerText()).trim());
  }
  rows(): Locator {
    // Visible body rows (the pinned total and AG Grid's empty sticky containers left out).
    return this.root.locator('.ag-row:not(.ag-row-pinned)').filter({ visible: true });
  }
  async open(section: (typeof stockAnalysisSections)[number]) {
    await this.tab(section).click();
    await this.page.getByTestId('sa-note').waitFor();
  }
}
