// Stock count 盘点 (issue 5, R10): count sessions with their snapshot lines,
// the counters' entries (appended, one row per count or scan, never
// overwritten: several counters on one line are summed), and the adjustment
// forms 库存调整表 that change the book only once the CS manager approves.
// Triggers keep closed records closed even against a bug in a service.
import type { Migration } from './index';

const statusList = "'good','damaged','gift'";
const causeList =
  "'miscount','unrecordedReceipt','unrecordedDispatch','unrecordedDamage','wrongProduct','oldNewCodeMixup','unitCaseMixup','theftOrLoss'";

export const stockCounts: Migration = {
  version: 4,
  name: 'stock_counts',
  sql: `
CREATE TABLE count_sessions (
  id INTEGER PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,
  state TEXT NOT NULL CHECK (state IN ('planned','counting','recounting','reconciling','confirmed','closed','cancelled')),
  blind INTEGER NOT NULL CHECK (blind IN (0,1)),
  scope TEXT NOT NULL CHECK (json_valid(scope)),
  tolerance_units INTEGER CHECK (tolerance_units IS NULL OR tolerance_units >= 0),
  tolerance_fen INTEGER CHECK (tolerance_fen IS NULL OR tolerance_fen >= 0),
  note TEXT NOT NULL DEFAULT '',
  created_by INTEGER NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  started_by INTEGER REFERENCES users(id),
  started_at TEXT,
  -- The ledger position (last movement id) at the snapshot: later movements are "movements since".
  snapshot_movement_id INTEGER CHECK (snapshot_movement_id IS NULL OR snapshot_movement_id >= 0),
  counting_finished_at TEXT,
  operator_confirmed_by INTEGER REFERENCES users(id),
  operator_confirmed_at TEXT,
  keeper_confirmed_by INTEGER REFERENCES users(id),
  keeper_confirmed_at TEXT,
  closed_at TEXT,
  cancelled_reason TEXT,
  CHECK (state IN ('planned','cancelled') OR (started_at IS NOT NULL AND snapshot_movement_id IS NOT NULL)),
  -- R10 共同对帐: two people, the operator and the keeper.
  CHECK (operator_confirmed_by IS NULL OR keeper_confirmed_by IS NULL OR operator_confirmed_by <> keeper_confirmed_by)
) STRICT;
CREATE INDEX count_sessions_state ON count_sessions(state, id);

CREATE TABLE count_counters (
  id INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES count_sessions(id),
  user_id INTEGER NOT NULL REFERENCES users(id),
  -- The zone this counter counts; NULL: any bin of the session.
  zone_id INTEGER REFERENCES locations(id)
) STRICT;
CREATE UNIQUE INDEX count_counters_unique ON count_counters(session_id, user_id, ifnull(zone_id, 0));
CREATE INDEX count_counters_user ON count_counters(user_id);

CREATE TABLE count_lines (
  id INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES count_sessions(id),
  product_id INTEGER NOT NULL REFERENCES products(id),
  location_id INTEGER NOT NULL REFERENCES locations(id),
  status TEXT NOT NULL CHECK (status IN (${statusList})),
  snapshot_qty INTEGER NOT NULL CHECK (snapshot_qty >= 0),
  -- 0: found by a counter where the book expected nothing (flagged).
  expected INTEGER NOT NULL CHECK (expected IN (0,1)),
  -- 1: first count; 2+: a recount, which replaces the earlier rounds for this line only.
  round INTEGER NOT NULL DEFAULT 1 CHECK (round >= 1),
  recount_by INTEGER REFERENCES users(id),
  cause TEXT CHECK (cause IS NULL OR cause IN (${causeList})),
  cause_note TEXT NOT NULL DEFAULT '',
  UNIQUE (session_id, product_id, location_id, status),
  CHECK ((round = 1) = (recount_by IS NULL))
) STRICT;
CREATE INDEX count_lines_product ON count_lines(product_id);

CREATE TABLE count_entries (
  id INTEGER PRIMARY KEY,
  line_id INTEGER NOT NULL REFERENCES count_lines(id),
  round INTEGER NOT NULL CHECK (round >= 1),
  user_id INTEGER NOT NULL REFERENCES users(id),
  -- 'add' adds to the counter's own count (a scan, a correction); 'set' replaces it (typed on the sheet).
  kind TEXT NOT NULL CHECK (kind IN ('add','set')),
  qty INTEGER NOT NULL CHECK (kind = 'add' OR qty >= 0),
  -- The ledger position when counted: movements after it happened after the goods were counted.
  ledger_position INTEGER NOT NULL CHECK (ledger_position >= 0),
  scan_id INTEGER UNIQUE REFERENCES scan_log(id),
  at TEXT NOT NULL
) STRICT;
CREATE INDEX count_entries_line ON count_entries(line_id, round, user_id, id);
CREATE INDEX count_entries_user ON count_entries(user_id);
CREATE TRIGGER count_entries_no_update BEFORE UPDATE ON count_entries
  BEGIN SELECT RAISE(ABORT, 'count entries are appended, never changed'); END;
-- Only "undo last scan" takes an entry back, and only while counting.
CREATE TRIGGER count_entries_delete_scans_only BEFORE DELETE ON count_entries
  WHEN OLD.scan_id IS NULL OR (SELECT s.state FROM count_lines l JOIN count_sessions s ON s.id = l.session_id
                               WHERE l.id = OLD.line_id) NOT IN ('counting','recounting')
  BEGIN SELECT RAISE(ABORT, 'a count entry is kept as evidence'); END;
CREATE TRIGGER count_lines_closed BEFORE UPDATE ON count_lines
  WHEN (SELECT state FROM count_sessions WHERE id = OLD.session_id) IN ('closed','cancelled')
  BEGIN SELECT RAISE(ABORT, 'the count session is closed'); END;
CREATE TRIGGER count_sessions_closed BEFORE UPDATE ON count_sessions
  WHEN OLD.state IN ('closed','cancelled')
  BEGIN SELECT RAISE(ABORT, 'the count session is closed'); END;

-- The count a scanner station counts into, chosen on the count page. The scan
-- pipeline owns station_tasks (and keeps it in memory), so the choice lives here
-- and the count task reads it by the scan's station.
CREATE TABLE count_stations (
  station TEXT PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES count_sessions(id),
  user_id INTEGER NOT NULL REFERENCES users(id),
  at TEXT NOT NULL
) STRICT;

CREATE TABLE adjustment_forms (
  id INTEGER PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('count','manual')),
  session_id INTEGER REFERENCES count_sessions(id),
  state TEXT NOT NULL CHECK (state IN ('draft','submitted','approved','rejected')),
  note TEXT NOT NULL DEFAULT '',
  created_by INTEGER NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  submitted_by INTEGER REFERENCES users(id),
  submitted_at TEXT,
  decided_by INTEGER REFERENCES users(id),
  decided_at TEXT,
  comment TEXT,
  document_id INTEGER UNIQUE REFERENCES documents(id),
  CHECK ((kind = 'count') = (session_id IS NOT NULL)),
  CHECK ((state = 'approved') = (document_id IS NOT NULL))
) STRICT;
CREATE INDEX adjustment_forms_state ON adjustment_forms(state, id);
-- One live form per session; rejected ones stay as history.
CREATE UNIQUE INDEX adjustment_forms_live ON adjustment_forms(session_id)
  WHERE session_id IS NOT NULL AND state <> 'rejected';
CREATE TRIGGER adjustment_forms_decided BEFORE UPDATE ON adjustment_forms
  WHEN OLD.state IN ('approved','rejected')
  BEGIN SELECT RAISE(ABORT, 'the adjustment form is decided'); END;

CREATE TABLE adjustment_lines (
  id INTEGER PRIMARY KEY,
  form_id INTEGER NOT NULL REFERENCES adjustment_forms(id),
  line_no INTEGER NOT NULL CHECK (line_no >= 1),
  count_line_id INTEGER REFERENCES count_lines(id),
  product_id INTEGER NOT NULL REFERENCES products(id),
  status TEXT NOT NULL CHECK (status IN (${statusList})),
  location_id INTEGER NOT NULL REFERENCES locations(id),
  qty INTEGER NOT NULL CHECK (qty <> 0),
  unit_cost_fen INTEGER NOT NULL CHECK (unit_cost_fen >= 0),
  cause TEXT NOT NULL CHECK (cause IN (${causeList})),
  note TEXT NOT NULL DEFAULT '',
  UNIQUE (form_id, line_no)
) STRICT;
CREATE TRIGGER adjustment_lines_update_draft_only BEFORE UPDATE ON adjustment_lines
  WHEN (SELECT state FROM adjustment_forms WHERE id = OLD.form_id) <> 'draft'
  BEGIN SELECT RAISE(ABORT, 'only a draft adjustment form changes'); END;
CREATE TRIGGER adjustment_lines_delete_draft_only BEFORE DELETE ON adjustment_lines
  WHEN (SELECT state FROM adjustment_forms WHERE id = OLD.form_id) <> 'draft'
  BEGIN SELECT RAISE(ABORT, 'only a draft adjustment form changes'); END;
CREATE TRIGGER adjustment_lines_insert_draft_only BEFORE INSERT ON adjustment_lines
  WHEN (SELECT state FROM adjustment_forms WHERE id = NEW.form_id) <> 'draft'
  BEGIN SELECT RAISE(ABORT, 'only a draft adjustment form changes'); END;
`,
};
