// The monthly analyses pages (damage, returns) as a test drives them.
import type { Page } from 'playwright-core';

export class AnalysisPage {
  constructor(readonly page: Page) {}
  async open(page: 'damageAnalysis' | 'returnAnalysis', month: string) {
    await this.page.evaluate(([p, m]) => (window.location.hash = `#/${p}?month=${m}`), [page, month] as const);
    await this.page.getByTestId(page === 'damageAnalysis' ? 'damage-analysis' : 'return-analysis').waitFor();
    await this.state().waitFor();
  }
  state() {
    return this.page.getByTestId('analysis-state');
  }
  /** The bars an SVG chart drew (ECharts draws each bar as a path). */
  chartBars(testId: string) {
    return this.page.getByTestId(testId).locator('svg path').count();
  }
}
