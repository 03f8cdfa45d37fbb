// The dispatch board's words (issue 12, R5 R6 R8 R9), shared by its slices:
// the board (vehicles, trips, assignment), automatic assignment, pick lists and
// the load check, departure/outcomes and the daily dispatch report.
//
// Dates are business days 'YYYY-MM-DD' in the warehouse's time zone, times of
// day 'HH:MM' in that zone, `at` fields UTC instants. Weight in grams (shown
// in kg), money in integer fen, quantities in integer base units.

/** Per trip 车次: planned → picking → loading → departed → returned. */
export const tripStates = ['planned', 'picking', 'loading', 'departed', 'returned'] as const;
export type TripState = (typeof tripStates)[number];

/** Why a customer refused 拒收 an order or a line (R6). */
export const refusalReasons = ['wrongGoods', 'damaged', 'customerClosed', 'notOrdered', 'price', 'other'] as const;
export type RefusalReason = (typeof refusalReasons)[number];

/**
 * The board changed: every open board, pool, pick list and station reloads
 * what it shows of these trips and orders (the board of `dispatchDate`).
 * Carries ids only; a window asks for the rows it needs (dispatch.boardRows).
 */
export type DispatchChanged = {
  dispatchDate: string;
  tripIds: number[];
  orderIds: number[];
  /** Who changed it, so the window that did it need not flash its own change. */
  clientId?: string;
};
