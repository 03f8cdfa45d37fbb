// 客户服务部重要衡量指标跟踪表 The KPI tracker (issue 14 item 3, R14): for a
// month, each KPI per week (第一周 … 第四周, 第五周 where the month has one) and
// for the month, coloured against the CS manager's targets; every figure opens
// the records it comes from in a side panel. CSV and an A4 print. Live: a
// target set, a count, an order, a delivery, a return or a receipt anywhere
// reloads it (at most every two seconds).
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KpiId, KpiTracker } from '../../../shared/contract';
import { api } from '../../api/client';
import { navigate, openPrint, useRoute } from '../../app/routes';
import { hasRole, useSession } from '../../app/session';
import { useGridEvents } from '../../components/grid/useGridEvents';
import { useNotify } from '../../components/toast/useNotify';
import { useFormat } from '../../i18n/format';
import { downloadBytes, downloadText, xlsxMime } from '../../components/download';
import { DrillPanel } from './DrillPanel';
import { kpiCsv, kpiXlsx } from '../../../shared/reports/kpiTable';
import { warehouseMonth } from './kpiFormat';
import { KpiLegend, KpiTable } from './KpiTable';

const isMonth = (v: string | null): v is string => v !== null && /^\d{4}-(0[1-9]|1[0-2])$/.test(v);

/** Calls `fn` once, `ms` after the last of a burst of calls. */
function useDebounced(fn: () => void, ms: number): () => void {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef(fn);
  useEffect(() => {
    latest.current = fn;
  });
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);
  return useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => latest.current(), ms);
  }, [ms]);
}

export function KpiTrackerPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const route = useRoute();
  const { session } = useSession();
  const manager = hasRole(session, ['csManager']);
  const current = warehouseMonth(f.timeZone);
  const param = route.params.get('month');
  const month = isMonth(param) && param <= current ? param : current;
  const [tracker, setTracker] = useState<KpiTracker | null>(null);
  const [drill, setDrill] = useState<{ kpi: KpiId; period: number } | null>(null);
  const [edits, setEdits] = useState(new Map<KpiId, string>());

  const load = useCallback(async () => {
    try {
      setTracker(await api.request('kpi.tracker', { month }));
    } catch (e) {
      notify.error(e);
    }
  }, [month, notify]);
  useEffect(() => {
    setDrill(null);
    void load();
  }, [load]);
  const reload = useDebounced(() => void load(), 2000);
  useGridEvents({
    'kpi.changed': reload,
    'counts.changed': reload,
    'orders.changed': reload,
    'dispatch.changed': reload,
    'returns.changed': reload,
    'receipts.changed': reload,
    reconnected: () => void load(),
  });

  const saveTarget = async (kpi: KpiId) => {
    const text = (edits.get(kpi) ?? '').trim();
    const target = text === '' ? null : Number(text);
    if (target !== null && !Number.isFinite(target)) return;
    try {
      await api.request('kpi.setTarget', { kpi, target });
      setEdits((m) => {
        const n = new Map(m);
        n.delete(kpi);
        return n;
      });
      notify.success(t('kpi:targetSaved', { kpi: t(`kpi:name.${kpi}`) }));
      await load();
    } catch (e) {
      notify.error(e);
    }
  };

  const targetEditor = (kpi: KpiId) => {
    const row = tracker?.rows.find((r) => r.kpi === kpi);
    const value = edits.get(kpi) ?? (row?.target === null || row?.target === undefined ? '' : String(row.target));
    return (
      <form
        className="kpi-target-form"
        onSubmit={(e) => {
          e.preventDefault();
          void saveTarget(kpi);
        }}
      >
        <span aria-hidden="true">{row?.better === 'higher' ? '≥' : '≤'}</span>
        <input
          type="number"
          min={0}
          step="0.01"
          value={value}
          aria-label={`${t('kpi:target')} ${t(`kpi:name.${kpi}`)}`}
          data-testid={`kpi-target-${kpi}`}
          onChange={(e) => setEdits((m) => new Map(m).set(kpi, e.target.value))}
        />
        <span>{row ? t(`kpi:unit.${row.unit}`) : ''}</span>
        {edits.has(kpi) && (
          <button type="submit" data-testid={`kpi-target-save-${kpi}`}>
            {t('kpi:saveTarget')}
          </button>
        )}
      </form>
    );
  };

  const drillPeriod = drill && tracker ? tracker.periods[drill.period] : undefined;
  const drillRow = drill && tracker ? tracker.rows.find((r) => r.kpi === drill.kpi) : undefined;

  const exportXlsx = async () => {
    if (!tracker) return;
    try {
      const bytes = await kpiXlsx(tracker, t, f);
      downloadBytes(bytes, `${t('kpi:fileName', { month })}.xlsx`, xlsxMime);
    } catch (e) {
      notify.error(e);
    }
  };

  return (
    <section className="page-body kpi-page" data-testid="kpi-tracker">
      <div className="toolbar">
        <h2>{t('kpi:title')}</h2>
        <label className="analysis-month">
          <span>{t('kpi:month')}</span>
          <input
            type="month"
            value={month}
            max={current}
            data-testid="kpi-month"
            onChange={(e) => isMonth(e.target.value) && navigate('kpiTracker', { month: e.target.value })}
          />
        </label>
        <span className="toolbar-spacer" />
        <button type="button" onClick={() => openPrint('kpiTracker', { month })} data-testid="kpi-print">
          {t('kpi:print')}
        </button>
        <button
          type="button"
          disabled={!tracker}
          data-testid="kpi-csv"
          onClick={() => tracker && downloadText(`${t('kpi:fileName', { month })}.csv`, kpiCsv(tracker, t, f))}
        >
          {t('kpi:csv')}
        </button>
        <button type="button" disabled={!tracker} data-testid="kpi-xlsx" onClick={() => void exportXlsx()}>
          {t('kpi:xlsx')}
        </button>
      </div>
      {tracker && (
        <>
          <p className="page-hint">{t('kpi:basis', { today: tracker.today })}</p>
          {manager && <p className="page-hint">{t('kpi:targetHint')}</p>}
          <div className="kpi-layout">
            <div className="kpi-main">
              <KpiTable
                tracker={tracker}
                onDrill={(kpi, period) => setDrill({ kpi, period })}
                {...(manager && { targetEditor })}
              />
              <KpiLegend />
            </div>
            {drill && drillPeriod && drillRow && (
              <DrillPanel
                kpi={drill.kpi}
                unit={drillRow.unit}
                from={drillPeriod.from}
                to={drillPeriod.to}
                onClose={() => setDrill(null)}
              />
            )}
          </div>
        </>
      )}
    </section>
  );
}
