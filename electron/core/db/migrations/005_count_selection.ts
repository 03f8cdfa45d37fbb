// Stock count 盘点 (issue 5), the rest of the plan: the optional lock of the
// counted bins against postings, and the record of what an ABC cycle selection
// chose when the count started (the classes move with every dispatch, so the
// session keeps the classification it was made from).
import type { Migration } from './index';

export const countSelection: Migration = {
  version: 5,
  name: 'count_selection',
  sql: `
-- 1: while the session is counted (counting, recounting) postings touching its bins are refused.
ALTER TABLE count_sessions ADD COLUMN lock_bins INTEGER NOT NULL DEFAULT 0 CHECK (lock_bins IN (0,1));

-- One row per product an ABC class filter chose at the snapshot: its class and
-- the issue value (fen) it was classified by, over [window_from, window_to).
CREATE TABLE count_selection (
  session_id INTEGER NOT NULL REFERENCES count_sessions(id),
  product_id INTEGER NOT NULL REFERENCES products(id),
  abc_class TEXT NOT NULL CHECK (abc_class IN ('A','B','C')),
  issue_value_fen INTEGER NOT NULL CHECK (issue_value_fen >= 0),
  window_from TEXT NOT NULL,
  window_to TEXT NOT NULL,
  PRIMARY KEY (session_id, product_id)
) STRICT, WITHOUT ROWID;
CREATE TRIGGER count_selection_no_update BEFORE UPDATE ON count_selection
  BEGIN SELECT RAISE(ABORT, 'a count selection is a record'); END;
`,
};
