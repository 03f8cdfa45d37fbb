// Pick lists and the load check 装车核对 (issue 12 §4 §5, R5 R8): what each
// goods scan at the dock put on a trip, line by line, and the orders taken
// off a trip short.
import type { Migration } from './index';

export const loading: Migration = {
  version: 13,
  name: 'loading',
  sql: `
-- One row per (scan, order line) a goods scan filled: a case of 24 may fill
-- the line of one order and begin the next one's. Undoing the scan deletes its
-- rows; taking an order off deletes its rows (its goods come off the truck).
-- Written in the scan's transaction with the station's task state.
CREATE TABLE load_scans (
  id INTEGER PRIMARY KEY,
  scan_id INTEGER NOT NULL REFERENCES scan_log(id),
  trip_id INTEGER NOT NULL REFERENCES trips(id),
  order_id INTEGER NOT NULL REFERENCES orders(id),
  line_id INTEGER NOT NULL REFERENCES order_lines(id),
  product_id INTEGER NOT NULL REFERENCES products(id),
  qty INTEGER NOT NULL CHECK (qty > 0)
) STRICT;
CREATE INDEX load_scans_trip ON load_scans(trip_id, product_id);
CREATE INDEX load_scans_scan ON load_scans(scan_id);
CREATE INDEX load_scans_order ON load_scans(order_id);

-- An order taken off its trip whole (R8: never shipped short): back to the
-- pool (released, reservation kept) or to the daily confirmation list (short,
-- reservation ended). The daily dispatch report lists these.
CREATE TABLE trip_takeoffs (
  id INTEGER PRIMARY KEY,
  order_id INTEGER NOT NULL REFERENCES orders(id),
  trip_id INTEGER NOT NULL REFERENCES trips(id),
  dispatch_date TEXT NOT NULL,
  destination TEXT NOT NULL CHECK (destination IN ('pool','confirmationList')),
  reason TEXT NOT NULL,
  user_id INTEGER NOT NULL REFERENCES users(id),
  at TEXT NOT NULL
) STRICT;
CREATE INDEX trip_takeoffs_date ON trip_takeoffs(dispatch_date);
`,
};
