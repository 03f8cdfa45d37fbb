// The board's services for the other dispatch slices (automatic assignment,
// loading, delivery): the one place an order joins or leaves a trip, the
// rows of the board, and what an order takes of a vehicle.
export { assignOrders, leaveTripOnCancel, unassignOrders } from './assign';
export { emitDispatchChanged } from './changed';
export { orderLoads, sumLoads, noLoad, type OrderLoad } from './load';
export { canOverride } from './override';
export { boardOrders, boardRows, boardStates, boardView, tripLanes } from './rows';
export {
  assertTripOpen,
  createTrip,
  defaultDepot,
  loadTrip,
  nearestNeighbour,
  sortedStops,
  type TripRecord,
} from './trips';
export { listVehicles, vehicleRow } from './vehicles';
