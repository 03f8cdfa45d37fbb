// The monthly damage and return analyses (issue 13): request name → service.
import type { AnalysesRequestName } from '../../../shared/contract';
import type { Handler } from '../contract/handlers';
import { customerValue } from './customerValue';
import { damageAnalysis } from './damage';
import { returnAnalysis } from './returns';
import { writeDamage, writeReturns } from './write';

export const analysesHandlers: { [N in AnalysesRequestName]: Handler<N> } = {
  'analyses.damage': (ctx, input) => damageAnalysis(ctx.db, input.month, ctx.timeZone, input.warehouseId),
  'analyses.saveDamage': (ctx, input) => writeDamage(ctx, input, false),
  'analyses.submitDamage': (ctx, input) => writeDamage(ctx, input, true),
  'analyses.returns': (ctx, input) => returnAnalysis(ctx.db, input.month, ctx.timeZone, input.warehouseId),
  'analyses.saveReturns': (ctx, input) => writeReturns(ctx, input, false),
  'analyses.submitReturns': (ctx, input) => writeReturns(ctx, input, true),
  'analyses.customerValue': (ctx, input) => customerValue(ctx, input),
};
