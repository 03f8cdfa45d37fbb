// Dispatch slice "loading" (issue 12 §4 §5): request name → service, typed over
// every name of loadingRequests.
import type { LoadingRequestName } from '../../../shared/contract';
import type { Handler } from '../contract/handlers';
import { hiddenBins } from '../counts/blindness';
import { pickList } from './loading/pickList';
import { loadCheckView, loadTrip, tripsOfDate } from './loading/reads';
import { loadOrder, startPicking, takeOff } from './loading/writes';

export const loadingHandlers: { [N in LoadingRequestName]: Handler<N> } = {
  'dispatch.loadingTrips': (ctx, input) => tripsOfDate(ctx.db, input.dispatchDate),
  'dispatch.pickList': async (ctx, input) => pickList(ctx.db, input.tripIds, ctx.now, await hiddenBins(ctx)),
  'dispatch.startPicking': (ctx, input) => startPicking(ctx, input.tripIds),
  'dispatch.loadCheck': async (ctx, input) => {
    await loadTrip(ctx.db, input.tripId);
    return loadCheckView(ctx.db, input.tripId);
  },
  'dispatch.loadOrder': (ctx, input) => loadOrder(ctx, input.orderId),
  'dispatch.takeOff': (ctx, input) => takeOff(ctx, input),
};
