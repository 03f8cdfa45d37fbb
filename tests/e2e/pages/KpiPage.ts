// The dashboard and the KPI tracker as a test drives them (issue 14 items 3 and 7).
import type { Locator, Page } from 'playwright-core';

export class DashboardPage {
  constructor(readonly page: Page) {}
  get root(): Locator {
    return this.page.getByTestId('dashboard');
  }
  kpi(kpi: string): Locator {
    return this.page.getByTestId(`dash-kpi-${kpi}`);
  }
  /** The points an 8-week trend drew (ECharts draws the line and each symbol as SVG paths). */
  trendPaths(kpi: string) {
    return this.page.getByTestId(`dash-trend-${kpi}`).locator('svg path').count();
  }
  async openTracker() {
    await this.page.getByTestId('dash-open-tracker').click();
    await this.page.getByTestId('kpi-table').waitFor();
  }
}

export class KpiTrackerPage {
  constructor(readonly page: Page) {}
  cell(kpi: string, period: string): Locator {
    return this.page.getByTestId(`kpi-cell-${kpi}-${period}`);
  }
  row(kpi: string): Locator {
    return this.page.getByTestId(`kpi-row-${kpi}`);
  }
  /** Clicks a figure and waits for the records behind it. */
  async drill(kpi: string, period: string) {
    await this.cell(kpi, period).locator('button').click();
    await this.page.getByTestId('kpi-drill-grid').waitFor();
  }
  drillRows(): Locator {
    return this.page.getByTestId('kpi-drill-grid').locator('.ag-row:not(.ag-row-pinned)');
  }
  async setTarget(kpi: string, value: string) {
    await this.page.getByTestId(`kpi-target-${kpi}`).fill(value);
    await this.page.getByTestId(`kpi-target-save-${kpi}`).click();
  }
}
