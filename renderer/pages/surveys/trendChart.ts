// The satisfaction trend (issue 17 §5): the index month by month as a line on
// a 0–100 % axis, the responses of each month as bars on their own axis, so a
// month with few answers is seen for what it is.
import type { EChartsCoreOption } from 'echarts/core';
import type { SurveyTrendPoint } from '../../../shared/contract';

export function trendOption(trend: SurveyTrendPoint[], names: { index: string; responses: string }): EChartsCoreOption {
  return {
    color: ['#9aa3ad', '#2f6fb3'],
    tooltip: { trigger: 'axis' },
    legend: { data: [names.responses, names.index], top: 0 },
    grid: { left: 50, right: 50, top: 34, bottom: 30 },
    xAxis: { type: 'category', data: trend.map((p) => p.month) },
    yAxis: [
      { type: 'value', min: 0, minInterval: 1, name: names.responses },
      { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    ],
    series: [
      { name: names.responses, type: 'bar', barMaxWidth: 28, data: trend.map((p) => p.responses) },
      {
        name: names.index,
        type: 'line',
        yAxisIndex: 1,
        connectNulls: false,
        data: trend.map((p) => (p.indexPermille === null ? null : p.indexPermille / 10)),
      },
    ],
  };
}
