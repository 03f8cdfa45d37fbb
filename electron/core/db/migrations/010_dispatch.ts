// The dispatch board 调度看板 (issue 12, R5 R6 R8 R9): vehicles gain type,
// volume and days off the road; trips 车次 of a dispatch date with their stops
// and orders. The slices of the issue that need more (load check, outcomes,
// the daily dispatch report) add their own migrations after this one.
import type { Migration } from './index';

export const dispatch: Migration = {
  version: 10,
  name: 'dispatch',
  sql: `
ALTER TABLE vehicles ADD COLUMN vehicle_type TEXT NOT NULL DEFAULT '';
-- Volume in litres, when known (capacity in cases and kg is always given).
ALTER TABLE vehicles ADD COLUMN capacity_l INTEGER CHECK (capacity_l IS NULL OR capacity_l > 0);
ALTER TABLE vehicles ADD COLUMN active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1));
ALTER TABLE vehicles ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';

-- A vehicle off the road 停运 for a dispatch date (repair, driver away …).
CREATE TABLE vehicle_off_days (
  vehicle_id INTEGER NOT NULL REFERENCES vehicles(id),
  date TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (vehicle_id, date)
) STRICT, WITHOUT ROWID;

-- Weight of one case in grams when it is not case_pack × unit weight (packaging).
ALTER TABLE products ADD COLUMN case_weight_g INTEGER CHECK (case_weight_g IS NULL OR case_weight_g > 0);

-- The right to force an assignment beyond a vehicle's capacity (recorded when used).
ALTER TABLE users ADD COLUMN dispatch_override INTEGER NOT NULL DEFAULT 0 CHECK (dispatch_override IN (0,1));

-- 车次: one run of a vehicle on a dispatch date; a vehicle's second run is seq 2.
-- The number (e.g. T20261205-07) is printed as the trip's barcode on the pick list.
CREATE TABLE trips (
  id INTEGER PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,
  dispatch_date TEXT NOT NULL,
  vehicle_id INTEGER NOT NULL REFERENCES vehicles(id),
  seq INTEGER NOT NULL CHECK (seq > 0),
  driver_name TEXT NOT NULL,
  driver_phone TEXT NOT NULL DEFAULT '',
  -- 'HH:MM' in the warehouse's time zone.
  depart_time TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL CHECK (state IN ('planned','picking','loading','departed','returned')),
  created_by INTEGER NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  departed_at TEXT,
  returned_at TEXT,
  UNIQUE (vehicle_id, dispatch_date, seq)
) STRICT;
CREATE INDEX trips_date ON trips(dispatch_date, state);

-- A stop: one customer on a trip, in driving order (seq; renumbered on reorder, so not unique).
CREATE TABLE trip_stops (
  id INTEGER PRIMARY KEY,
  trip_id INTEGER NOT NULL REFERENCES trips(id),
  customer_id INTEGER NOT NULL REFERENCES customers(id),
  seq INTEGER NOT NULL CHECK (seq > 0),
  UNIQUE (trip_id, customer_id)
) STRICT;

-- An order on a trip (at most one trip: the primary key). Unassigning deletes
-- the row; the order's history (order_events) and the audit log keep the story.
CREATE TABLE trip_orders (
  order_id INTEGER PRIMARY KEY REFERENCES orders(id),
  trip_id INTEGER NOT NULL REFERENCES trips(id),
  stop_id INTEGER NOT NULL REFERENCES trip_stops(id),
  assigned_by INTEGER NOT NULL REFERENCES users(id),
  assigned_at TEXT NOT NULL,
  -- 1: assigned beyond the vehicle's capacity by a user with dispatch_override.
  forced INTEGER NOT NULL DEFAULT 0 CHECK (forced IN (0,1))
) STRICT;
CREATE INDEX trip_orders_trip ON trip_orders(trip_id);
CREATE INDEX trip_orders_stop ON trip_orders(stop_id);
`,
};
