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
    return Number((await this.tab(section).locator('.sa-count').innerText()).trim());
  }
  rows(): Locator {
    return this.page.locator('.ag-center-cols-container .ag-row');
  }
  async open(section: (typeof stockAnalysisSections)[number]) {
    await this.tab(section).click();
    await this.page.getByTestId('sa-note').waitFor();
  }
}
