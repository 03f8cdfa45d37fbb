// The weekly scorecard 积分表 (issue 17 §3): the tracker's figures for one
// Monday–Sunday (definitions.ts, as the tracker's week column and the
// dashboard compute them), graded against the same targets. A week still
// running is a draft; one not begun is refused.
import { kpiBetter, kpiUnits, scorecardKpis, type Scorecard } from '../../../shared/contract';
import type { CountAccuracy } from '../../../shared/contract/counts';
import { weekDays } from '../../../shared/reports/weeks';
import { AppError } from '../../../shared/errors';
import type { ServiceContext } from '../context';
import { today as todayOf } from '../orders/dates';
import { kpiDefinitions } from './definitions';
import { grade, readTargets } from './targets';

export async function scorecard(ctx: ServiceContext, week: string): Promise<Scorecard> {
  const today = todayOf(ctx.now, ctx.timeZone);
  const { from, to } = weekDays(week);
  if (from > today) throw new AppError('reports.futureRange', { from, to, today });
  // A running week counts up to today, as the tracker's current week does.
  const until = to > today ? today : to;
  const targets = new Map((await readTargets(ctx.db)).map((t) => [t.kpi, t.target]));
  const sessionAccuracy = new Map<number, CountAccuracy>();
  const lines: Scorecard['lines'] = [];
  for (const kpi of scorecardKpis) {
    const figure = await kpiDefinitions[kpi](ctx.db, { from, to: until, timeZone: ctx.timeZone, sessionAccuracy });
    const target = targets.get(kpi) ?? null;
    lines.push({
      kpi,
      unit: kpiUnits[kpi],
      better: kpiBetter[kpi],
      target,
      figure,
      grade: grade(kpi, figure.value, target),
    });
  }
  return { week, from, to, timeZone: ctx.timeZone, draft: to >= today, lines };
}
