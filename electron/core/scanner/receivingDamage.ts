// station.receiptDamage (issue 13 §Damage 1): the receiving task's damaged
// mode and the cause and suggestion of the damaged goods, chosen by keys at
// the station. Checked as a damage report's cause is; nothing but the task's
// state changes (the receipt form posts it).
import type { ParsedInput, StationState } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { ServiceContext } from '../context';
import { checkCause } from '../damage/causes';
import type { ScanPipeline } from './pipeline';
import { markDamage, type ReceivingState } from './tasks/receiving';

export async function receiptDamage(
  ctx: ServiceContext,
  pipeline: ScanPipeline,
  input: ParsedInput<'station.receiptDamage'>,
): Promise<StationState> {
  const damage = input.damaged ? input.damage : null;
  if (damage) await checkCause(ctx.db, damage.cause, damage.causeNote);
  const state = await pipeline.updateTask(ctx, ctx.caller.station, 'receipt', (s) =>
    markDamage(s as ReceivingState, input.damaged, damage),
  );
  if (!state) throw new AppError('receiving.notReceiving');
  return state;
}
