// The classification statistics 顾客投诉分类统计表 as shown on the page and in
// the A4 print (issue 16 §3): the month's totals with the valid rate and the
// on-time rate, a chart by category, the four breakdowns and the trend.
import type { EChartsCoreOption } from 'echarts/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { ComplaintCategory, ComplaintStatLine, ComplaintStats } from '../../../shared/contract';
import { Chart } from '../analyses/Chart';
import { categoryName, pct } from './words';

export type Breakdown = 'byCategory' | 'byDepartment' | 'byArea' | 'bySalesperson';
export const breakdowns: Breakdown[] = ['byCategory', 'byDepartment', 'byArea', 'bySalesperson'];

/** The name of one line of a breakdown, in the active language. */
export function lineLabel(
  t: TFunction,
  b: Breakdown,
  l: ComplaintStatLine,
  categories: ComplaintCategory[],
  zh: boolean,
): string {
  if (b === 'byCategory') return categoryName(categories, l.key, zh);
  if (b === 'byDepartment') return t(`complaints:department.${l.key}`);
  if (b === 'byArea') return l.key || t('complaints:stats.noCustomer');
  return l.label ?? t('complaints:stats.noSalesperson');
}

const colors = ['#2f6fb3', '#d9822b', '#3a9d5d', '#b3423a'];

function categoryOption(s: ComplaintStats, label: (l: ComplaintStatLine) => string, t: TFunction): EChartsCoreOption {
  const n = (k: string) => t(`complaints:stats.${k}`);
  return {
    color: colors,
    tooltip: { trigger: 'axis' },
    legend: { data: [n('valid'), n('invalid'), n('resolvedOnTime')], top: 0 },
    grid: { left: 40, right: 20, top: 30, bottom: 50 },
    xAxis: {
      type: 'category',
      data: s.byCategory.map(label),
      axisLabel: { interval: 0, rotate: s.byCategory.length > 5 ? 30 : 0 },
    },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: n('valid'), type: 'bar', stack: 'judged', data: s.byCategory.map((l) => l.valid) },
      { name: n('invalid'), type: 'bar', stack: 'judged', data: s.byCategory.map((l) => l.invalid) },
      { name: n('resolvedOnTime'), type: 'bar', data: s.byCategory.map((l) => l.resolvedOnTime) },
    ],
  };
}

function trendOption(s: ComplaintStats, t: TFunction): EChartsCoreOption {
  const n = (k: string) => t(`complaints:stats.${k}`);
  return {
    color: colors,
    tooltip: { trigger: 'axis' },
    legend: { data: [n('received'), n('valid'), n('resolvedOnTime')], top: 0 },
    grid: { left: 40, right: 20, top: 30, bottom: 30 },
    xAxis: { type: 'category', data: s.trend.map((p) => p.month) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: n('received'), type: 'bar', data: s.trend.map((p) => p.received) },
      { name: n('valid'), type: 'line', data: s.trend.map((p) => p.valid) },
      { name: n('resolvedOnTime'), type: 'line', data: s.trend.map((p) => p.resolvedOnTime) },
    ],
  };
}

function LinesTable({
  title,
  lines,
  total,
  label,
  testId,
}: {
  title: string;
  lines: ComplaintStatLine[];
  total: ComplaintStatLine;
  label(l: ComplaintStatLine): string;
  testId: string;
}) {
  const { t } = useTranslation();
  const n = (k: string) => t(`complaints:stats.${k}`);
  const row = (name: string, l: ComplaintStatLine, cls = '') => (
    <tr key={name} className={cls}>
      <td>{name}</td>
      <td className="num">{l.received}</td>
      <td className="num">{l.valid}</td>
      <td className="num">{l.invalid}</td>
      <td className="num">{pct(l.valid, l.valid + l.invalid)}</td>
      <td className="num">{l.resolved}</td>
      <td className="num">{l.resolvedOnTime}</td>
      <td className="num">{pct(l.resolvedOnTime, l.resolved)}</td>
    </tr>
  );
  return (
    <section className="print-section">
      <h3>{title}</h3>
      <table className="print-table" data-testid={testId}>
        <thead>
          <tr>
            <th>{n('key')}</th>
            <th className="num">{n('received')}</th>
            <th className="num">{n('valid')}</th>
            <th className="num">{n('invalid')}</th>
            <th className="num">{n('validRate')}</th>
            <th className="num">{n('resolved')}</th>
            <th className="num">{n('resolvedOnTime')}</th>
            <th className="num">{n('onTimeRate')}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => row(label(l), l))}
          {row(n('total'), total, 'total')}
        </tbody>
      </table>
    </section>
  );
}

export function StatsView({
  s,
  categories,
  print = false,
}: {
  s: ComplaintStats;
  categories: ComplaintCategory[];
  print?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const zh = i18n.language === 'zh-CN';
  const n = (k: string) => t(`complaints:stats.${k}`);
  const label = (b: Breakdown) => (l: ComplaintStatLine) => lineLabel(t, b, l, categories, zh);
  const catOption = useMemo(() => categoryOption(s, label('byCategory'), t), [s, t, categories, zh]); // eslint-disable-line react-hooks/exhaustive-deps
  const trend = useMemo(() => trendOption(s, t), [s, t]);
  const tt = s.total;
  return (
    <div className="complaint-stats" data-testid="complaint-stats">
      <p className="complaint-stats-summary" data-testid="complaint-stats-total">
        {n('received')} <strong>{tt.received}</strong> · {n('validRate')}{' '}
        <strong>{pct(tt.valid, tt.valid + tt.invalid)}</strong> · {n('onTimeRate')}{' '}
        <strong>{pct(tt.resolvedOnTime, tt.resolved)}</strong> · {n('respondedOnTime')}{' '}
        <strong>{pct(tt.respondedOnTime, tt.valid + tt.invalid)}</strong>
      </p>
      {tt.received === 0 ? (
        <p className="page-hint">{n('empty')}</p>
      ) : (
        <Chart option={catOption} print={print} testId="complaint-stats-chart" />
      )}
      {breakdowns.map((b) => (
        <LinesTable key={b} title={n(b)} lines={s[b]} total={tt} label={label(b)} testId={`complaint-stats-${b}`} />
      ))}
      <section className="print-section">
        <h3>{n('trend')}</h3>
        <Chart option={trend} print={print} testId="complaint-stats-trend" />
      </section>
    </div>
  );
}
