// The principal's weekly data 运行EDR (issue 17 §2): the principal's product
// codes where they differ from ours, and the log of every export (which week,
// draft or final, a re-send of which earlier export, what it carried).
import type { Migration } from './index';

export const edr: Migration = {
  version: 36,
  name: 'edr',
  sql: `
CREATE TABLE principal_codes (
  product_id INTEGER PRIMARY KEY REFERENCES products(id),
  code TEXT NOT NULL UNIQUE,
  updated_by INTEGER NOT NULL REFERENCES users(id),
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE edr_exports (
  id INTEGER PRIMARY KEY,
  week TEXT NOT NULL,
  draft INTEGER NOT NULL CHECK (draft IN (0, 1)),
  resend_of INTEGER REFERENCES edr_exports(id),
  format TEXT NOT NULL CHECK (format IN ('csv', 'xlsx')),
  sell_out_rows INTEGER NOT NULL CHECK (sell_out_rows >= 0),
  sell_out_qty INTEGER NOT NULL,
  sell_out_fen INTEGER NOT NULL,
  stock_rows INTEGER NOT NULL CHECK (stock_rows >= 0),
  return_rows INTEGER NOT NULL CHECK (return_rows >= 0),
  exported_by INTEGER NOT NULL REFERENCES users(id),
  exported_at TEXT NOT NULL
) STRICT;
CREATE INDEX edr_exports_week ON edr_exports (week, id);

-- The week's sell-out reads the outcomes by delivered day.
CREATE INDEX order_outcomes_delivered ON order_outcomes (delivered_date);

-- The log is a record of what was sent: never edited, never deleted.
CREATE TRIGGER edr_exports_no_update BEFORE UPDATE ON edr_exports
BEGIN SELECT RAISE(ABORT, 'edr_exports is append-only'); END;
CREATE TRIGGER edr_exports_no_delete BEFORE DELETE ON edr_exports
BEGIN SELECT RAISE(ABORT, 'edr_exports is append-only'); END;
`,
};
