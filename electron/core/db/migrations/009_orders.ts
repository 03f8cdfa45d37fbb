// Orders 订单处理 (issue 11): customers gain the fields of 客户档案, prices,
// orders with their lines and history, order file imports, and stock
// reservations. R5 for reservations: `reserved_stock` holds Σ reservations per
// (product, status), kept by triggers from `order_reservations` in the same
// transaction, CHECKed never negative, and a trigger refuses a reservation
// that would take it beyond the stock on hand.
import type { Migration } from './index';

const statusList = "'good','damaged','gift'";
const stateList =
  "'received','held','awaitingConfirmation','qualified','short','released','assigned','picking','loaded','departed','delivered','refused','cancelled'";

export const orders: Migration = {
  version: 9,
  name: 'orders',
  sql: `
ALTER TABLE customers ADD COLUMN address TEXT NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN stop_seq INTEGER CHECK (stop_seq IS NULL OR stop_seq > 0);
ALTER TABLE customers ADD COLUMN contact TEXT NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN salesperson_id INTEGER REFERENCES users(id);
-- ISO weekdays as digits, '1234567' = every day.
ALTER TABLE customers ADD COLUMN delivery_days TEXT NOT NULL DEFAULT '123456';
ALTER TABLE customers ADD COLUMN blocked INTEGER NOT NULL DEFAULT 0 CHECK (blocked IN (0,1));
ALTER TABLE customers ADD COLUMN blocked_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN lat REAL;
ALTER TABLE customers ADD COLUMN lng REAL;
ALTER TABLE customers ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';
CREATE INDEX customers_salesperson ON customers(salesperson_id);
CREATE INDEX customers_route ON customers(route, stop_seq);

-- Products that ship in whole cases only (R1: a line must be whole cases).
ALTER TABLE products ADD COLUMN case_only INTEGER NOT NULL DEFAULT 0 CHECK (case_only IN (0,1));
-- Weight of one unit in grams, for order and load totals (null: not known).
ALTER TABLE products ADD COLUMN unit_weight_g INTEGER CHECK (unit_weight_g IS NULL OR unit_weight_g > 0);

-- List prices (customer_id NULL) and customer-specific prices, per validity period.
CREATE TABLE prices (
  id INTEGER PRIMARY KEY,
  product_id INTEGER NOT NULL REFERENCES products(id),
  customer_id INTEGER REFERENCES customers(id),
  price_fen INTEGER NOT NULL CHECK (price_fen >= 0),
  valid_from TEXT NOT NULL,
  valid_to TEXT,
  updated_at TEXT NOT NULL,
  CHECK (valid_to IS NULL OR valid_to >= valid_from)
) STRICT;
CREATE UNIQUE INDEX prices_key ON prices(product_id, ifnull(customer_id, 0), valid_from);
CREATE INDEX prices_customer ON prices(customer_id);

CREATE TABLE order_imports (
  id INTEGER PRIMARY KEY,
  file_name TEXT NOT NULL,
  file_hash TEXT NOT NULL UNIQUE,
  rows INTEGER NOT NULL,
  orders INTEGER NOT NULL,
  imported_by INTEGER NOT NULL REFERENCES users(id),
  imported_at TEXT NOT NULL
) STRICT;

CREATE TABLE orders (
  id INTEGER PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,
  state TEXT NOT NULL CHECK (state IN (${stateList})),
  channel TEXT NOT NULL CHECK (channel IN ('phone','fax','file','desk')),
  reference TEXT,
  -- The customer as named (a code may be unknown: the order is held, R1).
  customer_code TEXT NOT NULL,
  customer_id INTEGER REFERENCES customers(id),
  salesperson_id INTEGER REFERENCES users(id),
  order_date TEXT NOT NULL,
  dispatch_date TEXT,
  delivery_date TEXT,
  promised_date TEXT,
  emergency INTEGER NOT NULL DEFAULT 0 CHECK (emergency IN (0,1)),
  note TEXT NOT NULL DEFAULT '',
  -- R1: the failing reasons as a JSON array, '[]' when qualified.
  issues TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(issues)),
  first_time_qualified INTEGER NOT NULL CHECK (first_time_qualified IN (0,1)),
  -- Customer + order date + lines, for the likely-duplicate check.
  signature TEXT NOT NULL,
  confirmed_by INTEGER REFERENCES users(id),
  confirmed_at TEXT,
  confirmed_as TEXT CHECK (confirmed_as IS NULL OR confirmed_as IN ('salesperson','csManager')),
  import_id INTEGER REFERENCES order_imports(id),
  import_line INTEGER,
  -- Totals of the lines, kept with them for the grids of a day (5,200 orders).
  line_count INTEGER NOT NULL DEFAULT 0,
  units INTEGER NOT NULL DEFAULT 0,
  cases INTEGER NOT NULL DEFAULT 0,
  loose_units INTEGER NOT NULL DEFAULT 0,
  amount_fen INTEGER NOT NULL DEFAULT 0,
  cancel_reason TEXT,
  created_by INTEGER NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK ((import_id IS NULL) = (import_line IS NULL)),
  CHECK (state <> 'cancelled' OR cancel_reason IS NOT NULL)
) STRICT;
CREATE INDEX orders_dispatch ON orders(dispatch_date, state);
CREATE INDEX orders_state ON orders(state);
CREATE INDEX orders_customer ON orders(customer_id, order_date);
CREATE INDEX orders_signature ON orders(signature);
CREATE INDEX orders_salesperson ON orders(salesperson_id, state);
CREATE INDEX orders_order_date ON orders(order_date);
-- Idempotent import: one order per (customer, external reference).
CREATE UNIQUE INDEX orders_reference ON orders(customer_code, reference) WHERE reference IS NOT NULL;

CREATE TABLE order_lines (
  id INTEGER PRIMARY KEY,
  order_id INTEGER NOT NULL REFERENCES orders(id),
  line_no INTEGER NOT NULL CHECK (line_no > 0),
  product_code TEXT NOT NULL,
  product_id INTEGER REFERENCES products(id),
  -- As entered: a quantity (maybe not whole: the order is then held) in units or cases.
  entered_qty REAL NOT NULL,
  per TEXT NOT NULL CHECK (per IN ('unit','case')),
  -- Base units; NULL when the entered quantity is not a positive whole number.
  qty INTEGER CHECK (qty IS NULL OR qty > 0),
  gift INTEGER NOT NULL CHECK (gift IN (0,1)),
  -- Taken when the line is entered; gift lines are 0 (R2); NULL: no price found.
  price_fen INTEGER CHECK (price_fen IS NULL OR price_fen >= 0),
  CHECK (gift = 0 OR price_fen = 0),
  UNIQUE (order_id, line_no)
) STRICT;
CREATE INDEX order_lines_product ON order_lines(product_id);

CREATE TABLE order_events (
  id INTEGER PRIMARY KEY,
  order_id INTEGER NOT NULL REFERENCES orders(id),
  at TEXT NOT NULL,
  user_id INTEGER REFERENCES users(id),
  kind TEXT NOT NULL,
  from_state TEXT,
  to_state TEXT,
  detail TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail))
) STRICT;
CREATE INDEX order_events_order ON order_events(order_id, id);
CREATE TRIGGER order_events_append_only_update BEFORE UPDATE ON order_events
  BEGIN SELECT RAISE(ABORT, 'order history is append-only'); END;
CREATE TRIGGER order_events_append_only_delete BEFORE DELETE ON order_events
  BEGIN SELECT RAISE(ABORT, 'order history is append-only'); END;

-- R4 R5 R8: what released orders hold, one row per line.
CREATE TABLE order_reservations (
  line_id INTEGER PRIMARY KEY REFERENCES order_lines(id),
  order_id INTEGER NOT NULL REFERENCES orders(id),
  product_id INTEGER NOT NULL REFERENCES products(id),
  status TEXT NOT NULL CHECK (status IN ('good','gift')),
  qty INTEGER NOT NULL CHECK (qty > 0)
) STRICT;
CREATE INDEX order_reservations_order ON order_reservations(order_id);

CREATE TABLE reserved_stock (
  product_id INTEGER NOT NULL REFERENCES products(id),
  status TEXT NOT NULL CHECK (status IN (${statusList})),
  qty INTEGER NOT NULL CHECK (qty >= 0),
  PRIMARY KEY (product_id, status)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER order_reservations_insert AFTER INSERT ON order_reservations
BEGIN
  INSERT INTO reserved_stock (product_id, status, qty) VALUES (NEW.product_id, NEW.status, NEW.qty)
    ON CONFLICT (product_id, status) DO UPDATE SET qty = qty + excluded.qty;
  -- R5: never reserve beyond what is on hand in that status.
  SELECT RAISE(ABORT, 'reservation exceeds stock on hand')
    WHERE (SELECT qty FROM reserved_stock WHERE product_id = NEW.product_id AND status = NEW.status)
      > (SELECT ifnull(SUM(qty), 0) FROM balances WHERE product_id = NEW.product_id AND status = NEW.status);
END;
CREATE TRIGGER order_reservations_delete AFTER DELETE ON order_reservations
BEGIN
  UPDATE reserved_stock SET qty = qty - OLD.qty WHERE product_id = OLD.product_id AND status = OLD.status;
END;
CREATE TRIGGER order_reservations_no_update BEFORE UPDATE ON order_reservations
  BEGIN SELECT RAISE(ABORT, 'a reservation is taken back and made again, not changed'); END;
`,
};
