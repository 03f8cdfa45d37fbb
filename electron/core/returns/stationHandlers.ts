// The keeper's station work of issue 13 beside the scans: finishing a return
// check, and the receiving task's damaged mode. Both go through the station's
// pipeline, which owns the task state.
import type { Handler, HandlerDeps } from '../contract/handlers';
import { receiptDamage } from '../scanner/receivingDamage';
import { checkAtStation } from './station';

export const createStationCheckHandlers = (
  deps: HandlerDeps,
): {
  'returns.checkAtStation': Handler<'returns.checkAtStation'>;
  'station.receiptDamage': Handler<'station.receiptDamage'>;
} => ({
  'returns.checkAtStation': (ctx, input) => checkAtStation(ctx, deps.scanning.pipeline, input),
  'station.receiptDamage': (ctx, input) => receiptDamage(ctx, deps.scanning.pipeline, input),
});
