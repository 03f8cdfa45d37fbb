// 看板 The dashboard (issue 14 item 7): where the supervisor and the CS manager
// land. This week's KPIs, each with a small chart of the last eight weeks
// (Apache ECharts, the analyses' chart), the counts in progress, what awaits
// the manager's approval, today's orders and today's dispatch against the
// report's cut-off, the zones whose quality checklist was missed in the last
// week. Each tile opens what it summarises. Live: the events of
// what it shows reload it (at most every two seconds).
import type { EChartsCoreOption } from 'echarts/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComplaintsSummary, Dashboard, DashboardKpi, QualityMissedDay } from '../../../shared/contract';
import type { FailedRun } from '../../../shared/contract/schedules';
import { api } from '../../api/client';
import { navigate, pagesFor, type PageId } from '../../app/routes';
import { useSession } from '../../app/session';
import { useGridEvents } from '../../components/grid/useGridEvents';
import { useNotify } from '../../components/toast/useNotify';
import { addDaysTo } from '../../../shared/reports/weeks';
import { useFormat, warehouseDay, type Formatters } from '../../i18n/format';
import { Chart } from '../analyses/Chart';
import { gradeLabel, kpiDetail, kpiValue, targetText, warehouseMonth } from './kpiFormat';

function trendOption(k: DashboardKpi, f: Formatters): EChartsCoreOption {
  // Fewer than two weeks with a figure draw no line: show the point and its value.
  const sparse = k.trend.filter((p) => p.value !== null).length < 2;
  return {
    // A lone point appears at once (the line's animation brings its symbol in last).
    ...(sparse && { animation: false }),
    grid: { left: 36, right: 8, top: 8, bottom: 20 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: k.trend.map((p) => p.isoWeek.slice(5)), axisLabel: { fontSize: 9 } },
    yAxis: {
      type: 'value',
      scale: true,
      // Three or four labels fit a tile's height; a percentage never reads above 100 or below 0,
      // a count never below 0 nor in fractions.
      splitNumber: 3,
      axisLabel: { fontSize: 9 },
      ...(k.unit === 'pct' && {
        min: (v: { min: number }) => Math.max(0, Math.floor(v.min - 5)),
        max: (v: { max: number }) => Math.min(100, Math.ceil(v.max + 5)),
      }),
      ...(k.unit === 'count' && { min: 0, minInterval: 1 }),
    },
    series: [
      {
        type: 'line',
        data: k.trend.map((p) => p.value),
        connectNulls: true,
        symbolSize: sparse ? 9 : 5,
        ...(sparse && {
          symbol: 'circle',
          showSymbol: true,
          showAllSymbol: true,
          label: {
            show: true,
            fontSize: 10,
            formatter: (p: { value: unknown }) => kpiValue(f, k.unit, p.value as number | null),
          },
        }),
        lineStyle: { color: '#2f6fb3' },
        itemStyle: { color: '#2f6fb3' },
        ...(k.target !== null && {
          markLine: {
            silent: true,
            symbol: 'none',
            data: [{ yAxis: k.target }],
            lineStyle: { type: 'dashed', color: '#888' },
            label: { show: false },
          },
        }),
      },
    ],
  };
}

function KpiTile({ k, f, onOpen }: { k: DashboardKpi; f: Formatters; onOpen(): void }) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className={`dash-tile dash-kpi${k.grade ? ` kpi-${k.grade}` : ''}`}
      data-testid={`dash-kpi-${k.kpi}`}
      onClick={onOpen}
      title={t(`kpi:definition.${k.kpi}`)}
    >
      <span className="dash-tile-title">{t(`kpi:name.${k.kpi}`)}</span>
      <span className="dash-kpi-value">{kpiValue(f, k.unit, k.figure.value) || t('kpi:none')}</span>
      <span className="dash-kpi-line">
        {gradeLabel(t, k.grade)} {targetText(k.unit, k.better, k.target, f)}
      </span>
      <span className="dash-kpi-line">{kpiDetail(t, f, k.kpi, k.figure)}</span>
      <Chart option={trendOption(k, f)} height={90} testId={`dash-trend-${k.kpi}`} />
    </button>
  );
}

