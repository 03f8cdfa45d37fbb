// Returns 退货 (issue 13, R12 R3 R5): the chain, each step by its role —
// the salesperson's return report 退货报告 → the manager's approval 经理批准 →
// the goods arrive and the keeper checks them 仓务员确认退货箱数及退货原因 →
// the operator's return note 退货单 posts them into good and damaged stock and
// marks the credit for finance. A refusal at delivery 拒收 (refused_lines,
// migration 14) enters the chain at the check, its order already linked
// (kind 'refusal', no report nor approval).
import type { Migration } from './index';

const returnReasons = "'quality','expired','wrongGoods','surplus','transitDamage','refusedAtDelivery','other'";

export const returns: Migration = {
  version: 16,
  name: 'returns',
  sql: `
CREATE TABLE returns (
  id INTEGER PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('report','refusal')),
  state TEXT NOT NULL CHECK (state IN ('reported','approved','rejected','checked','posted')),
  customer_id INTEGER NOT NULL REFERENCES customers(id),
  -- Whose return it is in the analysis: the salesperson who filed the report,
  -- or for a refusal the customer's salesperson (NULL when it has none).
  salesperson_id INTEGER REFERENCES users(id),
  -- A report that names no delivered order is allowed but flagged.
  no_delivery INTEGER NOT NULL DEFAULT 0 CHECK (no_delivery IN (0,1)),
  note TEXT NOT NULL DEFAULT '',
  reported_by INTEGER NOT NULL REFERENCES users(id),
  reported_at TEXT NOT NULL,
  decided_by INTEGER REFERENCES users(id),
  decided_at TEXT,
  reject_reason TEXT,
  -- The keeper's check: the number of cases that came back, and whether any line differs from the report.
  checked_by INTEGER REFERENCES users(id),
  checked_at TEXT,
  cases_checked INTEGER CHECK (cases_checked IS NULL OR cases_checked >= 0),
  check_note TEXT NOT NULL DEFAULT '',
  has_differences INTEGER CHECK (has_differences IS NULL OR has_differences IN (0,1)),
  -- The trip a refusal came back on.
  trip_id INTEGER REFERENCES trips(id),
  idempotency_key TEXT NOT NULL UNIQUE,
  CHECK ((kind = 'refusal') = (trip_id IS NOT NULL)),
  CHECK (kind = 'report' OR state IN ('approved','checked','posted')),
  CHECK ((state = 'rejected') = (reject_reason IS NOT NULL)),
  CHECK (state IN ('reported','approved','rejected') OR checked_at IS NOT NULL),
  CHECK ((checked_at IS NULL) = (has_differences IS NULL))
) STRICT;
CREATE INDEX returns_state ON returns(state, reported_at);
CREATE INDEX returns_customer ON returns(customer_id);

-- The customer's delivered orders a return refers to (one or several).
CREATE TABLE return_orders (
  return_id INTEGER NOT NULL REFERENCES returns(id),
  order_id INTEGER NOT NULL REFERENCES orders(id),
  PRIMARY KEY (return_id, order_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX return_orders_order ON return_orders(order_id);

CREATE TABLE return_lines (
  return_id INTEGER NOT NULL REFERENCES returns(id),
  line_no INTEGER NOT NULL,
  product_id INTEGER NOT NULL REFERENCES products(id),
  -- The status the goods left in (a gift comes back as gift when good).
  status TEXT NOT NULL CHECK (status IN ('good','gift')),
  -- 0 for a line found only at the check (other product, not on the report).
  qty_reported INTEGER NOT NULL CHECK (qty_reported >= 0),
  reason TEXT NOT NULL CHECK (reason IN (${returnReasons})),
  reason_note TEXT NOT NULL DEFAULT '',
  -- The original order line (its price is the credit price; a refusal's refused line).
  order_line_id INTEGER REFERENCES order_lines(id),
  -- Credit per unit: the original order line's price where known, else the list price.
  unit_price_fen INTEGER NOT NULL CHECK (unit_price_fen >= 0),
  -- The keeper's check (NULL until checked) and the reason the keeper confirmed.
  qty_checked INTEGER CHECK (qty_checked IS NULL OR qty_checked >= 0),
  check_reason TEXT CHECK (check_reason IS NULL OR check_reason IN (${returnReasons})),
  -- The return note's split, and the bins the goods were put into.
  qty_good INTEGER CHECK (qty_good IS NULL OR qty_good >= 0),
  qty_damaged INTEGER CHECK (qty_damaged IS NULL OR qty_damaged >= 0),
  good_location_id INTEGER REFERENCES locations(id),
  damaged_location_id INTEGER REFERENCES locations(id),
  credit_fen INTEGER CHECK (credit_fen IS NULL OR credit_fen >= 0),
  -- The damage report the note opened for the damaged part.
  damage_report_id INTEGER REFERENCES damage_reports(id),
  PRIMARY KEY (return_id, line_no),
  CHECK ((qty_good IS NULL) = (qty_damaged IS NULL)),
  CHECK (qty_good IS NULL OR qty_checked IS NULL OR qty_good + qty_damaged <= qty_checked)
) STRICT, WITHOUT ROWID;
CREATE INDEX return_lines_order_line ON return_lines(order_line_id) WHERE order_line_id IS NOT NULL;

-- The return note 退货单: issued by the operator from the report and the check;
-- its number is the posted document's (RR-…). credit_fen: what finance credits
-- the customer. issued_date: the business day, for the monthly analysis.
CREATE TABLE return_notes (
  return_id INTEGER PRIMARY KEY REFERENCES returns(id),
  document_id INTEGER NOT NULL UNIQUE REFERENCES documents(id),
  number TEXT NOT NULL UNIQUE,
  credit_fen INTEGER NOT NULL CHECK (credit_fen >= 0),
  units_good INTEGER NOT NULL CHECK (units_good >= 0),
  units_damaged INTEGER NOT NULL CHECK (units_damaged >= 0),
  issued_by INTEGER NOT NULL REFERENCES users(id),
  issued_at TEXT NOT NULL,
  issued_date TEXT NOT NULL
) STRICT;
CREATE INDEX return_notes_date ON return_notes(issued_date);

-- Which refused lines (migration 14) a refusal return took in at the check.
CREATE TABLE return_refused_lines (
  line_id INTEGER PRIMARY KEY REFERENCES refused_lines(line_id),
  return_id INTEGER NOT NULL REFERENCES returns(id)
) STRICT;
CREATE INDEX return_refused_lines_return ON return_refused_lines(return_id);
`,
};
