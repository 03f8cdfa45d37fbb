// Every write of the board tells every open board, station and wall screen
// which trips and orders of which date changed ('dispatch.changed'), and the
// orders' windows which orders changed state ('orders.changed').
import type { ServiceContext } from '../context';
import { emitChanged } from '../orders/write';

export async function emitDispatchChanged(
  ctx: ServiceContext,
  change: { dispatchDate: string; tripIds: number[]; orderIds: number[]; stateChanged?: number[] },
): Promise<void> {
  ctx.emit('dispatch.changed', {
    dispatchDate: change.dispatchDate,
    tripIds: [...new Set(change.tripIds)],
    orderIds: [...new Set(change.orderIds)],
    clientId: ctx.caller.clientId,
  });
  if (change.stateChanged?.length) await emitChanged(ctx, change.stateChanged);
}