export function DashboardPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const { session } = useSession();
  const allowed = pagesFor(session.user.roles);
  const open = (...pages: PageId[]) => {
    const page = pages.find((p) => allowed.includes(p));
    if (page) navigate(page);
  };
  const [d, setD] = useState<Dashboard | null>(null);
  const [failed, setFailed] = useState<FailedRun[]>([]);
  const [complaints, setComplaints] = useState<ComplaintsSummary | null>(null);
  const [quality, setQuality] = useState<{ missed: QualityMissedDay[]; overdue: number } | null>(null);
  const load = useCallback(async () => {
    try {
      // Failed scheduled runs of the last week (reports and the automatic backup): never silent.
      const since = new Date(Date.now() - 7 * 86_400_000).toISOString();
      // Quality checks (issue 17 §1): the zones × working days of the last week with no record.
      const today = warehouseDay();
      const [dash, runs, summary, missed, actions] = await Promise.all([
        api.request('kpi.dashboard', {}),
        api.request('schedules.failures', { since }),
        api.request('complaints.summary', {}),
        api.request('quality.missedDays', { from: addDaysTo(today, -7), to: addDaysTo(today, -1) }),
        api.request('quality.actions', { state: 'open' }),
      ]);
      setD(dash);
      setFailed(runs);
      setComplaints(summary);
      setQuality({ missed, overdue: actions.filter((a) => a.overdue).length });
    } catch (e) {
      notify.error(e);
    }
  }, [notify]);
  useEffect(() => {
    void load();
  }, [load]);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);
  const reload = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void load(), 2000);
  };
  useGridEvents({
    'kpi.changed': reload,
    'counts.changed': reload,
    'orders.changed': reload,
    'dispatch.changed': reload,
    'returns.changed': reload,
    'damage.changed': reload,
    'receipts.changed': reload,
    'complaints.changed': reload,
    'quality.changed': reload,
    'schedules.changed': reload,
    'backups.changed': reload,
    reconnected: () => void load(),
  });

  if (!d) return <section className="page-body dash-page" data-testid="dashboard" />;
  const month = warehouseMonth(f.timeZone);
  const cutoff = new Intl.DateTimeFormat(f.locale, {
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
    timeZone: f.timeZone,
  }).format(new Date(d.dispatch.cutoffAt));
  const pending = Object.entries(d.approvals) as [keyof Dashboard['approvals'], number][];
  return (
    <section className="page-body dash-page" data-testid="dashboard">
      <div className="toolbar">
        <h2>{t('kpi:dashboard.title')}</h2>
        <span className="toolbar-spacer" />
        {allowed.includes('kpiReview') && (
          <button type="button" onClick={() => navigate('kpiReview')} data-testid="dash-open-review">
            {t('kpi:review.title')}
          </button>
        )}
        <button type="button" onClick={() => navigate('kpiTracker', { month })} data-testid="dash-open-tracker">
          {t('kpi:dashboard.openTracker')}
        </button>
      </div>
      <h3>
        {t('kpi:dashboard.thisWeek', { week: d.week.isoWeek, from: d.week.from, to: d.week.to })} ·{' '}
        <span className="page-hint">{t('kpi:dashboard.trend')}</span>
      </h3>
      <div className="dash-grid dash-kpis">
        {d.kpis.map((k) => (
          <KpiTile key={k.kpi} k={k} f={f} onOpen={() => navigate('kpiTracker', { month })} />
        ))}
      </div>
      <div className="dash-grid">
        {failed.length > 0 && (
          <div className="dash-tile dash-failed" data-testid="dash-failed" role="alert">
            <span className="dash-tile-title">{t('kpi:dashboard.failed.title')}</span>
            <span className="dash-big">{failed.length}</span>
            {failed.slice(0, 4).map((r) => (
              <span key={`${r.kind}:${r.ranAt}`} className="dash-kpi-line">
                {t(`kpi:dashboard.failed.kind.${r.kind}`)} · {f.dateTime(r.ranAt)} ·{' '}
                {t(`errors:${r.error?.code ?? 'backup.failed'}`, { ...r.error, defaultValue: r.error?.code ?? '' })}
                {r.error?.reason ? ` (${r.error.reason})` : ''}
              </span>
            ))}
            {allowed.includes(failed[0]!.kind === 'backup' ? 'users' : 'schedules') && (
              <button
                type="button"
                className="link-button"
                data-testid="dash-failed-log"
                onClick={() => (failed[0]!.kind === 'backup' ? navigate('users') : navigate('schedules'))}
              >
                {t('kpi:dashboard.failed.openLog')}
              </button>
            )}
          </div>
        )}
        {complaints && (
          <button
            type="button"
            className="dash-tile"
            data-testid="dash-complaints"
            onClick={() =>
              allowed.includes('complaints') &&
              navigate('complaints', {
                deadline: complaints.atRisk > 0 || complaints.overdue === 0 ? 'atRisk' : 'overdue',
              })
            }
          >
            <span className="dash-tile-title">{t('kpi:dashboard.complaints.title')}</span>
            <span className="dash-big">{f.qty(complaints.atRisk + complaints.overdue)}</span>
            <span className={`dash-kpi-line${complaints.atRisk > 0 ? ' kpi-near' : ''}`}>
              {t('kpi:dashboard.complaints.atRisk', { n: f.qty(complaints.atRisk) })}
            </span>
            <span className={`dash-kpi-line${complaints.overdue > 0 ? ' kpi-missed' : ''}`}>
              {t('kpi:dashboard.complaints.overdue', { n: f.qty(complaints.overdue) })}
            </span>
            <span className="dash-kpi-line">{t('kpi:dashboard.complaints.open', { n: f.qty(complaints.open) })}</span>
          </button>
        )}
        {quality && (
          <button type="button" className="dash-tile" data-testid="dash-quality" onClick={() => open('quality')}>
            <span className="dash-tile-title">{t('kpi:dashboard.quality.title')}</span>
            <span className="dash-big">{f.qty(quality.missed.length)}</span>
            <span className={`dash-kpi-line${quality.missed.length > 0 ? ' kpi-missed' : ''}`}>
              {t('kpi:dashboard.quality.missed', { n: f.qty(quality.missed.length) })}
            </span>
            {quality.missed.slice(0, 4).map((m) => (
              <span key={`${m.zoneId}-${m.date}`} className="dash-kpi-line">
                {m.date.slice(5)} {m.zoneName}
              </span>
            ))}
            {quality.missed.length > 4 && (
              <span className="dash-kpi-line">{t('kpi:dashboard.quality.more', { n: quality.missed.length - 4 })}</span>
            )}
            <span className={`dash-kpi-line${quality.overdue > 0 ? ' kpi-near' : ''}`}>
              {t('kpi:dashboard.quality.overdue', { n: f.qty(quality.overdue) })}
            </span>
          </button>
        )}
        <button type="button" className="dash-tile" data-testid="dash-counts" onClick={() => open('counts')}>
          <span className="dash-tile-title">{t('kpi:dashboard.counts')}</span>
          <span className="dash-big">{d.counts.length}</span>
          {d.counts.length === 0 ? (
            <span className="dash-kpi-line">{t('kpi:dashboard.noCounts')}</span>
          ) : (
            d.counts.slice(0, 5).map((c) => (
              <span key={c.sessionId} className="dash-kpi-line">
                {c.number} · {t(`kpi:dashboard.countState.${c.state}`, { defaultValue: c.state })}
              </span>
            ))
          )}
        </button>
        <button
          type="button"
          className="dash-tile"
          data-testid="dash-approvals"
          onClick={() => open('approvals', 'damage')}
        >
          <span className="dash-tile-title">{t('kpi:dashboard.approvals')}</span>
          <span className="dash-big">{pending.reduce((n, [, v]) => n + v, 0)}</span>
          {pending.map(([k, v]) => (
            <span key={k} className="dash-kpi-line">
              {t(`kpi:dashboard.approval.${k}`)}: {f.qty(v)}
            </span>
          ))}
        </button>
        <button type="button" className="dash-tile" data-testid="dash-orders" onClick={() => open('orders')}>
          <span className="dash-tile-title">{t('kpi:dashboard.orders', { date: d.orders.date })}</span>
          <span className="dash-big">{f.qty(d.orders.total)}</span>
          {d.orders.total === 0 && <span className="dash-kpi-line">{t('kpi:dashboard.noOrders')}</span>}
          {Object.entries(d.orders.byState).map(([s, n]) => (
            <span key={s} className="dash-kpi-line">
              {t(`orders:state.${s}`, { defaultValue: s })}: {f.qty(n)}
            </span>
          ))}
        </button>
        <button
          type="button"
          className="dash-tile"
          data-testid="dash-dispatch"
          onClick={() => open('dispatchReport', 'dispatchBoard')}
        >
          <span className="dash-tile-title">{t('kpi:dashboard.dispatch', { date: d.dispatch.date })}</span>
          <span className="dash-kpi-line">
            {t('kpi:dashboard.trips', { departed: d.dispatch.tripsDeparted, total: d.dispatch.trips })}
          </span>
          <progress max={Math.max(1, d.dispatch.orders)} value={d.dispatch.ordersLoaded} />
          <span className="dash-kpi-line">
            {t('kpi:dashboard.loaded', { loaded: f.qty(d.dispatch.ordersLoaded), total: f.qty(d.dispatch.orders) })}
          </span>
          <span className="dash-kpi-line">{t('kpi:dashboard.cutoff', { time: cutoff })}</span>
          <span
            className={`dash-kpi-line${d.dispatch.reportLate ? ' kpi-missed' : d.dispatch.reportLate === false ? ' kpi-met' : ''}`}
            data-testid="dash-report"
          >
            {t(`kpi:dashboard.report.${d.dispatch.reportState ?? 'none'}`)}
            {d.dispatch.reportLate !== null &&
              ` · ${d.dispatch.reportLate ? t('kpi:dashboard.late') : t('kpi:dashboard.onTime')}`}
          </span>
        </button>
      </div>
    </section>
  );
}
