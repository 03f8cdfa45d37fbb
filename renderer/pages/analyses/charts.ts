// The analyses' chart options: the Pareto of damage causes (bars of the amount
// by cause, largest first, with the cumulative share as a line on a 0–100 %
// axis), the trend of the last four months, and the split of returns by reason.
import type { EChartsCoreOption } from 'echarts/core';
import type { DamageCauseRow, ReturnReasonRow, ReturnTrendPoint, TrendPoint } from '../../../shared/contract';

const yuan = (fen: number) => Math.round(fen) / 100;
const colors = ['#2f6fb3', '#d9822b', '#3a9d5d', '#b3423a'];

export function paretoOption(
  causes: DamageCauseRow[],
  label: (c: DamageCauseRow) => string,
  names: { amount: string; cumulative: string },
): EChartsCoreOption {
  return {
    color: colors,
    tooltip: { trigger: 'axis' },
    legend: { data: [names.amount, names.cumulative], top: 0 },
    grid: { left: 60, right: 50, top: 30, bottom: 50 },
    xAxis: {
      type: 'category',
      data: causes.map(label),
      axisLabel: { interval: 0, rotate: causes.length > 6 ? 30 : 0 },
    },
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
  };
}

export function damageTrendOption(trend: TrendPoint[], names: { qty: string; amount: string }): EChartsCoreOption {
  return {
    color: colors,
    tooltip: { trigger: 'axis' },
    legend: { data: [names.qty, names.amount], top: 0 },
    grid: { left: 60, right: 60, top: 30, bottom: 30 },
    xAxis: { type: 'category', data: trend.map((t) => t.month) },
    yAxis: [
      { type: 'value', name: names.qty },
      { type: 'value', name: names.amount },
    ],
    series: [
      { name: names.qty, type: 'bar', data: trend.map((t) => t.qty) },
      { name: names.amount, type: 'line', yAxisIndex: 1, data: trend.map((t) => yuan(t.amountFen)) },
    ],
  };
}

export function reasonOption(
  reasons: ReturnReasonRow[],
  label: (r: ReturnReasonRow) => string,
  names: { report: string; refusal: string },
): EChartsCoreOption {
  return {
    color: colors,
    tooltip: { trigger: 'axis' },
    legend: { data: [names.report, names.refusal], top: 0 },
    grid: { left: 60, right: 20, top: 30, bottom: 50 },
    xAxis: {
      type: 'category',
      data: reasons.map(label),
      axisLabel: { interval: 0, rotate: reasons.length > 5 ? 30 : 0 },
    },
    yAxis: { type: 'value' },
    series: [
      { name: names.report, type: 'bar', stack: 'qty', data: reasons.map((r) => r.reportQty) },
      { name: names.refusal, type: 'bar', stack: 'qty', data: reasons.map((r) => r.refusalQty) },
    ],
  };
}

export function returnTrendOption(
  trend: ReturnTrendPoint[],
  names: { report: string; refusal: string },
): EChartsCoreOption {
  return {
    color: colors,
    tooltip: { trigger: 'axis' },
    legend: { data: [names.report, names.refusal], top: 0 },
    grid: { left: 60, right: 20, top: 30, bottom: 30 },
    xAxis: { type: 'category', data: trend.map((t) => t.month) },
    yAxis: { type: 'value' },
    series: [
      { name: names.report, type: 'bar', data: trend.map((t) => t.reportQty) },
      { name: names.refusal, type: 'bar', data: trend.map((t) => t.refusalQty) },
    ],
  };
}
