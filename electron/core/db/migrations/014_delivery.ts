// Departure, delivery outcomes and the daily dispatch report (issue 12 §6 §7,
// R6 R9): the outcome of each departed order on the original order 原始订单签收,
// the lines a customer refused 拒收 (awaiting return 待退回 until the return
// chain takes them in at the warehouse check), and the daily dispatch report
// 每日发货报告 of a date with its remarks, submission (late after the cut-off)
// and posting. The cut-off itself is a setting ('dispatch.cutoff', 'HH:MM').
import type { Migration } from './index';

const reasons = "'wrongGoods','damaged','customerClosed','notOrdered','price','other'";

export const delivery: Migration = {
  version: 14,
  name: 'delivery',
  sql: `
-- One outcome per departed order: signed whole, refused in part (the customer
-- signed for the rest) or refused whole. delivered_date is the business day
-- the outcome was recorded, in the warehouse's time zone (customer service level).
CREATE TABLE order_outcomes (
  order_id INTEGER PRIMARY KEY REFERENCES orders(id),
  trip_id INTEGER NOT NULL REFERENCES trips(id),
  outcome TEXT NOT NULL CHECK (outcome IN ('signed','partlyRefused','refused')),
  signed_by TEXT NOT NULL DEFAULT '',
  reason TEXT CHECK (reason IS NULL OR reason IN (${reasons})),
  note TEXT NOT NULL DEFAULT '',
  delivered_date TEXT NOT NULL,
  recorded_by INTEGER NOT NULL REFERENCES users(id),
  recorded_at TEXT NOT NULL,
  CHECK ((outcome = 'signed') = (reason IS NULL))
) STRICT;
CREATE INDEX order_outcomes_trip ON order_outcomes(trip_id);

-- Refused goods, per order line: they come back on the vehicle and wait for
-- the warehouse check (returned_at stays NULL until the return chain takes them in).
CREATE TABLE refused_lines (
  line_id INTEGER PRIMARY KEY REFERENCES order_lines(id),
  order_id INTEGER NOT NULL REFERENCES orders(id),
  trip_id INTEGER NOT NULL REFERENCES trips(id),
  product_id INTEGER NOT NULL REFERENCES products(id),
  status TEXT NOT NULL CHECK (status IN ('good','gift')),
  qty INTEGER NOT NULL CHECK (qty > 0),
  amount_fen INTEGER NOT NULL CHECK (amount_fen >= 0),
  reason TEXT NOT NULL CHECK (reason IN (${reasons})),
  refused_at TEXT NOT NULL,
  returned_at TEXT
) STRICT;
CREATE INDEX refused_lines_awaiting ON refused_lines(returned_at, order_id);
CREATE INDEX refused_lines_order ON refused_lines(order_id);

-- The daily dispatch report of a dispatch date (R9). Filled and submitted by
-- the keeper (late when after the cut-off that applied: cutoff_at), posted by
-- the operator. figures: the report as submitted (JSON), so a posted report
-- never changes when orders move later.
CREATE TABLE dispatch_reports (
  dispatch_date TEXT PRIMARY KEY,
  state TEXT NOT NULL CHECK (state IN ('draft','submitted','posted')),
  note TEXT NOT NULL DEFAULT '',
  figures TEXT CHECK (figures IS NULL OR json_valid(figures)),
  cutoff_at TEXT,
  late INTEGER CHECK (late IS NULL OR late IN (0,1)),
  saved_by INTEGER NOT NULL REFERENCES users(id),
  saved_at TEXT NOT NULL,
  submitted_by INTEGER REFERENCES users(id),
  submitted_at TEXT,
  posted_by INTEGER REFERENCES users(id),
  posted_at TEXT,
  CHECK ((state = 'draft') = (submitted_at IS NULL)),
  CHECK ((state = 'posted') = (posted_at IS NOT NULL)),
  CHECK ((submitted_at IS NULL) = (late IS NULL))
) STRICT;
CREATE INDEX dispatch_reports_late ON dispatch_reports(late, dispatch_date);

-- The keeper's remark on one exception of the report (an order held, short, left behind, refused).
CREATE TABLE dispatch_report_remarks (
  dispatch_date TEXT NOT NULL REFERENCES dispatch_reports(dispatch_date),
  order_id INTEGER NOT NULL REFERENCES orders(id),
  remark TEXT NOT NULL,
  PRIMARY KEY (dispatch_date, order_id)
) STRICT, WITHOUT ROWID;
`,
};
