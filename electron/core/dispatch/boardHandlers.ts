// Dispatch slice "board" (issue 12 §1–3): request name → service, typed over
// every name of boardRequests.
import type { BoardRequestName } from '../../../shared/contract';
import type { Handler } from '../contract/handlers';
import { assignOrders, unassignOrders } from './assign';
import { boardRows, boardView } from './rows';
import { createTrip, removeTrip, reorderStops, sortStops, updateTrip } from './trips';
import { listVehicles, saveVehicle, setOffRoad } from './vehicles';
import { setDispatchOverride } from './override';

export const boardHandlers: { [N in BoardRequestName]: Handler<N> } = {
  'vehicles.list': (ctx, input) => listVehicles(ctx.db, input.date),
  'vehicles.save': (ctx, input) => saveVehicle(ctx, input),
  'vehicles.setOffRoad': (ctx, input) => setOffRoad(ctx, input),
  'users.setDispatchOverride': (ctx, input) => setDispatchOverride(ctx, input),
  'dispatch.board': (ctx, input) => boardView(ctx, input.dispatchDate),
  'dispatch.boardRows': (ctx, input) => boardRows(ctx.db, input.dispatchDate, input.tripIds, input.orderIds),
  'dispatch.createTrip': (ctx, input) => createTrip(ctx, input),
  'dispatch.updateTrip': (ctx, input) => updateTrip(ctx, input),
  'dispatch.removeTrip': (ctx, input) => removeTrip(ctx, input.tripId),
  'dispatch.assign': (ctx, input) => assignOrders(ctx, input),
  'dispatch.unassign': (ctx, input) => unassignOrders(ctx, input.orderIds),
  'dispatch.reorderStops': (ctx, input) => reorderStops(ctx, input.tripId, input.stopIds),
  'dispatch.sortStops': (ctx, input) => sortStops(ctx, input.tripId),
};
