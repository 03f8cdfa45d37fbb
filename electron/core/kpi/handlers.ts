// The KPI tracker and the dashboard (issue 14 items 3 and 7): request name → service.
import type { KpiRequestName } from '../../../shared/contract';
import type { Handler } from '../contract/handlers';
import { dashboard } from './dashboard';
import { readReview, writeReview } from './review';
import { kpiDrill } from './drill';
import { readTargets, setTarget } from './targets';
import { kpiTracker } from './tracker';
import { scorecard } from './scorecard';

export const kpiHandlers: { [N in KpiRequestName]: Handler<N> } = {
  'kpi.tracker': (ctx, input) => kpiTracker(ctx, input.month),
  'kpi.drill': (ctx, input) => kpiDrill(ctx, input),
  'kpi.targets': (ctx) => readTargets(ctx.db),
  'kpi.setTarget': (ctx, input) => setTarget(ctx, input),
  'kpi.dashboard': (ctx) => dashboard(ctx),
  'kpi.review': (ctx, input) => readReview(ctx, input.month),
  'kpi.saveReview': (ctx, input) => writeReview(ctx, input, false),
  'kpi.signReview': (ctx, input) => writeReview(ctx, input, true),
  'kpi.scorecard': (ctx, input) => scorecard(ctx, input.week),
};
