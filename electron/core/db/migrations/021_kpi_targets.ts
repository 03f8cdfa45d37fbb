// The KPI tracker's targets and the monthly review (issue 14 items 3 and 4, R14).
// Targets: one per KPI, set by the CS
// manager, in hundredths of the KPI's unit (98.50 % is 9850, 3 late receipts
// is 300) so no target is a float. Every change is audited (entity 'kpiTarget').
// The customer service level (dispatch/delivery/serviceLevel.ts) selects orders
// by their due date, coalesce(promised_date, delivery_date): indexed on that
// expression, so a week of the tracker reads that week's orders, not all of them.
import type { Migration } from './index';

export const kpiTargets: Migration = {
  version: 21,
  name: 'kpi_targets_and_reviews',
  sql: `
CREATE TABLE kpi_targets (
  kpi TEXT PRIMARY KEY,
  target_x100 INTEGER NOT NULL CHECK (target_x100 >= 0),
  set_by INTEGER NOT NULL REFERENCES users(id),
  set_at TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX orders_due ON orders(coalesce(promised_date, delivery_date));

-- The monthly performance review 客户服务部每月业绩回顾表 (issue 14 item 4): the
-- manager's commentary and actions; once signed the figures are kept in it
-- (JSON, as shown) and the row no longer changes.
CREATE TABLE kpi_reviews (
  month TEXT PRIMARY KEY CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'),
  state TEXT NOT NULL CHECK (state IN ('draft','signed')),
  commentary TEXT NOT NULL DEFAULT '',
  actions TEXT NOT NULL DEFAULT '',
  figures TEXT CHECK (figures IS NULL OR json_valid(figures)),
  saved_by INTEGER NOT NULL REFERENCES users(id),
  saved_at TEXT NOT NULL,
  signed_by INTEGER REFERENCES users(id),
  signed_at TEXT,
  CHECK ((state = 'signed') = (signed_at IS NOT NULL AND figures IS NOT NULL))
) STRICT, WITHOUT ROWID;
CREATE TRIGGER kpi_reviews_signed BEFORE UPDATE ON kpi_reviews
  WHEN OLD.state = 'signed'
  BEGIN SELECT RAISE(ABORT, 'a signed review is kept as it was'); END;
`,
};
