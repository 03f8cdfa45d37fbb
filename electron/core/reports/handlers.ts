// Reports (issue 14): request name → service.
import type { ReportsRequestName } from '../../../shared/contract';
import type { Handler } from '../contract/handlers';
import { stockAnalysis } from './stockAnalysis';
import { weeklyReport } from './weekly';

export const reportsHandlers: { [N in ReportsRequestName]: Handler<N> } = {
  'reports.weekly': (ctx, input) => weeklyReport(ctx, input),
  'reports.stockAnalysis': (ctx, input) => stockAnalysis(ctx, input),
};
