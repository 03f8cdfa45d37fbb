// The Pareto of customer value: each customer's net value as a bar (largest
// first, left axis in yuan) and the cumulative share of the value as a line on
// a 0–100 % axis, with the A threshold (80 % by default) drawn flat across, so
// where the line crosses it is where the A customers end.
import type { EChartsCoreOption } from 'echarts/core';
import type { CustomerValueAnalysis } from '../../../shared/contract';

export function paretoOption(
  a: CustomerValueAnalysis,
  names: { money: string; cumulative: string; line: string; customers: string },
): EChartsCoreOption {
  const ranked = a.rows.filter((r) => r.rank !== null);
  const colour = { A: '#2f6fb3', B: '#d9822b', C: '#9aa3ad' } as const;
  return {
    color: ['#2f6fb3', '#3a9d5d', '#b3423a'],
    tooltip: { trigger: 'axis' },
    legend: { data: [names.money, names.cumulative, names.line], top: 0 },
    grid: { left: 70, right: 50, top: 34, bottom: 40 },
    xAxis: {
      type: 'category',
      name: names.customers,
      nameLocation: 'middle',
      nameGap: 24,
      data: ranked.map((r) => `${r.rank} ${r.customerCode}`),
      axisLabel: { show: false },
      axisTick: { show: false },
    },
    yAxis: [
      { type: 'value', name: names.money },
      { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    ],
    series: [
      {
        name: names.money,
        type: 'bar',
        data: ranked.map((r) => ({
          value: Math.round(r.moneyFen) / 100,
          itemStyle: { color: colour[r.valueClass ?? 'C'] },
        })),
      },
      {
        name: names.cumulative,
        type: 'line',
        yAxisIndex: 1,
        showSymbol: false,
        data: ranked.map((r) => Math.round(r.cumulativePct * 10) / 10),
      },
      {
        name: names.line,
        type: 'line',
        yAxisIndex: 1,
        showSymbol: false,
        lineStyle: { type: 'dashed' },
        data: ranked.map(() => a.aSharePct),
      },
    ],
  };
}
