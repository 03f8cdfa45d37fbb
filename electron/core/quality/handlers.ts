// Warehouse quality checks (issue 17 §1): request name → service.
import type { QualityRequestName } from '../../../shared/contract';
import type { Handler } from '../contract/handlers';
import {
  completeAction,
  listActions,
  listItems,
  listOwners,
  missedDays,
  qualityDay,
  reassignAction,
  saveItem,
  saveRecord,
  summary,
} from './checks';

export const qualityHandlers: { [N in QualityRequestName]: Handler<N> } = {
  'quality.items': (ctx) => listItems(ctx.db),
  'quality.saveItem': (ctx, input) => saveItem(ctx, input),
  'quality.day': (ctx, input) => qualityDay(ctx, input.date),
  'quality.saveRecord': (ctx, input) => saveRecord(ctx, input),
  'quality.actions': (ctx, input) => listActions(ctx, input),
  'quality.completeAction': (ctx, input) => completeAction(ctx, input),
  'quality.reassignAction': (ctx, input) => reassignAction(ctx, input),
  'quality.missedDays': (ctx, input) => missedDays(ctx, input),
  'quality.summary': (ctx, input) => summary(ctx, input.month),
  'quality.owners': (ctx) => listOwners(ctx.db),
};
