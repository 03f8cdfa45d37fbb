// The analyses' chart options: the Pareto of damage causes (bars of the amount
// by cause, largest first, with the cumulative share as a line on a 0–100 %
// axis), the trend of the last four months, and the split of returns by reason.
// Each is a category chart built by one base option (colours, tooltip, legend
// from the series' names, grid, category axis).
import type { EChartsCoreOption } from 'echarts/core';
import type { DamageCauseRow, ReturnReasonRow, ReturnTrendPoint, TrendPoint } from '../../../shared/contract';

const yuan = (fen: number) => Math.round(fen) / 100;
const colors = ['#2f6fb3', '#d9822b', '#3a9d5d', '#b3423a'];

type Series = {
  name: string;
  type: 'bar' | 'line';
  data: number[];
  yAxisIndex?: number;
  stack?: string;
  label?: { show: boolean; formatter: string };
};

/**
 * A chart over categories (causes, reasons, months). `rotateAbove`: long
 * category names are tilted when there are more of them than that, and the
 * grid keeps room below for them.
 */
function categoryOption(o: {
  categories: string[];
  series: Series[];
  yAxis: object | object[];
  right: number;
  rotateAbove?: number;
}): EChartsCoreOption {
  const tilted = o.rotateAbove !== undefined;
  return {
    color: colors,
    tooltip: { trigger: 'axis' },
    legend: { data: o.series.map((s) => s.name), top: 0 },
    grid: { left: 60, right: o.right, top: 30, bottom: tilted ? 50 : 30 },
    xAxis: {
      type: 'category',
      data: o.categories,
      ...(tilted && { axisLabel: { interval: 0, rotate: o.categories.length > o.rotateAbove! ? 30 : 0 } }),
    },
    yAxis: o.yAxis,
    series: o.series,
  };
}

export function paretoOption(
  causes: DamageCauseRow[],
  label: (c: DamageCauseRow) => string,
  names: { amount: string; cumulative: string },
): EChartsCoreOption {
  return categoryOption({
    categories: causes.map(label),
    right: 50,
    rotateAbove: 6,
    yAxis: [
      { type: 'value', name: names.amount },
      { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    ],
    series: [
      { name: names.amount, type: 'bar', data: causes.map((c) => yuan(c.amountFen)) },
      {
        name: names.cumulative,
        type: 'line',
        yAxisIndex: 1,
        data: causes.map((c) => c.cumulativePct),
        label: { show: true, formatter: '{c}%' },
      },
    ],
  });
}

export function damageTrendOption(trend: TrendPoint[], names: { qty: string; amount: string }): EChartsCoreOption {
  return categoryOption({
    categories: trend.map((t) => t.month),
    right: 60,
    yAxis: [
      { type: 'value', name: names.qty },
      { type: 'value', name: names.amount },
    ],
    series: [
      { name: names.qty, type: 'bar', data: trend.map((t) => t.qty) },
      { name: names.amount, type: 'line', yAxisIndex: 1, data: trend.map((t) => yuan(t.amountFen)) },
    ],
  });
}

export function reasonOption(
  reasons: ReturnReasonRow[],
  label: (r: ReturnReasonRow) => string,
  names: { report: string; refusal: string },
): EChartsCoreOption {
  return categoryOption({
    categories: reasons.map(label),
    right: 20,
    rotateAbove: 5,
    yAxis: { type: 'value' },
    series: [
      { name: names.report, type: 'bar', stack: 'qty', data: reasons.map((r) => r.reportQty) },
      { name: names.refusal, type: 'bar', stack: 'qty', data: reasons.map((r) => r.refusalQty) },
    ],
  });
}

export function returnTrendOption(
  trend: ReturnTrendPoint[],
  names: { report: string; refusal: string },
): EChartsCoreOption {
  return categoryOption({
    categories: trend.map((t) => t.month),
    right: 20,
    yAxis: { type: 'value' },
    series: [
      { name: names.report, type: 'bar', data: trend.map((t) => t.reportQty) },
      { name: names.refusal, type: 'bar', data: trend.map((t) => t.refusalQty) },
    ],
  });
}
