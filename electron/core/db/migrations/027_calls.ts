// Follow-up calls 回访 (issue 16 §4, source: cs-complaints-followups 回访规范):
// customers marked "always call" 必须回访; call plans for a day or a week
// built from rules or by hand; each call shared out to a CS person, due by the
// 3-day rule 三天之内回访, recorded with its outcome in the 回访记录表 (one row
// per attempt); the supervisor's written conclusions of the 回访总结报告 per period.
//
// Links to what prompted a call are kept as (source_kind, source_id) rather
// than foreign keys: a call may name an order, a return or a complaint, and
// the complaint register (migration 26) is another slice's table.
import type { Migration } from './index';

const reasons = "'refusal','return','complaintClosed','deliverySample','alwaysCall','byHand'";
const outcomes = "'satisfied','issueRaised','noAnswer','callBack'";

export const calls: Migration = {
  version: 27,
  name: 'calls',
  sql: `
CREATE TABLE call_always (
  customer_id INTEGER PRIMARY KEY REFERENCES customers(id),
  marked_by INTEGER NOT NULL REFERENCES users(id),
  marked_at TEXT NOT NULL
) STRICT;

-- A plan covers one business day or one ISO week (start_date a Monday).
CREATE TABLE call_plans (
  id INTEGER PRIMARY KEY,
  period TEXT NOT NULL CHECK (period IN ('day','week')),
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  -- The rules it was last built with (JSON), shown on the plan.
  rules TEXT NOT NULL DEFAULT '{}',
  built_by INTEGER NOT NULL REFERENCES users(id),
  built_at TEXT NOT NULL,
  shared_by INTEGER REFERENCES users(id),
  shared_at TEXT,
  share_mode TEXT CHECK (share_mode IS NULL OR share_mode IN ('even','area')),
  UNIQUE (period, start_date),
  CHECK (end_date >= start_date)
) STRICT;

CREATE TABLE calls (
  id INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES call_plans(id),
  customer_id INTEGER NOT NULL REFERENCES customers(id),
  reason TEXT NOT NULL CHECK (reason IN (${reasons})),
  source_kind TEXT CHECK (source_kind IS NULL OR source_kind IN ('order','return','complaint')),
  source_id INTEGER,
  source_no TEXT NOT NULL DEFAULT '',
  -- The business day of what prompted the call; due by the 3-day rule.
  prompted_date TEXT NOT NULL,
  due_date TEXT NOT NULL,
  -- Who must not make this call: the person who handled the complaint.
  avoid_user_id INTEGER REFERENCES users(id),
  assigned_to INTEGER REFERENCES users(id),
  state TEXT NOT NULL DEFAULT 'planned' CHECK (state IN ('planned','callBack','done')),
  -- The day it is to be tried next (a retry after no answer moves it on).
  next_date TEXT NOT NULL,
  call_back_at TEXT,
  attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  outcome TEXT CHECK (outcome IS NULL OR outcome IN (${outcomes})),
  done_at TEXT,
  done_date TEXT,
  -- The complaint an "issue raised" opened.
  complaint_id INTEGER,
  note TEXT NOT NULL DEFAULT '',
  created_by INTEGER NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  CHECK ((source_kind IS NULL) = (source_id IS NULL)),
  CHECK ((state = 'done') = (done_at IS NOT NULL)),
  CHECK ((state = 'callBack') = (call_back_at IS NOT NULL))
) STRICT;
CREATE INDEX calls_plan ON calls(plan_id, assigned_to);
CREATE INDEX calls_customer ON calls(customer_id);
CREATE INDEX calls_done ON calls(done_date);
-- A refusal, a return, a closed complaint or a sampled delivery is called about once, whatever the plan.
CREATE UNIQUE INDEX calls_once ON calls(reason, source_kind, source_id) WHERE source_id IS NOT NULL;
-- An always-call customer once per plan.
CREATE UNIQUE INDEX calls_always_once ON calls(plan_id, customer_id) WHERE reason = 'alwaysCall';

-- The 回访记录表: every attempt, by whom, when, with what outcome.
CREATE TABLE call_attempts (
  call_id INTEGER NOT NULL REFERENCES calls(id),
  attempt_no INTEGER NOT NULL CHECK (attempt_no > 0),
  outcome TEXT NOT NULL CHECK (outcome IN (${outcomes})),
  note TEXT NOT NULL DEFAULT '',
  call_back_at TEXT,
  recorded_by INTEGER NOT NULL REFERENCES users(id),
  recorded_at TEXT NOT NULL,
  recorded_date TEXT NOT NULL,
  PRIMARY KEY (call_id, attempt_no)
) STRICT, WITHOUT ROWID;
CREATE INDEX call_attempts_date ON call_attempts(recorded_date);

-- The 回访总结报告's written part for a period; its figures are computed.
CREATE TABLE call_summaries (
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  saved_by INTEGER NOT NULL REFERENCES users(id),
  saved_at TEXT NOT NULL,
  PRIMARY KEY (start_date, end_date)
) STRICT, WITHOUT ROWID;
`,
};
