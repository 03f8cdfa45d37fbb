// The KPI tracker 客户服务部重要衡量指标跟踪表 of a month (issue 14 item 3, R14):
// each KPI per week (第一周 … 第四周/第五周) and for the month, graded against
// its target. A month after the current one is refused; weeks still to come
// are shown empty.
import { kpiBetter, kpiIds, kpiUnits, type KpiRow, type KpiTracker } from '../../../shared/contract';
import type { CountAccuracy } from '../../../shared/contract/counts';
import { AppError } from '../../../shared/errors';
import type { ServiceContext } from '../context';
import { today as todayOf } from '../orders/dates';
import { kpiDefinitions } from './definitions';
import { monthPeriods } from './periods';
import { grade, readTargets } from './targets';

export async function kpiTracker(ctx: ServiceContext, month: string): Promise<KpiTracker> {
  const today = todayOf(ctx.now, ctx.timeZone);
  if (month > today.slice(0, 7)) throw new AppError('kpi.futureMonth', { month });
  const periods = monthPeriods(month, today);
  const targets = new Map((await readTargets(ctx.db)).map((t) => [t.kpi, t.target]));
  const rows: KpiRow[] = [];
  const sessionAccuracy = new Map<number, CountAccuracy>();
  for (const kpi of kpiIds) {
    const define = kpiDefinitions[kpi];
    const target = targets.get(kpi) ?? null;
    const cells: KpiRow['cells'] = [];
    for (const p of periods) {
      if (p.future) {
        cells.push({ figure: null, grade: null });
        continue;
      }
      const figure = await define(ctx.db, { from: p.from, to: p.to, timeZone: ctx.timeZone, sessionAccuracy });
      cells.push({ figure, grade: grade(kpi, figure.value, target) });
    }
    rows.push({ kpi, unit: kpiUnits[kpi], better: kpiBetter[kpi], target, cells });
  }
  return { month, timeZone: ctx.timeZone, today, periods, rows };
}
